// The charts of the DOCX: a drawing as an EMF (src/docx/emf.ts) read back record by record
// (test/docx/support/emf-reader.ts: the stream, the header, a player with the object table), every
// shape drawn with its role's grey, width, fill and dash, every text as UTF-16 on its anchor in
// the face and turn of its weight and rotation; random drawings give valid streams; and the DOCX
// carries each chart as a .emf picture, sized as the PDF sizes it, with its alt text, kept with
// its caption, byte for byte the same every time.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { LINE_STYLES, PT_PER_MM, TEXT_STYLES } from "../../src/doc/drawing.ts";
import type { Drawing, LineRole, Shape, TextRole } from "../../src/doc/drawing.ts";
import type { Block, Doc } from "../../src/doc/types.ts";
import { docxOf, FONT, MARGIN, PAGE } from "../../src/docx/index.ts";
import { STYLE } from "../../src/docx/index.ts";
import { dashes, emfOf, shapeExtent } from "../../src/docx/emf.ts";
import { readZip } from "../../src/xlsx/zip.ts";
import type { Brush, Font, Op, Pen } from "./support/emf-reader.ts";
import {
  header,
  play,
  R,
  records,
  STOCK_NULL_BRUSH,
  STOCK_NULL_PEN,
} from "./support/emf-reader.ts";
import { doc, exampleDoc, para, part, parts } from "./support.ts";

const NOTICE = "notice-2025-03";

/** Every figure of a Doc, attachments included. */
const figures = (d: Doc): Extract<Block, { type: "figure" }>[] =>
  [...d.body, ...d.attachments.flatMap((a) => a.body)].filter(
    (b): b is Extract<Block, { type: "figure" }> => b.type === "figure",
  );

const u = (mm: number) => Math.round(mm * 100) + 0;
const grey = (g: number) => g | (g << 8) | (g << 16);
const PS_GEOMETRIC = 0x10000;
const PS_ENDCAP_FLAT = 0x200;
const PS_JOIN_MITER = 0x2000;

/** A hand-made drawing with every shape kind and role, a turned label, a halo and a bold text. */
const SAMPLE: Drawing = {
  title: "样例图",
  width: 120,
  height: 60,
  shapes: [
    { kind: "rect", role: "frame", lineWidth: 0.25, x: 10, y: 8, width: 100, height: 40 },
    { kind: "line", role: "grid", lineWidth: 0.2, x1: 10, y1: 20, x2: 110, y2: 20 },
    { kind: "line", role: "guide", lineWidth: 0.2, x1: 10, y1: 30, x2: 110, y2: 30 },
    { kind: "line", role: "axis", lineWidth: 0.3, x1: 10, y1: 48, x2: 110, y2: 48 },
    {
      kind: "polyline",
      role: "series-1",
      lineWidth: 0.5,
      points: [
        [15, 40],
        [40, 15],
        [70, 35],
        [100, 12],
      ],
    },
    {
      kind: "polyline",
      role: "series-2",
      lineWidth: 0.3,
      points: [
        [15, 30],
        [40.3, 25.7],
        [100, 28],
      ],
    },
    { kind: "rect", role: "bar", lineWidth: 0.2, x: 20, y: 50, width: 30, height: 4 },
    { kind: "rect", role: "bar", lineWidth: 0, x: 60, y: 50, width: 20, height: 4 },
    { kind: "marker", role: "series-1", lineWidth: 0, symbol: "dot", x: 40, y: 15, size: 2.4 },
    {
      kind: "marker",
      role: "series-2",
      lineWidth: 0.3,
      symbol: "square",
      x: 40.3,
      y: 25.7,
      size: 2,
    },
    {
      kind: "marker",
      role: "highlight",
      lineWidth: 0.5,
      symbol: "square",
      x: 70,
      y: 35,
      size: 2.6,
    },
    {
      kind: "text",
      role: "title",
      text: "受理件数 2025年",
      x: 60,
      y: 5,
      size: 10.5,
      anchor: "middle",
      weight: "normal",
    },
    {
      kind: "text",
      role: "label",
      text: "件",
      x: 8.5,
      y: 9,
      size: 9,
      anchor: "end",
      weight: "normal",
    },
    {
      kind: "text",
      role: "label",
      text: "名次",
      x: 4,
      y: 28,
      size: 9,
      anchor: "middle",
      weight: "normal",
      rotate: -90,
    },
    {
      kind: "text",
      role: "value",
      text: "35",
      x: 40,
      y: 13,
      size: 7.5,
      anchor: "start",
      weight: "normal",
    },
    {
      kind: "text",
      role: "callout",
      text: "12𠀀",
      x: 70,
      y: 32,
      size: 9.75,
      anchor: "middle",
      weight: "bold",
    },
  ],
};

