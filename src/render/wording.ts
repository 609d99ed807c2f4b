// The words of scoring, written once: names of sanctions, rewards, pay items and ledgers; points,
// ranks and periods as printed; the sentences that describe an entry, a veto, a reward, a
// sanction, a loss and a unit's results. The templates (through views.ts), `xinfang score` and
// the site all print these and compose none of their own.
//
// Every function takes plain data and gives plain text. User text (clauses, names, event ids)
// passes through `esc`: views.ts gives the Markdown escape, the CLI and the site (whose Astro
// expressions escape by themselves) leave it as is. Figures stay exact decimals until printed:
// sums are decimal sums, rounding happens once, where a figure becomes text.
import type { LedgerKind } from "../../schemas/index.ts";
import { addDays } from "../calendar/calendar.ts";
import { ZERO, add, cmp, dec, toFixed2, toText } from "../compute/decimal.ts";
import type { Dec } from "../compute/decimal.ts";
import { lossUnits, unitLosses } from "../compute/scoring/index.ts";
import type {
  Appraisal,
  Entry,
  Loss,
  PayItem,
  Reward,
  Sanction,
  SanctionKind,
  ScoreSheet,
  UnitScore,
  VetoHit,
} from "../compute/scoring/index.ts";
import { cnNumber, yuan, zhDate } from "../text/zh.ts";

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

/** Which of the passed events this is: 1 → 首次不扣分, 2 → 第二次不扣分. */
export function freeEventText(k: number): string {
  return k === 1 ? "首次不扣分" : `第${cnNumber(k)}次不扣分`;
}

/** `第3名`. */
export function rankText(rank: number): string {
  return `第${rank}名`;
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

/** A petition table cell: `县级个访`. */
export function cellText(cell: NonNullable<Entry["cell"]>): string {
  return `${cell.level}级${cell.form}`;
}

/** The event with its ledger: `信访工作例会 M-11:nanwan`. */
export function eventText(e: Pick<Entry, "ledger" | "event">, esc: Escape = plain): string {
  return `${LEDGER_NAMES[e.ledger]} ${esc(e.event)}`;
}

/**
 * What follows an entry's clause: the table cell, and whether the event was vetoed or its cell
 * has no points — `（县级个访）`, `（京级个访，一票否决）`, `（市级重访，未设分值）`; "" without a cell.
 */
export function entryCellNote(e: Entry, u: UnitScore): string {
  if (!e.cell) return "";
  const vetoed = u.vetoes.some((v) => v.event === e.event);
  return `（${cellText(e.cell)}${vetoed ? "，一票否决" : e.cell.unset ? "，未设分值" : ""}）`;
}

/** The item an entry counts under: `群众越级上访的（县级个访）`, `请假的（第一次不扣分）`. */
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
  if (e.free) {
    let k = 0;
    for (const x of u.entries) {
      if (x.rule === e.rule && x.free) k++;
      if (x === e) break;
    }
    return freeEventText(k);
  }
  if (e.factors.length === 0) return "—";
  return e.factors.map((f) => `×${toText(f)}`).join("");
}

