// The unit page's rank chart as a drawing: positions in mm, one line broken at missing months,
// the rank written at every point, vetoed months as hollow squares.
import { describe, expect, it } from "vitest";
import type { Shape } from "../../src/doc/drawing.ts";
import { rankChart, rankChartDescription, rankTicks } from "../../src/render/rank-chart.ts";
import type { RankPoint } from "../../src/render/rank-chart.ts";

const months = (ranks: (number | null)[], vetoedFrom = 13): RankPoint[] =>
  ranks.map((rank, i) => ({ label: `${i + 1}月`, rank, vetoed: i + 1 >= vetoedFrom }));

const of = <K extends Shape["kind"]>(shapes: Shape[], kind: K) =>
  shapes.filter((s): s is Extract<Shape, { kind: K }> => s.kind === kind);

describe("rankTicks", () => {
  it("labels every rank for a town (up to 15 units)", () => {
    expect(rankTicks(1)).toEqual([1]);
    expect(rankTicks(12)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("labels 1, multiples of a round step and the last rank for a county", () => {
    expect(rankTicks(300)).toEqual([1, 50, 100, 150, 200, 250, 300]);
    expect(rankTicks(16)).toEqual([1, 5, 10, 16]);
    expect(rankTicks(301)).toEqual([1, 50, 100, 150, 200, 250, 301]);
  });
});

describe("rankChart", () => {
  const chart = rankChart({
    title: "东坡村2025年逐月累计排名",
    units: 12,
    points: months([10, 9, 11, 9, 9, 8, 8, 8, 7, 7, 6, 6]),
  });

  it("is 169 × 74 mm with its title, a framed plot area of 149 × 54 mm from (15, 8)", () => {
    expect([chart.title, chart.width, chart.height]).toEqual(["东坡村2025年逐月累计排名", 169, 74]);
    expect(of(chart.shapes, "rect")).toEqual([
      { kind: "rect", role: "frame", lineWidth: 0.25, x: 15, y: 8, width: 149, height: 54 },
    ]);
  });

  it("draws a dashed guide at every rank, 1 at 14.5 mm and 12 at 59 mm, its number left of the frame", () => {
    const guides = of(chart.shapes, "line");
    expect(guides).toHaveLength(12);
    expect(guides.every((l) => l.role === "guide" && l.x1 === 15 && l.x2 === 164)).toBe(true);
    expect(guides[0]!.y1).toBe(14.5);
    expect(guides[11]!.y1).toBe(59);
    const ticks = of(chart.shapes, "text").filter((t) => t.anchor === "end");
    expect(ticks.map((t) => t.text)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
      "11",
      "12",
    ]);
    expect(ticks[0]).toMatchObject({ x: 13, y: 15.7, size: 9.75, role: "label" });
  });

  it("puts the months 20 mm to 159 mm across, under the frame", () => {
    const labels = of(chart.shapes, "text").filter((t) => t.text.endsWith("月"));
    expect(labels.map((t) => t.x)).toEqual([
      20, 32.64, 45.27, 57.91, 70.55, 83.18, 95.82, 108.45, 121.09, 133.73, 146.36, 159,
    ]);
    expect(labels.every((t) => t.y === 68 && t.anchor === "middle")).toBe(true);
  });

  it("writes 名次 upwards at the left", () => {
    const axis = of(chart.shapes, "text").find((t) => t.text === "名次");
    expect(axis).toMatchObject({ x: 4, y: 35, rotate: -90, anchor: "middle" });
  });

  it("draws one line through the twelve months with a dot at each and the rank in bold above it", () => {
    const lines = of(chart.shapes, "polyline");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ role: "series-1", lineWidth: 0.5 });
    expect(lines[0]!.points[0]).toEqual([20, 50.91]);
    expect(lines[0]!.points[2]).toEqual([45.27, 54.95]);
    const dots = of(chart.shapes, "marker");
    expect(dots).toHaveLength(12);
    expect(dots[0]).toEqual({
      kind: "marker",
      role: "series-1",
      lineWidth: 0,
      symbol: "dot",
      x: 20,
      y: 50.91,
      size: 2.4,
    });
    const ranks = of(chart.shapes, "text").filter((t) => t.role === "callout");
    expect(ranks.map((t) => t.text)).toEqual([
      "10",
      "9",
      "11",
      "9",
      "9",
      "8",
      "8",
      "8",
      "7",
      "7",
      "6",
      "6",
    ]);
    expect(ranks[0]).toMatchObject({ x: 20, y: 48.31, weight: "bold", anchor: "middle" });
  });

  it("puts rank 1 at the top and the last rank at the bottom of the inner plot", () => {
    const y = (rank: number) =>
      of(rankChart({ title: "t", units: 12, points: months([rank]) }).shapes, "marker")[0]!.y;
    expect(y(1)).toBe(8 + 6.5);
    expect(y(12)).toBe(74 - 12 - 3);
  });

  it("marks vetoed months with a hollow square instead of a dot", () => {
    const v = rankChart({ title: "t", units: 12, points: months([12, 12, 12], 2) });
    const markers = of(v.shapes, "marker");
    expect(markers.map((m) => `${m.symbol}:${m.role}`)).toEqual([
      "dot:series-1",
      "square:highlight",
      "square:highlight",
    ]);
    expect(markers[1]).toMatchObject({ size: 2.6, lineWidth: 0.5 });
    expect(rankChartDescription({ title: "t", units: 12, points: months([12, 12], 2) })).toBe(
      "共12个村（社区）参加排名。1月第12名，2月第12名（一票否决）。",
    );
  });

  it("breaks the line at months without a sheet and says so when there is none", () => {
    const gap = rankChart({ title: "t", units: 5, points: months([1, 2, null, 3, 4]) });
    expect(of(gap.shapes, "polyline").map((l) => l.points.length)).toEqual([2, 2]);
    expect(of(gap.shapes, "marker")).toHaveLength(4);
    const lone = rankChart({ title: "t", units: 5, points: months([1, null, 3]) });
    expect(of(lone.shapes, "polyline")).toEqual([]);
    expect(rankChartDescription({ title: "t", units: 5, points: months([null]) })).toBe(
      "暂无月度排名。",
    );
  });

  it("centres a single month and a single unit", () => {
    const one = rankChart({ title: "t", units: 1, points: months([1]) });
    expect(of(one.shapes, "marker")[0]).toMatchObject({ x: 89.5, y: 36.75 });
  });

  it("draws a phone's narrower copy: the frame and the months within its width", () => {
    const narrow = rankChart(
      { title: "t", units: 12, points: months([10, 9, 11, 9, 9, 8, 8, 8, 7, 7, 6, 6]) },
      100,
    );
    expect(narrow.width).toBe(100);
    expect(of(narrow.shapes, "rect")[0]).toMatchObject({ x: 15, width: 80 });
    const dots = of(narrow.shapes, "marker");
    expect(dots.map((d) => d.x)).toEqual([...dots.map((d) => d.x)].sort((a, b) => a - b));
    expect(dots[0]!.x).toBe(20);
    expect(dots[11]!.x).toBe(90);
  });
});