/** Whether a shape leaves a mark (what emf.ts leaves out, a test of its own below). */
function drawn(s: Shape): boolean {
  if (s.kind === "text") return s.text.length > 0;
  if (s.kind === "line") return s.lineWidth > 0;
  if (s.kind === "polyline") return s.lineWidth > 0 && s.points.length >= 2;
  return s.lineWidth > 0 || LINE_STYLES[s.role].fill !== null;
}

const isPen = (p: Pen | number): p is Pen => typeof p !== "number";
const isBrush = (b: Brush | number): b is Brush => typeof b !== "number";
const isFont = (f: Font | number): f is Font => typeof f !== "number";

function expectPen(op: Op, role: LineRole, lineWidth: number, round: boolean) {
  if (lineWidth <= 0) {
    expect(op.pen).toBe(STOCK_NULL_PEN);
    return;
  }
  const pen = op.pen;
  if (!isPen(pen)) throw new Error(`stock pen ${pen} for a ${role} line`);
  expect(pen.color).toBe(grey(LINE_STYLES[role].stroke));
  expect(pen.width).toBe(Math.max(1, u(lineWidth)));
  expect(pen.style & PS_GEOMETRIC).toBe(PS_GEOMETRIC);
  expect(pen.style & 0xf, "solid: dashes are drawn as pieces").toBe(0);
  expect(pen.style & 0xf00).toBe(PS_ENDCAP_FLAT);
  expect(pen.style & 0xf000).toBe(round ? 0 : PS_JOIN_MITER);
}

function expectBrush(op: Op, fill: number | null) {
  if (fill === null) expect(op.brush).toBe(STOCK_NULL_BRUSH);
  else {
    const brush = op.brush;
    if (!isBrush(brush)) throw new Error(`stock brush ${brush} for a fill`);
    expect(brush).toEqual({ style: 0, color: grey(fill) });
  }
}

/** Distance from a point to a polyline, in the same units. */
function distance(p: [number, number], path: [number, number][]): number {
  let best = Infinity;
  for (let k = 1; k < path.length; k++) {
    const [ax, ay] = path[k - 1] as [number, number];
    const [bx, by] = path[k] as [number, number];
    const l2 = (bx - ax) ** 2 + (by - ay) ** 2;
    const t =
      l2 === 0
        ? 0
        : Math.max(0, Math.min(1, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / l2));
    best = Math.min(best, Math.hypot(p[0] - ax - t * (bx - ax), p[1] - ay - t * (by - ay)));
  }
  return best;
}

const pathLength = (pts: readonly (readonly [number, number])[]) =>
  pts.slice(1).reduce((sum, p, k) => {
    const q = pts[k] as readonly [number, number];
    return sum + Math.hypot(p[0] - q[0], p[1] - q[1]);
  }, 0);

