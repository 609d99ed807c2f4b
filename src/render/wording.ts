// The words of scoring, written once: names of sanctions, rewards, pay items and ledgers; points,
// ranks and periods as printed; the sentences that describe an entry, a veto, a reward, a
// sanction, a loss and a unit's results. The templates (through views.ts), `xinfang score` and
// the site all print these and compose none of their own.
//
// Every function takes plain data and gives plain text. User text (clauses, names, event ids)
// passes through `esc`: views.ts gives the Markdown escape, the CLI and the site (whose Astro
// expressions escape by themselves) leave it as is. Figures stay exact decimals until printed:
// sums are decimal sums, rounding happens once, where a figure becomes text.
import { labelOf } from "../../schemas/index.ts";
import type { Form, LedgerKind, Level } from "../../schemas/index.ts";
import { addDays } from "../calendar/calendar.ts";
import { ZERO, add, cmp, dec, toFixed2, toText } from "../compute/decimal.ts";
import type { Dec } from "../compute/decimal.ts";
import { lossUnits, unitLosses } from "../compute/scoring/index.ts";
import type {
  Appraisal,
  Entry,
  EventFacts,
  Loss,
  PayItem,
  Reward,
  Sanction,
  SanctionKind,
  ScoreSheet,
  UnitScore,
  VetoHit,
} from "../compute/scoring/index.ts";
import { LEVEL_VISIT, cnNumber, money, yuan, zhDate, zhMonthDay } from "../text/zh.ts";

/** How user text is escaped for the output at hand. */
export type Escape = (text: string) => string;
const plain: Escape = (text) => text;

// ---------------------------------------------------------------------------------------------
// Names

export const SANCTION_NAMES: Record<SanctionKind, string> = {
  warning: "警告",
  yellow_card: "黄牌警告",
  key_management: "重点管理",
  veto: "一票否决",
};

export const REWARD_NAMES: Record<Reward["kind"], string> = {
  rank: "名次奖励",
  clean_record: "无信访奖励",
};

export const PAY_ITEM_NAMES: Record<PayItem, string> = {
  monthly_subsidy: "村级补贴",
  star_pay: "星级评定工资",
  monthly_award: "精神文明奖",
};

export const LEDGER_NAMES: Record<LedgerKind, string> = {
  petition: "信访事项",
  meeting: "信访工作例会",
  "weekly-report": "周排查报告",
};

/** How a petition reaches a level: 到镇, 赴县, 赴市, 赴省, 进京. */
export { LEVEL_VISIT };

/** What a unit did about a meeting, as the ledger records it. */
export const MEETING_STATUS: Record<"absent" | "leave", string> = {
  absent: "无故缺席",
  leave: "请假",
};

/** The consequence of the last rank, as a name (tags, summaries). */
export const LAST_PLACE = "末位";

/** The rules' own title, else `2025年度村（社区）信访工作考评细则`. */
export function rulesTitle(year: number, title?: string | null): string {
  return title ?? `${year}年度村（社区）信访工作考评细则`;
}

// ---------------------------------------------------------------------------------------------
// Figures

/** Points in tables: two decimals, rounded half away from zero (`-1.50`, `82.00`). */
export function points2(d: Dec): string {
  return toFixed2(d);
}

/** Points in sentences: at most two decimals, no trailing zeros (`1.5`, `18`, `0.75`). */
export function pointsShort(d: Dec): string {
  const t = toFixed2(d);
  return t.replace(/\.?0+$/, "");
}

/**
 * Points as a verb: −5 → 扣5分, 2 → 加2分, 0 → 不扣分. A number is a value written in the rules
 * and prints as written; a decimal is computed and prints with at most two decimals.
 */
export function pointsText(points: number | Dec): string {
  const sign = typeof points === "number" ? Math.sign(points) : cmp(points, ZERO);
  if (sign === 0) return "不扣分";
  const abs =
    typeof points === "number"
      ? toText(dec(Math.abs(points)))
      : pointsShort(sign < 0 ? { n: -points.n, scale: points.scale } : points);
  return `${sign < 0 ? "扣" : "加"}${abs}分`;
}

/** The events an item lets pass: 1 → 首次不扣分, 2 → 前二次不扣分. */
export function freeText(free: number): string {
  return free === 1 ? "首次不扣分" : `前${cnNumber(free)}次不扣分`;
}

