// Figures: an SVG chart drawn as vectors, centred, as wide as it asks (at most the text block),
// kept whole on one page with its caption below it.
import type { Block } from "../doc/types.ts";
import type { Group, Item } from "./boxes.ts";
import type { Flow } from "./flow.ts";
import { newPage, putLine, snap, textLines } from "./flow.ts";
import { BLOCK_BOTTOM, BLOCK_HEIGHT, BLOCK_LEFT, BLOCK_WIDTH, LINE } from "./gbt9704.ts";
import { readSvg } from "./svg.ts";
import type { SvgDrawing } from "./svg.ts";
import { runsOf, shape, widthOf } from "./text.ts";
import type { TextContext } from "./text.ts";

type FigureBlock = Extract<Block, { type: "figure" }>;

/** CSS pixels to points. */
const PX = 0.75;

function figureScale(d: SvgDrawing, captionLines: number): number {
  const [, , vbW, vbH] = d.viewBox;
  const scale = Math.min(BLOCK_WIDTH, d.width * PX) / (vbW || 1);
  const room = BLOCK_HEIGHT - captionLines * LINE;
  return vbH * scale > room ? room / (vbH || 1) : scale;
}

/** Height a figure takes with its caption (one grid line per caption line). */
export function figureHeight(b: FigureBlock): number {
  const d = readSvg(b.svg);
  const captionLines = b.caption ? Math.ceil(b.caption.length / 28) : 0;
  return d.viewBox[3] * figureScale(d, captionLines) + captionLines * LINE;
}

export function figureBox(f: Flow, b: FigureBlock, ctx: TextContext): void {
  const d = readSvg(b.svg);
  const [, , vbW, vbH] = d.viewBox;
  const caption = b.caption
    ? textLines({ ...ctx, where: `图“${b.caption}”的图题` }, b.caption, "仿宋", {
        width: BLOCK_WIDTH,
        justify: false,
        align: "center",
      })
    : [];
  const scale = figureScale(d, caption.length);
  const w = vbW * scale;
  const h = vbH * scale;
  snap(f);
  if (f.y + h + caption.length * LINE > BLOCK_BOTTOM + 1e-6) newPage(f);
  const items: Item[] = [];
  for (const s of d.shapes)
    items.push({
      type: "path",
      ops: s.ops,
      fill: s.fill,
      stroke: s.stroke,
      strokeWidth: s.strokeWidth,
      evenOdd: s.evenOdd,
    });
  for (const t of d.texts) {
    const glyphs = shape(
      { ...ctx, where: `图“${b.caption}”中的文字` },
      [{ text: t.text, role: t.bold ? "黑体" : "仿宋" }],
      {
        size: t.size,
        color: t.fill,
      },
    );
    const width = widthOf(glyphs);
    const x0 = t.anchor === "middle" ? -width / 2 : t.anchor === "end" ? -width : 0;
    let x = 0;
    const xs = glyphs.map((g) => {
      const v = x;
      x += g.width;
      return v;
    });
    const inner: Group = { type: "group", matrix: t.matrix, items: [] };
    runsOf({ glyphs, xs, width }, x0, 0, inner.items);
    items.push(inner);
  }
  f.page.items.push({
    type: "group",
    matrix: [scale, 0, 0, scale, BLOCK_LEFT + (BLOCK_WIDTH - w) / 2, f.y],
    items,
  });
  f.y += h;
  for (const l of caption) putLine(f, l);
}
