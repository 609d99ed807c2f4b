// Print bundles (汇编): a cover, a table of contents, then each document from an odd page, and
// bookmarks for all of it. Each document keeps its own GB/T 9704 page numbers (— 1 — at the
// foot: it is printed as issued); the bundle numbers its pages on top of that, as an office
// numbers the pages of a bound volume (案卷的页号): one continuous count from the first page of
// the first document, printed in the top outer corner (right on odd pages, left on even ones)
// of every page that carries anything. The contents lists that 页号 and the PDF's page labels
// show it; the cover and the contents are front matter without a 页号 (labelled i, ii … in a
// viewer). Pure: laid-out documents in, pages and outline out.
import { zhDate } from "../text/zh.ts";
import type { LayoutProblem, OutlineEntry, Page } from "./boxes.ts";
import type { FontSet } from "./fonts.ts";
import type { Flow } from "./flow.ts";
import {
  baselineIn,
  drawLineAt,
  ensureLines,
  putLine,
  skipLines,
  startFlow,
  textLines,
} from "./flow.ts";
import {
  BLOCK_LEFT,
  BLOCK_RIGHT,
  BLOCK_TOP,
  BLOCK_WIDTH,
  CHAR,
  EM_ASCENT,
  LINE,
  SIZE,
  mm,
} from "./gbt9704.ts";
import { placeTitle } from "./head.ts";
import { balancedLines, shape } from "./text.ts";
import type { Line, TextContext } from "./text.ts";

/** Top of the 页号's em box: 17 mm from the top edge, in the 天头 above anything a document prints. */
export const FOLIO_TOP = mm(17);

export interface BundlePart {
  title: string;
  /** 发文字号, shown after the title in the contents (……的通报（青信办〔2025〕2号）). */
  number?: string;
  pages: readonly Page[];
  outline: readonly OutlineEntry[];
  /** Group heading in the contents (e.g. 目标责任书), when the bundle mixes kinds. */
  group?: string;
}

export interface BundleLayout {
  pages: Page[];
  outline: OutlineEntry[];
  /** First physical page (0-based) of each part. */
  starts: number[];
  /** The 页号 of each part's first page: what the contents lists. */
  folios: number[];
  /** Pages before the first document (cover, its back, the contents): no 页号. */
  front: number;
  problems: LayoutProblem[];
}

interface TocEntry {
  text: string;
  /** 发文字号, after the text in （）. */
  number?: string;
  level: number;
  /** Index into parts, or -1 for a group heading. */
  part: number;
}

function tocEntries(parts: readonly BundlePart[]): TocEntry[] {
  const out: TocEntry[] = [];
  let group: string | undefined;
  parts.forEach((p, i) => {
    if (p.group && p.group !== group) {
      group = p.group;
      out.push({ text: p.group, level: 0, part: -1 });
    }
    out.push({
      text: p.title,
      ...(p.number ? { number: p.number } : {}),
      level: p.group ? 1 : 0,
      part: i,
    });
  });
  return out;
}

/** A number or word set on one line, unjustified. */
function oneLine(ctx: TextContext, text: string, size: number): Line {
  const [l] = textLines(ctx, text, "仿宋", { width: 10 * BLOCK_WIDTH, justify: false, size });
  return l ?? { glyphs: [], xs: [], width: 0 };
}

/** Leader dots: every half 字 on one grid for the whole contents, so their columns line up. */
const DOT_STEP = CHAR / 2;

/**
 * The lines of one contents entry, left edges in page x: the title (wrapped into balanced lines,
 * the later ones hanging two characters), leader dots and the 页号 flush right in a column
 * `column` wide.
 */
function tocLines(
  ctx: TextContext,
  e: TocEntry,
  folio: number | null,
  column: number,
): { line: Line; left: number }[] {
  const left = BLOCK_LEFT + e.level * 2 * CHAR;
  const role = e.part < 0 ? "黑体" : "仿宋";
  const width = BLOCK_RIGHT - left - (folio === null ? 0 : column + 2 * CHAR);
  const full = e.number ? `${e.text}（${e.number}）` : e.text;
  let lines = textLines(ctx, full, role, { width, hang: 2 * CHAR, justify: false });
  const title = textLines(ctx, e.text, role, { width, justify: false });
  const number = e.number
    ? textLines(ctx, `（${e.number}）`, role, { width: width - 2 * CHAR, justify: false })
    : [];
  if (lines.length === 2 && title.length === 1 && number.length === 1) {
    // the title on its line, the 发文字号 on the next
    const [t, n] = [title[0] as Line, number[0] as Line];
    lines = [t, { ...n, xs: n.xs.map((x) => x + 2 * CHAR), width: n.width + 2 * CHAR }];
  } else if (lines.length > 1) {
    // a long title wraps into balanced lines (no lone character on the last one)
    const glyphs = lines.flatMap((l) => l.glyphs);
    lines = balancedLines(glyphs, width - 2 * CHAR).map((l, k) => {
      let x = k > 0 ? 2 * CHAR : 0;
      const xs = l.glyphs.map((g) => {
        const v = x;
        x += g.width;
        return v;
      });
      return { glyphs: l.glyphs, xs, width: x };
    });
  }
  const last = lines[lines.length - 1];
  if (folio !== null && last) {
    const num = oneLine(ctx, String(folio), SIZE.三号);
    const dot = shape(ctx, [{ text: "·", role: "仿宋" }], { size: SIZE.三号, color: [0, 0, 0] })[0];
    const textEnd = left + (last.xs.at(-1) ?? 0) + (last.glyphs.at(-1)?.width ?? 0);
    const end = BLOCK_RIGHT - column - CHAR / 2;
    if (dot) {
      for (let k = Math.ceil((textEnd + CHAR / 2 - BLOCK_LEFT) / DOT_STEP); ; k++) {
        const x = BLOCK_LEFT + k * DOT_STEP;
        if (x + dot.width > end + 1e-6) break;
        last.glyphs.push(dot);
        last.xs.push(x - left);
      }
    }
    last.glyphs.push(...num.glyphs);
    last.xs.push(...num.xs.map((x) => x + BLOCK_RIGHT - left - num.width));
  }
  return lines.map((line) => ({ line, left }));
}