/** The drawing records a drawing must give, shape by shape, checked against the played ones. */
function expectOps(d: Drawing, ops: Op[]) {
  let k = 0;
  const next = (what: string): Op => {
    const op = ops[k++];
    if (!op) throw new Error(`no record for ${what}`);
    return op;
  };
  for (const s of d.shapes) {
    if (!drawn(s)) continue;
    switch (s.kind) {
      case "line":
      case "polyline": {
        const style = LINE_STYLES[s.role];
        const path: [number, number][] =
          s.kind === "line"
            ? [
                [s.x1, s.y1],
                [s.x2, s.y2],
              ]
            : s.points;
        // a dashed line of no length has no dash to draw
        if (style.dash && pathLength(path) === 0) break;
        const op = next(`${s.kind} ${s.role}`);
        expectPen(op, s.role, s.lineWidth, style.roundJoin);
        const units = path.map(([x, y]) => [u(x), u(y)] as [number, number]);
        if (!style.dash) {
          expect([R.POLYLINE16, R.POLYLINE]).toContain(op.type);
          expect(op.points).toEqual(units);
          break;
        }
        // dashed: pieces on the path, each at most a dash long, one a period
        expect([R.POLYPOLYLINE16, R.POLYPOLYLINE]).toContain(op.type);
        const [on, off] = style.dash;
        const counts = op.counts ?? [];
        let at = 0;
        const pieces = counts.map((c) => op.points.slice(at, (at += c)));
        const length = pathLength(path);
        const expected = Math.floor(length / (on + off)) + (length % (on + off) > 1e-9 ? 1 : 0);
        expect(Math.abs(pieces.length - expected)).toBeLessThanOrEqual(1);
        for (const piece of pieces) {
          expect(piece.length).toBeGreaterThanOrEqual(2);
          expect(pathLength(piece)).toBeLessThanOrEqual(u(on) + 2 * piece.length);
          for (const p of piece) expect(distance(p, units)).toBeLessThanOrEqual(1.5);
        }
        expect(pieces[0]?.[0]).toEqual(units[0]);
        break;
      }
      case "rect": {
        const op = next(`rect ${s.role}`);
        expect([R.POLYGON16, R.POLYGON]).toContain(op.type);
        expectPen(op, s.role, s.lineWidth, false);
        expectBrush(op, LINE_STYLES[s.role].fill);
        expect(op.points).toEqual([
          [u(s.x), u(s.y)],
          [u(s.x + s.width), u(s.y)],
          [u(s.x + s.width), u(s.y + s.height)],
          [u(s.x), u(s.y + s.height)],
        ]);
        break;
      }
      case "marker": {
        const op = next(`marker ${s.role}`);
        expectPen(op, s.role, s.lineWidth, false);
        expectBrush(op, LINE_STYLES[s.role].fill);
        const r = s.size / 2;
        if (s.symbol === "dot") {
          expect(op.type).toBe(R.ELLIPSE);
          expect(op.points).toEqual([
            [u(s.x - r), u(s.y - r)],
            [u(s.x + r), u(s.y + r)],
          ]);
        } else {
          expect([R.POLYGON16, R.POLYGON]).toContain(op.type);
          expect(op.points).toEqual([
            [u(s.x - r), u(s.y - r)],
            [u(s.x + r), u(s.y - r)],
            [u(s.x + r), u(s.y + r)],
            [u(s.x - r), u(s.y + r)],
          ]);
        }
        break;
      }
      case "text": {
        const style = TEXT_STYLES[s.role];
        if (style.halo) {
          // a box of the halo's grey under the text, around its anchor
          const box = next(`halo of ${s.text}`);
          expect([R.POLYGON16, R.POLYGON]).toContain(box.type);
          expect(box.pen).toBe(STOCK_NULL_PEN);
          expectBrush(box, style.halo.grey);
          const xs = box.points.map((p) => p[0]);
          const ys = box.points.map((p) => p[1]);
          expect(Math.min(...xs)).toBeLessThan(u(s.x));
          expect(Math.max(...xs)).toBeGreaterThan(u(s.x));
          expect(Math.min(...ys)).toBeLessThan(u(s.y));
          expect(Math.max(...ys)).toBeGreaterThan(u(s.y));
        }
        const op = next(`text ${s.text}`);
        expect(op.type).toBe(R.EXTTEXTOUTW);
        expect(op.text).toBe(s.text);
        expect(op.points).toEqual([[u(s.x), u(s.y)]]);
        expect(op.align).toBe(24 | { start: 0, middle: 6, end: 2 }[s.anchor]);
        expect(op.textColor).toBe(grey(style.fill));
        expect(op.bkMode).toBe(1);
        const font = op.font;
        if (!isFont(font)) throw new Error(`stock font for ${s.text}`);
        expect(font.face).toBe(s.weight === "bold" ? FONT.黑体 : FONT.仿宋);
        expect(font.height).toBe(-Math.max(1, u(s.size / PT_PER_MM)));
        expect(font.escapement).toBe(
          (((Math.round(-(s.rotate ?? 0) * 10) % 3600) + 3600) % 3600) | 0,
        );
        expect(font.orientation).toBe(font.escapement);
        expect(font.weight).toBe(400);
        expect(font.charset).toBe(134);
        // Dx: one advance a UTF-16 unit, between half an em and an em, a full em for Han
        const em = u(s.size / PT_PER_MM);
        expect(op.dx).toHaveLength(s.text.length);
        for (let i = 0; i < s.text.length; i++) {
          const c = s.text.charCodeAt(i);
          const dx = op.dx?.[i] as number;
          if (c >= 0xdc00 && c <= 0xdfff) expect(dx).toBeLessThanOrEqual(1);
          else if (c >= 0x4e00 && c <= 0x9fff) expect(Math.abs(dx - em)).toBeLessThanOrEqual(1);
          else expect(dx).toBeGreaterThanOrEqual(Math.floor(em / 2) - 1);
        }
        break;
      }
      default: {
        const never: never = s;
        throw new Error(`unknown shape ${JSON.stringify(never)}`);
      }
    }
  }
  expect(k, "no drawing records beyond the shapes").toBe(ops.length);
}

