// The score sheet as terminal text: the ranking table, pay lost, and one unit's 扣分明细.
import type { ScoreSheet } from "../compute/scoring/index.ts";
import {
  NO_ENTRIES,
  PAY_ITEM_NAMES,
  VETO_RANK_NOTE,
  appraisalText,
  entriesTitle,
  entryItem,
  factorsText,
  lastPlaceSummary,
  lossMonths,
  lossUnitNames,
  periodSpan,
  points2,
  rankText,
  resultsTitle,
  rewardTotal,
  sanctionSummary,
  scoreSum,
  unitOutcomes,
  vetoText,
} from "../render/wording.ts";
import { yuan } from "../text/zh.ts";
import { table } from "./text-width.ts";

function periodLine(sheet: ScoreSheet): string {
  return `考评期：${periodSpan(sheet)}（${sheet.complete ? "全年" : "年初至今，不计奖励和末位"}）  基础分：${points2(sheet.base)}`;
}

export function scoreText(sheet: ScoreSheet): string {
  const lines: string[] = [];
  lines.push(resultsTitle(sheet));
  lines.push(periodLine(sheet));
  lines.push("");
  const rows = sheet.units.map((u) => {
    const reward = rewardTotal(u);
    return [
      String(u.rank),
      u.name,
      points2(u.score),
      points2(u.deducted),
      u.vetoed ? "是" : "否",
      reward ? String(reward) : "—",
      sanctionSummary(u) || "—",
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
    lines.push(
      `${lastPlaceSummary(
        last.map((u) => u.name),
        sheet.lastPlaceClause,
      )}。`,
    );
  }
  if (sheet.losses.length) {
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
          lossUnitNames(sheet, l),
          PAY_ITEM_NAMES[l.item],
          lossMonths(l),
          String(l.amount),
        ]),
      ),
    );
    const total = sheet.losses.reduce((s, l) => s + l.amount, 0);
    lines.push(`合计 ${yuan(total)}。`);
  }
  if (sheet.appraisals.length) {
    lines.push("");
    lines.push(`年终考核：${sheet.appraisals.map((a) => appraisalText(a)).join("；")}。`);
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

export function unitDetailText(sheet: ScoreSheet, unitId: string): string {
  const u = sheet.units.find((x) => x.id === unitId);
  if (!u) return "";
  const lines: string[] = [];
  const outcomes = unitOutcomes(u, sheet);
  lines.push(entriesTitle(u, sheet));
  lines.push(periodLine(sheet));
  lines.push(
    `得分 ${points2(u.score)}，${rankText(u.rank)}${u.vetoed ? `（${VETO_RANK_NOTE}）` : ""}`,
  );
  lines.push("");
  if (u.entries.length === 0) lines.push(`${NO_ENTRIES}。`);
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
          entryItem(e, u),
          points2(e.base),
          factorsText(e, u),
          points2(e.points),
          e.source,
        ]),
      ),
    );
    lines.push("");
    lines.push(scoreSum(sheet, u));
  }
  const list = (title: string, items: string[], empty: string) => {
    if (items.length === 0) lines.push(`${title}：${empty}`);
    else {
      lines.push(`${title}：`);
      for (const item of items) lines.push(`  ${item}`);
    }
  };
  if (u.vetoes.length) {
    lines.push("");
    list(
      "一票否决",
      u.vetoes.map((v) => vetoText(v, true)),
      "",
    );
  }
  lines.push("");
  if (!sheet.complete) lines.push("奖励：年初至今考评不计奖励。");
  else
    list(
      "奖励",
      u.rewards.length > 1
        ? [...outcomes.rewards, `合计 ${yuan(rewardTotal(u))}`]
        : outcomes.rewards,
      "无",
    );
  list("处理", outcomes.sanctions, "无");
  if (outcomes.losses.length) {
    lines.push("");
    list("经济处理", outcomes.losses, "");
  }
  return `${lines.join("\n")}\n`;
}