/**
 * An item's points with the events it lets pass, as a clause says it: (−2, 1) →
 * `第一次不扣分，第二次起每次扣2分`; (−2, 2) → `前两次不扣分，第三次起每次扣2分`; (−5, 0) → `每次扣5分`.
 */
export function perEventText(points: number, free: number): string {
  const each = points === 0 ? "不扣分" : `每次${pointsText(points)}`;
  if (free === 0) return each;
  const passed = free === 1 ? "第一次" : `前${free === 2 ? "两" : cnNumber(free)}次`;
  return `${passed}不扣分，第${cnNumber(free + 1)}次起${each}`;
}

/** A modifier's factor in words: 0.5 → 减半计分, 2 → 加倍计分, 1.5 → 按分值乘以1.5计分. */
export function factorText(factor: number | Dec): string {
  const f = typeof factor === "number" ? toText(dec(factor)) : toText(factor);
  if (f === "0.5") return "减半计分";
  if (f === "2") return "加倍计分";
  return `按分值乘以${f}计分`;
}

/** Which of the passed events this is: 1 → 首次不扣分, 2 → 第二次不扣分. */
export function freeEventText(k: number): string {
  return k === 1 ? "首次不扣分" : `第${cnNumber(k)}次不扣分`;
}

/** `第3名`. */
export function rankText(rank: number): string {
  return `第${rank}名`;
}

/** A rank in a notice: `第12名（一票否决）`. */
function noticeRankText(r: { rank: number; vetoed: boolean }): string {
  return `${rankText(r.rank)}${r.vetoed ? "（一票否决）" : ""}`;
}

/**
 * A unit's rank in the latest notice against the one before: `第5名 → 第3名，上升2名`; with no
 * notice before, the rank alone.
 */
export function rankChangeText(
  now: { rank: number; vetoed: boolean },
  before?: { rank: number; vetoed: boolean },
): string {
  if (!before) return noticeRankText(now);
  const d = before.rank - now.rank;
  const change = d > 0 ? `上升${d}名` : d < 0 ? `下降${-d}名` : "名次不变";
  return `${noticeRankText(before)} → ${noticeRankText(now)}，${change}`;
}

/** `第10名（共12个村（社区））`. */
export function rankAmong(rank: number, units: number): string {
  return `${rankText(rank)}（共${units}个村（社区））`;
}

/** Why a vetoed unit stands where it stands. */
export const VETO_RANK_NOTE = "一票否决，排在未被否决的村（社区）之后";

/** What a veto does to a unit's score, rank and rewards. */
export const VETO_RULE =
  "被一票否决的村（社区）保留计算得分，排在所有未被否决的村（社区）之后，不得奖励";

/** How a score is made and ranked. */
export const SCORE_RULE =
  "得分 = 基础分 + 各项得分（扣分为负、加分为正，系数相乘），按精确值排名，显示时保留两位小数";

/** A unit without entries in the period. */
export const NO_ENTRIES = "本期没有扣分或加分事项";

/** Sum of a unit's rewards in yuan. */
export function rewardTotal(u: UnitScore): number {
  return u.rewards.reduce((sum, r) => sum + r.amount, 0);
}

// ---------------------------------------------------------------------------------------------
// Periods and titles

type Period = Pick<ScoreSheet, "year" | "asOf" | "complete">;

/**
 * The period a sheet covers: `2025年度`; year to date at a month end `2025年1月`, `2025年1—6月`;
 * otherwise `2025年1月1日至2025年6月15日`.
 */
export function periodText(p: Period): string {
  if (p.complete) return `${p.year}年度`;
  const month = Number(p.asOf.slice(5, 7));
  if (addDays(p.asOf, 1).slice(8, 10) === "01")
    return month === 1 ? `${p.year}年1月` : `${p.year}年1—${month}月`;
  return `${p.year}年1月1日至${zhDate(p.asOf)}`;
}

/** `2025年1月1日至2025年12月31日`. */
export function periodSpan(p: Period): string {
  return `${zhDate(`${p.year}-01-01`)}至${zhDate(p.asOf)}`;
}

/** `2025年度村（社区）信访工作考评结果`. */
export function resultsTitle(p: Period): string {
  return `${periodText(p)}村（社区）信访工作考评结果`;
}

/** `2025年度村（社区）信访工作考评得分排名`. */
export function rankingTitle(p: Period): string {
  return `${periodText(p)}村（社区）信访工作考评得分排名`;
}

