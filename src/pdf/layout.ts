// Doc + fonts → positioned pages (GB/T 9704-2012). Pure: no files, no PDF objects, no clock.
// Order: 版头 and title on page 1, the body on the grid (headings kept with what follows, the
// signature kept with the end of its paragraph), each attachment from a new page, the 版记 on
// the last even page, page numbers last.
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
function leadLines(
  block: Block | undefined,
  tableOf: (b: Extract<Block, { type: "table" }>) => TableLayout,
): number {
  if (!block) return 0;
  switch (block.type) {
    case "paragraph":
    case "list":
      return 1;
    case "heading":
      return 2;
    case "table": {
      const t = tableOf(block);
      if (t.landscape) return 0;
      return Math.ceil((t.captionHeight + t.header.height + (t.rows[0]?.height ?? 0)) / LINE);
    }
    case "signLines":
      return block.rows.length + 1;
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

/**
 * Where a table's rows go: indices of the rows that start a new page. A page holds the header
 * and whole rows; the last row never goes alone onto a page (the one before it goes along), and
 * a short table that would break but fits on a fresh page moves there whole.
 */
export function planRows(
  heights: readonly number[],
  header: number,
  firstRoom: number,
  fullRoom: number,
): { fresh: boolean; breaks: number[] } {
  const total = header + heights.reduce((a, b) => a + b, 0);
  const fresh = total > firstRoom + 1e-6 && total <= fullRoom + 1e-6 && heights.length <= 12;
  let room = (fresh ? fullRoom : firstRoom) - header;
  const breaks: number[] = [];
  heights.forEach((h, i) => {
    if (h > room + 1e-6 && i > (breaks.at(-1) ?? -1)) {
      breaks.push(i);
      room = fullRoom - header;
    }
    room -= h;
  });
  const last = heights.length - 1;
  const prev = breaks.length > 1 ? (breaks.at(-2) as number) : 0;
  if (breaks.at(-1) === last && last - prev >= 3) breaks[breaks.length - 1] = last - 1;
  return { fresh, breaks };
}

/** Whether `block`, placed after `lines` more grid lines, would start on the next page. */
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
  const plan = planRows(
    t.rows.map((r) => r.height),
    t.header.height,
    BLOCK_BOTTOM - top - t.captionHeight,
    BLOCK_HEIGHT - t.captionHeight,
  );
  return plan.fresh || plan.breaks[0] === 0;
}

/** Places a table, its header repeated on every page; landscape tables on turned pages. */
function flowTable(f: Flow, t: TableLayout, lead: Line[] = []): number {
  const rows = t.rows.flatMap((r) =>
    splitRow(t, r, (t.landscape ? LANDSCAPE_HEIGHT : BLOCK_HEIGHT) - t.header.height),
  );
  const heights = rows.map((r) => r.height);
  if (t.landscape) {
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
    drawCaption(t, 0, v, group.items);
    v += t.captionHeight;
    const { breaks } = planRows(heights, t.header.height, LANDSCAPE_HEIGHT - v, LANDSCAPE_HEIGHT);
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
  const top = f.y + t.captionHeight;
  const plan = planRows(
    heights,
    t.header.height,
    BLOCK_BOTTOM - top,
    BLOCK_HEIGHT - t.captionHeight,
  );
  if (plan.fresh || (plan.breaks[0] === 0 && !pageIsEmpty(f))) {
    newPage(f);
    return flowTable(f, t, lead);
  }
  const first = f.pages.length - 1;
  drawCaption(t, BLOCK_LEFT, f.y, f.page.items);
  f.y += t.captionHeight;
  drawRow(t, t.header, BLOCK_LEFT, f.y, f.page.items);
  f.y += t.header.height;
  rows.forEach((row, i) => {
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
  const tableLayouts = new Map<Block, TableLayout>();
  const tableOf = (b: Extract<Block, { type: "table" }>, name: string): TableLayout => {
    let t = tableLayouts.get(b);
    if (!t) tableLayouts.set(b, (t = layoutTable(f.ctx, b, name)));
    return t;
  };
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    const next = blocks[i + 1];
    const ctx: TextContext = { ...f.ctx, where: `${where}第${++counter}段` };
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
            : leadLines(next, (t) => tableOf(t, `${where}第${tables + 1}个表格`));
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
          for (const l of lines.slice(0, lines.length - keep)) putLine(f, l);
          placeSignature(f, signatureBox(f.ctx, next, note), lines.slice(lines.length - keep));
          signed = true;
          i++;
        } else for (const l of lines) putLine(f, l);
        break;
      }
      case "list":
        b.items.forEach((item, k) => {
          const prefix: Inline = { type: "text", text: b.ordered ? `${k + 1}.` : "• " };
          for (const l of bodyLines(ctx, [prefix, ...item], "仿宋", { indent: 2 * CHAR }))
            putLine(f, l);
        });
        break;
      case "table":
        flowTable(f, tableOf(b, `${where}第${++tables}个表格`));
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

/** Lays out a whole document. Problems (characters no font has) are collected, not thrown. */
export function layoutDoc(doc: Doc, fonts: FontSet): LayoutResult {
  const ctx: TextContext = { fonts, problems: [], where: "" };
  const f = startFlow(ctx);
  const head = layoutHead(f, doc.meta);
  const root: OutlineEntry = { title: doc.meta.title, page: 0, y: head.titleTop, children: [] };
  const signed = flowBlocks(f, doc.body, "正文", root, doc.meta.note);
  if (!signed && doc.meta.note) {
    for (const l of textLines({ ...ctx, where: "附注" }, `（${doc.meta.note}）`, "仿宋", {
      width: BLOCK_WIDTH,
      indent: 2 * CHAR,
    }))
      putLine(f, l);
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
  placeColophon(f, doc.meta);
  drawPageNumbers(ctx, f.pages);
  return { pages: f.pages, outline: [root], problems: ctx.problems, head };
}
