// The score sheet as terminal text: the ranking table, pay lost, and one unit's 扣分明细.
import { toFixed2 } from "../compute/decimal.ts";
import type { Entry, Sanction, ScoreSheet, UnitScore } from "../compute/scoring/index.ts";
import { PAY_ITEM_NAMES, REWARD_NAMES, SANCTION_NAMES, yuan, zhDate } from "../text/zh.ts";
import { table } from "./text-width.ts";

function periodLine(sheet: ScoreSheet): string {
  const span = `${zhDate(`${sheet.year}-01-01`)}至${zhDate(sheet.asOf)}`;
  return `考评期：${span}（${sheet.complete ? "全年" : "年初至今，不计奖励和末位"}）  基础分：${toFixed2(sheet.base)}`;
}

function sanctionSummary(u: UnitScore): string {
  const counts = new Map<string, number>();
  for (const s of u.sanctions) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  const parts: string[] = [];
  for (const [kind, n] of counts) {
    const name = SANCTION_NAMES[kind as Sanction["kind"]];
    parts.push(kind === "veto" ? name : n > 1 ? `${name}${n}次` : name);
  }
  if (u.consequences.includes("last_place")) parts.push("末位");
  return parts.length ? parts.join("、") : "—";
}

export function scoreText(sheet: ScoreSheet): string {
  const lines: string[] = [];
  lines.push(`${sheet.year}年度村（社区）信访工作考评结果`);
  lines.push(periodLine(sheet));
  lines.push("");
  const rows = sheet.units.map((u) => {
    const reward = u.rewards.reduce((s, r) => s + r.amount, 0);
    return [
      String(u.rank),
      u.name,
      toFixed2(u.score),
      toFixed2(u.deducted),
      u.vetoed ? "是" : "否",
      reward ? String(reward) : "—",
      sanctionSummary(u),
    ];
  });
  lines.push(
    table(
      [
        { title: "排名", align: "right" },
        { title: "村（社区）" },
        { title: "得分", align: "right" },
        { title: "扣分", align: "right" },
        { title: "一票否决" },
        { title: "奖励（元）", align: "right" },
        { title: "处理" },
      ],
      rows,
    ),
  );
  const last = sheet.units.filter((u) => u.consequences.includes("last_place"));
  if (last.length && sheet.lastPlaceClause) {
    lines.push("");
    lines.push(`末位：${last.map((u) => u.name).join("、")}，${sheet.lastPlaceClause}。`);
  }
  if (sheet.losses.length) {
    const names = new Map(sheet.units.map((u) => [u.id, u.name]));
    lines.push("");
    lines.push("经济处理");
    lines.push(
      table(
        [
          { title: "姓名" },
          { title: "身份" },
          { title: "村（社区）" },
          { title: "项目" },
          { title: "月数", align: "right" },
          { title: "金额（元）", align: "right" },
        ],
        sheet.losses.map((l) => [
          l.person,
          l.role,
          l.unit === null
            ? (sheet.liaisonUnits.get(l.person) ?? []).map((id) => names.get(id) ?? id).join("、")
            : (names.get(l.unit) ?? l.unit),
          PAY_ITEM_NAMES[l.item],
          l.item === "star_pay" ? "全年" : String(l.months),
          String(l.amount),
        ]),
      ),
    );
    const total = sheet.losses.reduce((s, l) => s + l.amount, 0);
    lines.push(`合计 ${yuan(total)}。`);
  }
  if (sheet.appraisals.length) {
    lines.push("");
    lines.push(
      `年终考核：${sheet.appraisals.map((a) => `${a.person}（${a.role}）定为${a.rating}`).join("；")}。`,
    );
  }
  if (sheet.warnings.length) {
    lines.push("");
    lines.push(
      `提醒：有 ${sheet.warnings.length} 件信访在分值表中没有对应分值，按 0 分计（运行 xinfang check 查看）。`,
    );
  }
  lines.push("");
  lines.push("查看某村（社区）的扣分明细：xinfang score --unit <编号>");
  return `${lines.join("\n")}\n`;
}