/** `南湾村2025年度信访工作考评得分表`. */
export function scoringSheetTitle(unitName: string, year: number): string {
  return `${unitName}${year}年度信访工作考评得分表`;
}

/** `2025年度村（社区）信访工作考评得分表` (every village's, attached to the annual notice). */
export function scoringSheetsTitle(year: number): string {
  return `${year}年度村（社区）信访工作考评得分表`;
}

/** `南湾村（nanwan）2025年度信访工作考评扣分明细`. */
export function entriesTitle(u: UnitScore, p: Period): string {
  return `${u.name}（${u.id}）${periodText(p)}信访工作考评扣分明细`;
}

// ---------------------------------------------------------------------------------------------
// Entries of the audit trail

/** A petition table cell: `赴县个访`, `进京个访`, `到镇集访`. */
export function cellText(cell: { level: Level; form: Form }): string {
  return `${LEVEL_VISIT[cell.level]}${cell.form}`;
}

/**
 * What happened, as a printed document says it (no ids, no ISO dates or weeks):
 * `9月22日进京个访`, `7月信访工作例会（7月15日）请假`, `第27周（7月4日截止）未报送`.
 */
export function eventWhat(facts: EventFacts, date: string, esc: Escape = plain): string {
  switch (facts.ledger) {
    case "petition":
      return `${zhMonthDay(date)}${cellText(facts)}`;
    case "meeting": {
      const name = facts.title ? esc(facts.title) : `${Number(date.slice(5, 7))}月例会`;
      return `${name}（${zhMonthDay(date)}）${MEETING_STATUS[facts.status]}`;
    }
    case "weekly-report":
      return `第${facts.week}周（${zhMonthDay(date)}截止）${facts.submitted ? "逾期报送" : "未报送"}`;
  }
}

/** Which of an item's passed events an entry is (1 for the first), 0 when it is not one. */
function freeIndex(e: Entry, u: UnitScore): number {
  if (!e.free) return 0;
  let k = 0;
  for (const x of u.entries) {
    if (x.rule === e.rule && x.free) k++;
    if (x === e) break;
  }
  return k;
}

/**
 * An entry as the 事项 of a printed scoring sheet: the event, then what made its points —
 * `9月22日进京个访（一票否决）`, `3月5日赴县集访（提前报送，减半计分）`,
 * `11月信访工作例会（11月13日）请假（首次不扣分）`, `5月20日赴市重访（分值表未列，不扣分）`.
 */
export function entryEvent(e: Entry, u: UnitScore, esc: Escape = plain): string {
  const notes: string[] = [];
  const vetoed = u.vetoes.some((v) => v.event === e.event);
  if (vetoed) notes.push(SANCTION_NAMES.veto);
  const k = freeIndex(e, u);
  if (k > 0) notes.push(freeEventText(k));
  else for (const m of e.modifiers) notes.push(`${esc(m.label)}，${factorText(m.factor)}`);
  if (e.cell?.unset && !vetoed) notes.push("分值表未列，不扣分");
  return `${eventWhat(e.facts, e.date, esc)}${notes.length ? `（${notes.join("；")}）` : ""}`;
}

/** The event with its ledger: `信访工作例会 M-11:nanwan`. */
export function eventText(e: Pick<Entry, "ledger" | "event">, esc: Escape = plain): string {
  return `${LEDGER_NAMES[e.ledger]} ${esc(e.event)}`;
}

/**
 * What follows an entry's clause: the table cell, and whether the event was vetoed or its cell
 * has no points — `（赴县个访）`, `（进京个访，一票否决）`, `（赴市重访，未设分值）`; "" without a cell.
 */
export function entryCellNote(e: Entry, u: UnitScore): string {
  if (!e.cell) return "";
  const vetoed = u.vetoes.some((v) => v.event === e.event);
  return `（${cellText(e.cell)}${vetoed ? "，一票否决" : e.cell.unset ? "，未设分值" : ""}）`;
}

/** The item an entry counts under: `群众上访的（赴县个访）`, `请假的`. */
export function entryItem(e: Entry, u: UnitScore, esc: Escape = plain): string {
  return `${esc(e.clause)}${entryCellNote(e, u)}`;
}

/** A modifier applied to an entry: `×0.5：及时发现并提前报送信息、采取稳控措施的`. */
export function modifierText(m: Entry["modifiers"][number], esc: Escape = plain): string {
  return `×${toText(m.factor)}：${esc(m.clause)}`;
}

