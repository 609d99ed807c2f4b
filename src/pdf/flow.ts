// The page flow: a cursor running down the text block on the 22-line grid, opening pages as it
// fills them. Text lines sit on grid lines; tables and figures take their own height and the
// next text line snaps back to the grid.
import type { Item, OutlineEntry, Page, TextRun } from "./boxes.ts";
import type { FontRole } from "./fonts.ts";
import { BLACK, BLOCK_BOTTOM, BLOCK_LEFT, BLOCK_TOP, EM_ASCENT, LINE, SIZE } from "./gbt9704.ts";
import { isLoneCharacter } from "./linebreak.ts";
import { compose, pieces, runsOf, shape } from "./text.ts";
import type { ComposeOptions, Line, TextContext } from "./text.ts";
import type { Rgb } from "./boxes.ts";

export interface Flow {
  ctx: TextContext;
  pages: Page[];
  page: Page;
  /** Top of the next line, page y. */
  y: number;
  outline: OutlineEntry[];
  /** The next content must start a new page (after a landscape table). */
  breakPending: boolean;
  /** Each table's type size and orientation as laid out (DOCX sets its tables alike). */
  tables: Map<object, TableChoice>;
}

/** How a table is set: its type size (pt) and whether on turned (landscape) pages. */
export interface TableChoice {
  size: number;
  landscape: boolean;
}

const EPS = 1e-6;

export function startFlow(ctx: TextContext): Flow {
  const page: Page = { items: [], number: 1 };
  return {
    ctx,
    pages: [page],
    page,
    y: BLOCK_TOP,
    outline: [],
    breakPending: false,
    tables: new Map(),
  };
}

export function newPage(f: Flow): void {
  f.page = { items: [], number: f.pages.length + 1 };
  f.pages.push(f.page);
  f.y = BLOCK_TOP;
  f.breakPending = false;
}

/** Whether nothing has been placed on the current page's text block yet. */
export function pageIsEmpty(f: Flow): boolean {
  return f.y <= BLOCK_TOP + EPS;
}

/** Moves the cursor down to the next grid line (or keeps it there). */
export function snap(f: Flow): void {
  if (f.breakPending) newPage(f);
  const k = Math.ceil((f.y - BLOCK_TOP) / LINE - EPS);
  f.y = BLOCK_TOP + k * LINE;
}

export function linesLeft(f: Flow): number {
  snap(f);
  return Math.floor((BLOCK_BOTTOM - f.y) / LINE + EPS);
}

/** Starts a new page unless `n` more lines fit on this one. */
export function ensureLines(f: Flow, n: number): void {
  if (linesLeft(f) < n) newPage(f);
}

/** Baseline of text of `size` centred in the line box that starts at `top`. */
export function baselineIn(top: number, size: number, height = LINE): number {
  return top + (height - size) / 2 + EM_ASCENT * size;
}

/** Places one line of text on the next grid line, `left` being its left edge. */
export function putLine(f: Flow, line: Line, left = BLOCK_LEFT): void {
  ensureLines(f, 1);
  const size = line.glyphs[0]?.size ?? SIZE.三号;
  runsOf(line, left, baselineIn(f.y, size), f.page.items);
  f.y += LINE;
}

/**
 * Places a paragraph's lines one after another. A last line of one character (「元。」, which the
 * line breaker leaves only where neither squeezing nor pulling can mend it) never starts a page:
 * the line before it goes along.
 */
export function putLines(f: Flow, lines: readonly Line[], left = BLOCK_LEFT): void {
  const lone = lines.length >= 2 && isLoneCharacter((lines.at(-1) as Line).glyphs);
  lines.forEach((l, i) => {
    if (lone && i === lines.length - 2 && linesLeft(f) === 1) newPage(f);
    putLine(f, l, left);
  });
}

export function skipLines(f: Flow, n: number): void {
  snap(f);
  f.y = Math.min(f.y + n * LINE, BLOCK_BOTTOM);
}

/** Shapes and breaks a plain string in one role. */
export function textLines(
  ctx: TextContext,
  text: string,
  role: FontRole,
  options: ComposeOptions & { size?: number; color?: Rgb; grid?: boolean },
): Line[] {
  const size = options.size ?? SIZE.三号;
  const glyphs = shape(ctx, pieces([{ type: "text", text }], role), {
    size,
    color: options.color ?? BLACK,
    grid: options.grid ?? size === SIZE.三号,
  });
  return compose(glyphs, options);
}

/** Draws a single line at an absolute position (headers, 版记, page numbers). */
export function drawLineAt(items: Item[], line: Line, left: number, baseline: number): void {
  runsOf(line, left, baseline, items);
}

export function firstRun(items: readonly Item[]): TextRun | undefined {
  return items.find((i): i is TextRun => i.type === "text");
}
