// Print bundles: a cover, a table of contents with page numbers, then each document from an odd
// page with its own page numbering, and bookmarks for all of it. Pure: laid-out documents in,
// pages and outline out.
import { zhDate } from "../text/zh.ts";
import type { LayoutProblem, OutlineEntry, Page } from "./boxes.ts";
import type { FontSet } from "./fonts.ts";
import { baselineIn, drawLineAt, putLine, skipLines, startFlow, textLines } from "./flow.ts";
import { BLOCK_LEFT, BLOCK_TOP, BLOCK_WIDTH, CHAR, LINE, LINES_PER_PAGE, SIZE } from "./gbt9704.ts";
import { placeTitle } from "./head.ts";
import { balancedLines, shape } from "./text.ts";
import type { Line, TextContext } from "./text.ts";

export interface BundlePart {
  title: string;
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
  problems: LayoutProblem[];
}

interface TocEntry {
  text: string;
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
    out.push({ text: p.title, level: p.group ? 1 : 0, part: i });
  });
  return out;
}

function tocLines(
  ctx: TextContext,
  e: TocEntry,
  page: number | null,
): { line: Line; left: number }[] {
  const indent = e.level * 2 * CHAR;
  const role = e.part < 0 ? "黑体" : "仿宋";
  const num =
    page === null
      ? null
      : textLines(ctx, String(page), "仿宋", { width: BLOCK_WIDTH, justify: false })[0];
  const numWidth = num ? Math.max(num.width, 2 * CHAR) : 0;
  const width = BLOCK_WIDTH - indent - (num ? numWidth + 2 * CHAR : 0);
  let lines = textLines(ctx, e.text, role, { width, hang: 2 * CHAR, justify: false });
  if (lines.length > 1) {
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
  if (num && last) {
    // leader dots from the end of the text to the page number
    const dot = shape(ctx, [{ text: "·", role: "仿宋" }], { size: SIZE.三号, color: [0, 0, 0] })[0];
    const start = (last.xs.at(-1) ?? 0) + (last.glyphs.at(-1)?.width ?? 0) + CHAR / 2;
    const end = BLOCK_WIDTH - indent - num.width - CHAR / 2;
    if (dot) {
      const step = CHAR / 2;
      for (let x = start; x + dot.width <= end; x += step) {
        last.glyphs.push(dot);
        last.xs.push(x);
      }
    }
    last.glyphs.push(...num.glyphs);
    last.xs.push(...num.xs.map((x) => x + BLOCK_WIDTH - indent - num.width));
  }
  return lines.map((line) => ({ line, left: BLOCK_LEFT + indent }));
}

/**
 * Lays out a bundle: cover (page 1) and its blank back, the contents (padded to an even page
 * count), then each part from an odd page. Contents numbers are physical page numbers, the ones
 * a PDF viewer shows.
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
  // contents: measure first (page numbers depend on how many pages it takes)
  const entries = tocEntries(parts);
  const tocCtx = { ...ctx, where: "目录" };
  const perFirst = LINES_PER_PAGE - 3;
  const linesNeeded = entries.reduce((s, e) => s + tocLines(tocCtx, e, 999).length, 0);
  const tocPages = Math.max(1, 1 + Math.ceil(Math.max(0, linesNeeded - perFirst) / LINES_PER_PAGE));
  const tocCount = tocPages + (tocPages % 2);
  const starts: number[] = [];
  let at = 2 + tocCount;
  for (const p of parts) {
    if (at % 2 === 1) at++;
    starts.push(at);
    at += p.pages.length;
  }
  const toc = startFlow(tocCtx);
  toc.page.number = null;
  placeTitle(toc, "目　录", "目录");
  skipLines(toc, 1);
  for (const e of entries)
    for (const { line, left } of tocLines(
      tocCtx,
      e,
      e.part >= 0 ? (starts[e.part] as number) + 1 : null,
    )) {
      putLine(toc, line, left);
      toc.page.number = null;
    }
  while (toc.pages.length < tocCount) toc.pages.push({ items: [], number: null });
  const tocStart = pages.length;
  pages.push(...toc.pages);
  const outline: OutlineEntry[] = [{ title: "目录", page: tocStart, y: BLOCK_TOP, children: [] }];
  let group: OutlineEntry | null = null;
  parts.forEach((p, i) => {
    while (pages.length < (starts[i] as number)) pages.push({ items: [], number: null });
    const offset = pages.length;
    pages.push(...p.pages);
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
  return { pages, outline, starts, problems: ctx.problems };
}
