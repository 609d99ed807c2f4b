// A drawing written as SVG for the site: millimetres as user units, roles as presentation
// attributes (grey, fill, dash, halo), text and ids escaped, nothing but drawing elements.
import { describe, expect, it } from "vitest";
import type { Drawing, Shape } from "../../src/doc/drawing.ts";
import { lineChart } from "../../src/render/charts.ts";
import { rankChart } from "../../src/render/rank-chart.ts";
import { drawingSvg, greyHex, shapeToSvg } from "../../src/site/lib/drawing-svg.ts";

const XSS = '<script>alert("1")</script>&amp;';

describe("shapeToSvg", () => {
  it("writes a grid line light grey and solid, a guide grey and dashed", () => {
    expect(
      shapeToSvg({ kind: "line", role: "grid", lineWidth: 0.13, x1: 12, y1: 57, x2: 144, y2: 57 }),
    ).toBe('<line x1="12" y1="57" x2="144" y2="57" stroke="#bbbbbb" stroke-width="0.13"/>');
    expect(
      shapeToSvg({ kind: "line", role: "guide", lineWidth: 0.2, x1: 0, y1: 1, x2: 2, y2: 1 }),
    ).toBe(
      '<line x1="0" y1="1" x2="2" y2="1" stroke="#999999" stroke-width="0.2" stroke-dasharray="0.8 0.8"/>',
    );
  });

  it("writes a series as an unfilled polyline with round joins, the compared one dashed", () => {
    const points: [number, number][] = [
      [12, 26.38],
      [78, 48.425],
    ];
    expect(shapeToSvg({ kind: "polyline", role: "series-1", lineWidth: 0.4, points })).toBe(
      '<polyline points="12,26.38 78,48.425" fill="none" stroke="#000000" stroke-width="0.4" stroke-linejoin="round"/>',
    );
    expect(shapeToSvg({ kind: "polyline", role: "series-2", lineWidth: 0.25, points })).toBe(
      '<polyline points="12,26.38 78,48.425" fill="none" stroke="#000000" stroke-width="0.25" stroke-dasharray="1 0.8" stroke-linejoin="round"/>',
    );
  });

  it("fills a bar mid grey with a black outline, and leaves out the outline of width 0", () => {
    expect(
      shapeToSvg({
        kind: "rect",
        role: "bar",
        lineWidth: 0.16,
        x: 29,
        y: 9,
        width: 97.85,
        height: 3.8,
      }),
    ).toBe(
      '<rect x="29" y="9" width="97.85" height="3.8" fill="#9a9a9a" stroke="#000000" stroke-width="0.16"/>',
    );
    expect(
      shapeToSvg({ kind: "rect", role: "frame", lineWidth: 0, x: 0, y: 0, width: 1, height: 1 }),
    ).toBe('<rect x="0" y="0" width="1" height="1" fill="#ffffff"/>');
  });

  it("writes a dot as a filled circle and a square centred on its point, outlines never dashed", () => {
    expect(
      shapeToSvg({
        kind: "marker",
        role: "series-1",
        lineWidth: 0,
        symbol: "dot",
        x: 12,
        y: 26.38,
        size: 1.5,
      }),
    ).toBe('<circle cx="12" cy="26.38" r="0.75" fill="#000000"/>');
    expect(
      shapeToSvg({
        kind: "marker",
        role: "series-2",
        lineWidth: 0.25,
        symbol: "square",
        x: 12,
        y: 20,
        size: 1.3,
      }),
    ).toBe(
      '<rect x="11.35" y="19.35" width="1.3" height="1.3" fill="#ffffff" stroke="#000000" stroke-width="0.25"/>',
    );
  });

  it("writes text with its size turned from points into millimetres, anchored, escaped", () => {
    const text: Shape = {
      kind: "text",
      role: "label",
      text: XSS,
      x: 10.5,
      y: 58,
      size: 9,
      anchor: "end",
      weight: "normal",
    };
    expect(shapeToSvg(text)).toBe(
      '<text x="10.5" y="58" font-size="3.175" text-anchor="end" fill="#000000">&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;&amp;amp;</text>',
    );
    expect(shapeToSvg({ ...text, text: "2025年", anchor: "start" })).toBe(
      '<text x="10.5" y="58" font-size="3.175" fill="#000000">2025年</text>',
    );
  });

  it("writes a callout bold over a white halo, and turns text about its anchor", () => {
    expect(
      shapeToSvg({
        kind: "text",
        role: "callout",
        text: "12",
        x: 20,
        y: 48.31,
        size: 9.75,
        anchor: "middle",
        weight: "bold",
      }),
    ).toBe(
      '<text x="20" y="48.31" font-size="3.44" text-anchor="middle" font-weight="bold" fill="#000000" stroke="#ffffff" stroke-width="0.8" stroke-linejoin="round" paint-order="stroke">12</text>',
    );
    expect(
      shapeToSvg({
        kind: "text",
        role: "label",
        text: "名次",
        x: 4,
        y: 35,
        size: 9.75,
        anchor: "middle",
        weight: "normal",
        rotate: -90,
      }),
    ).toContain('transform="rotate(-90 4 35)">名次</text>');
  });
});

