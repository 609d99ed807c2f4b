// Tables: font size and orientation, column widths from content, wrapped cells, rows as boxes
// that the page flow stacks (repeating the header on every page). Pure.
import type { Align, Block, Inline } from "../doc/types.ts";
import type { Item, Rgb } from "./boxes.ts";
import type { FontRole } from "./fonts.ts";
import { BLACK, BLOCK_WIDTH, LANDSCAPE_WIDTH, SIZE, mm } from "./gbt9704.ts";
import { canBreakBefore } from "./linebreak.ts";
import { compose, pieces, plainText, runsOf, shape } from "./text.ts";
import type { Glyph, Line, TextContext } from "./text.ts";

type TableBlock = Extract<Block, { type: "table" }>;

export interface Cell {
  lines: Line[];
  align: Align;
}

export interface Row {
  kind: "header" | "body" | "totals";
  cells: Cell[];
  height: number;
  /** The rest of a row cut where a page ends: it goes on at the top of the next page. */
  continued?: boolean;
}

export interface TableLayout {
  size: number;
  landscape: boolean;
  /** Width of each column, in points; they add up to the frame's width. */
  widths: number[];
  caption: Line[];
  captionHeight: number;
  header: Row;
  rows: Row[];
}

const PAD_X = mm(1.5);
const RULE = 0.6;
const NUMERIC = /^[-+−]?\d[\d,.]*%?$/;

const lineHeight = (size: number) => size * 1.4;
const padY = (size: number) => size * 0.35;

/** Columns whose body cells are all numbers are set right-aligned whatever the Doc says. */
function columnAligns(t: TableBlock): Align[] {
  return t.columns.map((c, i) => {
    const cells = [...t.rows, ...(t.totals ?? [])]
      .map((r) => plainText(r[i] ?? []).trim())
      .filter((s) => s !== "");
    return cells.length > 0 &&
      t.rows.every(
        (r) => NUMERIC.test(plainText(r[i] ?? []).trim()) || plainText(r[i] ?? []).trim() === "",
      )
      ? "right"
      : c.align;
  });
}

/** Longest run of glyphs with no legal break inside it. */
function longestUnit(glyphs: readonly Glyph[]): number {
  let best = 0;
  let cur = 0;
  glyphs.forEach((g, i) => {
    if (i > 0 && (canBreakBefore(glyphs, i) || (glyphs[i - 1] as Glyph).newline)) cur = 0;
    cur += g.width;
    best = Math.max(best, cur);
  });
  return best;
}

function naturalWidth(glyphs: readonly Glyph[]): number {
  let best = 0;
  let cur = 0;
  for (const g of glyphs) {
    cur += g.width;
    best = Math.max(best, cur);
    if (g.newline) cur = 0;
  }
  return best;
}

interface Shaped {
  header: Glyph[][];
  rows: Glyph[][][];
  totals: Glyph[][][];
}

function shapeAll(ctx: TextContext, t: TableBlock, size: number, where: string): Shaped {
  const cell = (content: readonly Inline[], role: FontRole, w: string) =>
    shape({ ...ctx, where: w }, pieces(content, role), { size, color: BLACK });
  return {
    header: t.columns.map((c, j) =>
      cell([{ type: "text", text: c.title }], "黑体", `${where}表头第${j + 1}列`),
    ),
    rows: t.rows.map((r, i) =>
      t.columns.map((_, j) => cell(r[j] ?? [], "仿宋", `${where}第${i + 1}行第${j + 1}列`)),
    ),
    totals: (t.totals ?? []).map((r, i) =>
      t.columns.map((_, j) => cell(r[j] ?? [], "黑体", `${where}合计行${i + 1}第${j + 1}列`)),
    ),
  };
}

/**
 * Column widths: columns whose natural width is within a fair share of the room get it in full
 * (short numbers and names never wrap); the wide ones share the rest in proportion to their
 * natural width, never below their longest unbreakable unit.
 */
