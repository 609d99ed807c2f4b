// The 考评方法 and 奖惩办法 clauses printed in plans and agreements, generated from the same
// rules file the scoring engine executes, so what villages sign and what is computed agree.
import { FORMS, LEVELS } from "../../schemas/index.ts";
import type { RuleItem, Rules, When } from "../../schemas/index.ts";
import { cnNumber } from "../text/zh.ts";
import { freeText, pointsText } from "./wording.ts";

const WEEKDAYS = ["", "一", "二", "三", "四", "五", "六", "日"];

/** When the weekly report is due: `每周五17:00前`. */
export function deadlineText(rules: Rules): string {
  const d = rules.weekly_report.deadline;
  return `每周${WEEKDAYS[d.weekday] ?? d.weekday}${d.time}前`;
}

/** A modifier's factor in words: 0.5 → 减半计分, 2 → 加倍计分. */
export function factorText(factor: number): string {
  if (factor === 0.5) return "减半计分";
  if (factor === 2) return "加倍计分";
  return `按分值乘以${factor}计分`;
}

/** A modifier as a clause: `及时发现并提前报送信息、采取稳控措施的，减半计分`. */
export function modifierClause(m: { clause: string; factor: number }): string {
  return `${m.clause}，${factorText(m.factor)}`;
}

/** The free events of an item after its clause, unless the clause already says so. */
function freeNote(free: number, clause: string): string {
  if (free === 0 || clause.includes("不扣分")) return "";
  return `（${freeText(free)}）`;
}

/** 赴县上访，个访一次扣1分、集访一次扣3分、非访一次扣5分 … */
function tableText(item: RuleItem): string[] {
  const out: string[] = [];
  const table = item.table ?? {};
  for (const level of LEVELS) {
    const row = table[level];
    if (!row) continue;
    const cells = FORMS.filter((f) => typeof row[f] === "number").map((f) => ({
      form: f,
      points: row[f] as number,
    }));
    if (cells.length === 0) continue;
    if (cells.every((c) => c.points === 0)) {
      out.push(`群众到${level}上访的不扣分`);
      continue;
    }
    const parts = cells
      .filter((c) => c.points !== 0)
      .map((c) => `${c.form}一次${pointsText(c.points)}`);
    out.push(`发生赴${level}上访，${parts.join("、")}`);
  }
  return out;
}

function itemText(item: RuleItem, rules: Rules): string {
  if (item.table)
    return `${item.clause}：${tableText(item).join("；")}${freeNote(item.free, item.clause)}`;
  const points = item.points ?? 0;
  if (item.ledger === "weekly-report") {
    const exempt = rules.weekly_report.exempt_weeks;
    const weeks = exempt.map((w) => `${w.slice(0, 4)}年第${Number(w.slice(6))}周`);
    const due = `${deadlineText(rules)}报送矛盾纠纷排查报告，没有隐患的报送零报告${weeks.length ? `（${weeks.join("、")}免报）` : ""}`;
    return `${due}；${item.clause}，每次${pointsText(points)}${freeNote(item.free, item.clause)}`;
  }
  return `${item.clause}，每次${pointsText(points)}${freeNote(item.free, item.clause)}`;
}

export interface RuleClauses {
  /** 考评实行百分制 … */
  basis: string;
  /** One clause per scoring item. */
  items: string[];
  /** Modifiers of petition items (减半/加倍). */
  modifiers: string[];
  /** 一票否决 conditions. */
  vetoes: string[];
  /** 奖励 clauses (only paid for the complete year). */
  rewards: string[];
  /** 处理 clauses. */
  sanctions: string[];
}

function whenIsEmpty(w: When | undefined): boolean {
  return !w || Object.keys(w).length === 0;
}

export function ruleClauses(rules: Rules): RuleClauses {
  const basis = `考评实行百分制，基础分${rules.base}分，按下列标准扣分${rules.items.some((i) => (i.points ?? 0) > 0) ? "或加分" : ""}，年终按得分高低排名；考评结果每月通报一次（年初至当月末累计），年终进行总评。`;
  const modifiers = rules.items.flatMap((i) => i.modifiers.map(modifierClause));
  const vetoes = rules.vetoes.map((v) => v.clause);
  const rewards: string[] = [];
  const rank = rules.rewards.rank;
  if (rank.length)
    rewards.push(
      `年终考评得分${rank.map((amount, i) => `第${cnNumber(i + 1)}名的奖励${amount}元`).join("，")}；得分相同的并列，各得其名次的奖励`,
    );
  const tiers = rules.rewards.clean_record;
  if (tiers.length)
    rewards.push(
      `${tiers.map((t) => `${t.clause}，奖励${t.amount}元`).join("；")}${tiers.length > 1 ? "（不重复奖励，取最高一档）" : ""}`,
    );
  if (rules.vetoes.length) rewards.push("被一票否决的村（社区）不得参加评先评优，不享受上述奖励");
  if (rules.rewards.last_place)
    rewards.push(`年终考评排名末位的村（社区），${rules.rewards.last_place}`);
  const sanctions: string[] = [];
  const s = rules.sanctions;
  if (s.warning) sanctions.push(`${s.warning.clause}，每次给予警告`);
  if (s.yellow_card) {
    sanctions.push(
      `${s.yellow_card.clause}，给予黄牌警告，扣除该村（社区）两委成员${s.yellow_card.committee_subsidy_months}个月村级补贴，扣除包村领导、包村干部${s.yellow_card.liaison_award_months}个月精神文明奖`,
    );
  }
  if (s.key_management) {
    const k = s.key_management;
    sanctions.push(
      `${k.clause}，列为重点管理村（社区），重点管理期${k.months}个月；期间扣除两委成员村级补贴和包村领导、包村干部精神文明奖，包村领导、包村干部年终考核定为${k.appraisal}`,
    );
  }
  if (s.veto) {
    const v = s.veto;
    sanctions.push(
      `被一票否决的，扣除该村（社区）两委成员${v.committee_subsidy_months}个月村级补贴${v.committee_star_pay ? "和全年星级评定工资" : ""}，扣除包村领导、包村干部${v.liaison_award_months}个月精神文明奖`,
    );
  }
  if (sanctions.length) sanctions.push("同一人员同一项目的扣除月数合并计算，最多扣除12个月");
  return {
    basis,
    items: rules.items
      .filter((i) => !whenIsEmpty(i.when) || i.table || i.points !== undefined)
      .map((i) => itemText(i, rules)),
    modifiers,
    vetoes,
    rewards,
    sanctions,
  };
}