function entryItem(e: Entry): string {
  if (e.cell)
    return `${e.clause}（${e.cell.level}级${e.cell.form}${e.cell.unset ? "，未设分值" : ""}）`;
  return e.clause;
}

export function unitDetailText(sheet: ScoreSheet, unitId: string): string {
  const u = sheet.units.find((x) => x.id === unitId);
  if (!u) return "";
  const lines: string[] = [];
  lines.push(`${u.name}（${u.id}）${sheet.year}年度信访工作考评扣分明细`);
  lines.push(periodLine(sheet));
  lines.push(
    `得分 ${toFixed2(u.score)}，第 ${u.rank} 名${u.vetoed ? "（一票否决，排在未被否决的村（社区）之后）" : ""}`,
  );
  lines.push("");
  if (u.entries.length === 0) lines.push("本期没有扣分或加分事项。");
  else {
    lines.push(
      table(
        [
          { title: "日期" },
          { title: "事项" },
          { title: "条款" },
          { title: "基础分", align: "right" },
          { title: "系数" },
          { title: "得分", align: "right" },
          { title: "来源" },
        ],
        u.entries.map((e) => [
          e.date,
          e.event,
          entryItem(e),
          toFixed2(e.base),
          e.free
            ? "首次不扣分"
            : e.modifiers.length
              ? e.modifiers.map((m) => `×${toFixed2(m.factor).replace(/\.?0+$/, "")}`).join("")
              : "—",
          toFixed2(e.points),
          e.source,
        ]),
      ),
    );
    lines.push("");
    lines.push(
      `扣分合计 ${toFixed2(u.deducted)}，加分合计 ${toFixed2(u.added)}，得分 ${toFixed2(sheet.base)} ${u.deducted.n < 0n ? "−" : "+"} ${toFixed2(u.deducted).replace("-", "")}${u.added.n > 0n ? ` + ${toFixed2(u.added)}` : ""} = ${toFixed2(u.score)}`,
    );
  }
  if (u.vetoes.length) {
    lines.push("");
    lines.push("一票否决：");
    for (const v of u.vetoes) lines.push(`  ${v.date}  ${v.event}  ${v.clause}  （${v.source}）`);
  }
  lines.push("");
  if (!sheet.complete) lines.push("奖励：年初至今考评不计奖励。");
  else if (u.rewards.length === 0) lines.push("奖励：无");
  else
    lines.push(
      `奖励：${u.rewards.map((r) => `${REWARD_NAMES[r.kind]}（${r.clause}）${yuan(r.amount)}`).join("；")}，合计 ${yuan(u.rewards.reduce((s, r) => s + r.amount, 0))}`,
    );
  if (u.sanctions.length === 0 && u.consequences.length === 0) lines.push("处理：无");
  else {
    lines.push("处理：");
    for (const s of u.sanctions) {
      const extra =
        s.kind === "key_management"
          ? `，自${zhDate(s.from ?? s.date)}起${s.months}个月，包村领导、干部年终考核定为${s.appraisal}`
          : "";
      lines.push(`  ${SANCTION_NAMES[s.kind]}：${s.clause}（${s.event}，${s.date}${extra}）`);
    }
    if (u.consequences.includes("last_place"))
      lines.push(`  末位：${sheet.lastPlaceClause ?? "末位"}`);
  }
  const mine = sheet.losses.filter(
    (l) =>
      l.unit === u.id ||
      (l.unit === null && (sheet.liaisonUnits.get(l.person) ?? []).includes(u.id)),
  );
  if (mine.length) {
    lines.push("");
    lines.push("经济处理：");
    for (const l of mine)
      lines.push(
        `  ${l.person}（${l.role}）扣除${PAY_ITEM_NAMES[l.item]}${l.item === "star_pay" ? "（全年）" : `${l.months}个月`}，${yuan(l.amount)}`,
      );
  }
  return `${lines.join("\n")}\n`;
}
