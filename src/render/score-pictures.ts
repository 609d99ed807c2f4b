// The score pictures as drawings (doc/drawing.ts): the ranking as bars, one unit's deductions by
// rule item, and weekly-report punctuality as a unit × week grid. Pure functions of the scored
// data. Every picture reads in black and white: greys and outlines by role, the numbers written
// on the picture, a distinct symbol per grid status. Sized for the site: 13 CSS px text at the
// drawing's own size (9.75 pt), about 110 mm wide so a 390 px phone shows it nearly full size.
// Headings and legends are the page's (figcaption); the title is the SVG's <title>.
import { PT_PER_MM, mm2 } from "../doc/drawing.ts";
import type { Drawing, LineRole, Shape } from "../doc/drawing.ts";
import type { UnitScore, WeekStatus, WeeklyGrid } from "../compute/scoring/index.ts";
import { toNumber2 } from "../compute/decimal.ts";

/** 13 CSS px at the drawing's own size. */
const PT = 9.75;
/** Small text: week numbers. */
const SMALL_PT = 7.5;

/** Width of `text` set at `pt`, mm: a CJK character is 1 em, anything else about 0.55 em. */
export function textWidth(text: string, pt: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2E80-\uFFEF]/u.test(ch) ? 1 : 0.55;
  return (em * pt) / PT_PER_MM;
}

const label = (
  x: number,
  y: number,
  text: string,
  anchor: "start" | "middle" | "end" = "start",
  size = PT,
  role: "label" | "value" = "label",
  weight: "normal" | "bold" = "normal",
): Shape => ({ kind: "text", role, text, x: mm2(x), y: mm2(y), size, anchor, weight });

/** A step of 1, 2 or 5 × 10^k giving at most `count` intervals over `span`. */
export function roundStep(span: number, count: number): number {
  const raw = Math.max(span, 1e-9) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw - 1e-12) return m * p;
  return 10 * p;
}

/** `15.00`, `-3.50`: points as the score tables write them. */
const points = (v: number): string => v.toFixed(2);

// ---------------------------------------------------------------------------------------------
// The ranking: one bar per unit in rank order.

export interface ScoreBar {
  rank: number;
  name: string;
  score: number;
  vetoed: boolean;
}

export interface ScoreChartInput {
  title: string;
  /** In rank order (the sheet's order). */
  units: readonly ScoreBar[];
}

/** The bars of a score sheet (its units are in rank order). */
export function scoreBars(units: readonly UnitScore[]): ScoreBar[] {
  return units.map((u) => ({
    rank: u.rank,
    name: u.name,
    score: toNumber2(u.score),
    vetoed: u.vetoed,
  }));
}

export const SCORE_CHART = {
  width: 110,
  /** Top of the first row: room for the scale above. */
  top: 7,
  row: 6.2,
  bar: 4.2,
  bottom: 2,
  /** Right end of the rank numbers; names start 2 mm after. */
  rankRight: 6,
} as const;

/** The scale of a score chart: from 0 (or below, for a negative score) to a round top. */
export function scoreScale(values: readonly number[]): { lo: number; hi: number; step: number } {
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const step = roundStep(Math.max(max - min, 1), 5);
  return {
    lo: Math.floor(min / step) * step,
    hi: Math.max(step, Math.ceil(max / step) * step),
    step,
  };
}

