// Score sheet figures as the site prints them: two decimals, Chinese names, amounts in 元.
import { toFixed2 } from "../../compute/decimal.ts";
import type { Dec } from "../../compute/decimal.ts";
import type {
  Entry,
  Reward,
  Sanction,
  ScoreSheet,
  UnitScore,
} from "../../compute/scoring/types.ts";
import { REWARD_NAMES, SANCTION_NAMES, zhDate } from "../../text/zh.ts";

export const score2 = (d: Dec): string => toFixed2(d);

const LEDGER_NAMES: Record<Entry["ledger"], string> = {
  petition: "信访事项",
  meeting: "例会",
  "weekly-report": "周报",
};

export const ledgerName = (ledger: Entry["ledger"]) => LEDGER_NAMES[ledger];

/** `第3名`, `第12名（一票否决）`. */
export function rankText(u: UnitScore): string {
  return `第${u.rank}名${u.vetoed ? "（一票否决）" : ""}`;
}

export function rewardTotal(u: UnitScore): number {
  return u.rewards.reduce((sum, r) => sum + r.amount, 0);
}

export function rewardText(r: Reward): string {
  return `${REWARD_NAMES[r.kind]} ${r.amount}元`;
}

export function sanctionName(s: Sanction): string {
  return SANCTION_NAMES[s.kind];
}

/** 重点管理: `自2025年7月15日起3个月，包村领导、包村干部年终考核三等`. */
export function sanctionDetail(s: Sanction): string {
  const parts: string[] = [];
  if (s.issue) parts.push(`问题编号 ${s.issue}`);
  if (s.from && s.months !== undefined) parts.push(`自${zhDate(s.from)}起${s.months}个月`);
  if (s.appraisal) parts.push(`包村领导、包村干部年终考核${s.appraisal}`);
  return parts.join("，");
}

/** Names of the sanctions a unit received, counted: `警告2次、黄牌警告1次`. */
export function sanctionSummary(u: UnitScore): string {
  const counts = new Map<string, number>();
  for (const s of u.sanctions) counts.set(sanctionName(s), (counts.get(sanctionName(s)) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${name}${n}次`).join("、");
}

/** `×0.5 ×2`, or an empty string when no modifier applied. */
export function factorsText(e: Entry): string {
  return e.factors.map((f) => `×${toFixedShort(f)}`).join(" ");
}

/** A decimal without trailing zeros: 0.5, 2, -1.25. */
export function toFixedShort(d: Dec): string {
  const t = toFixed2(d);
  return t.includes(".") ? t.replace(/\.?0+$/, "") : t;
}

/** `截至2025年6月30日` or `2025年度`. */
export function periodText(sheet: ScoreSheet): string {
  return sheet.complete ? `${sheet.year}年度` : `${sheet.year}年（截至${zhDate(sheet.asOf)}）`;
}