/** The stream is whole: header first, EOF last, sizes add up, counts and handles right. */
function expectValid(bytes: Uint8Array, d: Drawing) {
  const recs = records(bytes);
  expect(recs.reduce((sum, r) => sum + r.size, 0)).toBe(bytes.length);
  for (const r of recs) expect(r.size % 4).toBe(0);
  expect(recs[0]?.type).toBe(R.HEADER);
  expect(recs.at(-1)?.type).toBe(R.EOF);
  expect(recs.filter((r) => r.type === R.HEADER)).toHaveLength(1);
  expect(recs.filter((r) => r.type === R.EOF)).toHaveLength(1);
  // fixed-size records as [MS-EMF] sizes them (a font with a whole LogFontPanose, as GDI writes)
  const FIXED: Record<number, number> = {
    [R.SETMAPMODE]: 12,
    [R.SETBKMODE]: 12,
    [R.SETTEXTALIGN]: 12,
    [R.SETTEXTCOLOR]: 12,
    [R.SELECTOBJECT]: 12,
    [R.DELETEOBJECT]: 12,
    [R.SETWINDOWEXTEX]: 16,
    [R.SETWINDOWORGEX]: 16,
    [R.SETVIEWPORTEXTEX]: 16,
    [R.SETVIEWPORTORGEX]: 16,
    [R.CREATEBRUSHINDIRECT]: 24,
    [R.ELLIPSE]: 24,
    [R.EXTCREATEPEN]: 52,
    [R.EXTCREATEFONTINDIRECTW]: 332,
    [R.EOF]: 20,
  };
  for (const r of recs)
    if (FIXED[r.type] !== undefined) expect(r.size, `record ${r.type}`).toBe(FIXED[r.type]);
  const known = new Set<number>(Object.values(R));
  for (const r of recs) expect(known.has(r.type), `record type ${r.type}`).toBe(true);
  const h = header(bytes);
  expect(h.signature).toBe(0x464d4520);
  expect(h.version).toBe(0x10000);
  expect(h.bytes).toBe(bytes.length);
  expect(h.records).toBe(recs.length);
  expect(h.frame).toEqual([0, 0, u(d.width), u(d.height)]);
  // the reference device: pixels over millimetres the same both ways, micrometres agreeing
  expect(h.device[0] * h.millimeters[1]).toBe(h.device[1] * h.millimeters[0]);
  expect(h.micrometers).toEqual([h.millimeters[0] * 1000, h.millimeters[1] * 1000]);
  expect(h.description.split("\0").slice(0, 2)).toEqual(["xinfang", d.title]);
  const { ops, made, deleted } = play(bytes);
  expect(h.handles).toBe(made + 1);
  expect([...deleted].sort((a, b) => a - b)).toEqual(Array.from({ length: made }, (_, i) => i + 1));
  // the bounds hold every point drawn and every shape's own extent
  const [l, t, r, b] = h.bounds;
  for (const op of ops)
    for (const [x, y] of op.points) {
      expect(x).toBeGreaterThanOrEqual(l);
      expect(x).toBeLessThanOrEqual(r);
      expect(y).toBeGreaterThanOrEqual(t);
      expect(y).toBeLessThanOrEqual(b);
    }
  for (const s of d.shapes) {
    const e = shapeExtent(s);
    if (!e) continue;
    expect(Math.floor(e[0] * 100)).toBeGreaterThanOrEqual(l);
    expect(Math.floor(e[1] * 100)).toBeGreaterThanOrEqual(t);
    expect(Math.ceil(e[2] * 100)).toBeLessThanOrEqual(r);
    expect(Math.ceil(e[3] * 100)).toBeLessThanOrEqual(b);
  }
  if (ops.length === 0) expect(h.bounds).toEqual([0, 0, -1, -1]);
  return ops;
}

