// Doc + fonts → positioned pages (GB/T 9704-2012). Pure: no files, no PDF objects, no clock.
// Order: 版头 and title on page 1, the body on the grid (headings kept with what follows, the
// signature kept with the end of its paragraph, tables broken across pages after at least three
// rows with the header repeated — planRows), each attachment from a new page, the 版记 on the
// last even page, page numbers last.
import type { Block, Doc, Inline } from "../doc/types.ts";
import type { Group, LaidOutDoc, OutlineEntry } from "./boxes.ts";
import type { FontRole, FontSet } from "./fonts.ts";
import type { Flow } from "./flow.ts";
import {
  baselineIn,
  ensureLines,
  linesLeft,
  newPage,
  pageIsEmpty,
  putLine,
  putLines,
  skipLines,
  snap,
  startFlow,
  textLines,
} from "./flow.ts";
import { drawPageNumbers, placeColophon, signLinesBox, signatureBox } from "./foot.ts";
import type { SignatureBox } from "./foot.ts";
import { figureBox, figureHeight } from "./figure.ts";
import {
  BLACK,
  BLOCK_BOTTOM,
  BLOCK_HEIGHT,
  BLOCK_LEFT,
  BLOCK_TOP,
  BLOCK_WIDTH,
  CHAR,
  LANDSCAPE_HEIGHT,
  LINE,
  SIZE,
} from "./gbt9704.ts";
import { layoutHead, placeTitle } from "./head.ts";
import type { HeadGeometry } from "./head.ts";
import { drawCaption, drawRow, layoutTable } from "./table.ts";
import type { Row, TableLayout } from "./table.ts";
import { compose, pieces, plainText, runsOf, shape, widthOf } from "./text.ts";
import type { Line, TextContext } from "./text.ts";

export interface LayoutResult extends LaidOutDoc {
  head: HeadGeometry;
}

const HEADING_ROLE: Record<1 | 2 | 3 | 4, FontRole> = {
  1: "黑体",
  2: "楷体",
  3: "仿宋",
  4: "仿宋",
};
const ATTACHMENT_NOTE = /^附件[：:]/;
const EPS = 1e-6;

function bodyLines(
  ctx: TextContext,
  content: readonly Inline[],
  role: FontRole,
  options: { indent?: number; hang?: number; align?: "left" | "center" | "right" } = {},
): Line[] {
  const glyphs = shape(ctx, pieces(content, role), { size: SIZE.三号, color: BLACK, grid: true });
  return compose(glyphs, {
    width: BLOCK_WIDTH,
    indent: options.indent ?? 0,
    hang: options.hang ?? 0,
    align: options.align ?? "left",
  });
}

