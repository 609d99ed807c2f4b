// Report and notice charts as drawings: chart data in, shapes with their positions in mm out;
// and the way a drawing travels through the Markdown (a ```figure block) back into the Doc.
import { describe, expect, it } from "vitest";
import type { Drawing, Shape } from "../../src/doc/drawing.ts";
import { markdownToDoc } from "../../src/doc/from-markdown.ts";
import { barChart, lineChart, niceMax } from "../../src/render/charts.ts";
import { createEnvironment } from "../../src/render/handlebars.ts";
import { loadTemplates } from "../../src/render/templates.ts";

const of = <K extends Shape["kind"]>(d: Drawing, kind: K) =>
  d.shapes.filter((s): s is Extract<Shape, { kind: K }> => s.kind === kind);
const texts = (d: Drawing, role: string) =>
  of(d, "text")
    .filter((t) => t.role === role)
    .map((t) => `${t.text}@${t.x},${t.y}`);

describe("niceMax", () => {
  it("tops the axis at a multiple of a 1-2-5 step that gives about four ticks", () => {
    expect([0, 1, 4, 5, 35, 57, 145, 1000].map(niceMax)).toEqual([1, 1, 4, 6, 40, 60, 150, 1000]);
  });
});

describe("lineChart", () => {
  const chart = lineChart(
    "受理信访事项月度趋势",
    ["1月", "2月", "3月"],
    [{ label: "2025年", values: [25, 7, 35] }],
    "件",
  );

  it("is 148 × 69 mm with the title centred 5 mm from the top in 五号", () => {
    expect([chart.title, chart.width, chart.height]).toEqual(["受理信访事项月度趋势", 148, 69]);
    expect(chart.shapes[0]).toEqual({
      kind: "text",
      role: "title",
      text: "受理信访事项月度趋势",
      x: 74,
      y: 5,
      size: 10.5,
      anchor: "middle",
      weight: "normal",
    });
  });

  it("draws a grid line from 12 to 144 mm at every tick of 0…40, 57 mm down to 8 mm, valued at its left", () => {
    const grid = of(chart, "line").filter((l) => l.role === "grid");
    expect(grid.map((l) => [l.x1, l.x2, l.y1, l.y2, l.lineWidth])).toEqual([
      [12, 144, 57, 57, 0.13],
      [12, 144, 44.75, 44.75, 0.13],
      [12, 144, 32.5, 32.5, 0.13],
      [12, 144, 20.25, 20.25, 0.13],
      [12, 144, 8, 8, 0.13],
    ]);
    const ticks = of(chart, "text").filter((t) => t.anchor === "end");
    expect(ticks.map((t) => `${t.text}@${t.x},${t.y}`)).toEqual([
      "0@10.5,58",
      "10@10.5,45.75",
      "20@10.5,33.5",
      "30@10.5,21.25",
      "40@10.5,9",
      "件@10.5,5.5",
    ]);
    expect(ticks.every((t) => t.size === 9)).toBe(true);
  });

  it("spreads the months from the first to the last grid x, 4 mm under the plot", () => {
    expect(texts(chart, "label").filter((t) => t.includes("月"))).toEqual([
      "1月@12,61",
      "2月@78,61",
      "3月@144,61",
    ]);
  });

  it("draws the series as a solid polyline with a 1.5 mm dot and the value 2 mm above each point", () => {
    expect(of(chart, "polyline")).toEqual([
      {
        kind: "polyline",
        role: "series-1",
        lineWidth: 0.4,
        points: [
          [12, 26.38],
          [78, 48.43],
          [144, 14.13],
        ],
      },
    ]);
    expect(of(chart, "marker").map((m) => [m.symbol, m.x, m.y, m.size, m.lineWidth])).toEqual([
      ["dot", 12, 26.38, 1.5, 0],
      ["dot", 78, 48.43, 1.5, 0],
      ["dot", 144, 14.13, 1.5, 0],
    ]);
    expect(texts(chart, "value")).toEqual(["25@12,24.38", "7@78,46.43", "35@144,12.13"]);
    expect(of(chart, "text").find((t) => t.role === "value")?.size).toBe(7.5);
  });

  it("puts the legend below the month labels: a stretch of the line and the series' name", () => {
    const legend = of(chart, "line").filter((l) => l.role === "series-1");
    expect(legend).toEqual([
      { kind: "line", role: "series-1", lineWidth: 0.4, x1: 12, y1: 65, x2: 18.5, y2: 65 },
    ]);
    expect(texts(chart, "label").at(-1)).toBe("2025年@20,66");
  });

  it("draws last year dashed with hollow squares and no values, its legend 40 mm to the right", () => {
    const two = lineChart(
      "t",
      ["1月", "2月"],
      [
        { label: "2025年", values: [4, 8] },
        { label: "2024年同期", values: [6, 2], dashed: true },
      ],
      "件",
    );
    const last = of(two, "polyline")[1]!;
    expect(last).toMatchObject({ role: "series-2", lineWidth: 0.25 });
    expect(of(two, "marker").filter((m) => m.role === "series-2")).toEqual([
      {
        kind: "marker",
        role: "series-2",
        lineWidth: 0.25,
        symbol: "square",
        x: 12,
        y: 20.25,
        size: 1.3,
      },
      {
        kind: "marker",
        role: "series-2",
        lineWidth: 0.25,
        symbol: "square",
        x: 144,
        y: 44.75,
        size: 1.3,
      },
    ]);
    expect(texts(two, "value")).toEqual(["4@12,30.5", "8@144,6"]);
    expect(of(two, "line").filter((l) => l.role === "series-2")).toEqual([
      { kind: "line", role: "series-2", lineWidth: 0.25, x1: 52, y1: 65, x2: 58.5, y2: 65 },
    ]);
    expect(texts(two, "label").at(-1)).toBe("2024年同期@60,66");
  });

  it("puts a single month in the middle of the plot", () => {
    const one = lineChart("t", ["1月"], [{ label: "2025年", values: [3] }], "件");
    expect(of(one, "marker")[0]).toMatchObject({ x: 78, y: 8 });
  });
});