/**
 * The factor column: `×0.5×2`; for an event the item lets pass, which one it is (`首次不扣分`,
 * `第二次不扣分`); `—` when nothing applied.
 */
export function factorsText(e: Entry, u: UnitScore): string {
  if (e.free) return freeEventText(freeIndex(e, u));
  if (e.factors.length === 0) return "—";
  return e.factors.map((f) => `×${toText(f)}`).join("");
}

/** A unit's totals: `基础分 100.00，扣分 -18.00，加分 0.00`. */
export function totalsText(sheet: ScoreSheet, u: UnitScore): string {
  return `基础分 ${points2(sheet.base)}，扣分 ${points2(u.deducted)}，加分 ${points2(u.added)}`;
}

/** `扣分合计 -18.00，加分合计 0.00，得分 100.00 − 18.00 = 82.00`. */
export function scoreSum(sheet: ScoreSheet, u: UnitScore): string {
  const minus = `${u.deducted.n < 0n ? "−" : "+"} ${points2(u.deducted).replace("-", "")}`;
  const plus = u.added.n > 0n ? ` + ${points2(u.added)}` : "";
  return `扣分合计 ${points2(u.deducted)}，加分合计 ${points2(u.added)}，得分 ${points2(sheet.base)} ${minus}${plus} = ${points2(u.score)}`;
}

/**
 * A unit's points by kind, for the results notice: `东坡村：赴县个访3件（扣3分）、未按时报送周排查
 * 报告1次（扣5分），合计扣8分。` Sums are exact; each figure is rounded once, as printed.
 */
export function deductionSummary(u: UnitScore, esc: Escape = plain): string {
  const groups = new Map<string, { label: string; unit: string; count: number; points: Dec }>();
  let total = ZERO;
  for (const e of u.entries) {
    if (e.points.n === 0n) continue;
    const label = e.cell ? cellText(e.cell) : e.label;
    const g = groups.get(label) ?? { label, unit: e.cell ? "件" : "次", count: 0, points: ZERO };
    g.count++;
    g.points = add(g.points, e.points);
    groups.set(label, g);
    total = add(total, e.points);
  }
  const parts = [...groups.values()].map(
    (g) => `${esc(g.label)}${g.count}${g.unit}（${pointsText(g.points)}）`,
  );
  return `${esc(u.name)}：${parts.join("、")}，合计${pointsText(total)}。`;
}

// ---------------------------------------------------------------------------------------------
// Vetoes, rewards, sanctions, losses

/**
 * A veto: `发生赴京上访的（P-2025-0214，2025年9月22日）`; with the source,
 * `…（P-2025-0214，2025年9月22日，ledger/2025/petitions.yaml:3366）`.
 */
export function vetoText(v: VetoHit, withSource = false, esc: Escape = plain): string {
  const source = withSource ? `，${esc(v.source)}` : "";
  return `${esc(v.clause)}（${esc(v.event)}，${zhDate(v.date)}${source}）`;
}

/** `一票否决：发生赴京上访的（P-2025-0214，2025年9月22日）`. */
export function vetoLine(v: VetoHit, esc: Escape = plain): string {
  return `${SANCTION_NAMES.veto}：${vetoText(v, false, esc)}`;
}

/** `全年未发生市级以上信访的，奖励2000元`. */
export function rewardText(r: Reward, esc: Escape = plain): string {
  return `${esc(r.clause)}，奖励${yuan(r.amount)}`;
}

/** `无信访奖励：全年未发生市级以上信访的，奖励2000元`. */
export function rewardLine(r: Reward, esc: Escape = plain): string {
  return `${REWARD_NAMES[r.kind]}：${rewardText(r, esc)}`;
}

/** 重点管理: `自2025年7月15日起重点管理3个月，包村领导、包村干部年终考核定为三等`; "" otherwise. */
export function sanctionDetail(s: Sanction, esc: Escape = plain): string {
  if (s.kind !== "key_management") return "";
  const parts: string[] = [];
  if (s.months !== undefined)
    parts.push(`自${zhDate(s.from ?? s.date)}起${SANCTION_NAMES.key_management}${s.months}个月`);
  if (s.appraisal) parts.push(`包村领导、包村干部年终考核定为${esc(s.appraisal)}`);
  return parts.join("，");
}