describe("emfOf", () => {
  it("writes a whole record stream: header, sizes, counts, handles, bounds", () => {
    const bytes = emfOf(SAMPLE);
    const ops = expectValid(bytes, SAMPLE);
    expect(ops.length).toBeGreaterThan(SAMPLE.shapes.length);
  });

  it("maps 0.01 mm logical units one to one onto the 100-pixels-a-millimetre device", () => {
    const bytes = emfOf(SAMPLE);
    const h = header(bytes);
    expect(h.device).toEqual([h.millimeters[0] * 100, h.millimeters[1] * 100]);
    const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = (type: number) => {
      const r = records(bytes).find((x) => x.type === type);
      if (!r) throw new Error(`no record ${type}`);
      return [v.getInt32(r.offset + 8, true), v.getInt32(r.offset + 12, true)];
    };
    expect(at(R.SETMAPMODE)[0]).toBe(8); // MM_ANISOTROPIC
    expect(at(R.SETWINDOWEXTEX)).toEqual([12000, 6000]);
    expect(at(R.SETVIEWPORTEXTEX)).toEqual([12000, 6000]);
    expect(at(R.SETWINDOWORGEX)).toEqual([0, 0]);
    expect(at(R.SETVIEWPORTORGEX)).toEqual([0, 0]);
  });

  it("draws every shape in its role's grey, width, fill and dash, every text on its anchor", () => {
    expectOps(SAMPLE, play(emfOf(SAMPLE)).ops);
  });

  it("turns text counter-clockwise for a negative rotation (reads upwards) and back", () => {
    const fontOf = (rotate: number) => {
      const d: Drawing = {
        ...SAMPLE,
        shapes: [
          {
            kind: "text",
            role: "label",
            text: "名次",
            x: 5,
            y: 5,
            size: 9,
            anchor: "middle",
            weight: "normal",
            rotate,
          },
        ],
      };
      const font = play(emfOf(d)).ops[0]?.font;
      if (!font || !isFont(font)) throw new Error("no font");
      return font.escapement;
    };
    expect(fontOf(-90)).toBe(900);
    expect(fontOf(90)).toBe(2700);
    expect(fontOf(-45)).toBe(450);
    expect(fontOf(0)).toBe(0);
  });

  it("leaves out what leaves no mark and makes each pen, brush and font once", () => {
    const d: Drawing = {
      title: "空",
      width: 50,
      height: 20,
      shapes: [
        { kind: "line", role: "axis", lineWidth: 0, x1: 0, y1: 0, x2: 10, y2: 0 },
        { kind: "polyline", role: "series-1", lineWidth: 0.5, points: [[1, 1]] },
        { kind: "rect", role: "grid", lineWidth: 0, x: 0, y: 0, width: 5, height: 5 },
        {
          kind: "text",
          role: "label",
          text: "",
          x: 1,
          y: 1,
          size: 9,
          anchor: "start",
          weight: "normal",
        },
      ],
    };
    const bytes = emfOf(d);
    expect(expectValid(bytes, d)).toEqual([]);
    expect(header(bytes).bounds).toEqual([0, 0, -1, -1]);
    const twice: Drawing = { ...SAMPLE, shapes: [...SAMPLE.shapes, ...SAMPLE.shapes] };
    expect(play(emfOf(twice)).made).toBe(play(emfOf(SAMPLE)).made);
  });

  it("falls back to 32-bit points where 16 bits do not reach", () => {
    const d: Drawing = {
      title: "大",
      width: 400,
      height: 20,
      shapes: [
        { kind: "line", role: "axis", lineWidth: 0.3, x1: 0, y1: 10, x2: 400, y2: 10 },
        { kind: "line", role: "guide", lineWidth: 0.3, x1: 0, y1: 12, x2: 400, y2: 12 },
        { kind: "rect", role: "bar", lineWidth: 0.3, x: 300, y: 2, width: 50, height: 5 },
      ],
    };
    const ops = expectValid(emfOf(d), d);
    expect(ops.map((o) => o.type)).toEqual([R.POLYLINE, R.POLYPOLYLINE, R.POLYGON]);
    expectOps(d, ops);
  });

  it("gives the same bytes for the same drawing, and other bytes for another", () => {
    const a = emfOf(SAMPLE);
    expect(Buffer.compare(Buffer.from(emfOf(structuredClone(SAMPLE))), Buffer.from(a))).toBe(0);
    const moved = structuredClone(SAMPLE);
    const first = moved.shapes[1];
    if (first?.kind === "line") first.x2 -= 1;
    expect(Buffer.compare(Buffer.from(emfOf(moved)), Buffer.from(a))).not.toBe(0);
  });

  it("draws the example notice's charts shape by shape", async () => {
    const notice = await exampleDoc(NOTICE);
    const figs = figures(notice);
    expect(figs.length).toBeGreaterThan(0);
    for (const f of figs) {
      const ops = expectValid(emfOf(f.drawing), f.drawing);
      expectOps(f.drawing, ops);
    }
  }, 120_000);
});