export function scoreChart(input: ScoreChartInput): Drawing {
  const { width: W, top, row, bar, bottom, rankRight } = SCORE_CHART;
  const units = input.units;
  const nameW = Math.max(textWidth("村", PT) * 3, ...units.map((u) => textWidth(u.name, PT)));
  const left = rankRight + 2 + nameW + 2;
  const valueRoom = textWidth("100.00 否决", PT) + 2;
  const plotW = W - left - valueRoom;
  const { lo, hi, step } = scoreScale(units.map((u) => u.score));
  const x = (v: number) => mm2(left + ((v - lo) * plotW) / (hi - lo));
  const bottomY = top + Math.max(units.length, 1) * row;
  const H = mm2(bottomY + bottom);
  const shapes: Shape[] = [];
  for (let v = lo; v <= hi + step / 1e6; v += step) {
    const tick = Number(v.toFixed(6));
    shapes.push(
      {
        kind: "line",
        role: "grid",
        lineWidth: 0.2,
        x1: x(tick),
        y1: top,
        x2: x(tick),
        y2: bottomY,
      },
      label(x(tick), top - 2, String(tick), "middle"),
    );
  }
  units.forEach((u, i) => {
    const y0 = top + i * row;
    const baseline = y0 + row / 2 + 1.2;
    const x0 = x(0);
    const x1 = x(u.score);
    shapes.push(
      label(rankRight, baseline, String(u.rank), "end"),
      label(rankRight + 2, baseline, u.name),
      {
        kind: "rect",
        role: u.vetoed ? "highlight" : "bar",
        lineWidth: 0.2,
        x: Math.min(x0, x1),
        y: mm2(y0 + (row - bar) / 2),
        width: mm2(Math.abs(x1 - x0)),
        height: bar,
      },
      label(
        Math.max(x0, x1) + 1.2,
        baseline,
        `${points(u.score)}${u.vetoed ? " 否决" : ""}`,
        "start",
        PT,
        "value",
        u.vetoed ? "bold" : "normal",
      ),
    );
    // A dashed rule where the vetoed units start: they rank after every other unit.
    const prev = units[i - 1];
    if (u.vetoed && prev && !prev.vetoed)
      shapes.push({
        kind: "line",
        role: "guide",
        lineWidth: 0.25,
        x1: 1,
        y1: mm2(y0),
        x2: W - 1,
        y2: mm2(y0),
      });
  });
  shapes.push({
    kind: "line",
    role: "axis",
    lineWidth: 0.25,
    x1: x(0),
    y1: top,
    x2: x(0),
    y2: bottomY,
  });
  return { title: input.title, width: W, height: H, shapes };
}

/** The ranking in words, for screen readers. */
export function scoreChartDescription(input: ScoreChartInput): string {
  if (!input.units.length) return "暂无考评得分。";
  const vetoed = input.units.filter((u) => u.vetoed).length;
  return (
    `按名次排列，共${input.units.length}个村（社区）` +
    (vetoed ? `，其中${vetoed}个被一票否决，排在其他村（社区）之后` : "") +
    "：" +
    input.units
      .map((u) => `第${u.rank}名${u.name}${points(u.score)}分${u.vetoed ? "（一票否决）" : ""}`)
      .join("；") +
    "。"
  );
}

// ---------------------------------------------------------------------------------------------
// One unit's deductions by rule item.

export interface DeductionItem {
  /** The rule's short name. */
  label: string;
  /** Points lost: positive. */
  lost: number;
  /** Entries of the item that cost points. */
  count: number;
}

/**
 * The unit's deductions by rule item: every entry that cost points, summed per rule; most points
 * lost first, then in the order the items first cost points.
 */
export function deductionItems(unit: UnitScore): DeductionItem[] {
  const byRule = new Map<string, DeductionItem>();
  for (const e of unit.entries) {
    const p = toNumber2(e.points);
    if (!(p < 0)) continue;
    const item = byRule.get(e.rule) ?? { label: e.label, lost: 0, count: 0 };
    item.lost = Math.round((item.lost - p) * 100) / 100;
    item.count++;
    byRule.set(e.rule, item);
  }
  return [...byRule.values()].sort((a, b) => b.lost - a.lost);
}

export const DEDUCTION_CHART = {
  width: 110,
  /** Each item: its name on one line, its bar under it. */
  row: 11,
  bar: 4,
  top: 1,
  bottom: 1,
  left: 1,
} as const;

export function deductionChart(title: string, items: readonly DeductionItem[]): Drawing {
  const { width: W, row, bar, top, bottom, left } = DEDUCTION_CHART;
  const valueRoom = textWidth("-100.00分", PT) + 2;
  const plotW = W - left - valueRoom;
  const max = Math.max(0, ...items.map((i) => i.lost));
  const step = roundStep(Math.max(max, 1), 4);
  const hi = Math.max(step, Math.ceil(max / step) * step);
  const w = (v: number) => mm2((v * plotW) / hi);
  const shapes: Shape[] = [];
  items.forEach((it, i) => {
    const y0 = top + i * row;
    const name = fit(`${it.label}（${it.count}次）`, W - left);
    shapes.push(label(left, y0 + 4, name));
    const by = mm2(y0 + 5.2);
    shapes.push(
      { kind: "rect", role: "bar", lineWidth: 0.2, x: left, y: by, width: w(it.lost), height: bar },
      label(
        left + w(it.lost) + 1.2,
        by + bar / 2 + 1.2,
        `-${points(it.lost)}分`,
        "start",
        PT,
        "value",
      ),
    );
  });
  const h = mm2(top + Math.max(items.length, 1) * row + bottom);
  if (items.length)
    shapes.push({
      kind: "line",
      role: "axis",
      lineWidth: 0.25,
      x1: left,
      y1: mm2(top + 5),
      x2: left,
      y2: mm2(h - bottom - 1.3),
    });
  return { title, width: W, height: h, shapes };
}