/** `问题编号I-047，自2025年7月15日起重点管理3个月，…` (the site's note column). */
export function sanctionNote(s: Sanction, esc: Escape = plain): string {
  const issue = s.issue ? [`问题编号${esc(s.issue)}`] : [];
  return [...issue, sanctionDetail(s, esc)].filter((p) => p !== "").join("，");
}

/** `遇上级催办通报的（P-2025-0187，2025年8月12日）`, then the detail of a 重点管理. */
export function sanctionText(s: Sanction, esc: Escape = plain): string {
  const detail = sanctionDetail(s, esc);
  return `${esc(s.clause)}（${esc(s.event)}，${zhDate(s.date)}）${detail ? `，${detail}` : ""}`;
}

/** `警告：遇上级催办通报的（P-2025-0187，2025年8月12日）`. */
export function sanctionLine(s: Sanction, esc: Escape = plain): string {
  return `${SANCTION_NAMES[s.kind]}：${sanctionText(s, esc)}`;
}

/** `年终考评排名末位，在年终信访工作总结会上表态发言、作出检查`. */
export function lastPlaceText(clause: string | null, esc: Escape = plain): string {
  return `年终考评排名${LAST_PLACE}${clause ? `，${esc(clause)}` : ""}`;
}

/** `末位：年终考评排名末位，…`. */
export function lastPlaceLine(clause: string | null, esc: Escape = plain): string {
  return `${LAST_PLACE}：${lastPlaceText(clause, esc)}`;
}

/** `末位：北岭村，在年终信访工作总结会上表态发言、作出检查`. */
export function lastPlaceSummary(names: string[], clause: string, esc: Escape = plain): string {
  return `${LAST_PLACE}：${names.map(esc).join("、")}，${esc(clause)}`;
}

/** The sanctions a unit received, counted: `警告2次、黄牌警告、一票否决、末位`; "" for none. */
export function sanctionSummary(u: UnitScore, withLastPlace = true): string {
  const counts = new Map<SanctionKind, number>();
  for (const s of u.sanctions) counts.set(s.kind, (counts.get(s.kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, n]) =>
    kind === "veto" || n === 1 ? SANCTION_NAMES[kind] : `${SANCTION_NAMES[kind]}${n}次`,
  );
  if (withLastPlace && u.consequences.includes("last_place")) parts.push(LAST_PLACE);
  return parts.join("、");
}

/** The months a loss covers, for a table: `3`, or `全年` for the yearly 星级评定工资. */
export function lossMonths(l: Loss): string {
  return l.item === "star_pay" ? "全年" : String(l.months);
}

/** `方国栋（书记）扣除村级补贴3个月，计7500元`; `扣除全年星级评定工资，计5500元`. */
export function lossText(l: Loss, esc: Escape = plain): string {
  const item = PAY_ITEM_NAMES[l.item];
  const what = l.item === "star_pay" ? `全年${item}` : `${item}${l.months}个月`;
  return `${esc(l.person)}（${esc(l.role)}）扣除${what}，计${yuan(l.amount)}`;
}

/** Each sheet's unit names by id, made once (a county's notice names a unit for every loss). */
const unitNamesOf = new WeakMap<ScoreSheet, Map<string, string>>();

/** The units a loss belongs to, by name: `石桥村、南湾村`. */
export function lossUnitNames(sheet: ScoreSheet, l: Loss): string {
  let names = unitNamesOf.get(sheet);
  if (!names) unitNamesOf.set(sheet, (names = new Map(sheet.units.map((u) => [u.id, u.name]))));
  return lossUnits(sheet, l)
    .map((id) => names.get(id) ?? id)
    .join("、");
}

/** `吴海燕（包村领导）定为三等`. */
export function appraisalText(a: Appraisal, esc: Escape = plain): string {
  return `${esc(a.person)}（${esc(a.role)}）定为${esc(a.rating)}`;
}

/** A unit's results as lines: rewards, sanctions (末位 last), and the pay its people lose. */
export function unitOutcomes(
  u: UnitScore,
  sheet: ScoreSheet,
  esc: Escape = plain,
): { vetoes: string[]; rewards: string[]; sanctions: string[]; losses: string[] } {
  const sanctions = u.sanctions.map((s) => sanctionLine(s, esc));
  if (u.consequences.includes("last_place"))
    sanctions.push(lastPlaceLine(sheet.lastPlaceClause, esc));
  return {
    vetoes: u.vetoes.map((v) => vetoLine(v, esc)),
    rewards: u.rewards.map((r) => rewardLine(r, esc)),
    sanctions,
    losses: unitLosses(sheet, u.id).map((l) => lossText(l, esc)),
  };
}

