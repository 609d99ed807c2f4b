// The 考评办法 and 奖惩办法 printed in plans and agreements, generated from the same rules file the
// scoring engine executes, so what villages sign and what is computed agree. Clauses read as an
// office writes them: `请假的，第一次不扣分，第二次起每次扣2分`; a table cell that a veto covers is
// printed once, as 一票否决; the cells the table leaves empty are named, with what they score.
import { FORMS, LEVELS, cellVetoes, labelOf } from "../../schemas/index.ts";
import type { Form, Level, RuleItem, Rules, When } from "../../schemas/index.ts";
import { isoWeekDate } from "../calendar/calendar.ts";
import { money, zhMonthDay, zhTime } from "../text/zh.ts";
import { LEVEL_VISIT, SANCTION_NAMES, factorText, perEventText, pointsText } from "./wording.ts";

const WEEKDAYS = ["", "一", "二", "三", "四", "五", "六", "日"];

/** When the weekly report is due: `每周五17时前`. */
export function deadlineText(rules: Rules): string {
  const d = rules.weekly_report.deadline;
  return `每周${WEEKDAYS[d.weekday] ?? d.weekday}${zhTime(d.time)}前`;
}

/** The exempt weeks in words: `第40周（9月29日至10月5日）`. */
export function exemptWeeksText(rules: Rules): string {
  return [...rules.weekly_report.exempt_weeks]
    .sort()
    .map(
      (w) =>
        `第${Number(w.slice(6))}周（${zhMonthDay(isoWeekDate(w, 1))}至${zhMonthDay(isoWeekDate(w, 7))}）`,
    )
    .join("、");
}

/** A modifier as a clause: `及时发现并提前报送信息、采取稳控措施的，减半计分`. */
export function modifierClause(m: { clause: string; factor: number }): string {
  return `${m.clause}，${factorText(m.factor)}`;
}

/** Who a clause is about: every village (plans) or the one that signs (its 责任书). */
export interface ClauseParty {
  /** `村（社区）` in a plan; `乙方` in a village's own 责任书. */
  party?: "乙方";
}

/** A clause without a closing note that says which events pass (`请假的（第一次不扣分）` → `请假的`). */
function withoutFreeNote(clause: string, free: number): string {
  return free > 0 ? clause.replace(/（[^（）]*不扣分[^（）]*）$/, "") : clause;
}

/** A cell of a petition table: its points, or null when unset; vetoed when a veto covers it. */
interface Cell {
  level: Level;
  form: Form;
  points: number | null;
  vetoed: boolean;
}

function cellsOf(item: RuleItem, rules: Rules): Cell[] {
  const table = item.table ?? {};
  return LEVELS.flatMap((level) =>
    FORMS.map((form) => {
      const v = table[level]?.[form];
      return {
        level,
        form,
        points: typeof v === "number" ? v : null,
        vetoed: cellVetoes(rules, level, form).length > 0,
      };
    }),
  );
}

/** The cells a table leaves empty and no veto covers: `赴县重访，赴市重访、非访`. */
export function gapsText(cells: readonly Cell[]): string {
  const byLevel = new Map<Level, Form[]>();
  for (const c of cells) {
    if (c.points !== null || c.vetoed) continue;
    const list = byLevel.get(c.level) ?? [];
    list.push(c.form);
    byLevel.set(c.level, list);
  }
  return [...byLevel]
    .map(([level, forms]) => `${LEVEL_VISIT[level]}${forms.join("、")}`)
    .join("，");
}

/** One level of a petition table, veto cells left out: `赴县上访的，个访每次扣1分、集访每次扣3分`. */
function levelRow(level: Level, cells: readonly Cell[]): { item: string; points: string } | null {
  const set = cells.filter(
    (c): c is Cell & { points: number } => c.level === level && c.points !== null && !c.vetoed,
  );
  if (set.length === 0) return null;
  const visit = LEVEL_VISIT[level];
  if (set.every((c) => c.points === 0)) {
    const all = set.length === FORMS.length;
    return {
      item: all ? `${visit}上访` : `${visit}${set.map((c) => c.form).join("、")}`,
      points: "不扣分",
    };
  }
  const only = set.length === 1 ? set[0] : undefined;
  if (only) return { item: `${visit}${only.form}`, points: `每次${pointsText(only.points)}` };
  return {
    item: `${visit}上访`,
    points: set
      .map((c) => `${c.form}${c.points === 0 ? "不扣分" : `每次${pointsText(c.points)}`}`)
      .join("、"),
  };
}

/**
 * A petition table as an item: the destinations that cost points after the clause
 * (`赴县上访的，个访每次扣1分、集访每次扣3分；…`), then — in a sentence of their own, so a visit to
 * the town is never filed under the clause (越级上访) — what scores nothing: `群众到镇上访的不扣分；
 * 分值表未列明的情形（…）也不扣分`.
 */
