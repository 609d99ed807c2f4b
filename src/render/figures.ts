// Statistics in words: the sentences reports and `xinfang stats` print (SPEC §5), 同比 wording,
// one-decimal rates rounded half away from zero on the exact value, and plan targets weighed
// against the figures (目标完成情况).
import type { PreviousFigures, Target } from "../../schemas/index.ts";
import type { Count, Figures, Fraction, Stats } from "../compute/stats/index.ts";
import type { Measure, TargetOutcome } from "../compute/stats/targets.ts";
import { percent, zhDate } from "../text/zh.ts";

/** How user text is escaped for the output at hand (views.ts: Markdown). */
type Escape = (text: string) => string;
const plain: Escape = (text) => text;

/** 同比下降12.6% / 同比增长10.0% / 与上年持平 / 上年同期没有. */
export function yoyText(x: number, previous: number | undefined): string | null {
  if (previous === undefined) return null;
  if (previous === 0) return x === 0 ? "与上年持平" : "上年同期没有";
  if (x === previous) return "与上年持平";
  return `同比${x < previous ? "下降" : "增长"}${percent(Math.abs(x - previous), previous)}`;
}

export const rate = (f: Fraction): string => percent(f.num, f.den);

export interface PreviousValues {
  accepted?: number | undefined;
  collective?: number | undefined;
  leapfrog?: number | undefined;
  repeat?: number | undefined;
  closed?: number | undefined;
  resolved?: number | undefined;
  mediations?: number | undefined;
}

export function previousValues(s: Stats): PreviousValues {
  const p = s.previous;
  if (p.source === "ledger") {
    const f = p.figures;
    return {
      accepted: f.accepted.count,
      collective: f.collective.count,
      leapfrog: f.leapfrog.count,
      repeat: f.repeat.count,
      closed: f.closed,
      resolved: f.resolved,
      mediations: f.mediation.checked,
    };
  }
  if (p.source === "summary") {
    const f: PreviousFigures = p.figures;
    return {
      accepted: f.accepted,
      collective: f.collective_batches,
      leapfrog: f.leapfrog_batches,
      repeat: f.repeat_batches,
      closed: f.closed,
      resolved: f.resolved,
      mediations: f.mediations,
    };
  }
  return {};
}

/** A quantity with its 同比 right after it: `290件（同比下降11.0%）`. */
const withYoy = (quantity: string, yoy: string | null) =>
  yoy ? `${quantity}（${yoy}）` : quantity;

export interface FigureSentence {
  /** What the sentence is about, for --json and the figure lint. */
  key: string;
  text: string;
}

/** One sentence per figure, in report order; each ends without punctuation. */
export function figureSentences(s: Stats): FigureSentence[] {
  const c = s.current;
  const prev = previousValues(s);
  const out: FigureSentence[] = [];
  out.push({
    key: "accepted",
    text: `共受理信访事项${withYoy(`${c.accepted.count}件`, yoyText(c.accepted.count, prev.accepted))}、${c.accepted.headcount}人次`,
  });
  const channels = c.byChannel.filter((x) => x.value.count > 0);
  if (channels.length)
    out.push({
      key: "channels",
      text: `其中${channels.map((x) => `${x.channel}${x.value.count}件`).join("、")}`,
    });
  const visits = (what: string, count: Count, previous: number | undefined) => {
    const yoy = yoyText(count.count, previous);
    return count.count
      ? `${what}${count.count}批${count.headcount}人次${yoy ? `（批次${yoy}）` : ""}`
      : withYoy(`未发生${what}`, yoy);
  };
  out.push({ key: "collective", text: visits("集体访", c.collective, prev.collective) });
  out.push({ key: "leapfrog", text: visits("越级访", c.leapfrog, prev.leapfrog) });
  out.push({ key: "repeat", text: visits("重复访", c.repeat, prev.repeat) });
  out.push({ key: "closed", text: `办结${c.closed}件，办结率${rate(c.rates.closed)}` });
  out.push({
    key: "onTime",
    text: `按期办结${c.closedOnTime}件，按期办结率${rate(c.rates.onTime)}`,
  });
  out.push({ key: "resolved", text: `化解${c.resolved}件，化解率${rate(c.rates.resolved)}` });
  out.push({
    key: "satisfied",
    text: c.evaluated
      ? `参加满意度评价${c.evaluated}件，满意和基本满意${c.satisfied}件，满意率${rate(c.rates.satisfied)}`
      : "暂无满意度评价",
  });
  if (c.mediation.checked)
    out.push({
      key: "mediation",
      text: `排查矛盾纠纷${withYoy(`${c.mediation.checked}起`, yoyText(c.mediation.checked, prev.mediations))}，调处成功${c.mediation.resolved}起，调处成功率${rate(c.mediation.rate)}`,
    });
  const r = c.receptions;
  if (r.times || r.visits)
    out.push({
      key: "receptions",
      text: `领导接访${r.times}次、下访${r.visits}次，接待群众${r.batches}批${r.headcount}人次，现场解决问题${r.solved}件`,
    });
  return out;
}