// ---------------------------------------------------------------------------------------------
// Printed documents: events by date and kind, never by id, file or ISO date

/** A veto's events: `9月22日进京个访`; a rule that is not about the cell adds its name. */
function vetoEvents(vetoes: readonly VetoHit[], esc: Escape): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const v of vetoes) {
    if (seen.has(v.event)) continue;
    seen.add(v.event);
    const what = eventWhat(v.facts, v.date, esc);
    parts.push(v.byCell ? what : `${what}（${esc(v.label)}）`);
  }
  return parts.join("、");
}

/** The dates of some events: `8月12日`, `4月3日、9月8日`. */
function datesOf(items: readonly { date: string }[]): string {
  return items.map((x) => zhMonthDay(x.date)).join("、");
}

/** `包村领导吴海燕、包村干部龚伟年终考核定为三等`; "" when the unit's cadres keep their rating. */
export function appraisalsOf(sheet: ScoreSheet, unitId: string, esc: Escape = plain): string {
  const byRating = new Map<string, string[]>();
  for (const a of sheet.appraisals) {
    if (!a.units.includes(unitId)) continue;
    const list = byRating.get(a.rating) ?? [];
    list.push(`${esc(a.role)}${esc(a.person)}`);
    byRating.set(a.rating, list);
  }
  return [...byRating]
    .map(([rating, people]) => `${people.join("、")}年终考核定为${esc(rating)}`)
    .join("；");
}

/**
 * A unit's sanctions and 末位, one sentence per kind, as the results notice prints them:
 * `桃花村1件信访事项被上级催办（8月12日），给予警告。`, `北岭村9月22日进京个访，实行一票否决。`,
 * `南湾村同一信访问题引发赴市集访后重访三次以上（7月15日），自2025年7月15日起重点管理3个月；
 * 包村领导吴海燕、包村干部龚伟年终考核定为三等。`
 */
export function unitSanctionSentences(
  u: UnitScore,
  sheet: ScoreSheet,
  esc: Escape = plain,
): string[] {
  const name = esc(u.name);
  const out: string[] = [];
  const of = (kind: SanctionKind) => u.sanctions.filter((s) => s.kind === kind);
  const times = (n: number) => (n > 1 ? `${n}次` : "");
  const warnings = of("warning");
  const first = warnings[0];
  if (first)
    out.push(
      `${name}${warnings.length}件信访事项被${esc(first.label)}（${datesOf(warnings)}），给予${SANCTION_NAMES.warning}${times(warnings.length)}。`,
    );
  const yellows = of("yellow_card");
  const y = yellows[0];
  if (y)
    out.push(
      `${name}${esc(y.label)}${times(yellows.length)}（${datesOf(yellows)}），给予${SANCTION_NAMES.yellow_card}${times(yellows.length)}。`,
    );
  const appraisals = appraisalsOf(sheet, u.id, esc);
  of("key_management").forEach((k, i, all) => {
    const period =
      k.months !== undefined
        ? `，自${zhDate(k.from ?? k.date)}起${SANCTION_NAMES.key_management}${k.months}个月`
        : `，给予${SANCTION_NAMES.key_management}`;
    const last = i === all.length - 1 && appraisals ? `；${appraisals}` : "";
    out.push(`${name}${esc(k.label)}（${zhMonthDay(k.date)}）${period}${last}。`);
  });
  if (u.vetoes.length)
    out.push(`${name}${vetoEvents(u.vetoes, esc)}，实行${SANCTION_NAMES.veto}。`);
  if (u.consequences.includes("last_place"))
    out.push(`${name}${lastPlaceText(sheet.lastPlaceClause, esc)}。`);
  return out;
}

/** Sanctions and 末位 of every unit, in rank order. */
export function noticeOutcomes(sheet: ScoreSheet, esc: Escape = plain): string[] {
  return sheet.units.flatMap((u) => unitSanctionSentences(u, sheet, esc));
}

/** One row of the 经济处理 table. */
export interface LossRow {
  units: string;
  person: string;
  role: string;
  item: string;
  months: string;
  amount: number;
}

/**
 * The units whose sanctions cost a loss, by name: a 两委成员's own unit; for a 包村领导/干部, the
 * units they cover that were sanctioned with pay (黄牌警告, 重点管理, 一票否决).
 */
