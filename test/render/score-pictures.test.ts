// The score pictures as drawings: the ranking as one bar per unit in rank order with widths
// proportional to the scores, a unit's deductions by rule item, and the weekly-report grid with
// one cell per unit and week drawn in its status's grey and symbol.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LINE_STYLES } from "../../src/doc/drawing.ts";
import type { Drawing, Shape } from "../../src/doc/drawing.ts";
import { WEEK_STATUSES } from "../../src/compute/scoring/index.ts";
import type { WeekStatus } from "../../src/compute/scoring/index.ts";
import { toNumber2 } from "../../src/compute/decimal.ts";
import {
  SCORE_CHART,
  WEEK_CELL,
  WEEK_GRID,
  WEEK_STATUS_NAMES,
  deductionChart,
  deductionDescription,
  deductionItems,
  scoreBars,
  scoreChart,
  scoreChartDescription,
  scoreScale,
  weekGrid,
  weekGridDescription,
  weekGridInput,
  weekLegend,
  weeklyCountsText,
} from "../../src/render/score-pictures.ts";
import type { ScoreBar, WeekGridInput } from "../../src/render/score-pictures.ts";
import { meeting, petition, report, run, specRules, unit } from "../compute/scoring/build.ts";

const of = <K extends Shape["kind"]>(shapes: Shape[], kind: K) =>
  shapes.filter((s): s is Extract<Shape, { kind: K }> => s.kind === kind);
const texts = (d: Drawing) => of(d.shapes, "text").map((t) => t.text);
/** Every shape inside the drawing's box (text by its anchor point). */
const inside = (d: Drawing) =>
  d.shapes.every((s) => {
    const pts: [number, number][] =
      s.kind === "line"
        ? [
            [s.x1, s.y1],
            [s.x2, s.y2],
          ]
        : s.kind === "polyline"
          ? s.points
          : s.kind === "rect"
            ? [
                [s.x, s.y],
                [s.x + s.width, s.y + s.height],
              ]
            : [[s.x, s.y]];
    return pts.every(([x, y]) => x >= 0 && y >= 0 && x <= d.width + 1e-9 && y <= d.height + 1e-9);
  });

/** The bars of a score chart: rects of role bar (scored) or highlight (vetoed). */
const barsOf = (d: Drawing) =>
  of(d.shapes, "rect").filter((r) => r.role === "bar" || r.role === "highlight");