export function allocate(
  mins: readonly number[],
  maxes: readonly number[],
  width: number,
): number[] {
  const n = maxes.length;
  const sumMax = maxes.reduce((a, b) => a + b, 0);
  if (sumMax <= width) return maxes.map((m) => m + ((width - sumMax) * m) / sumMax);
  const fixed = new Set<number>();
  for (;;) {
    const room = width - [...fixed].reduce((s, i) => s + (maxes[i] as number), 0);
    const flex = [...Array(n).keys()].filter((i) => !fixed.has(i));
    const share = room / flex.length;
    const more = flex.filter((i) => (maxes[i] as number) <= share);
    if (more.length === 0 || more.length === flex.length) break;
    for (const i of more) fixed.add(i);
  }
  const room = width - [...fixed].reduce((s, i) => s + (maxes[i] as number), 0);
  const flex = [...Array(n).keys()].filter((i) => !fixed.has(i));
  const out = maxes.map((m) => m);
  // proportional to natural width, raised to the minimum where needed
  let pinned = new Set<number>();
  for (;;) {
    const free = room - [...pinned].reduce((s, i) => s + (mins[i] as number), 0);
    const rest = flex.filter((i) => !pinned.has(i));
    const total = rest.reduce((s, i) => s + (maxes[i] as number), 0);
    for (const i of rest) out[i] = (free * (maxes[i] as number)) / total;
    for (const i of pinned) out[i] = mins[i] as number;
    const low = rest.filter((i) => (out[i] as number) < (mins[i] as number));
    if (low.length === 0 || low.length === rest.length) break;
    pinned = new Set([...pinned, ...low]);
  }
  const sum = out.reduce((a, b) => a + b, 0);
  return sum > width ? out.map((w) => (w * width) / sum) : out;
}

/**
 * Widths that give the widest column (by natural width) two fifths of `width`, or its longest
 * unbreakable unit if more, and share the rest among the others as `allocate` does; null when
 * that column would not wrap anyway or the others do not fit.
 */
export function favourWidest(
  mins: readonly number[],
  maxes: readonly number[],
  width: number,
): number[] | null {
  const j = maxes.indexOf(Math.max(...maxes));
  const wide = Math.max(0.4 * width, mins[j] as number);
  if (wide >= (maxes[j] as number)) return null;
  const others = [...maxes.keys()].filter((i) => i !== j);
  const oMins = others.map((i) => mins[i] as number);
  if (oMins.reduce((a, b) => a + b, 0) > width - wide) return null;
  const oMaxes = others.map((i) => maxes[i] as number);
  const out = [...maxes];
  const natural = oMaxes.reduce((a, b) => a + b, 0);
  if (natural <= width - wide) {
    // the others fit whole: the widest column takes all that is left
    out[j] = width - natural;
    return out;
  }
  const rest = allocate(oMins, oMaxes, width - wide);
  out[j] = wide;
  others.forEach((i, k) => (out[i] = rest[k] as number));
  return out;
}

/**
 * Lays a table out: 4号 text, 小四 when it is wide; a table whose content would wrap into
 * slivers on a portrait page (its natural width over 1.6 times the text block) is set on
 * landscape pages — unless its widest column alone can take two fifths of the width and wrap
 * there with every other column still readable (a form's 事项 column), which keeps it portrait.
 * Widths are first shared in proportion to the columns' natural widths; when that leaves some
 * column under six characters at both sizes, they are shared again with every column held at
 * six characters (or its whole text) first, before the table is turned: a scoring sheet whose
 * 分值 column came out a few points short stays a portrait form with its title and signatures.
 * `where` prefixes problem locations (e.g. 正文第2个表格).
 */
