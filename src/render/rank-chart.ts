// The monthly rank history of a unit as a drawing: months across, rank down (rank 1 at the top).
// Readable in black-and-white print: a black line, the rank written at every point, a hollow
// square where the unit stood vetoed. Pure: data in, drawing out; the site writes it as SVG with
// the description below for screen readers.
import { mm2 } from "../doc/drawing.ts";
import type { Drawing, Shape } from "../doc/drawing.ts";

export interface RankPoint {
  /** Axis label, e.g. `3月`. */
  label: string;
  /** Year-to-date rank at the end of the month; null when there is no sheet for that month. */
  rank: number | null;
  vetoed: boolean;
}

export interface RankChartInput {
  title: string;
  /** Number of ranked units: the bottom of the axis. */
  units: number;
  points: readonly RankPoint[];
}

const W = 169;
const H = 74;
const LEFT = 15;
const RIGHT = 5;
const TOP = 8;
const BOTTOM = 12;
/** Points sit inside the frame, with room above the top rank for its label. */
const INSET_X = 5;
const INSET_TOP = 6.5;
const INSET_BOTTOM = 3;
/** 13 CSS px, the site's small text. */
const PT = 9.75;
/** From the middle of a line of digits to its baseline. */
const MIDDLE_TO_BASELINE = 1.2;

/** Rank ticks: every rank up to 15 units; beyond, 1, multiples of a 1-2-5 step and the last. */
export function rankTicks(units: number): number[] {
  if (units <= 1) return [1];
  if (units <= 15) return Array.from({ length: units }, (_, i) => i + 1);
  let step = 1;
  for (let k = 1; step === 1; k *= 10) {
    step = [1, 2, 5].map((s) => s * k).find((s) => s > 1 && (units - 1) / s <= 6) ?? 1;
  }
  const ticks = [1];
  for (let r = step; r < units; r += step) ticks.push(r);
  // Keep the last rank; drop a multiple that would sit on top of it.
  if (units - (ticks.at(-1) ?? 1) < step / 3) ticks.pop();
  ticks.push(units);
  return ticks;
}

/** The chart in words: every month's rank, for screen readers. */
export function rankChartDescription(input: RankChartInput): string {
  const parts = input.points
    .filter((p) => p.rank !== null)
    .map((p) => `${p.label}第${p.rank}名${p.vetoed ? "（一票否决）" : ""}`);
  return parts.length
    ? `共${input.units}个村（社区）参加排名。${parts.join("，")}。`
    : "暂无月度排名。";
}

const label = (
  x: number,
  y: number,
  text: string,
  anchor: "middle" | "end",
  rotate?: number,
): Shape => {
  const shape: Shape = {
    kind: "text",
    role: "label",
    text,
    x: mm2(x),
    y: mm2(y),
    size: PT,
    anchor,
    weight: "normal",
  };
  if (rotate !== undefined) shape.rotate = rotate;
  return shape;
};

/** The chart `width` mm wide (default 169); a phone's is narrower, its months labelled 1…12. */
export function rankChart(input: RankChartInput, width: number = W): Drawing {
  const plotW = width - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const n = Math.max(input.points.length, 1);
  const innerW = plotW - 2 * INSET_X;
  const innerH = plotH - INSET_TOP - INSET_BOTTOM;
  const x = (i: number) => mm2(LEFT + INSET_X + (n === 1 ? innerW / 2 : (i * innerW) / (n - 1)));
  const y = (rank: number) =>
    mm2(
      TOP + INSET_TOP + (input.units <= 1 ? innerH / 2 : ((rank - 1) * innerH) / (input.units - 1)),
    );
  const shapes: Shape[] = [
    { kind: "rect", role: "frame", lineWidth: 0.25, x: LEFT, y: TOP, width: plotW, height: plotH },
  ];
  for (const tick of rankTicks(input.units)) {
    const ty = y(tick);
    shapes.push(
      { kind: "line", role: "guide", lineWidth: 0.2, x1: LEFT, y1: ty, x2: LEFT + plotW, y2: ty },
      label(LEFT - 2, ty + MIDDLE_TO_BASELINE, String(tick), "end"),
    );
  }
  input.points.forEach((p, i) => {
    shapes.push(label(x(i), TOP + plotH + 6, p.label, "middle"));
  });
  shapes.push(label(4, TOP + plotH / 2, "名次", "middle", -90));
  // The line, broken where a month has no rank.
  let segment: [number, number][] = [];
  const flush = () => {
    if (segment.length > 1)
      shapes.push({ kind: "polyline", role: "series-1", lineWidth: 0.5, points: segment });
    segment = [];
  };
  input.points.forEach((p, i) => {
    if (p.rank === null) flush();
    else segment.push([x(i), y(p.rank)]);
  });
  flush();
  input.points.forEach((p, i) => {
    if (p.rank === null) return;
    const px = x(i);
    const py = y(p.rank);
    shapes.push(
      p.vetoed
        ? {
            kind: "marker",
            role: "highlight",
            lineWidth: 0.5,
            symbol: "square",
            x: px,
            y: py,
            size: 2.6,
          }
        : {
            kind: "marker",
            role: "series-1",
            lineWidth: 0,
            symbol: "dot",
            x: px,
            y: py,
            size: 2.4,
          },
    );
    // above the point: the top rank has INSET_TOP of room for it
    shapes.push({
      kind: "text",
      role: "callout",
      text: String(p.rank),
      x: px,
      y: mm2(py - 2.6),
      size: PT,
      anchor: "middle",
      weight: "bold",
    });
  });
  return { title: input.title, width, height: H, shapes };
}