/** A label cut to `room` mm, ending in … when cut. */
function fit(text: string, room: number): string {
  if (textWidth(text, PT) <= room) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join("")}…`, PT) > room) chars.pop();
  return `${chars.join("")}…`;
}

export function deductionDescription(items: readonly DeductionItem[]): string {
  if (!items.length) return "没有扣分。";
  const total = items.reduce((s, i) => s + i.lost, 0);
  return `共扣${points(total)}分：${items.map((i) => `${i.label}${i.count}次，扣${points(i.lost)}分`).join("；")}。`;
}

// ---------------------------------------------------------------------------------------------
// Weekly-report punctuality: units down, weeks across.

export const WEEK_STATUS_NAMES: Readonly<Record<WeekStatus, string>> = {
  "on-time": "按时报送",
  late: "逾期报送",
  missing: "未报送",
  exempt: "免报",
  "not-due": "未到截止时间",
};

/**
 * How a cell of each status is drawn: the cell's role (white, grey, black, or a light outline)
 * and the symbol in it (a hollow ring, a black dot, a dashed bar, none).
 */
export const WEEK_CELL: Readonly<
  Record<WeekStatus, { cell: LineRole; symbol: "ring" | "dot" | "dash" | null }>
> = {
  "on-time": { cell: "frame", symbol: "ring" },
  late: { cell: "bar", symbol: "dot" },
  missing: { cell: "series-1", symbol: null },
  exempt: { cell: "grid", symbol: "dash" },
  "not-due": { cell: "grid", symbol: null },
};

export const WEEK_GRID = {
  /** Cell pitch and the white gap between cells, mm. */
  cell: 6,
  gap: 0.7,
  /** Header: a month row, then a week-number row. */
  head: 11,
  bottom: 1,
  right: 1,
} as const;

export interface WeekGridInput {
  title: string;
  /** Columns: each week's number and the month its deadline falls in (1–12). */
  weeks: readonly { number: number; month: number }[];
  /** Rows: `statuses[i]` belongs to `weeks[i]`. */
  rows: readonly { name: string; statuses: readonly WeekStatus[] }[];
}

/** A grid's columns `from`…`to` (indices, `to` exclusive) as the builder's input. */
export function weekGridInput(
  grid: WeeklyGrid,
  title: string,
  from = 0,
  to = grid.weeks.length,
): WeekGridInput {
  return {
    title,
    weeks: grid.weeks
      .slice(from, to)
      .map((w) => ({ number: w.number, month: Number(w.date.slice(5, 7)) })),
    rows: grid.units.map((u) => ({ name: u.name, statuses: u.statuses.slice(from, to) })),
  };
}

/** The shapes of one cell whose top-left corner is (x, y), `size` mm across. */
export function weekCell(status: WeekStatus, x: number, y: number, size: number): Shape[] {
  const { cell, symbol } = WEEK_CELL[status];
  const out: Shape[] = [
    {
      kind: "rect",
      role: cell,
      // on time is the rule: a hairline, so the exceptions stand out
      lineWidth: status === "on-time" ? 0.1 : 0.2,
      x: mm2(x),
      y: mm2(y),
      width: mm2(size),
      height: mm2(size),
    },
  ];
  const cx = mm2(x + size / 2);
  const cy = mm2(y + size / 2);
  if (symbol === "ring")
    out.push({
      kind: "marker",
      role: "highlight",
      lineWidth: 0.3,
      symbol: "dot",
      x: cx,
      y: cy,
      size: 2,
    });
  else if (symbol === "dot")
    out.push({
      kind: "marker",
      role: "series-1",
      lineWidth: 0,
      symbol: "dot",
      x: cx,
      y: cy,
      size: 2.4,
    });
  else if (symbol === "dash")
    out.push({
      kind: "line",
      role: "guide",
      lineWidth: 0.35,
      x1: mm2(x + 0.9),
      y1: cy,
      x2: mm2(x + size - 0.9),
      y2: cy,
    });
  return out;
}

/** Left edge of the grid: the longest unit name and its margins. */
const gridLeft = (rows: WeekGridInput["rows"]) =>
  mm2(1 + Math.max(textWidth("村", PT) * 3, ...rows.map((r) => textWidth(r.name, PT))) + 1.5);

export function weekGrid(input: WeekGridInput): Drawing {
  const { cell, gap, head, bottom, right } = WEEK_GRID;
  const left = gridLeft(input.rows);
  const size = cell - gap;
  const shapes: Shape[] = [];
  input.weeks.forEach((w, c) => {
    const x = left + c * cell;
    if (c === 0 || input.weeks[c - 1]?.month !== w.month)
      shapes.push(label(x + gap / 2, 4, `${w.month}月`, "start"));
    shapes.push(label(x + size / 2 + gap / 2, head - 1.6, String(w.number), "middle", SMALL_PT));
  });
  input.rows.forEach((r, i) => {
    const y = head + i * cell;
    shapes.push(label(left - 1.5, y + cell / 2 + 1.2, r.name, "end"));
    r.statuses.forEach((s, c) =>
      shapes.push(...weekCell(s, left + c * cell + gap / 2, y + gap / 2, size)),
    );
  });
  const width = mm2(left + Math.max(input.weeks.length, 1) * cell + right);
  const height = mm2(head + Math.max(input.rows.length, 1) * cell + bottom);
  return { title: input.title, width, height, shapes };
}

/** The legend of the grid as a drawing: one sample cell and its name per status. */
export function weekLegend(statuses: readonly WeekStatus[]): Drawing {
  const size = WEEK_GRID.cell - WEEK_GRID.gap;
  const shapes: Shape[] = [];
  let x = 1;
  for (const s of statuses) {
    shapes.push(...weekCell(s, x, 1, size));
    const name = WEEK_STATUS_NAMES[s];
    shapes.push(label(x + size + 1.5, 1 + size / 2 + 1.2, name));
    x += size + 1.5 + textWidth(name, PT) + 4;
  }
  return { title: "图例", width: mm2(x - 3), height: mm2(size + 2), shapes };
}

/**
 * A unit's weekly reports in counts: `周排查报告：按时报送51周，逾期报送0周，未报送0周，免报1周。`
 * (免报 and 未到截止时间 only when there are any).
 */
export function weeklyCountsText(statuses: readonly WeekStatus[]): string {
  const count = (s: WeekStatus) => statuses.filter((x) => x === s).length;
  const always = (["on-time", "late", "missing"] as const).map(
    (s) => `${WEEK_STATUS_NAMES[s]}${count(s)}周`,
  );
  const some = (["exempt", "not-due"] as const)
    .filter((s) => count(s) > 0)
    .map((s) => `${WEEK_STATUS_NAMES[s]}${count(s)}周`);
  return `周排查报告：${[...always, ...some].join("，")}。`;
}

/** Week numbers as `第5、9、12周`. */
const weekList = (numbers: readonly number[]) => `第${numbers.join("、")}周`;

/** The grid in words, a sentence per unit: the weeks not on time (on-time weeks by count). */
export function weekGridDescription(input: WeekGridInput): string {
  const first = input.weeks[0];
  const last = input.weeks.at(-1);
  if (!first || !last) return "没有应报送的周。";
  const lines = input.rows.map((r) => {
    const weeks = (s: WeekStatus) =>
      input.weeks.filter((_, i) => r.statuses[i] === s).map((w) => w.number);
    const parts: string[] = [];
    const onTime = weeks("on-time").length;
    if (onTime) parts.push(`按时报送${onTime}周`);
    for (const s of ["late", "missing", "exempt", "not-due"] as const) {
      const ws = weeks(s);
      if (ws.length) parts.push(`${WEEK_STATUS_NAMES[s]}${weekList(ws)}`);
    }
    return `${r.name}${parts.join("，")}`;
  });
  return `第${first.number}周至第${last.number}周：${lines.join("；")}。`;
}