export function lossCauseNames(sheet: ScoreSheet, l: Loss): string {
  if (l.unit !== null) return lossUnitNames(sheet, l);
  const covered = new Set(lossUnits(sheet, l));
  const paying = sheet.units.filter(
    (u) => covered.has(u.id) && u.sanctions.some((s) => s.kind !== "warning"),
  );
  return paying.length ? paying.map((u) => u.name).join("、") : lossUnitNames(sheet, l);
}

/** The 经济处理 table's rows, in the order scoring gives them (units, then liaisons). */
export function lossRows(sheet: ScoreSheet, losses: readonly Loss[] = sheet.losses): LossRow[] {
  return losses.map((l) => ({
    units: lossCauseNames(sheet, l),
    person: l.person,
    role: l.role,
    item: PAY_ITEM_NAMES[l.item],
    months: lossMonths(l),
    amount: l.amount,
  }));
}

/** Total of some losses in yuan. */
export function lossTotal(losses: readonly Loss[]): number {
  return losses.reduce((sum, l) => sum + l.amount, 0);
}

/**
 * The sentence before the 经济处理 table:
 * `按照奖惩办法，扣除有关人员村级补贴、星级评定工资和精神文明奖共20项，合计175100元，明细见表2。`
 */
export function lossesLead(losses: readonly Loss[], table: string): string | null {
  if (losses.length === 0) return null;
  const items = (Object.keys(PAY_ITEM_NAMES) as PayItem[])
    .filter((k) => losses.some((l) => l.item === k))
    .map((k) => PAY_ITEM_NAMES[k]);
  const named =
    items.length > 1 ? `${items.slice(0, -1).join("、")}和${items[items.length - 1]}` : items[0];
  return `按照奖惩办法，扣除有关人员${named}共${losses.length}项，合计${yuan(lossTotal(losses))}，明细见${table}。`;
}

/** A reward as a clause says it: `考评第1名，奖励1万元`, `全年未发生市级以上信访，奖励2000元`. */
export function rewardWhat(r: Reward, esc: Escape = plain): string {
  return `${esc(r.clause.replace(/的$/, ""))}，奖励${money(r.amount)}`;
}

/**
 * Rewards of every unit, one sentence each:
 * `锦绣社区考评第1名，奖励1万元；全年未发生县级以上信访，奖励1万元；合计2万元。`
 */
export function noticeRewards(sheet: ScoreSheet, esc: Escape = plain): string[] {
  return sheet.units
    .filter((u) => u.rewards.length > 0)
    .map((u) => {
      const parts = u.rewards.map((r) => rewardWhat(r, esc));
      const total = u.rewards.length > 1 ? `；合计${money(rewardTotal(u))}` : "";
      return `${esc(u.name)}${parts.join("；")}${total}。`;
    });
}

/** The year's rewards in one sentence: `共奖励6个村（社区），合计5.6万元。`; null when none. */
export function rewardsTotalText(sheet: ScoreSheet): string | null {
  const paid = sheet.units.filter((u) => u.rewards.length > 0);
  if (paid.length === 0) return null;
  const total = paid.reduce((sum, u) => sum + rewardTotal(u), 0);
  return `共奖励${paid.length}个村（社区），合计${money(total)}。`;
}

/**
 * A unit's results as a printed scoring sheet lists them: vetoes, rewards, sanctions (末位
 * last) and the pay its people lose, each line without ids or ISO dates.
 */
export function printedOutcomes(
  u: UnitScore,
  sheet: ScoreSheet,
  esc: Escape = plain,
): { vetoes: string[]; rewards: string[]; sanctions: string[]; losses: string[] } {
  const appraisals = appraisalsOf(sheet, u.id, esc);
  const sanctions = u.sanctions
    .filter((s) => s.kind !== "veto")
    .map((s) => {
      const what = `${SANCTION_NAMES[s.kind]}：${esc(s.label)}（${zhMonthDay(s.date)}）`;
      if (s.kind !== "key_management") return what;
      const period =
        s.months !== undefined
          ? `，自${zhDate(s.from ?? s.date)}起${SANCTION_NAMES.key_management}${s.months}个月`
          : "";
      return `${what}${period}${appraisals ? `；${appraisals}` : ""}`;
    });
  if (u.consequences.includes("last_place"))
    sanctions.push(lastPlaceLine(sheet.lastPlaceClause, esc));
  return {
    vetoes: u.vetoes.length ? [`${SANCTION_NAMES.veto}：${vetoEvents(u.vetoes, esc)}`] : [],
    rewards: u.rewards.map((r) => `${REWARD_NAMES[r.kind]}：${rewardWhat(r, esc)}`),
    sanctions,
    losses: unitLosses(sheet, u.id).map((l) => lossText(l, esc)),
  };
}

