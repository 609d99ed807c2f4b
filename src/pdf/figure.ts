// Figures: a drawing (doc/drawing.ts) painted as vectors, centred, as wide as it is (scaled down
// to the text block when wider), kept whole on one page with its caption below it. Millimetres
// become points here, roles become greys, dashes and fills from the drawing's one style table.
import { LINE_STYLES, TEXT_STYLES } from "../doc/drawing.ts";
import type { Drawing, Grey, LineStyle, Shape } from "../doc/drawing.ts";
import type { Block } from "../doc/types.ts";
import type { Item, PathOp, PathShape, Rgb } from "./boxes.ts";
import type { Flow } from "./flow.ts";
import { newPage, putLine, snap, textLines } from "./flow.ts";
import { BLOCK_BOTTOM, BLOCK_HEIGHT, BLOCK_LEFT, BLOCK_WIDTH, LINE, mm } from "./gbt9704.ts";
import { runsOf, shape as shapeText, widthOf } from "./text.ts";
import type { TextContext } from "./text.ts";

type FigureBlock = Extract<Block, { type: "figure" }>;

/** The drawing's scale on the page: 1, or less to fit the text block's width and height. */
function figureScale(d: Drawing, captionLines: number): number {
  const w = mm(d.width);
  const h = mm(d.height);
  const scale = w > BLOCK_WIDTH ? BLOCK_WIDTH / w : 1;
  const room = BLOCK_HEIGHT - captionLines * LINE;
  return h * scale > room ? room / h : scale;
}

const captionLineCount = (b: FigureBlock) => (b.caption ? Math.ceil(b.caption.length / 28) : 0);

/** Height a figure takes with its caption (one grid line per caption line). */
export function figureHeight(b: FigureBlock): number {
  const lines = captionLineCount(b);
  return mm(b.drawing.height) * figureScale(b.drawing, lines) + lines * LINE;
}

const rgb = (grey: Grey): Rgb => [grey / 255, grey / 255, grey / 255];

/** Bézier handle length of a quarter circle, as a fraction of the radius. */
const KAPPA = 0.5522847498;

function circleOps(cx: number, cy: number, r: number): PathOp[] {
  const k = r * KAPPA;
  return [
    { op: "M", x: cx + r, y: cy },
    { op: "C", x1: cx + r, y1: cy + k, x2: cx + k, y2: cy + r, x: cx, y: cy + r },
    { op: "C", x1: cx - k, y1: cy + r, x2: cx - r, y2: cy + k, x: cx - r, y: cy },
    { op: "C", x1: cx - r, y1: cy - k, x2: cx - k, y2: cy - r, x: cx, y: cy - r },
    { op: "C", x1: cx + k, y1: cy - r, x2: cx + r, y2: cy - k, x: cx + r, y: cy },
    { op: "Z" },
  ];
}

function rectOps(x: number, y: number, w: number, h: number): PathOp[] {
  return [
    { op: "M", x, y },
    { op: "L", x: x + w, y },
    { op: "L", x: x + w, y: y + h },
    { op: "L", x, y: y + h },
    { op: "Z" },
  ];
}

/** An open line in its role's grey and dash. */
function openPath(ops: PathOp[], style: LineStyle, lineWidth: number): PathShape {
  const item: PathShape = {
    type: "path",
    ops,
    fill: null,
    stroke: lineWidth > 0 ? rgb(style.stroke) : null,
    strokeWidth: mm(lineWidth),
  };
  if (style.dash) item.dash = [mm(style.dash[0]), mm(style.dash[1])];
  if (style.roundJoin) item.roundJoin = true;
  return item;
}

/** A closed shape: filled in its role's grey, outlined (solid) when it has a line width. */
function closedPath(ops: PathOp[], style: LineStyle, lineWidth: number): PathShape {
  return {
    type: "path",
    ops,
    fill: style.fill === null ? null : rgb(style.fill),
    stroke: lineWidth > 0 ? rgb(style.stroke) : null,
    strokeWidth: mm(lineWidth),
  };
}