describe("dashes", () => {
  it("cuts a line into dashes from its start, the pattern running on across corners", () => {
    expect(
      dashes(
        [
          [0, 0],
          [5, 0],
        ],
        [1, 1],
      ),
    ).toEqual([
      [
        [0, 0],
        [1, 0],
      ],
      [
        [2, 0],
        [3, 0],
      ],
      [
        [4, 0],
        [5, 0],
      ],
    ]);
    // a dash over the corner at (1.5, 0) keeps the corner
    const pieces = dashes(
      [
        [0, 0],
        [1.5, 0],
        [1.5, 3],
      ],
      [1, 0.5],
    );
    expect(pieces[1]).toEqual([
      [1.5, 0],
      [1.5, 1],
    ]);
    expect(
      dashes(
        [
          [0, 0],
          [1.2, 0],
          [1.2, 1],
        ],
        [1, 1],
      )[0],
    ).toEqual([
      [0, 0],
      [1, 0],
    ]);
    const bent = dashes(
      [
        [0, 0],
        [0.8, 0],
        [0.8, 1],
      ],
      [1, 1],
    )[0];
    expect(bent).toHaveLength(3);
    [
      [0, 0],
      [0.8, 0],
      [0.8, 0.2],
    ].forEach(([x, y], k) => {
      expect(bent?.[k]?.[0]).toBeCloseTo(x as number, 9);
      expect(bent?.[k]?.[1]).toBeCloseTo(y as number, 9);
    });
  });

  it("covers on ÷ (on + off) of any path, in pieces no longer than a dash", () => {
    const pt = fc.tuple(
      fc.double({ min: -100, max: 100, noNaN: true }),
      fc.double({ min: -100, max: 100, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(pt, { minLength: 2, maxLength: 8 }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        (points, on, off) => {
          const pieces = dashes(points, [on, off]);
          const total = pathLength(points);
          const drawnLength = pieces.reduce((sum, p) => sum + pathLength(p), 0);
          const period = on + off;
          const full = Math.floor(total / period);
          const rest = total - full * period;
          expect(drawnLength).toBeCloseTo(full * on + Math.min(rest, on), 6);
          for (const p of pieces) expect(pathLength(p)).toBeLessThanOrEqual(on + 1e-9);
        },
      ),
      { numRuns: 200 },
    );
  });
});

const LINE_ROLES = Object.keys(LINE_STYLES) as LineRole[];
const TEXT_ROLES = Object.keys(TEXT_STYLES) as TextRole[];
const coord = fc.double({ min: -50, max: 400, noNaN: true, noDefaultInfinity: true });
const width = fc.double({ min: 0, max: 2, noNaN: true });
const shapeArb: fc.Arbitrary<Shape> = fc.oneof(
  fc.record({
    kind: fc.constant("line" as const),
    role: fc.constantFrom(...LINE_ROLES),
    lineWidth: width,
    x1: coord,
    y1: coord,
    x2: coord,
    y2: coord,
  }),
  fc.record({
    kind: fc.constant("polyline" as const),
    role: fc.constantFrom(...LINE_ROLES),
    lineWidth: width,
    points: fc.array(fc.tuple(coord, coord), { maxLength: 12 }),
  }),
  fc.record({
    kind: fc.constant("rect" as const),
    role: fc.constantFrom(...LINE_ROLES),
    lineWidth: width,
    x: coord,
    y: coord,
    width: fc.double({ min: -20, max: 200, noNaN: true }),
    height: fc.double({ min: -20, max: 200, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("marker" as const),
    role: fc.constantFrom(...LINE_ROLES),
    lineWidth: width,
    symbol: fc.constantFrom("dot" as const, "square" as const),
    x: coord,
    y: coord,
    size: fc.double({ min: 0, max: 6, noNaN: true }),
  }),
  fc.record(
    {
      kind: fc.constant("text" as const),
      role: fc.constantFrom(...TEXT_ROLES),
      text: fc.string({ unit: "grapheme", maxLength: 12 }),
      x: coord,
      y: coord,
      size: fc.double({ min: 1, max: 30, noNaN: true }),
      anchor: fc.constantFrom("start" as const, "middle" as const, "end" as const),
      weight: fc.constantFrom("normal" as const, "bold" as const),
      rotate: fc.double({ min: -360, max: 360, noNaN: true }),
    },
    { requiredKeys: ["kind", "role", "text", "x", "y", "size", "anchor", "weight"] },
  ),
);
const drawingArb: fc.Arbitrary<Drawing> = fc.record({
  title: fc.string({ maxLength: 20 }),
  width: fc.double({ min: 0, max: 300, noNaN: true }),
  height: fc.double({ min: 0, max: 300, noNaN: true }),
  shapes: fc.array(shapeArb, { maxLength: 25 }),
});

describe("emfOf on random drawings", () => {
  it("gives a valid record stream, every record 4-aligned, every shape drawn as it says", () => {
    fc.assert(
      fc.property(drawingArb, (d) => {
        const bytes = emfOf(d);
        expect(bytes.length % 4).toBe(0);
        expectOps(d, expectValid(bytes, d));
        expect(Buffer.compare(Buffer.from(emfOf(d)), Buffer.from(bytes))).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});

describe("the DOCX's charts", () => {
  let notice: Doc;
  let bytes: Uint8Array;
  beforeAll(async () => {
    notice = await exampleDoc(NOTICE);
    bytes = await docxOf(notice);
  }, 120_000);

  it("are .emf parts holding the charts' EMF, with an emf content type, no .bmp left", () => {
    const figs = figures(notice);
    const entries = readZip(bytes);
    const media = entries.filter((e) => e.name.startsWith("word/media/"));
    expect(media.map((e) => e.name)).toEqual(figs.map((_, i) => `word/media/image${i + 1}.emf`));
    media.forEach((e, i) =>
      expect(
        Buffer.compare(
          Buffer.from(e.data),
          Buffer.from(emfOf((figs[i] as (typeof figs)[0]).drawing)),
        ),
      ).toBe(0),
    );
    const types = part(bytes, "[Content_Types].xml");
    expect(types).toContain('<Default ContentType="image/x-emf" Extension="emf"/>');
    const rels = part(bytes, "word/_rels/document.xml.rels");
    expect(rels).not.toMatch(/\.bmp"/);
    for (let i = 1; i <= figs.length; i++) expect(rels).toContain(`Target="media/image${i}.emf"`);
  });

  it("are inline, centred, as large as drawn (36000 EMU a mm), with the alt text, kept with the caption", () => {
    const xml = part(bytes, "word/document.xml");
    const paras = [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((m) => m[1] as string);
    const pictures = paras.filter((p) => p.includes("<w:drawing>"));
    const figs = figures(notice);
    expect(pictures).toHaveLength(figs.length);
    figs.forEach((f, i) => {
      const p = pictures[i] as string;
      expect(p).toContain("<wp:inline");
      expect(p).toContain('<w:jc w:val="center"/>');
      expect(p).toContain("<w:keepNext/>");
      expect(p).toContain(
        `<wp:extent cx="${Math.round(f.drawing.width * 36000)}" cy="${Math.round(f.drawing.height * 36000)}"/>`,
      );
      const descr = /<wp:docPr id="(\d+)" name="[^"]*" descr="([^"]*)"/.exec(p);
      expect(descr?.[1]).toBe(String(i + 1));
      expect(descr?.[2]).toBe(
        f.alt.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"),
      );
      // the caption right after the picture, in the caption style
      const after = paras[paras.indexOf(p) + 1] as string;
      expect(after).toContain(`<w:pStyle w:val="${STYLE.caption}"/>`);
      expect(after).toContain(f.caption);
      // the paragraph's line at least one grid line, never cut to it
      expect(p).toMatch(/w:lineRule="atLeast"/);
    });
  });

  it("are scaled down, aspect kept, to the text block's width and height", async () => {
    const wide: Drawing = { ...SAMPLE, width: 312, height: 60 };
    const tall: Drawing = { ...SAMPLE, width: 100, height: 400 };
    const d = doc([
      para("图。"),
      { type: "figure", drawing: wide, caption: "图1　宽", alt: "宽图" },
      { type: "figure", drawing: tall, caption: "图2　高", alt: "高图" },
    ]);
    const xml = part(await docxOf(d), "word/document.xml");
    const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    const textWidth = (PAGE.width - MARGIN.left - MARGIN.right) * 635; // EMU
    const textHeight = (PAGE.height - MARGIN.top - MARGIN.bottom) * 635;
    const [w, t] = extents as [[number, number], [number, number]];
    expect(Math.abs(w[0] - textWidth)).toBeLessThanOrEqual(1);
    expect(w[1] / w[0]).toBeCloseTo(60 / 312, 4);
    expect(t[1]).toBeLessThan(textHeight);
    expect(t[1]).toBeGreaterThan(textHeight * 0.9);
    expect(t[0] / t[1]).toBeCloseTo(100 / 400, 4);
  });

  it("give the same bytes when the DOCX is made again in the same process", async () => {
    const again = await docxOf(notice);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
    const other = await docxOf(notice);
    expect(parts(other).get("word/document.xml")).toBe(parts(bytes).get("word/document.xml"));
  }, 120_000);
});