// ---------------------------------------------------------------------------------------------
// The scoring sheet form (考评得分表): one row per rule item, each event in a few words

/** An item's name on the form: its label (`例会请假`, `群众上访`). */
export function sheetItemName(
  item: { label?: string | undefined; clause: string },
  esc: Escape = plain,
): string {
  return esc(labelOf(item));
}

/**
 * The 分值 column: what one event costs under the item — `每次扣5分`, `第二次起每次扣2分`,
 * `每件扣1至20分` (a petition table, its smallest and largest points), `不扣分`.
 */
export function sheetItemValue(item: {
  points?: number | undefined;
  table?: Partial<Record<string, Partial<Record<string, number>>>> | undefined;
  free: number;
}): string {
  const from = item.free > 0 ? `第${cnNumber(item.free + 1)}次起` : "";
  if (item.table) {
    const values = Object.values(item.table).flatMap((row) => Object.values(row ?? {}));
    const nonzero = values.filter((v): v is number => typeof v === "number" && v !== 0);
    if (nonzero.length === 0) return "不扣分";
    const abs = nonzero.map(Math.abs);
    const [lo, hi] = [Math.min(...abs), Math.max(...abs)];
    const verb = nonzero.every((v) => v < 0) ? "扣" : nonzero.every((v) => v > 0) ? "加" : "计";
    return `${from}每件${verb}${lo === hi ? lo : `${lo}至${hi}`}分`;
  }
  const points = item.points ?? 0;
  return points === 0 ? "不扣分" : `${from}每次${pointsText(points)}`;
}

/**
 * One event in the 事项 column, as the printed documents tell it: `6月5日赴县个访，扣1分`,
 * `7月例会（7月15日）请假，首次不扣分`, `8月3日赴县个访，提前报送并稳控，减半计分，扣0.5分`,
 * `7月15日赴市重访，分值表未列，不扣分`.
 */
export function sheetEntryText(e: Entry, u: UnitScore, esc: Escape = plain): string {
  const what = eventWhat(e.facts, e.date, esc);
  const k = freeIndex(e, u);
  if (k > 0) return `${what}，${freeEventText(k)}`;
  if (e.cell?.unset) return `${what}，分值表未列，不扣分`;
  const mods = e.modifiers.map((m) => `${esc(m.label)}，${factorText(m.factor)}，`).join("");
  return `${what}，${mods}${pointsText(e.points)}`;
}

/** The 一票否决 row, one event: `9月22日进京个访`; a rule not about the cell adds its label. */
export function sheetVetoText(v: VetoHit, esc: Escape = plain): string {
  const what = eventWhat(v.facts, v.date, esc);
  return v.byCell ? what : `${what}（${esc(v.label)}）`;
}

/** A reward on the form: `考评第1名，奖励1万元`. */
export function sheetRewardText(r: Reward, esc: Escape = plain): string {
  return rewardWhat(r, esc);
}

/**
 * A sanction on the form, short enough for a table cell: `上级催办（8月12日），给予警告`,
 * `同一问题重访三次以上（7月15日），重点管理3个月` and the liaisons' appraisal on a line of its own.
 */
export function sheetSanctionLines(s: Sanction, esc: Escape = plain): string[] {
  const what = `${esc(s.label)}（${zhMonthDay(s.date)}）`;
  if (s.kind !== "key_management") return [`${what}，给予${SANCTION_NAMES[s.kind]}`];
  const span = s.months !== undefined ? `${s.months}个月` : "";
  const from = s.from && s.from !== s.date ? `，自${zhMonthDay(s.from)}起` : "，";
  const out = [`${what}${from}${SANCTION_NAMES.key_management}${span}`];
  if (s.appraisal) out.push(`包村领导、包村干部年终考核定为${esc(s.appraisal)}`);
  return out;
}

/** The last place on the form: `末位：在年终信访工作总结会上表态发言、作出检查`. */
export function sheetLastPlaceText(clause: string | null, esc: Escape = plain): string {
  return clause ? `${LAST_PLACE}：${esc(clause)}` : LAST_PLACE;
}
