// Figures in the PDF: a drawing painted as vectors where its millimetres say, centred in the
// text block, its caption on the grid line below; roles as greys, dashes, fills and halos.
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Drawing, Shape } from "../../src/doc/drawing.ts";
import type { Block } from "../../src/doc/types.ts";
import type { Group, Item, PathShape, TextRun } from "../../src/pdf/boxes.ts";
import { BLOCK_TOP, LINE, mm, toMm } from "../../src/pdf/gbt9704.ts";
import { layoutDoc } from "../../src/pdf/layout.ts";
import { paintPdf } from "../../src/pdf/paint.ts";
import { barChart, lineChart } from "../../src/render/charts.ts";
import { doc, fonts, lines, para, placed } from "./support.ts";

const set = fonts();
const figure = (drawing: Drawing, caption = "图1　受理信访事项月度趋势"): Block => ({
  type: "figure",
  drawing,
  caption,
  alt: "",
});
const chart = lineChart(
  "受理信访事项月度趋势",
  ["1月", "2月", "3月"],
  [
    { label: "2025年", values: [25, 7, 35] },
    { label: "2024年同期", values: [20, 12, 30], dashed: true },
  ],
  "件",
);

const groups = (items: readonly Item[]) => items.filter((i): i is Group => i.type === "group");
const paths = (items: readonly Item[]) => items.filter((i): i is PathShape => i.type === "path");
const textRuns = (items: readonly Item[]) => items.filter((i): i is TextRun => i.type === "text");
const textOf = (r: TextRun) =>
  placed(r)
    .map((g) => g.text)
    .join("");
/** Left and right edge of a run, mm. */
const edges = (r: TextRun): [number, number] => {
  const last = placed(r).at(-1)!;
  return [toMm(placed(r)[0]!.x), toMm(last.x + (r.face.advance(last.gid) * r.size) / 1000)];
};
const mmOf = (ops: PathShape["ops"]) =>
  ops.map((o) => (o.op === "Z" ? "Z" : `${o.op}${toMm(o.x).toFixed(2)},${toMm(o.y).toFixed(2)}`));

describe("a figure on the page", () => {
  const laid = layoutDoc(doc([figure(chart)]), set);
  const page = laid.pages[0]!;
  const [g] = groups(page.items);
  const items = g!.items;

  it("puts the 148 mm drawing unscaled, centred in the text block (32 mm from the page's left), on a grid line", () => {
    const [a, b, c, d, e, f] = g!.matrix;
    expect([a, b, c, d]).toEqual([1, 0, 0, 1]);
    expect(toMm(e)).toBeCloseTo(32, 6);
    const k = (f - BLOCK_TOP) / LINE;
    expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-9);
  });

  it("draws the grid light grey and solid, 0.13 mm, from 12 to 144 mm of the drawing", () => {
    const grid = paths(items).filter((p) => p.stroke?.[0] === 187 / 255);
    expect(grid).toHaveLength(5);
    expect(mmOf(grid[0]!.ops)).toEqual(["M12.00,57.00", "L144.00,57.00"]);
    expect(toMm(grid[0]!.strokeWidth)).toBeCloseTo(0.13, 6);
    expect(grid.every((p) => p.fill === null && p.dash === undefined)).toBe(true);
  });

  it("draws this year solid with round joins and last year dashed 1 mm on, 0.8 mm off, legends alike", () => {
    const series = paths(items).filter((p) => p.roundJoin);
    expect(series.map((p) => mmOf(p.ops))).toEqual([
      ["M12.00,26.38", "L78.00,48.43", "L144.00,14.13"],
      ["M12.00,65.00", "L18.50,65.00"],
      ["M12.00,32.50", "L78.00,42.30", "L144.00,20.25"],
      ["M52.00,65.00", "L58.50,65.00"],
    ]);
    expect(series.map((p) => p.dash?.map((v) => Number(toMm(v).toFixed(6))))).toEqual([
      undefined,
      undefined,
      [1, 0.8],
      [1, 0.8],
    ]);
    expect(series.map((p) => Number(toMm(p.strokeWidth).toFixed(6)))).toEqual([
      0.4, 0.4, 0.25, 0.25,
    ]);
  });

  it("draws a 1.5 mm black dot at this year's points and a 1.3 mm hollow solid square at last year's", () => {
    const closed = paths(items).filter((p) => p.ops.at(-1)?.op === "Z");
    const dot = closed.find((p) => p.ops.some((o) => o.op === "C"))!;
    const xs = dot.ops.flatMap((o) => (o.op === "Z" ? [] : [toMm(o.x)]));
    expect(Math.min(...xs)).toBeCloseTo(12 - 0.75, 6);
    expect(Math.max(...xs)).toBeCloseTo(12 + 0.75, 6);
    expect([dot.fill, dot.stroke]).toEqual([[0, 0, 0], null]);
    const square = closed.find((p) => p.fill?.[0] === 1)!;
    expect(mmOf(square.ops)).toEqual([
      "M11.35,31.85",
      "L12.65,31.85",
      "L12.65,33.15",
      "L11.35,33.15",
      "Z",
    ]);
    expect([square.stroke, square.dash]).toEqual([[0, 0, 0], undefined]);
  });

  it("sets the title in 五号 centred at 74 mm, 5 mm down; tick values end at 10.5 mm; months centred under their points", () => {
    const runs = textRuns(items);
    const title = runs.find((r) => textOf(r) === "受理信访事项月度趋势")!;
    expect(title.size).toBe(10.5);
    expect(toMm(title.y)).toBeCloseTo(5, 6);
    const [l, r] = edges(title);
    expect((l + r) / 2).toBeCloseTo(74, 6);
    const zero = runs.find((x) => textOf(x) === "0")!;
    expect([zero.size, toMm(zero.y)]).toEqual([9, expect.closeTo(58, 6)]);
    expect(edges(zero)[1]).toBeCloseTo(10.5, 6);
    const march = runs.find((x) => textOf(x) === "3月")!;
    expect((edges(march)[0] + edges(march)[1]) / 2).toBeCloseTo(144, 1);
    expect(edges(runs.find((x) => textOf(x) === "2024年同期")!)[0]).toBeCloseTo(60, 6);
  });

  it("puts the caption centred on the first grid line below the drawing", () => {
    const caption = lines(page).find((x) => x.text === "图1　受理信访事项月度趋势")!;
    const top = toMm(g!.matrix[5]) + 69;
    const gridLine = Math.ceil((top - 37 - 1e-6) / toMm(LINE));
    expect(caption.y).toBeCloseTo(
      37 + gridLine * toMm(LINE) + (toMm(LINE) - toMm(16)) / 2 + 0.88 * toMm(16),
      6,
    );
    expect((caption.x + caption.xs.at(-1)! + toMm(16)) / 2).toBeCloseTo(28 + 78, 0);
  });
});