describe("scoreChart", () => {
  const units: ScoreBar[] = [
    { rank: 1, name: "锦绣社区", score: 100, vetoed: false },
    { rank: 2, name: "白杨村", score: 98.5, vetoed: false },
    { rank: 2, name: "桃花村", score: 98.5, vetoed: false },
    { rank: 4, name: "高坪村", score: 70, vetoed: false },
    { rank: 5, name: "北岭村", score: 95, vetoed: true },
  ];
  const chart = scoreChart({ title: "2025年度各村（社区）得分", units });

  it("draws one bar per unit, top to bottom in rank order, the vetoed one white", () => {
    const bars = barsOf(chart);
    expect(bars).toHaveLength(5);
    expect(bars.map((b) => b.role)).toEqual(["bar", "bar", "bar", "bar", "highlight"]);
    const ys = bars.map((b) => b.y);
    expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    expect(new Set(ys).size).toBe(5);
    expect(chart.title).toBe("2025年度各村（社区）得分");
    expect(chart.width).toBe(SCORE_CHART.width);
    expect(inside(chart)).toBe(true);
  });

  it("makes bar lengths proportional to the scores, all from the zero line", () => {
    const bars = barsOf(chart);
    const per = bars[0]!.width / 100;
    bars.forEach((b, i) => expect(b.width).toBeCloseTo(units[i]!.score * per, 1));
    expect(new Set(bars.map((b) => b.x)).size).toBe(1);
  });

  it("writes rank, name and score of every unit, 否决 after a vetoed score, a dashed rule above it", () => {
    const t = texts(chart);
    for (const u of units) expect(t).toContain(u.name);
    expect(t).toContain("98.50");
    expect(t).toContain("95.00 否决");
    expect(t.filter((x) => x === "2")).toHaveLength(2);
    const rule = of(chart.shapes, "line").filter((l) => l.role === "guide");
    expect(rule).toHaveLength(1);
    expect(rule[0]!.y1).toBeCloseTo(
      barsOf(chart)[4]!.y - (SCORE_CHART.row - SCORE_CHART.bar) / 2,
      6,
    );
  });

  it("describes every unit in rank order", () => {
    expect(scoreChartDescription({ title: "", units })).toBe(
      "按名次排列，共5个村（社区），其中1个被一票否决，排在其他村（社区）之后：第1名锦绣社区100.00分；第2名白杨村98.50分；第2名桃花村98.50分；第4名高坪村70.00分；第5名北岭村95.00分（一票否决）。",
    );
    expect(scoreChartDescription({ title: "", units: [] })).toBe("暂无考评得分。");
  });

  it("keeps one bar per unit in order and lengths proportional for any scores (negative too)", () => {
    const score = fc.integer({ min: -5000, max: 15000 }).map((n) => n / 100);
    fc.assert(
      fc.property(
        fc.array(fc.record({ score, vetoed: fc.boolean() }), { minLength: 1, maxLength: 40 }),
        (raw) => {
          const us = raw.map((u, i) => ({ rank: i + 1, name: `村${i}`, ...u }));
          const d = scoreChart({ title: "t", units: us });
          const bars = barsOf(d);
          expect(bars).toHaveLength(us.length);
          const { lo, hi } = scoreScale(us.map((u) => u.score));
          // mm per point, from the grid lines at the ends of the scale
          const grid = of(d.shapes, "line").filter((l) => l.role === "grid");
          const xs = grid.map((l) => l.x1);
          const perPoint = (Math.max(...xs) - Math.min(...xs)) / (hi - lo);
          const zero = of(d.shapes, "line").find((l) => l.role === "axis")!.x1;
          bars.forEach((b, i) => {
            const u = us[i]!;
            expect(b.role).toBe(u.vetoed ? "highlight" : "bar");
            if (i) expect(b.y).toBeGreaterThan(bars[i - 1]!.y);
            expect(Math.abs(b.width - Math.abs(u.score) * perPoint)).toBeLessThan(0.021);
            expect(Math.abs((u.score < 0 ? b.x + b.width : b.x) - zero)).toBeLessThan(0.011);
          });
          expect(lo).toBeLessThanOrEqual(Math.min(...us.map((u) => u.score)));
          expect(hi).toBeGreaterThanOrEqual(Math.max(...us.map((u) => u.score)));
          expect(inside(d)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("scoreBars and deductionItems from a score sheet", () => {
  const sheet = run({
    units: [unit("a"), unit("b"), unit("c")],
    rules: specRules(),
    petitions: [
      petition({ unit: "a", level: "县", form: "个访", date: "2025-03-03" }),
      petition({ unit: "a", level: "县", form: "个访", date: "2025-03-10" }),
      petition({ unit: "b", level: "省", form: "集访", date: "2025-05-05" }),
    ],
    meetings: [meeting("M1", "2025-04-01", ["a"], ["c"]), meeting("M2", "2025-05-01", [], ["c"])],
    weeklyReports: [],
    asOf: "2025-01-31",
  });

  it("gives the sheet's units in rank order with their scores", () => {
    expect(scoreBars(sheet.units)).toEqual(
      sheet.units.map((u) => ({
        rank: u.rank,
        name: u.name,
        score: toNumber2(u.score),
        vetoed: u.vetoed,
      })),
    );
  });

  it("sums each unit's lost points per rule item, the items adding up to its deductions", () => {
    const year = run({
      units: [unit("a"), unit("b"), unit("c")],
      rules: specRules(),
      petitions: [
        petition({ unit: "a", level: "县", form: "个访", date: "2025-03-03" }),
        petition({ unit: "a", level: "县", form: "个访", date: "2025-03-10" }),
      ],
      meetings: [meeting("M1", "2025-04-01", ["a"], ["c"]), meeting("M2", "2025-05-01", [], ["c"])],
      weeklyReports: [report("a", "2025-W01", "2025-01-03T16:00")],
    });
    for (const u of year.units) {
      const items = deductionItems(u);
      const lost = items.reduce((s, i) => s + i.lost, 0);
      expect(lost).toBeCloseTo(-toNumber2(u.deducted), 6);
      expect(items.map((i) => i.lost)).toEqual([...items.map((i) => i.lost)].sort((x, y) => y - x));
      expect(items.every((i) => i.lost > 0 && i.count > 0)).toBe(true);
    }
    const c = deductionItems(year.units.find((u) => u.id === "c")!);
    // 请假: the first is free (0 points), the second costs 2; plus every week's report missing
    expect(c.filter((i) => i.count === 1).map((i) => i.lost)).toEqual([2]);
    const weekly = c.find((i) => i.count > 40);
    expect(weekly?.lost).toBe(weekly!.count * 5);
  });
});

describe("deductionChart", () => {
  const items = [
    { label: "未按时报送周排查报告", lost: 15, count: 3 },
    { label: "群众上访", lost: 3.75, count: 4 },
    { label: "例会请假", lost: 2, count: 1 },
  ];
  const chart = deductionChart("东坡村2025年度各项扣分", items);

  it("draws one bar per item in order, lengths proportional to the points lost", () => {
    const bars = of(chart.shapes, "rect");
    expect(bars).toHaveLength(3);
    const per = bars[0]!.width / 15;
    bars.forEach((b, i) => {
      expect(b.role).toBe("bar");
      expect(b.width).toBeCloseTo(items[i]!.lost * per, 1);
      if (i) expect(b.y).toBeGreaterThan(bars[i - 1]!.y);
    });
    expect(texts(chart)).toEqual([
      "未按时报送周排查报告（3次）",
      "-15.00分",
      "群众上访（4次）",
      "-3.75分",
      "例会请假（1次）",
      "-2.00分",
    ]);
    expect(inside(chart)).toBe(true);
  });

  it("cuts a name too long for the width, and says it all in words", () => {
    const long = deductionChart("t", [{ label: "长".repeat(60), lost: 1, count: 1 }]);
    const name = texts(long)[0]!;
    expect(name.endsWith("…")).toBe(true);
    expect(name.length).toBeLessThan(40);
    expect(deductionDescription(items)).toBe(
      "共扣20.75分：未按时报送周排查报告3次，扣15.00分；群众上访4次，扣3.75分；例会请假1次，扣2.00分。",
    );
    expect(deductionDescription([])).toBe("没有扣分。");
  });
});

describe("weekGrid", () => {
  /** The cells of a grid: rects of the cell size, by row then column, with the shapes in each. */
  function cells(d: Drawing, rows: number, cols: number) {
    const size = WEEK_GRID.cell - WEEK_GRID.gap;
    const rects = of(d.shapes, "rect").filter(
      (r) => Math.abs(r.width - size) < 0.01 && Math.abs(r.height - size) < 0.01,
    );
    expect(rects).toHaveLength(rows * cols);
    const sorted = [...rects].sort((a, b) => a.y - b.y || a.x - b.x);
    return sorted.map((r) => ({
      role: r.role,
      within: d.shapes.filter(
        (s) =>
          s !== r &&
          (s.kind === "marker" || s.kind === "line") &&
          (s.kind === "marker" ? s.x : s.x1) > r.x &&
          (s.kind === "marker" ? s.x : s.x2) < r.x + r.width &&
          (s.kind === "marker" ? s.y : s.y1) > r.y &&
          (s.kind === "marker" ? s.y : s.y1) < r.y + r.height,
      ),
    }));
  }

  /** What a cell's shapes say its status is. */
  function statusOf(c: ReturnType<typeof cells>[number]): WeekStatus {
    const m = c.within.find((s) => s.kind === "marker");
    const l = c.within.find((s) => s.kind === "line");
    if (c.role === "series-1" && !c.within.length) return "missing";
    if (c.role === "frame" && m?.role === "highlight" && c.within.length === 1) return "on-time";
    if (c.role === "bar" && m?.role === "series-1" && c.within.length === 1) return "late";
    if (c.role === "grid" && l?.role === "guide" && c.within.length === 1) return "exempt";
    if (c.role === "grid" && !c.within.length) return "not-due";
    throw new Error(`a cell that is no status: ${JSON.stringify(c)}`);
  }

  const status = fc.constantFrom(...WEEK_STATUSES);

  it("has every unit × week cell, drawn as its status (random grids)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 12 }),
        fc.infiniteStream(status),
        (cols, rows, firstMonth, stream) => {
          const input: WeekGridInput = {
            title: "t",
            weeks: Array.from({ length: cols }, (_, i) => ({
              number: i + 1,
              month: Math.min(12, firstMonth + Math.floor(i / 4)),
            })),
            rows: Array.from({ length: rows }, (_, r) => ({
              name: `村${r}`,
              statuses: Array.from({ length: cols }, () => stream.next().value as WeekStatus),
            })),
          };
          const d = weekGrid(input);
          const got = cells(d, rows, cols).map(statusOf);
          expect(got).toEqual(input.rows.flatMap((r) => r.statuses));
          expect(inside(d)).toBe(true);
          for (const r of input.rows) expect(texts(d)).toContain(r.name);
          for (const w of input.weeks) expect(texts(d)).toContain(String(w.number));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("gives each status a different grey or symbol, readable without colour", () => {
    const looks = WEEK_STATUSES.map((s) => {
      const { cell, symbol } = WEEK_CELL[s];
      return `${LINE_STYLES[cell].fill}/${LINE_STYLES[cell].stroke}/${symbol}`;
    });
    expect(new Set(looks).size).toBe(WEEK_STATUSES.length);
  });

  it("takes a year's grid a quarter at a time, and says it in words", () => {
    const grid = {
      year: 2025,
      asOf: "2025-12-31",
      deadline: { weekday: 5, time: "17:00" },
      weeks: [
        { week: "2025-W13", number: 13, date: "2025-03-28" },
        { week: "2025-W14", number: 14, date: "2025-04-04" },
        { week: "2025-W15", number: 15, date: "2025-04-11" },
      ],
      units: [
        { id: "a", name: "东坡村", statuses: ["late", "on-time", "missing"] as WeekStatus[] },
        { id: "b", name: "北岭村", statuses: ["on-time", "exempt", "on-time"] as WeekStatus[] },
      ],
    };
    const q2 = weekGridInput(grid, "第二季度", 1, 3);
    expect(q2).toEqual({
      title: "第二季度",
      weeks: [
        { number: 14, month: 4 },
        { number: 15, month: 4 },
      ],
      rows: [
        { name: "东坡村", statuses: ["on-time", "missing"] },
        { name: "北岭村", statuses: ["exempt", "on-time"] },
      ],
    });
    expect(weekGridDescription(q2)).toBe(
      "第14周至第15周：东坡村按时报送1周，未报送第15周；北岭村按时报送1周，免报第14周。",
    );
    const all = weekGrid(weekGridInput(grid, "全年"));
    expect(texts(all).filter((t) => t.endsWith("月"))).toEqual(["3月", "4月"]);
  });

  it("has a legend with a sample cell and the name of each status asked for", () => {
    const legend = weekLegend(["on-time", "late", "missing"]);
    expect(texts(legend)).toEqual(["按时报送", "逾期报送", "未报送"]);
    expect(cells(legend, 1, 3).map(statusOf)).toEqual(["on-time", "late", "missing"]);
    expect(Object.keys(WEEK_STATUS_NAMES).sort()).toEqual([...WEEK_STATUSES].sort());
  });
});

describe("weeklyCountsText", () => {
  it("counts on-time, late and missing weeks always, exempt and not-due weeks when there are any", () => {
    expect(weeklyCountsText(["on-time", "on-time", "late", "exempt"])).toBe(
      "周排查报告：按时报送2周，逾期报送1周，未报送0周，免报1周。",
    );
    expect(weeklyCountsText(["missing", "not-due"])).toBe(
      "周排查报告：按时报送0周，逾期报送0周，未报送1周，未到截止时间1周。",
    );
  });
});