/** The contents pages: 目录, a 页号 column head, then the entries, none split across pages. */
function layoutContents(
  ctx: TextContext,
  parts: readonly BundlePart[],
  folios: readonly number[],
): Page[] {
  const widest = Math.max(...folios.map((n) => oneLine(ctx, String(n), SIZE.三号).width));
  const head = oneLine(ctx, "页号", SIZE.四号);
  const column = Math.max(widest, head.width);
  const toc: Flow = startFlow(ctx);
  placeTitle(toc, "目　录", "目录");
  drawLineAt(toc.page.items, head, BLOCK_RIGHT - head.width, baselineIn(toc.y, SIZE.四号));
  skipLines(toc, 1);
  const entries = tocEntries(parts);
  const linesOf = entries.map((e) =>
    tocLines(ctx, e, e.part >= 0 ? (folios[e.part] as number) : null, column),
  );
  linesOf.forEach((lines, k) => {
    // an entry stays on one page, and a group heading with its first entry
    const next = (entries[k] as TocEntry).part < 0 ? (linesOf[k + 1]?.length ?? 0) : 0;
    ensureLines(toc, lines.length + next);
    for (const { line, left } of lines) putLine(toc, line, left);
  });
  for (const p of toc.pages) p.number = null;
  if (toc.pages.length % 2 === 1) toc.pages.push({ items: [], number: null });
  return toc.pages;
}

/** A page of a document with the bundle's 页号 added (a new page: documents are shared). */
function withFolio(ctx: TextContext, page: Page, folio: number): Page {
  if (page.items.length === 0) return page;
  const l = oneLine(ctx, String(folio), SIZE.四号);
  const left = folio % 2 === 1 ? BLOCK_RIGHT - l.width : BLOCK_LEFT;
  const items = [...page.items];
  drawLineAt(items, l, left, FOLIO_TOP + EM_ASCENT * SIZE.四号);
  return { items, number: page.number };
}

/**
 * Lays out a bundle: cover (page 1) and its blank back, the contents (padded to an even page
 * count), then each part from an odd page, every non-blank page of the parts with its 页号.
 */
export function layoutBundle(
  title: string,
  issuer: string,
  date: string,
  parts: readonly BundlePart[],
  fonts: FontSet,
): BundleLayout {
  const ctx: TextContext = { fonts, problems: [], where: "汇编封面" };
  // cover
  const f = startFlow(ctx);
  f.page.number = null;
  f.y = BLOCK_TOP + 5 * LINE;
  placeTitle(f, title, "汇编封面");
  for (const [k, text] of [issuer, zhDate(date)].entries()) {
    const [l] = textLines(ctx, text, "仿宋", {
      width: BLOCK_WIDTH,
      justify: false,
      align: "center",
    });
    if (l)
      drawLineAt(f.page.items, l, BLOCK_LEFT, baselineIn(BLOCK_TOP + (16 + k) * LINE, SIZE.三号));
  }
  const pages: Page[] = [f.page, { items: [], number: null }];
  // 页号 count from the first document's first page, each document starting on an odd one; the
  // front matter is an even number of pages, so 页号 and sheet sides agree.
  const folios: number[] = [];
  let at = 1;
  for (const p of parts) {
    if (at % 2 === 0) at++;
    folios.push(at);
    at += p.pages.length;
  }
  const tocCtx = { ...ctx, where: "目录" };
  const tocStart = pages.length;
  pages.push(...layoutContents(tocCtx, parts, folios));
  const front = pages.length;
  const starts = folios.map((n) => front + n - 1);
  const outline: OutlineEntry[] = [{ title: "目录", page: tocStart, y: BLOCK_TOP, children: [] }];
  let group: OutlineEntry | null = null;
  parts.forEach((p, i) => {
    const offset = starts[i] as number;
    while (pages.length < offset) pages.push({ items: [], number: null });
    const folioCtx = { ...ctx, where: "页号" };
    p.pages.forEach((page, j) => pages.push(withFolio(folioCtx, page, (folios[i] as number) + j)));
    const shift = (e: OutlineEntry): OutlineEntry => ({
      ...e,
      page: e.page + offset,
      children: e.children.map(shift),
    });
    const entries = p.outline.map(shift);
    if (p.group) {
      if (!group || group.title !== p.group) {
        group = { title: p.group, page: offset, y: BLOCK_TOP, children: [] };
        outline.push(group);
      }
      group.children.push(...entries);
    } else outline.push(...entries);
  });
  return { pages, outline, starts, folios, front, problems: ctx.problems };
}
