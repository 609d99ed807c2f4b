// The drawing model: what a ```figure block's data may hold (readDrawing keeps our shapes and
// nothing else), and the role styles that make every chart print in black and white.
import { describe, expect, it } from "vitest";
import { LINE_STYLES, TEXT_STYLES, mm2, readDrawing } from "../../src/doc/drawing.ts";
import type { Shape } from "../../src/doc/drawing.ts";

const shapes: Shape[] = [
  { kind: "line", role: "axis", lineWidth: 0.2, x1: 1, y1: 2, x2: 3, y2: 4 },
  {
    kind: "polyline",
    role: "series-2",
    lineWidth: 0.25,
    points: [
      [0, 0],
      [1, 2],
    ],
  },
  { kind: "rect", role: "bar", lineWidth: 0.16, x: 1, y: 1, width: 5, height: 2 },
  { kind: "marker", role: "highlight", lineWidth: 0.5, symbol: "square", x: 3, y: 3, size: 2.6 },
  {
    kind: "text",
    role: "callout",
    text: "12",
    x: 4,
    y: 5,
    size: 9.75,
    anchor: "middle",
    weight: "bold",
    rotate: -90,
  },
];

describe("readDrawing", () => {
  it("keeps a drawing of every shape kind as it is", () => {
    const d = { title: "图", width: 148, height: 69, shapes };
    expect(readDrawing(JSON.parse(JSON.stringify(d)))).toEqual(d);
  });

  it("leaves out shapes that are not ours and fields that are not theirs", () => {
    const read = readDrawing({
      title: "图",
      width: 10,
      height: 10,
      shapes: [
        { kind: "circle", role: "axis", lineWidth: 1, cx: 1, cy: 1, r: 1 },
        { kind: "line", role: "red", lineWidth: 1, x1: 0, y1: 0, x2: 1, y2: 1 },
        { kind: "line", role: "axis", lineWidth: "1", x1: 0, y1: 0, x2: 1, y2: 1 },
        { kind: "rect", role: "bar", lineWidth: 1, x: 0, y: 0, width: 1 },
        { kind: "marker", role: "bar", lineWidth: 1, symbol: "star", x: 0, y: 0, size: 1 },
        { kind: "polyline", role: "grid", lineWidth: 1, points: [[0, 0], [1]] },
        {
          kind: "text",
          role: "label",
          text: 3,
          x: 0,
          y: 0,
          size: 9,
          anchor: "start",
          weight: "normal",
        },
        {
          kind: "text",
          role: "label",
          text: "x",
          x: 0,
          y: 0,
          size: 9,
          anchor: "left",
          weight: "normal",
        },
        {
          kind: "text",
          role: "label",
          text: "x",
          x: 0,
          y: 0,
          size: 9,
          anchor: "start",
          weight: 700,
        },
        {
          kind: "text",
          role: "label",
          text: "x",
          x: 0,
          y: 0,
          size: 9,
          anchor: "start",
          weight: "normal",
          rotate: "90",
        },
        "<svg onload=alert(1)>",
        null,
        {
          kind: "line",
          role: "axis",
          lineWidth: 0.2,
          x1: 0,
          y1: 0,
          x2: 1,
          y2: 1,
          onclick: "alert(1)",
          stroke: "red",
        },
      ],
    });
    expect(read.shapes).toEqual([
      { kind: "line", role: "axis", lineWidth: 0.2, x1: 0, y1: 0, x2: 1, y2: 1 },
    ]);
  });

  it("reads what is not a drawing as an empty one of no size", () => {
    for (const v of [undefined, null, "<svg/>", [1, 2], { width: -5, height: "10", shapes: {} }])
      expect(readDrawing(v)).toEqual({ title: "", width: 0, height: 0, shapes: [] });
  });
});

describe("role styles", () => {
  const greys = [
    ...Object.values(LINE_STYLES).flatMap((s) => [s.stroke, s.fill ?? 0]),
    ...Object.values(TEXT_STYLES).flatMap((s) => [s.fill, s.halo?.grey ?? 0]),
  ];

  it("are grey levels 0…255 only: charts have no colour to lose in print", () => {
    expect(greys.every((g) => Number.isInteger(g) && g >= 0 && g <= 255)).toBe(true);
  });

  it("tell the two series apart without colour: solid with filled dots, dashed with hollow marks", () => {
    expect(LINE_STYLES["series-1"]).toMatchObject({ dash: null, fill: 0, stroke: 0 });
    expect(LINE_STYLES["series-2"]).toMatchObject({ dash: [1, 0.8], fill: 255, stroke: 0 });
  });

  it("draw bars mid grey in black outline, grids light and guides dashed, highlights hollow", () => {
    expect(LINE_STYLES.bar).toMatchObject({ fill: 154, stroke: 0 });
    expect(LINE_STYLES.grid).toMatchObject({ stroke: 187, dash: null });
    expect(LINE_STYLES.guide).toMatchObject({ stroke: 153, dash: [0.8, 0.8] });
    expect(LINE_STYLES.highlight).toMatchObject({ fill: 255, stroke: 0 });
  });

  it("give only callouts a white halo, 0.8 mm wide", () => {
    expect(Object.entries(TEXT_STYLES).filter(([, s]) => s.halo)).toEqual([
      ["callout", { fill: 0, halo: { grey: 255, width: 0.8 } }],
    ]);
  });
});

describe("mm2", () => {
  it("rounds to a hundredth of a millimetre, never -0", () => {
    expect([mm2(26.375), mm2(0.1 + 0.2), mm2(-0.001), mm2(8 + 3 * 5.8)]).toEqual([
      26.38, 0.3, 0, 25.4,
    ]);
    expect(Object.is(mm2(-0.001), 0)).toBe(true);
  });
});