function tableText(item: RuleItem, rules: Rules): string {
  const cells = cellsOf(item, rules);
  const costs: string[] = [];
  const free: string[] = [];
  for (const level of LEVELS) {
    const row = levelRow(level, cells);
    if (!row) continue;
    if (row.points === "不扣分") free.push(`群众${row.item}的不扣分`);
    else costs.push(`${row.item}的，${row.points}`);
  }
  const gaps = gapsText(cells);
  if (gaps) free.push(`分值表未列明的情形（${gaps}）${free.length ? "也" : ""}不扣分`);
  const head = costs.length ? `${item.clause}：${costs.join("；")}` : "";
  return [head, free.join("；")].filter((x) => x !== "").join("。");
}

/** The weekly report's duty: `每周五17时前报送矛盾纠纷排查报告，没有隐患的报送零报告（第40周…免报）`. */
function weeklyDuty(rules: Rules): string {
  const weeks = exemptWeeksText(rules);
  return `${deadlineText(rules)}报送矛盾纠纷排查报告，没有隐患的报送零报告${weeks ? `，${weeks}免报` : ""}`;
}

function itemText(item: RuleItem, rules: Rules): string {
  if (item.table) return tableText(item, rules);
  const rule = `${withoutFreeNote(item.clause, item.free)}，${perEventText(item.points ?? 0, item.free)}`;
  return item.ledger === "weekly-report" ? `${weeklyDuty(rules)}；${rule}` : rule;
}

export interface RuleClauses {
  /** 考评实行百分制 … */
  basis: string;
  /** One clause per scoring item. */
  items: string[];
  /** Modifiers of items (减半/加倍), as one sentence; null without modifiers. */
  modifiers: string | null;
  /** 一票否决: the conditions and what a veto does to the ranking, as one sentence; null without. */
  vetoes: string | null;
  /** 1. 奖励 (only paid for the complete year). */
  rewards: string[];
  /** 2. 处理: warnings, yellow cards, key management, 末位. */
  sanctions: string[];
  /** 3. 经济处理: the pay each sanction withholds. */
  economic: string[];
  /** The 奖惩办法 as numbered heads (奖励, 处理, 经济处理), the empty ones left out. */
  heads: { name: string; clauses: string[] }[];
}

function whenIsEmpty(w: When | undefined): boolean {
  return !w || Object.keys(w).length === 0;
}

/** The items a plan prints: every item that can match something. */
function printedItems(rules: Rules): RuleItem[] {
  return rules.items.filter((i) => !whenIsEmpty(i.when) || i.table || i.points !== undefined);
}

export function ruleClauses(rules: Rules, who: ClauseParty = {}): RuleClauses {
  const us = who.party === "乙方";
  const basis = `${rules.base === 100 ? "考评实行百分制，基础分100分" : `考评基础分为${rules.base}分`}，按下列标准扣分${rules.items.some((i) => (i.points ?? 0) > 0) ? "或加分" : ""}，年终按得分高低排名；考评结果每月通报一次（年初至当月末累计），年终进行总评。`;
  const mods = rules.items.flatMap((i) => i.modifiers.map(modifierClause));
  const modifiers = mods.length
    ? `扣分时有下列情形的，按相应系数计分（同时有几种情形的，系数相乘）：${mods.join("；")}`
    : null;
  const vetoes = rules.vetoes.length
    ? `有下列情形之一的，实行一票否决：${rules.vetoes.map((v, i) => `（${i + 1}）${v.clause}`).join("；")}。${us ? "乙方被一票否决的，考评得分照常计算，排名列于其他未被否决的村（社区）之后" : "被一票否决的村（社区），考评得分照常计算，排名列于未被否决的村（社区）之后"}`
    : null;

  const rewards: string[] = [];
  const rank = rules.rewards.rank;
  if (rank.length)
    rewards.push(
      `年终考评得分${rank.map((amount, i) => `第${["一", "二", "三"][i] ?? i + 1}名的奖励${money(amount)}`).join("，")}，得分相同的并列，各得其名次的奖励`,
    );
  const tiers = rules.rewards.clean_record;
  if (tiers.length)
    rewards.push(
      `${tiers.map((t) => `${t.clause}，奖励${money(t.amount)}`).join("；")}${tiers.length > 1 ? "（不重复奖励，取最高一档）" : ""}`,
    );
  if (rules.vetoes.length && rewards.length)
    rewards.push(
      us
        ? "乙方被一票否决的，不得参加评先评优，不享受上述奖励"
        : "被一票否决的村（社区）不得参加评先评优，不享受上述奖励",
    );

  const sanctions: string[] = [];
  const economic: string[] = [];
  const s = rules.sanctions;
  if (s.warning) sanctions.push(`${s.warning.clause}，每次给予${SANCTION_NAMES.warning}`);
  if (s.yellow_card) {
    sanctions.push(`${s.yellow_card.clause}，给予${SANCTION_NAMES.yellow_card}`);
    economic.push(
      `给予黄牌警告的，扣除${us ? "乙方" : "该村（社区）"}两委成员${s.yellow_card.committee_subsidy_months}个月村级补贴，扣除包村领导、包村干部${s.yellow_card.liaison_award_months}个月精神文明奖`,
    );
  }
  if (s.key_management) {
    const k = s.key_management;
    sanctions.push(
      `${k.clause}，列为${SANCTION_NAMES.key_management}对象，重点管理${k.months}个月，包村领导、包村干部年终考核定为${k.appraisal}`,
    );
    economic.push(
      `重点管理期间，扣除${us ? "乙方" : "该村（社区）"}两委成员村级补贴和包村领导、包村干部精神文明奖`,
    );
  }
  if (rules.rewards.last_place)
    sanctions.push(
      us
        ? `乙方年终考评排名末位的，${rules.rewards.last_place}`
        : `年终考评排名末位的村（社区），${rules.rewards.last_place}`,
    );
  if (s.veto) {
    const v = s.veto;
    economic.push(
      `被一票否决的，扣除${us ? "乙方" : "该村（社区）"}两委成员${v.committee_subsidy_months}个月村级补贴${v.committee_star_pay ? "和全年星级评定工资" : ""}，扣除包村领导、包村干部${v.liaison_award_months}个月精神文明奖`,
    );
  }
  if (economic.length) economic.push("同一人员同一项目的扣除月数合并计算，最多扣除12个月");
  const heads = [
    { name: "奖励", clauses: rewards },
    { name: "处理", clauses: sanctions },
    { name: "经济处理", clauses: economic },
  ].filter((h) => h.clauses.length > 0);
  return {
    basis,
    items: printedItems(rules).map((i) => itemText(i, rules)),
    modifiers,
    vetoes,
    rewards,
    sanctions,
    economic,
    heads,
  };
}