/** Grid lines a block needs at the top of a page before anything of it shows. */
function leadLines(block: Block | undefined): number {
  if (!block) return 0;
  switch (block.type) {
    case "paragraph":
    case "list":
      return 1;
    case "heading":
      return 2;
    case "signLines":
      return block.rows.length + 1;
    // a table's start is planned by planRows (movesWhole)
    case "table":
    case "figure":
    case "signature":
    case "pageBreak":
      return 0;
    default: {
      const never: never = block;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

/** Body rows a table shows on the page it starts on (all of them when it has fewer). */
export const FIRST_ROWS = 3;
/** Body rows on the last page of a table that breaks (the totals row counts as one). */
export const LAST_ROWS = 2;

export interface RowRoom {
  /** Height of the header row, repeated on every page. */
  header: number;
  /** Room from the table's top (its caption's) to the bottom of the text block on this page. */
  first: number;
  /** Room on an empty page. */
  full: number;
  /** Height of the caption, on the first page only. */
  caption: number;
  /**
   * What the page keeps blank if the table moves to the next page: `first` plus what goes along
   * (its heading). A table that fits on the next page moves whole when this is at most a third
   * of a page.
   */
  left?: number;
  /** The table starts on this page whatever fits (a turned page that already holds its heading). */
  here?: boolean;
  /**
   * By row: the rest of a row cut where a page ends (Row.continued). Alone on the last page it
   * stays there: the page before ends with the rest of its row.
   */
  continued?: readonly boolean[];
}

/**
 * Where a table's rows go: `fresh` when it starts on the next page, and the indices of the rows
 * that start a new page. The rules:
 * - a table starts on the current page when its caption, header and first three rows fit there
 *   (all its rows, when it has fewer), else on the next page;
 * - a table that does not fit here but fits whole on the next page moves there when that leaves
 *   at most a third of this page blank, so a short table is not broken to save a few lines;
 * - every page holds whole rows under the repeated header (a row taller than a page stands
 *   alone on its page here; planTable cuts it), the last page at least two rows; when moving
 *   rows down would leave fewer than three on the first page, the table starts on the next
 *   page instead.
 */
export function planRows(
  heights: readonly number[],
  room: RowRoom,
): { fresh: boolean; breaks: number[] } {
  const { header, first, full, caption } = room;
  const n = heights.length;
  const sum = (a: number, b: number) => heights.slice(a, b).reduce((x, y) => x + y, 0);
  const empty = room.here === true || first >= full - EPS;
  if (caption + header + sum(0, n) <= first + EPS) return { fresh: false, breaks: [] };
  const startsHere = caption + header + sum(0, Math.min(FIRST_ROWS, n)) <= first + EPS;
  const wholeNext = caption + header + sum(0, n) <= full + EPS;
  const plan = (fresh: boolean, strict: boolean): { fresh: boolean; breaks: number[] } | null => {
    let left = (fresh ? full : first) - caption - header;
    const breaks: number[] = [];
    heights.forEach((h, i) => {
      if (h > left + EPS && i > (breaks.at(-1) ?? 0)) {
        breaks.push(i);
        left = full - header;
      }
      left -= h;
    });
    // the last page: at least LAST_ROWS rows, taken from the page before
    const lastBreak = breaks.at(-1);
    if (lastBreak !== undefined && n - lastBreak < LAST_ROWS && !room.continued?.[lastBreak]) {
      const moved = n - LAST_ROWS;
      const before = breaks.length > 1 ? (breaks.at(-2) as number) : 0;
      const keep = breaks.length > 1 ? 1 : Math.min(FIRST_ROWS, n);
      if (moved - before >= keep) breaks[breaks.length - 1] = moved;
      else if (strict) return null;
    }
    return { fresh, breaks };
  };
  const fresh = !empty && (!startsHere || (wholeNext && (room.left ?? first) <= full / 3 + EPS));
  return (
    (fresh ? null : plan(false, true)) ??
    plan(!empty, true) ??
    (plan(!empty, false) as { fresh: boolean; breaks: number[] })
  );
}

interface TablePlan {
  rows: Row[];
  fresh: boolean;
  breaks: number[];
}

/** Text lines a row may leave on either side of a page break when it is broken there. */
export const ROW_BREAK_LINES = 2;

/**
 * A portrait table's rows (cut where taller than a page) and their plan from page y `top`. A
 * tall row that would leave a gap of several lines at the foot of a page is broken there, as
 * Word's "允许跨页断行" does: at least two of its lines on each side, its cells' lines cut at the
 * same place (after a whole entry of a cell where one fits), the header repeated above the rest.
 */
function planTable(t: TableLayout, top: number, left?: number): TablePlan {
  // a row taller than a page is cut as it is planned (rowToBreak), where its page ends: cut
  // beforehand into page-high pieces, a piece that began lower down a page left a rule across
  // the next page where the following piece began, through the middle of an entry
  let rows = [...t.rows];
  const room: RowRoom = {
    header: t.header.height,
    first: BLOCK_BOTTOM - top,
    full: BLOCK_HEIGHT,
    caption: t.captionHeight,
    ...(left !== undefined ? { left } : {}),
  };
  for (;;) {
    const plan = planRows(
      rows.map((r) => r.height),
      { ...room, continued: rows.map((r) => r.continued === true) },
    );
    const cut = rowToBreak(t, rows, plan, room);
    if (!cut) return { rows, ...plan };
    rows = [
      ...rows.slice(0, cut.row),
      ...cutRow(t, rows[cut.row]!, cut.lines),
      ...rows.slice(cut.row + 1),
    ];
  }
}

/**
 * Where a plan's rows are cut next, if anywhere: a row that runs past the foot of its page is cut
 * to fill the page; a page break that leaves room for at least two lines of the row after it,
 * which has enough lines to keep two on the next page, cuts that row there. That row and how
 * many lines stay (after a whole entry of each cell that goes on, where such a place fits);
 * null when none.
 */
function rowToBreak(
  t: TableLayout,
  rows: readonly Row[],
  plan: { fresh: boolean; breaks: number[] },
  room: RowRoom,
): { row: number; lines: number } | null {
  const lh = t.size * 1.4;
  const linesOf = (row: Row) => Math.max(...row.cells.map((c) => c.lines.length));
  // where every cell that goes on ends an entry (a forced line break), if such a place fits
  const atEntry = (row: Row, fits: number) => {
    const endsEntry = (k: number) =>
      row.cells.every((c) => c.lines.length <= k || c.lines[k - 1]?.glyphs.at(-1)?.newline);
    let k = fits;
    while (k > ROW_BREAK_LINES && !endsEntry(k)) k--;
    return endsEntry(k) ? k : fits;
  };
  let start = 0;
  let space = (plan.fresh ? room.full : room.first) - room.caption - room.header;
  for (const b of [...plan.breaks, rows.length]) {
    // a row that runs past the foot of its page (one taller than a page, or the last rows
    // moved onto the last page) is cut there
    let used = 0;
    for (let i = start; i < b; i++) {
      const row = rows[i]!;
      if (row.kind === "body" && used + row.height > space + EPS) {
        const n = linesOf(row);
        const fits = Math.min(n - 1, Math.floor((space - used - (row.height - n * lh) + EPS) / lh));
        if (fits >= 1) return { row: i, lines: atEntry(row, fits) };
      }
      used += row.height;
    }
    if (b === rows.length) break;
    const row = rows[b]!;
    const n = linesOf(row);
    const pad = row.height - n * lh;
    const fits = Math.floor((space - used - pad + EPS) / lh);
    // (not the rest of a row cut at the foot of the page before: that page ends with its row)
    if (
      row.kind === "body" &&
      !row.continued &&
      fits >= ROW_BREAK_LINES &&
      n - fits >= ROW_BREAK_LINES
    )
      return { row: b, lines: atEntry(row, fits) };
    start = b;
    space = room.full - room.header;
  }
  return null;
}

/** A row cut after its first `k` text lines: two rows, each with the row's padding. */
function cutRow(t: TableLayout, row: Row, k: number): Row[] {
  const lh = t.size * 1.4;
  const n = Math.max(...row.cells.map((c) => c.lines.length));
  const pad = row.height - n * lh;
  return [0, k].map((from, i) => {
    const cells = row.cells.map((c) => ({ ...c, lines: c.lines.slice(from, i === 0 ? k : n) }));
    const lines = Math.max(1, ...cells.map((c) => c.lines.length));
    const height = lines * lh + pad;
    return i === 0 && !row.continued
      ? { kind: row.kind, cells, height }
      : { kind: row.kind, cells, height, continued: true };
  });
}

/** Whether a table or figure placed after `lines` more grid lines would start on the next page. */
function movesWhole(
  f: Flow,
  lines: number,
  block: Block,
  tableOf: (b: Extract<Block, { type: "table" }>) => TableLayout,
): boolean {
  snap(f);
  const top = f.y + lines * LINE;
  if (block.type === "figure") return top + figureHeight(block) > BLOCK_BOTTOM + 1e-6;
  if (block.type !== "table") return false;
  const t = tableOf(block);
  if (t.landscape) return false;
  return planTable(t, top, BLOCK_BOTTOM - f.y).fresh;
}

/**
 * Places a table, its header repeated on every page; landscape tables on turned pages. `above`
 * is what was placed just before it and goes along if it moves (its heading), in points.
 */
function flowTable(f: Flow, t: TableLayout, lead: Line[] = [], above = 0): number {
  if (t.landscape) {
    const rows = t.rows.flatMap((r) =>
      splitRow(t, r, LANDSCAPE_HEIGHT - t.header.height - t.captionHeight - lead.length * LINE),
    );
    if (!pageIsEmpty(f) || f.breakPending) newPage(f);
    const matrix = [0, -1, 1, 0, BLOCK_LEFT, BLOCK_BOTTOM] as const;
    let group: Group = { type: "group", matrix, items: [] };
    f.page.items.push(group);
    const first = f.pages.length - 1;
    let v = 0;
    for (const l of lead) {
      runsOf(l, 0, baselineIn(v, SIZE.三号), group.items);
      v += LINE;
    }
    const { breaks } = planRows(
      rows.map((r) => r.height),
      {
        header: t.header.height,
        first: LANDSCAPE_HEIGHT - v,
        full: LANDSCAPE_HEIGHT,
        caption: t.captionHeight,
        here: true,
      },
    );
    drawCaption(t, 0, v, group.items);
    v += t.captionHeight;
    drawRow(t, t.header, 0, v, group.items);
    v += t.header.height;
    rows.forEach((row, i) => {
      if (breaks.includes(i)) {
        newPage(f);
        group = { type: "group", matrix, items: [] };
        f.page.items.push(group);
        v = 0;
        drawRow(t, t.header, 0, v, group.items);
        v += t.header.height;
      }
      drawRow(t, row, 0, v, group.items);
      v += row.height;
    });
    f.y = BLOCK_BOTTOM;
    f.breakPending = true;
    return first;
  }
  snap(f);
  const plan = planTable(t, f.y, BLOCK_BOTTOM - f.y + above);
  if (plan.fresh) newPage(f);
  const first = f.pages.length - 1;
  drawCaption(t, BLOCK_LEFT, f.y, f.page.items);
  f.y += t.captionHeight;
  drawRow(t, t.header, BLOCK_LEFT, f.y, f.page.items);
  f.y += t.header.height;
  plan.rows.forEach((row, i) => {
    if (plan.breaks.includes(i)) {
      newPage(f);
      drawRow(t, t.header, BLOCK_LEFT, f.y, f.page.items);
      f.y += t.header.height;
    }
    drawRow(t, row, BLOCK_LEFT, f.y, f.page.items);
    f.y += row.height;
  });
  f.y += LINE / 2;
  return first;
}

/** A row taller than a page (less the header) is cut between its text lines. */
function splitRow(t: TableLayout, row: Row, room: number): Row[] {
  if (row.height <= room) return [row];
  const lh = t.size * 1.4;
  const pad = row.height - Math.max(...row.cells.map((c) => c.lines.length)) * lh;
  const per = Math.max(1, Math.floor((room - pad) / lh));
  const parts: Row[] = [];
  const n = Math.max(...row.cells.map((c) => c.lines.length));
  for (let k = 0; k < n; k += per) {
    const cells = row.cells.map((c) => ({ ...c, lines: c.lines.slice(k, k + per) }));
    const lines = Math.max(1, ...cells.map((c) => c.lines.length));
    parts.push({ kind: row.kind, cells, height: lines * lh + pad });
  }
  return parts;
}

function placeSignature(f: Flow, box: SignatureBox, carried: Line[]): void {
  if (linesLeft(f) < carried.length + box.lines) {
    newPage(f);
    if (carried.length === 0) {
      // nothing of the body can go with the signature: say so, as offices do
      putLine(
        f,
        textLines(f.ctx, "（此页无正文）", "仿宋", {
          width: BLOCK_WIDTH,
          justify: false,
        })[0] as Line,
        BLOCK_LEFT + 2 * CHAR,
      );
    }
  }
  for (const l of carried) putLine(f, l);
  box.draw(f);
}

function flowBlocks(
  f: Flow,
  blocks: readonly Block[],
  where: string,
  parent: OutlineEntry,
  note: string | undefined,
): boolean {
  let counter = 0;
  let tables = 0;
  let signed = false;
  let attachmentHang: number | null = null;
  /** Height of the heading just placed, which a table right after it keeps with it. */
  let headingAbove = 0;
  const tableLayouts = new Map<Block, TableLayout>();
  const tableOf = (b: Extract<Block, { type: "table" }>, name: string): TableLayout => {
    let t = tableLayouts.get(b);
    if (!t) {
      tableLayouts.set(b, (t = layoutTable(f.ctx, b, name)));
      f.tables.set(b, { size: t.size, landscape: t.landscape });
    }
    return t;
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    const next = blocks[i + 1];
    const ctx: TextContext = { ...f.ctx, where: `${where}第${++counter}段` };
    const above = headingAbove;
    headingAbove = 0;
    switch (b.type) {
      case "heading": {
        const lines = bodyLines(ctx, b.content, HEADING_ROLE[b.level], { indent: 2 * CHAR });
        if (next?.type === "table") {
          const t = tableOf(next, `${where}第${tables + 1}个表格`);
          if (t.landscape) {
            // the heading goes onto the turned page, above its table
            const page = flowTable(f, t, lines);
            if (b.level === 1)
              parent.children.push({
                title: plainText(b.content),
                page,
                y: BLOCK_TOP,
                children: [],
              });
            tables++;
            i++;
            break;
          }
        }
        // a paragraph the signature keeps its last lines with counts as those lines and the block
        const after = blocks[i + 2];
        const lead =
          next?.type === "paragraph" && after?.type === "signature"
            ? Math.min(
                2,
                bodyLines({ ...ctx, problems: [] }, next.content, "仿宋", { indent: 2 * CHAR })
                  .length,
              ) + signatureBox({ ...f.ctx, problems: [] }, after, note).lines
            : leadLines(next);
        ensureLines(f, lines.length + lead);
        // a table or figure that will move to the next page takes its heading along
        if (
          !pageIsEmpty(f) &&
          next &&
          movesWhole(f, lines.length, next, (t) => tableOf(t, `${where}第${tables + 1}个表格`))
        )
          newPage(f);
        if (b.level === 1)
          parent.children.push({
            title: plainText(b.content),
            page: f.pages.length - 1,
            y: f.y,
            children: [],
          });
        for (const l of lines) putLine(f, l);
        headingAbove = lines.length * LINE;
        break;
      }
      case "paragraph": {
        const text = plainText(b.content);
        let indent =
          b.indent === false || b.align === "center" || b.align === "right" ? 0 : 2 * CHAR;
        let hang = 0;
        if (ATTACHMENT_NOTE.test(text)) {
          // 附件说明: a blank line above, wrapped lines aligned with the attachment's name
          skipLines(f, 1);
          const label = /^附件[：:](\d+[.．])?/.exec(text)?.[0] ?? "附件：";
          attachmentHang =
            2 * CHAR +
            widthOf(
              shape(
                { ...ctx, problems: [] },
                [{ text: label.replace(/\d+[.．]$/, ""), role: "仿宋" }],
                { size: SIZE.三号, color: BLACK, grid: true },
              ),
            );
          hang =
            2 * CHAR +
            widthOf(
              shape({ ...ctx, problems: [] }, [{ text: label, role: "仿宋" }], {
                size: SIZE.三号,
                color: BLACK,
                grid: true,
              }),
            );
        } else if (attachmentHang !== null && /^\d+[.．]/.test(text)) {
          indent = attachmentHang;
          const num = /^\d+[.．]/.exec(text)?.[0] ?? "";
          hang =
            attachmentHang +
            widthOf(
              shape({ ...ctx, problems: [] }, [{ text: num, role: "仿宋" }], {
                size: SIZE.三号,
                color: BLACK,
                grid: true,
              }),
            );
        } else attachmentHang = null;
        const lines = bodyLines(ctx, b.content, "仿宋", { indent, hang, align: b.align ?? "left" });
        if (next?.type === "signature") {
          const keep = Math.min(2, lines.length);
          putLines(f, lines.slice(0, lines.length - keep));
          placeSignature(f, signatureBox(f.ctx, next, note), lines.slice(lines.length - keep));
          signed = true;
          i++;
        } else putLines(f, lines);
        break;
      }
      case "list":
        b.items.forEach((item, k) => {
          const prefix: Inline = { type: "text", text: b.ordered ? `${k + 1}.` : "• " };
          putLines(f, bodyLines(ctx, [prefix, ...item], "仿宋", { indent: 2 * CHAR }));
        });
        break;
      case "table":
        flowTable(f, tableOf(b, `${where}第${++tables}个表格`), [], above);
        counter--;
        break;
      case "figure":
        figureBox(f, b, ctx);
        break;
      case "signature":
        placeSignature(f, signatureBox(f.ctx, b, note), []);
        signed = true;
        break;
      case "signLines": {
        const box = signLinesBox(f.ctx, b);
        if (linesLeft(f) < box.lines) newPage(f);
        box.draw(f);
        break;
      }
      case "pageBreak":
        if (!pageIsEmpty(f)) newPage(f);
        counter--;
        break;
      default: {
        const never: never = b;
        throw new Error(`unknown block ${JSON.stringify(never)}`);
      }
    }
  }
  return signed;
}

/** The last document laid out, with its fonts and layout (see layoutDoc). */
let last: { doc: Doc; fonts: FontSet; laid: LayoutResult } | null = null;

/**
 * Lays out a whole document. Problems (characters no font has) are collected, not thrown. The
 * last layout is kept and given again for the same Doc and FontSet objects: the pipeline lays
 * a document out to find the characters no font has, and `xinfang pdf` then paints that same
 * document (layout is pure and nothing changes a layout once made: pages are read-only).
 */
export function layoutDoc(doc: Doc, fonts: FontSet): LayoutResult {
  if (last?.doc === doc && last.fonts === fonts) return last.laid;
  const laid = layOut(doc, fonts);
  last = { doc, fonts, laid };
  return laid;
}

function layOut(doc: Doc, fonts: FontSet): LayoutResult {
  const ctx: TextContext = { fonts, problems: [], where: "" };
  const f = startFlow(ctx);
  const head = layoutHead(f, doc.meta);
  const root: OutlineEntry = { title: doc.meta.title, page: 0, y: head.titleTop, children: [] };
  const signed = flowBlocks(f, doc.body, "正文", root, doc.meta.note);
  if (!signed && doc.meta.note) {
    putLines(
      f,
      textLines({ ...ctx, where: "附注" }, `（${doc.meta.note}）`, "仿宋", {
        width: BLOCK_WIDTH,
        indent: 2 * CHAR,
      }),
    );
  }
  doc.attachments.forEach((a, k) => {
    newPage(f);
    const label = a.label || `附件${doc.attachments.length > 1 ? k + 1 : ""}`;
    const [l] = textLines({ ...ctx, where: label }, label, "黑体", {
      width: BLOCK_WIDTH,
      justify: false,
    });
    if (l) putLine(f, l);
    skipLines(f, 1);
    root.children.push({
      title: `${label} ${a.title}`,
      page: f.pages.length - 1,
      y: BLOCK_TOP,
      children: [],
    });
    placeTitle(f, a.title, `${label}标题`);
    skipLines(f, 1);
    flowBlocks(f, a.body, label, { title: "", page: 0, y: 0, children: [] }, undefined);
  });
  const colophon = placeColophon(f, doc.meta);
  drawPageNumbers(ctx, f.pages);
  return {
    pages: f.pages,
    outline: [root],
    problems: ctx.problems,
    head,
    facts: { colophon, tables: f.tables },
  };
}