function textItems(s: Extract<Shape, { kind: "text" }>, ctx: TextContext, out: Item[]): void {
  const style = TEXT_STYLES[s.role];
  const glyphs = shapeText(ctx, [{ text: s.text, role: s.weight === "bold" ? "黑体" : "仿宋" }], {
    size: s.size,
    color: rgb(style.fill),
  });
  const width = widthOf(glyphs);
  const x0 = s.anchor === "middle" ? -width / 2 : s.anchor === "end" ? -width : 0;
  let x = 0;
  const xs = glyphs.map((g) => {
    const v = x;
    x += g.width;
    return v;
  });
  const runs: Item[] = [];
  const turned = s.rotate !== undefined && s.rotate !== 0;
  runsOf({ glyphs, xs, width }, turned ? x0 : mm(s.x) + x0, turned ? 0 : mm(s.y), runs);
  const halo = style.halo;
  if (halo)
    for (const r of runs)
      if (r.type === "text") r.halo = { color: rgb(halo.grey), width: mm(halo.width) };
  if (!turned) {
    out.push(...runs);
    return;
  }
  // turned about the anchor point
  const a = ((s.rotate ?? 0) * Math.PI) / 180;
  // exact 0 and ±1 at quarter turns
  const cos = Math.round(Math.cos(a) * 1e12) / 1e12 || 0;
  const sin = Math.round(Math.sin(a) * 1e12) / 1e12 || 0;
  out.push({
    type: "group",
    matrix: [cos, sin, -sin, cos, mm(s.x), mm(s.y)],
    items: runs,
  });
}

/** A drawing's shapes as page items in points from its top-left corner. */
export function drawingItems(d: Drawing, ctx: TextContext): Item[] {
  const items: Item[] = [];
  for (const s of d.shapes) {
    switch (s.kind) {
      case "line":
        items.push(
          openPath(
            [
              { op: "M", x: mm(s.x1), y: mm(s.y1) },
              { op: "L", x: mm(s.x2), y: mm(s.y2) },
            ],
            LINE_STYLES[s.role],
            s.lineWidth,
          ),
        );
        break;
      case "polyline":
        items.push(
          openPath(
            s.points.map(([x, y], i) => ({ op: i ? "L" : "M", x: mm(x), y: mm(y) })),
            LINE_STYLES[s.role],
            s.lineWidth,
          ),
        );
        break;
      case "rect":
        items.push(
          closedPath(
            rectOps(mm(s.x), mm(s.y), mm(s.width), mm(s.height)),
            LINE_STYLES[s.role],
            s.lineWidth,
          ),
        );
        break;
      case "marker": {
        const r = mm(s.size / 2);
        const ops =
          s.symbol === "dot"
            ? circleOps(mm(s.x), mm(s.y), r)
            : rectOps(mm(s.x) - r, mm(s.y) - r, 2 * r, 2 * r);
        items.push(closedPath(ops, LINE_STYLES[s.role], s.lineWidth));
        break;
      }
      case "text":
        textItems(s, ctx, items);
        break;
      default: {
        const never: never = s;
        throw new Error(`unknown shape ${JSON.stringify(never)}`);
      }
    }
  }
  return items;
}

export function figureBox(f: Flow, b: FigureBlock, ctx: TextContext): void {
  const caption = b.caption
    ? textLines({ ...ctx, where: `图“${b.caption}”的图题` }, b.caption, "仿宋", {
        width: BLOCK_WIDTH,
        justify: false,
        align: "center",
      })
    : [];
  const scale = figureScale(b.drawing, caption.length);
  const w = mm(b.drawing.width) * scale;
  const h = mm(b.drawing.height) * scale;
  snap(f);
  if (f.y + h + caption.length * LINE > BLOCK_BOTTOM + 1e-6) newPage(f);
  f.page.items.push({
    type: "group",
    matrix: [scale, 0, 0, scale, BLOCK_LEFT + (BLOCK_WIDTH - w) / 2, f.y],
    items: drawingItems(b.drawing, { ...ctx, where: `图“${b.caption}”中的文字` }),
  });
  f.y += h;
  for (const l of caption) putLine(f, l);
}