describe("roles and shapes the example charts do not use", () => {
  const shapes: Shape[] = [
    {
      kind: "text",
      role: "callout",
      text: "12",
      x: 20,
      y: 30,
      size: 9.75,
      anchor: "middle",
      weight: "bold",
    },
    {
      kind: "text",
      role: "label",
      text: "名次",
      x: 4,
      y: 35,
      size: 9.75,
      anchor: "middle",
      weight: "normal",
      rotate: -90,
    },
  ];
  const d: Drawing = { title: "t", width: 169, height: 74, shapes };
  const laid = layoutDoc(doc([figure(d, "图2　排名")]), set);
  const g = groups(laid.pages[0]!.items)[0]!;

  it("sets a callout bold (黑体) over a white halo 0.8 mm wide", () => {
    const [run] = textRuns(g.items);
    expect(textOf(run!)).toBe("12");
    expect(run!.face).toBe(set.roles.黑体[0]);
    expect(run!.halo).toEqual({ color: [1, 1, 1], width: mm(0.8) });
  });

  it("turns text about its anchor: 名次 reads upwards, centred on (4, 35) mm", () => {
    const turned = groups(g.items)[0]!;
    expect(turned.matrix).toEqual([0, -1, 1, 0, mm(4), mm(35)]);
    const [run] = textRuns(turned.items);
    const [l, r] = edges(run!);
    expect(l + r).toBeCloseTo(0, 6);
    expect(run!.y).toBe(0);
  });

  it("scales a drawing wider than the text block down to its 156 mm, from its left edge", () => {
    const wide = layoutDoc(doc([figure({ ...d, width: 200, height: 50 })]), set);
    const [a, , , dd, e] = groups(wide.pages[0]!.items)[0]!.matrix;
    expect([a, dd]).toEqual([0.78, 0.78].map((v) => expect.closeTo(v, 9)));
    expect(toMm(e)).toBeCloseTo(28, 6);
  });

  it("moves a figure that does not fit below the text to the next page, caption and all", () => {
    const text = Array.from({ length: 14 }, (_, i) => para(`第${i + 1}段。`));
    const tall = barChart(
      "t",
      Array.from({ length: 12 }, (_, i) => ({ label: `${i}`, value: i })),
      "件",
    );
    const laidTall = layoutDoc(doc([...text, figure(tall, "图3　各村")]), set);
    expect(groups(laidTall.pages[0]!.items)).toHaveLength(0);
    const g2 = groups(laidTall.pages[1]!.items)[0]!;
    expect(g2.matrix[5]).toBeCloseTo(BLOCK_TOP, 6);
    expect(lines(laidTall.pages[1]!).map((l) => l.text)).toContain("图3　各村");
  });
});

describe("painting", () => {
  it("writes dashes, round joins and halos into the content stream", async () => {
    const d: Drawing = {
      title: "t",
      width: 100,
      height: 20,
      shapes: [
        {
          kind: "polyline",
          role: "series-2",
          lineWidth: 0.25,
          points: [
            [0, 0],
            [10, 10],
          ],
        },
        {
          kind: "text",
          role: "callout",
          text: "12",
          x: 20,
          y: 10,
          size: 9,
          anchor: "start",
          weight: "bold",
        },
      ],
    };
    const laid = layoutDoc(doc([figure(d, "")]), set);
    const bytes = Buffer.from(
      await paintPdf({
        pages: laid.pages,
        outline: [],
        info: { title: "t", date: "2025-01-01", id: "t" },
      }),
    );
    const text = bytes.toString("latin1");
    const streams: string[] = [];
    for (const m of text.matchAll(/\/Length (\d+)[^]*?>>\s*stream\r?\n/g)) {
      const start = m.index! + m[0].length;
      try {
        streams.push(inflateSync(bytes.subarray(start, start + Number(m[1]))).toString("latin1"));
      } catch {
        // not deflated
      }
    }
    const content = streams.find((s) => s.includes(" cm\n"))!;
    expect(content).toContain("0 0 0 RG 0.71 w\n[2.83 2.27] 0 d\n1 j\n0 0 m\n28.35 28.35 l\nS\n");
    expect(content).toMatch(
      /q BT\n\/F\d+ 9 Tf 0 0 0 rg\n1 1 1 RG 2\.27 w 1 j 1 Tr\n1 0 0 -1 [\d.]+ 28\.35 Tm \[<[0-9a-f]+>\] TJ\n0 Tr\n1 0 0 -1/,
    );
  });
});