/** The period in words: 2025年1月1日至2025年12月31日. */
export function periodText(s: Stats): string {
  return `${zhDate(s.from)}至${zhDate(s.to)}`;
}

/** What the 同比 compare with, for `xinfang stats` (never printed in a document). */
export function comparisonNote(s: Stats): string {
  if (s.previous.source === "ledger")
    return `同比为与上年同期（${zhDate(s.previousFrom)}至${zhDate(s.previousTo)}）台账相比。`;
  if (s.previous.source === "summary")
    return "上年同期数字取自本总结填写的上年汇总数（上年没有台账）。";
  return "没有上年同期的台账或汇总数，不计算同比。";
}

export type { Figures };

// ---------------------------------------------------------------------------------------------
// Targets

/** A target's goal: `达到98%以上`, `控制在5批以内`, `达到100%`, `同比下降20%`. */
export function goalText(t: Pick<Target, "op" | "value" | "unit">, esc: Escape = plain): string {
  const v = `${t.value}${esc(t.unit)}`;
  switch (t.op) {
    case "≥":
      return `达到${v}以上`;
    case "≤":
      return `控制在${v}以内`;
    case "=":
      return `达到${v}`;
    case "下降":
      return `同比下降${v}`;
    case "上升":
      return `同比上升${v}`;
  }
}

/** A target as a plan states it: `初信初访按期办结率达到98%以上（说明）`. */
export function targetText(t: Target, esc: Escape = plain): string {
  return `${esc(t.name)}${goalText(t, esc)}${t.note ? `（${esc(t.note)}）` : ""}`;
}

/** A measure's actual figure: `89.7%`, `27批`; with a change: `27批，同比下降12.9%`. */
function actualText(m: Measure, change: Fraction | undefined, op: Target["op"]): string {
  const value = m.kind === "rate" ? rate(m.value) : `${m.value}${m.unit}`;
  if (!change) return value;
  const pct = percent(Math.abs(change.num), change.den);
  // A 下降 target measures the fall: a negative fall is a rise.
  const down = (op === "下降") === change.num >= 0;
  return `${value}，同比${change.num === 0 ? "持平" : `${down ? "下降" : "上升"}${pct}`}`;
}

const UNKNOWN: Record<Extract<TargetOutcome, { status: "unknown" }>["reason"], string> = {
  "no-figure": "台账中没有这项统计，无法对照",
  "no-data": "本期没有可计算的事项，无法对照",
  "no-previous": "没有上年同期数字，无法对照",
  unsupported: "目标的计量方式与台账统计不一致，无法对照",
};

/**
 * One target weighed: `初信初访按期办结率目标达到98%以上，实际87.5%，未完成`;
 * `周排查报告按时报送率目标达到100%，台账中没有这项统计，无法对照`.
 */
export function outcomeText(o: TargetOutcome, whole: boolean, esc: Escape = plain): string {
  const goal = `${esc(o.target.name)}目标${goalText(o.target, esc)}`;
  if (o.status === "unknown") return `${goal}，${UNKNOWN[o.reason]}`;
  const verdict = whole
    ? o.status === "met"
      ? "完成"
      : "未完成"
    : o.status === "met"
      ? "已达到"
      : "未达到";
  return `${goal}，实际${actualText(o.measure, o.change, o.target.op)}，${verdict}`;
}

/**
 * The 目标完成情况 paragraph: `对照《青禾镇2025年度信访工作方案》确定的5项量化目标，全年完成2项、
 * 未完成3项：…。` For a part of the year: `…，截至2025年6月30日已达到2项、未达到3项：…。`
 */
export function targetsParagraph(
  plan: string,
  outcomes: readonly TargetOutcome[],
  period: { to: string; whole: boolean },
  esc: Escape = plain,
): string | null {
  if (outcomes.length === 0) return null;
  const met = outcomes.filter((o) => o.status === "met").length;
  const missed = outcomes.filter((o) => o.status === "missed").length;
  const unknown = outcomes.length - met - missed;
  const [yes, no] = period.whole ? ["完成", "未完成"] : ["已达到", "未达到"];
  const counts = [
    met ? `${yes}${met}项` : "",
    missed ? `${no}${missed}项` : "",
    unknown ? `${unknown}项无法对照` : "",
  ].filter((x) => x !== "");
  const when = period.whole ? "全年" : `截至${zhDate(period.to)}`;
  return `对照《${esc(plan)}》确定的${outcomes.length}项量化目标，${when}${counts.join("、")}：${outcomes.map((o) => outcomeText(o, period.whole, esc)).join("；")}。`;
}