export function layoutTable(ctx: TextContext, t: TableBlock, where: string): TableLayout {
  const aligns = columnAligns(t);
  // `held`: the widths are shared with every column held at its readable width (below) first
  const portrait = t.landscape ? [] : [SIZE.四号, SIZE.小四];
  const options: { size: number; landscape: boolean; held: boolean }[] = [
    ...portrait.map((size) => ({ size, landscape: false, held: false })),
    ...portrait.map((size) => ({ size, landscape: false, held: true })),
    ...[SIZE.四号, SIZE.小四, SIZE.五号].map((size) => ({ size, landscape: true, held: false })),
  ];
  const problemsBefore = ctx.problems.length;
  let chosen: {
    size: number;
    landscape: boolean;
    shaped: Shaped;
    mins: number[];
    maxes: number[];
    widths: number[];
  } | null = null;
  // each size is shaped once (options of one size differ only in how the width is shared), its
  // problems reported again whenever that size is tried
  const bySize = new Map<
    number,
    { shaped: Shaped; mins: number[]; maxes: number[]; problems: TextContext["problems"] }
  >();
  for (const o of options) {
    ctx.problems.length = problemsBefore;
    let sized = bySize.get(o.size);
    if (sized) ctx.problems.push(...sized.problems);
    else {
      const shaped = shapeAll(ctx, t, o.size, where);
      const all = [shaped.header, ...shaped.rows, ...shaped.totals];
      sized = {
        shaped,
        mins: t.columns.map(
          (_, j) => Math.max(...all.map((r) => longestUnit(r[j] ?? []))) + 2 * PAD_X,
        ),
        maxes: t.columns.map(
          (_, j) => Math.max(...all.map((r) => naturalWidth(r[j] ?? []))) + 2 * PAD_X,
        ),
        problems: ctx.problems.slice(problemsBefore),
      };
      bySize.set(o.size, sized);
    }
    const { shaped, mins, maxes } = sized;
    const W = o.landscape ? LANDSCAPE_WIDTH : BLOCK_WIDTH;
    // good enough when every column gets its whole text or at least 6 characters of width
    const readable = (j: number) => Math.min(maxes[j] as number, 6 * o.size + 2 * PAD_X);
    const starved = (widths: readonly number[]) => widths.some((w, j) => w + 1e-6 < readable(j));
    const held = o.held ? mins.map((m, j) => Math.max(m, readable(j))) : mins;
    const sumMin = held.reduce((a, b) => a + b, 0);
    const sumMax = maxes.reduce((a, b) => a + b, 0);
    // columns held at six characters that cannot all fit: not even the fallback (below)
    if (o.held && sumMin > W) continue;
    const widths = allocate(held, maxes, W);
    chosen = { size: o.size, landscape: o.landscape, shaped, mins, maxes, widths };
    if (sumMin > W) continue;
    if (sumMax <= 1.6 * W && !starved(widths)) break;
    if (!o.landscape) {
      const favoured = favourWidest(held, maxes, W);
      if (favoured && !starved(favoured)) {
        chosen.widths = favoured;
        break;
      }
    }
  }
  const c = chosen as NonNullable<typeof chosen>;
  const W = c.landscape ? LANDSCAPE_WIDTH : BLOCK_WIDTH;
  const widths = c.widths;
  const row = (kind: Row["kind"], cells: Glyph[][]): Row => {
    const laid = cells.map((g, j) => ({
      lines: compose(g, {
        width: Math.max(1, (widths[j] as number) - 2 * PAD_X),
        justify: false,
        align: kind === "header" ? "center" : (aligns[j] ?? "left"),
      }),
      align: aligns[j] ?? "left",
    }));
    const n = Math.max(1, ...laid.map((l) => l.lines.length));
    return { kind, cells: laid, height: n * lineHeight(c.size) + 2 * padY(c.size) };
  };
  const caption = t.caption
    ? compose(
        shape({ ...ctx, where: `${where}标题` }, [{ text: t.caption, role: "黑体" }], {
          size: SIZE.四号,
          color: BLACK,
        }),
        { width: W, justify: false, align: "center" },
      )
    : [];
  return {
    size: c.size,
    landscape: c.landscape,
    widths,
    caption,
    captionHeight: caption.length * lineHeight(SIZE.四号) + (caption.length ? mm(1.5) : 0),
    header: row("header", c.shaped.header),
    rows: [
      ...c.shaped.rows.map((r) => row("body", r)),
      ...c.shaped.totals.map((r) => row("totals", r)),
    ],
  };
}

/** Draws a caption's lines from `top`. */
export function drawCaption(t: TableLayout, left: number, top: number, out: Item[]): void {
  t.caption.forEach((line, i) => {
    const lh = lineHeight(SIZE.四号);
    runsOf(line, left, top + i * lh + (lh - SIZE.四号) / 2 + 0.88 * SIZE.四号, out);
  });
}

/** Draws one row with its cell borders, top-left corner at (left, top). */
export function drawRow(t: TableLayout, row: Row, left: number, top: number, out: Item[]): void {
  const lh = lineHeight(t.size);
  const border = (x1: number, y1: number, x2: number, y2: number, color: Rgb = BLACK) =>
    out.push({ type: "rule", x1, y1, x2, y2, width: RULE, color });
  let x = left;
  const right = left + t.widths.reduce((a, b) => a + b, 0);
  row.cells.forEach((cell, j) => {
    const w = t.widths[j] as number;
    const textHeight = cell.lines.length * lh;
    const y0 = top + (row.height - textHeight) / 2;
    cell.lines.forEach((line, k) => {
      const baseline = y0 + k * lh + (lh - t.size) / 2 + 0.88 * t.size;
      runsOf(line, x + PAD_X, baseline, out);
    });
    border(x, top, x, top + row.height);
    x += w;
  });
  border(right, top, right, top + row.height);
  border(left, top, right, top);
  border(left, top + row.height, right, top + row.height);
}
