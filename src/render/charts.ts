// Charts as drawings (doc/drawing.ts): the same data in the PDF (painted as vectors) and on the
// site (written as SVG). Black lines and grey fills by role, values written on the chart, so it
// reads without colour. Sizes in mm, fonts in pt: 五号 (10.5 pt) titles, 小五 (9 pt) labels,
// 六号 (7.5 pt) values; 148 mm wide, inside the 156 mm text block.
import { mm2 } from "../doc/drawing.ts";
import type { Drawing, Shape } from "../doc/drawing.ts";

export interface Series {
  label: string;
  values: number[];
  /** The series compared with (e.g. last year): dashed, hollow markers, no values written. */
  dashed?: boolean;
}

/** Width of every chart, mm. */
export const CHART_WIDTH = 148;
const TITLE_Y = 5;
const TITLE_PT = 10.5;
const LABEL_PT = 9;
const VALUE_PT = 7.5;

/** A "nice" step: 1, 2 or 5 × 10^k, at least `raw` and at least 1 (counts are whole). */
function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

/** Axis top for four whole-number ticks: a multiple of a nice step at or above `max`. */
export function niceMax(max: number): number {
  const step = niceStep(Math.max(1, max) / 4);
  return step * Math.max(1, Math.ceil(max / step));
}

/** Tick values from 0 to `top`, every nice step. */
function ticks(top: number): number[] {
  const step = niceStep(top / 4);
  const out: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) out.push(v);
  return out;
}

const text = (
  x: number,
  y: number,
  value: string,
  size: number,
  anchor: "start" | "middle" | "end",
  role: "title" | "label" | "value" = "label",
): Shape => ({
  kind: "text",
  role,
  text: value,
  x: mm2(x),
  y: mm2(y),
  size,
  anchor,
  weight: "normal",
});

const LINE = { w: CHART_WIDTH, h: 69, left: 12, right: 4, top: 8, bottom: 12 };

/**
 * Line chart over categories (months): a grid line and value at every tick, one polyline per
 * series with a marker at each point, the main series' values written above its points, and a
 * legend below the category labels.
 */
export function lineChart(
  title: string,
  labels: string[],
  series: Series[],
  unit: string,
): Drawing {
  const { w, h, left, right, top, bottom } = LINE;
  const max = niceMax(Math.max(1, ...series.flatMap((s) => s.values)));
  const x = (i: number) =>
    mm2(
      left +
        (labels.length <= 1
          ? (w - left - right) / 2
          : (i * (w - left - right)) / (labels.length - 1)),
    );
  const y = (v: number) => mm2(top + (h - top - bottom) * (1 - v / max));
  const shapes: Shape[] = [text(w / 2, TITLE_Y, title, TITLE_PT, "middle", "title")];
  for (const v of ticks(max)) {
    shapes.push({
      kind: "line",
      role: "grid",
      lineWidth: 0.13,
      x1: left,
      y1: y(v),
      x2: w - right,
      y2: y(v),
    });
    shapes.push(text(left - 1.5, y(v) + 1, String(v), LABEL_PT, "end"));
  }
  labels.forEach((l, i) => shapes.push(text(x(i), h - bottom + 4, l, LABEL_PT, "middle")));
  shapes.push(text(left - 1.5, top - 2.5, unit, LABEL_PT, "end"));
  series.forEach((s, n) => {
    const role = s.dashed ? "series-2" : "series-1";
    const lineWidth = s.dashed ? 0.25 : 0.4;
    shapes.push({
      kind: "polyline",
      role,
      lineWidth,
      points: s.values.map((v, i) => [x(i), y(v)]),
    });
    s.values.forEach((v, i) => {
      shapes.push(
        s.dashed
          ? { kind: "marker", role, lineWidth, symbol: "square", x: x(i), y: y(v), size: 1.3 }
          : { kind: "marker", role, lineWidth: 0, symbol: "dot", x: x(i), y: y(v), size: 1.5 },
      );
      if (!s.dashed) shapes.push(text(x(i), y(v) - 2, String(v), VALUE_PT, "middle", "value"));
    });
    // Legend: a stretch of the series' line and its name.
    const lx = left + n * 40;
    const ly = h - 3;
    shapes.push({ kind: "line", role, lineWidth, x1: lx, y1: ly - 1, x2: lx + 6.5, y2: ly - 1 });
    shapes.push(text(lx + 8, ly, s.label, LABEL_PT, "start"));
  });
  return { title, width: w, height: h, shapes };
}

const BAR = { w: CHART_WIDTH, row: 5.8, top: 8, left: 29, right: 16, foot: 3 };

/** Horizontal bar chart: one bar per item, the value and unit written after the bar. */
export function barChart(
  title: string,
  items: { label: string; value: number }[],
  unit: string,
): Drawing {
  const { w, row, top, left, right, foot } = BAR;
  const h = mm2(top + Math.max(1, items.length) * row + foot);
  const max = niceMax(Math.max(1, ...items.map((i) => i.value)));
  const bw = (v: number) => ((w - left - right) * v) / max;
  const shapes: Shape[] = [text(w / 2, TITLE_Y, title, TITLE_PT, "middle", "title")];
  items.forEach((it, i) => {
    const y0 = top + i * row;
    shapes.push(text(left - 2, y0 + 4, it.label, LABEL_PT, "end"));
    shapes.push({
      kind: "rect",
      role: "bar",
      lineWidth: 0.16,
      x: left,
      y: mm2(y0 + 1),
      width: mm2(Math.max(0.15, bw(it.value))),
      height: mm2(row - 2),
    });
    shapes.push(text(left + bw(it.value) + 1.5, y0 + 4, `${it.value}${unit}`, LABEL_PT, "start"));
  });
  shapes.push({
    kind: "line",
    role: "axis",
    lineWidth: 0.2,
    x1: left,
    y1: top,
    x2: left,
    y2: mm2(top + items.length * row),
  });
  return { title, width: w, height: h, shapes };
}