/** The clause without its trailing note and 的: `请假的（第一次不扣分）` → `请假`. */
function clauseTopic(clause: string): string {
  return clause.replace(/（[^（）]*）$/, "").replace(/的$/, "");
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
 * A unit's points by kind, for the results notice: `东坡村：县级个访3件（扣3分）、未按时报送周排查
 * 报告或零报告1次（扣5分），合计扣8分。` Sums are exact; each figure is rounded once, as printed.
 */
export function deductionSummary(u: UnitScore, esc: Escape = plain): string {
  const groups = new Map<string, { label: string; unit: string; count: number; points: Dec }>();
  let total = ZERO;
  for (const e of u.entries) {
    if (e.points.n === 0n) continue;
    const label = e.cell ? cellText(e.cell) : clauseTopic(e.clause);
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

/** The units a loss belongs to, by name: `石桥村、南湾村`. */
export function lossUnitNames(sheet: ScoreSheet, l: Loss): string {
  const names = new Map(sheet.units.map((u) => [u.id, u.name]));
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
// The results notice: every unit by name

/** `南湾村：重点管理。同一信访问题…的（P-2025-0160，2025年7月15日），自…。` */
function namedLine(unit: string, name: string, text: string, esc: Escape): string {
  return `${esc(unit)}：${name}。${text}。`;
}

/** Sanctions and 末位 of every unit, one sentence each. */
export function noticeOutcomes(sheet: ScoreSheet, esc: Escape = plain): string[] {
  const out: string[] = [];
  for (const u of sheet.units) {
    for (const s of u.sanctions)
      out.push(namedLine(u.name, SANCTION_NAMES[s.kind], sanctionText(s, esc), esc));
    if (u.consequences.includes("last_place"))
      out.push(`${esc(u.name)}：${lastPlaceText(sheet.lastPlaceClause, esc)}。`);
  }
  return out;
}

/** `按照奖惩办法，经济处理共20项，合计175100元：袁长林（书记）扣除村级补贴2个月，计5200元；…。` */
export function lossesSummary(losses: readonly Loss[], esc: Escape = plain): string | null {
  if (losses.length === 0) return null;
  const total = losses.reduce((sum, l) => sum + l.amount, 0);
  return `按照奖惩办法，经济处理共${losses.length}项，合计${yuan(total)}：${losses.map((l) => lossText(l, esc)).join("；")}。`;
}

/** Rewards of every unit, one sentence each: `锦绣社区：名次奖励。考评第1名，奖励10000元。` */
export function noticeRewards(sheet: ScoreSheet, esc: Escape = plain): string[] {
  return sheet.units.flatMap((u) =>
    u.rewards.map((r) => namedLine(u.name, REWARD_NAMES[r.kind], rewardText(r, esc), esc)),
  );
}

// ---------------------------------------------------------------------------------------------
// The scoring sheet form (考评得分表): one row per rule item, each event in a few words

/** `6月5日` (the year is the sheet's). */
function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** An item's name on the form: its clause without the trailing note and 的 (`请假`). */
export function sheetItemName(clause: string, esc: Escape = plain): string {
  return esc(clauseTopic(clause));
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
 * One event in the 事项 column: `6月5日县级个访，扣1分`, `7月15日请假，首次不扣分`,
 * `8月3日县级个访，系数×0.5，扣0.5分`, `7月15日市级重访，未设分值`.
 */
export function sheetEntryText(e: Entry, u: UnitScore, esc: Escape = plain): string {
  const what = e.cell ? cellText(e.cell) : esc(clauseTopic(e.clause));
  const how = e.free
    ? factorsText(e, u)
    : e.cell?.unset
      ? "未设分值"
      : `${e.factors.length ? `系数${factorsText(e, u)}，` : ""}${pointsText(e.points)}`;
  return `${monthDay(e.date)}${what}，${how}`;
}

/** The 一票否决 row: `发生赴京上访（9月22日）`. */
export function sheetVetoText(v: VetoHit, esc: Escape = plain): string {
  return `${esc(clauseTopic(v.clause))}（${monthDay(v.date)}）`;
}

/** A reward on the form: `名次奖励10000元`. */
export function sheetRewardText(r: Reward): string {
  return `${REWARD_NAMES[r.kind]}${yuan(r.amount)}`;
}

/**
 * A sanction on the form, short enough for a table cell: `警告（8月12日）`,
 * `重点管理（7月15日起3个月）` and the liaisons' appraisal on a line of its own.
 */
export function sheetSanctionLines(s: Sanction, esc: Escape = plain): string[] {
  if (s.kind !== "key_management") return [`${SANCTION_NAMES[s.kind]}（${monthDay(s.date)}）`];
  const span = s.months !== undefined ? `起${s.months}个月` : "";
  const out = [`${SANCTION_NAMES.key_management}（${monthDay(s.from ?? s.date)}${span}）`];
  if (s.appraisal) out.push(`包村领导、包村干部年终考核定为${esc(s.appraisal)}`);
  return out;
}

/** The last place on the form: `末位：在年终信访工作总结会上表态发言、作出检查`. */
export function sheetLastPlaceText(clause: string | null, esc: Escape = plain): string {
  return clause ? `${LAST_PLACE}：${esc(clause)}` : LAST_PLACE;
}