describe("drawingSvg", () => {
  const drawing: Drawing = {
    title: `趋势${XSS}`,
    width: 148,
    height: 69,
    shapes: [{ kind: "line", role: "axis", lineWidth: 0.2, x1: 29, y1: 8, x2: 29, y2: 19.6 }],
  };

  it("sizes the svg in mm with a mm viewBox, labelled by the figure's alt text, its title escaped", () => {
    expect(
      drawingSvg(drawing, {
        className: "gw-svg",
        access: { label: `图${XSS}` },
        fontFamily: "serif",
      }),
    ).toBe(
      '<svg class="gw-svg" viewBox="0 0 148 69" width="148mm" height="69mm" role="img" aria-label="图&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;&amp;amp;" font-family="serif">' +
        "<title>趋势&lt;script&gt;alert(&quot;1&quot;)&lt;/script&gt;&amp;amp;</title>" +
        '<line x1="29" y1="8" x2="29" y2="19.6" stroke="#000000" stroke-width="0.2"/></svg>',
    );
  });

  it("or by its title and a description, through ids made from the given one (escaped)", () => {
    const svg = drawingSvg(drawing, {
      className: "rank-chart",
      access: { id: 'r" onload="x', description: "1月第10名。" },
    });
    expect(svg).toContain(
      'role="img" aria-labelledby="r&quot; onload=&quot;x-title r&quot; onload=&quot;x-desc">',
    );
    expect(svg).toContain('<desc id="r&quot; onload=&quot;x-desc">1月第10名。</desc>');
    expect(svg).not.toContain("font-family");
  });

  it("uses only black, white and greys and only drawing elements, for every chart", () => {
    const charts = [
      lineChart(
        "t",
        ["1月", "2月"],
        [
          { label: "a", values: [1, 2] },
          { label: "b", values: [2, 1], dashed: true },
        ],
        "件",
      ),
      rankChart({
        title: "t",
        units: 3,
        points: [
          { label: "1月", rank: 1, vetoed: false },
          { label: "2月", rank: 3, vetoed: true },
        ],
      }),
    ];
    for (const chart of charts) {
      const svg = drawingSvg(chart, { className: "c", access: { label: "x" } });
      const colours = svg.match(/#[0-9a-f]{6}/g) ?? [];
      expect(colours.length).toBeGreaterThan(0);
      expect(
        colours.every((c) => c.slice(1, 3) === c.slice(3, 5) && c.slice(3, 5) === c.slice(5)),
      ).toBe(true);
      const elements = new Set([...svg.matchAll(/<([a-z]+)/g)].map((m) => m[1]));
      expect(
        [...elements].every((e) =>
          ["svg", "title", "line", "polyline", "rect", "circle", "text"].includes(e!),
        ),
      ).toBe(true);
    }
  });
});

describe("greyHex", () => {
  it("writes a grey level as six hex digits, clamped", () => {
    expect([0, 154, 187, 255, 300, -1].map(greyHex)).toEqual([
      "#000000",
      "#9a9a9a",
      "#bbbbbb",
      "#ffffff",
      "#ffffff",
      "#000000",
    ]);
  });
});