/** One row of the 考评细则 table (序号 / 考评项目 / 分值 / 评分标准). */
export interface RuleRow {
  item: string;
  points: string;
  standard: string;
}

/** A factor, short, for a table cell: 减半, 加倍, ×1.5. */
function factorShort(factor: number): string {
  const text = factorText(factor);
  return text === "减半计分" ? "减半" : text === "加倍计分" ? "加倍" : `×${factor}`;
}

/**
 * The weekly report's duty as a sentence of its own, for the text above the 考评细则 table:
 * `各村（社区）每周五17时前报送矛盾纠纷排查报告，没有隐患的报送零报告，第40周（…）免报。`;
 * null when no item scores the weekly report.
 */
export function weeklyDutySentence(rules: Rules): string | null {
  if (!printedItems(rules).some((i) => i.ledger === "weekly-report")) return null;
  return `各村（社区）${weeklyDuty(rules)}。`;
}

/**
 * The 考评细则 as a table: each item (a petition table cell by cell, a destination that scores
 * nothing in one row, then its empty cells), each modifier and each veto condition. The weekly
 * report's duty goes above the table (weeklyDutySentence), so no cell is a paragraph.
 */
export function ruleRows(rules: Rules): RuleRow[] {
  const rows: RuleRow[] = [];
  for (const item of printedItems(rules)) {
    if (item.table) {
      const cells = cellsOf(item, rules);
      for (const level of LEVELS) {
        const set = cells.filter(
          (c): c is Cell & { points: number } =>
            c.level === level && c.points !== null && !c.vetoed,
        );
        if (set.length === 0) continue;
        const visit = LEVEL_VISIT[level];
        if (set.every((c) => c.points === 0)) {
          const what =
            set.length === FORMS.length
              ? `${visit}上访`
              : `${visit}${set.map((c) => c.form).join("、")}`;
          rows.push({ item: what, points: "不扣分", standard: `群众${what}的不扣分` });
          continue;
        }
        for (const c of set)
          rows.push({
            item: `${visit}${c.form}`,
            points: pointsText(c.points),
            standard: `群众${visit}${c.form}的，${perEventText(c.points, 0)}`,
          });
      }
      const gaps = gapsText(cells);
      if (gaps)
        rows.push({
          item: "其他去向和形式",
          points: "不扣分",
          standard: `${gaps}，分值表未列明，也不属于一票否决`,
        });
      continue;
    }
    rows.push({
      item: labelOf(item),
      points: pointsText(item.points ?? 0),
      standard: `${withoutFreeNote(item.clause, item.free)}，${perEventText(item.points ?? 0, item.free)}`,
    });
  }
  for (const item of rules.items)
    for (const m of item.modifiers)
      rows.push({ item: labelOf(m), points: factorShort(m.factor), standard: modifierClause(m) });
  for (const v of rules.vetoes)
    rows.push({ item: labelOf(v), points: SANCTION_NAMES.veto, standard: v.clause });
  return rows;
}