describe("barChart", () => {
  const chart = barChart(
    "受理信访事项问题类别分布",
    [
      { label: "土地征收", value: 57 },
      { label: "其他", value: 5 },
    ],
    "件",
  );

  it("is 148 mm wide and 8 mm + 5.8 mm a row + 3 mm high", () => {
    expect([chart.width, chart.height]).toEqual([148, 22.6]);
    expect(barChart("t", [], "件").height).toBe(16.8);
  });

  it("draws each bar from 29 mm, 3.8 mm high, as long as its share of the 103 mm to the axis top (60)", () => {
    expect(of(chart, "rect")).toEqual([
      { kind: "rect", role: "bar", lineWidth: 0.16, x: 29, y: 9, width: 97.85, height: 3.8 },
      { kind: "rect", role: "bar", lineWidth: 0.16, x: 29, y: 14.8, width: 8.58, height: 3.8 },
    ]);
  });

  it("writes the label right-aligned 2 mm before the bar and the value 1.5 mm after it", () => {
    expect(texts(chart, "label")).toEqual([
      "土地征收@27,12",
      "57件@128.35,12",
      "其他@27,17.8",
      "5件@39.08,17.8",
    ]);
    const [label, value] = of(chart, "text").filter((t) => t.role === "label");
    expect([label!.anchor, value!.anchor]).toEqual(["end", "start"]);
  });

  it("closes with the axis along the bars' left ends", () => {
    expect(of(chart, "line")).toEqual([
      { kind: "line", role: "axis", lineWidth: 0.2, x1: 29, y1: 8, x2: 29, y2: 19.6 },
    ]);
  });

  it("still shows a hairline for a zero", () => {
    expect(of(barChart("t", [{ label: "无", value: 0 }], "件"), "rect")[0]!.width).toBe(0.15);
  });
});

describe("a drawing through the Markdown", () => {
  it("comes back from the ```figure block the templates write exactly as it went in", async () => {
    const drawing = lineChart(
      "趋势",
      ["1月", "2月"],
      [
        { label: "2025年", values: [1, 2] },
        { label: "2024年同期", values: [2, 1], dashed: true },
      ],
      "件",
    );
    drawing.shapes.push({
      kind: "text",
      role: "callout",
      text: '```\n<b>"引号"</b>: [x] # y',
      x: 1,
      y: 2,
      size: 9,
      anchor: "start",
      weight: "bold",
      rotate: -90,
    });
    const sources = await loadTemplates();
    const env = createEnvironment({
      templates: { t: "{{> figures}}" },
      partials: sources.partials,
    });
    const markdown = env.t!({
      figures: {
        summary: "",
        note: "",
        tables: [],
        charts: [{ caption: "图1　趋势", alt: "1月1件", drawing }],
      },
    });
    expect(markdown).toContain(
      'drawing:\n  title: "趋势"\n  width: 148\n  height: 69\n  shapes:\n    - {',
    );
    const doc = markdownToDoc(markdown);
    expect(doc.body.filter((b) => b.type === "figure")).toEqual([
      { type: "figure", drawing, caption: "图1　趋势", alt: "1月1件" },
    ]);
  });
});
