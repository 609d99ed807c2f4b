// Statistics in words: the sentences reports and `xinfang stats` print (SPEC §5), 同比 wording,
// and one-decimal rates rounded half away from zero on the exact value.
import type { PreviousFigures } from "../../schemas/index.ts";
import type { Count, Figures, Fraction, Stats } from "../compute/stats/index.ts";
import { percent, zhDate } from "../text/zh.ts";

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

const withYoy = (text: string, yoy: string | null) => (yoy ? `${text}，${yoy}` : text);
const batches = (c: Count) => `${c.count}批${c.headcount}人次`;

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
    text: withYoy(
      `共受理信访事项${c.accepted.count}件、${c.accepted.headcount}人次`,
      yoyText(c.accepted.count, prev.accepted),
    ),
  });
  const channels = c.byChannel.filter((x) => x.value.count > 0);
  if (channels.length)
    out.push({
      key: "channels",
      text: `其中${channels.map((x) => `${x.channel}${x.value.count}件`).join("、")}`,
    });
  out.push({
    key: "collective",
    text: withYoy(
      c.collective.count ? `集体访${batches(c.collective)}` : "未发生集体访",
      yoyText(c.collective.count, prev.collective),
    ),
  });
  out.push({
    key: "leapfrog",
    text: withYoy(
      c.leapfrog.count ? `越级访${batches(c.leapfrog)}` : "未发生越级访",
      yoyText(c.leapfrog.count, prev.leapfrog),
    ),
  });
  out.push({
    key: "repeat",
    text: withYoy(
      c.repeat.count ? `重复访${batches(c.repeat)}` : "未发生重复访",
      yoyText(c.repeat.count, prev.repeat),
    ),
  });
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
      text: withYoy(
        `排查矛盾纠纷${c.mediation.checked}起，调处成功${c.mediation.resolved}起，调处成功率${rate(c.mediation.rate)}`,
        yoyText(c.mediation.checked, prev.mediations),
      ),
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

export function comparisonNote(s: Stats): string {
  if (s.previous.source === "ledger")
    return `同比为与上年同期（${zhDate(s.previousFrom)}至${zhDate(s.previousTo)}）台账相比。`;
  if (s.previous.source === "summary")
    return "上年同期数字取自本总结填写的上年汇总数（上年没有台账）。";
  return "没有上年同期的台账或汇总数，不计算同比。";
}

export type { Figures };
