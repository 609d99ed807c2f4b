// The end of a document: 署名 and 成文日期 (with or without seal, or two parties side by side),
// 附注, the 版记 at the foot of the last even page, and page numbers.
import type { Block, DocMeta } from "../doc/types.ts";
import { zhDate } from "../text/zh.ts";
import type { Page } from "./boxes.ts";
import type { Flow } from "./flow.ts";
import { baselineIn, drawLineAt, newPage, pageIsEmpty, snap, textLines } from "./flow.ts";
import {
  BLACK,
  BLOCK_BOTTOM,
  BLOCK_LEFT,
  BLOCK_RIGHT,
  BLOCK_WIDTH,
  CHAR,
  EM_ASCENT,
  LINE,
  PAGE_NUMBER_TOP,
  RULE_HEAVY,
  RULE_LIGHT,
  SIZE,
} from "./gbt9704.ts";
import { glyphBox } from "./text.ts";
import type { Line, TextContext } from "./text.ts";

type SignatureBlock = Extract<Block, { type: "signature" }>;

export interface SignatureBox {
  /** Grid lines the block takes, blank lines above it included. */
  lines: number;
  /** Draws it from the cursor (which must have room) and moves the cursor past it. */
  draw(f: Flow): void;
}

function one(ctx: TextContext, text: string, where: string, size: number = SIZE.三号): Line {
  const [l] = textLines({ ...ctx, where }, text, "仿宋", {
    width: 10 * BLOCK_WIDTH,
    justify: false,
    size,
  });
  return l ?? { glyphs: [], xs: [], width: 0 };
}

/** The 署名/日期 block of a signature, and the 附注 after it. */
export function signatureBox(ctx: TextContext, block: SignatureBlock, note?: string): SignatureBox {
  const noteLines = note
    ? textLines({ ...ctx, where: "附注" }, /^[（(]/.test(note) ? note : `（${note}）`, "仿宋", {
        width: BLOCK_WIDTH,
        indent: 2 * CHAR,
      })
    : [];
  const date = one(ctx, zhDate(block.date), "成文日期");
  const two = block.parties.length > 1 || block.parties.some((p) => p.role);
  const drawNote = (f: Flow) => {
    for (const l of noteLines) {
      drawLineAt(f.page.items, l, BLOCK_LEFT, baselineIn(f.y, SIZE.三号));
      f.y += LINE;
    }
  };
  if (!two) {
    const party = block.parties[0];
    const name = one(ctx, party?.name ?? "", "署名");
    let nameLeft: number;
    let dateLeft: number;
    if (block.seal) {
      dateLeft = BLOCK_RIGHT - 4 * CHAR - date.width;
      nameLeft = Math.min(dateLeft + (date.width - name.width) / 2, BLOCK_RIGHT - name.width);
    } else {
      nameLeft = BLOCK_RIGHT - 2 * CHAR - name.width;
      dateLeft = nameLeft + 2 * CHAR;
      if (dateLeft + date.width > BLOCK_RIGHT - 2 * CHAR)
        dateLeft = BLOCK_RIGHT - 2 * CHAR - date.width;
    }
    const blank = block.seal ? 2 : 1;
    return {
      lines: blank + 2 + noteLines.length,
      draw(f) {
        snap(f);
        f.y += blank * LINE;
        if (party) drawLineAt(f.page.items, name, nameLeft, baselineIn(f.y, SIZE.三号));
        f.y += LINE;
        drawLineAt(f.page.items, date, dateLeft, baselineIn(f.y, SIZE.三号));
        f.y += LINE;
        drawNote(f);
      },
    };
  }
  // two parties (or more) side by side: 甲方 left (as wide as its longest line needs, 14–18 字),
  // 乙方 from 1 字 after it
  const label = (p: (typeof block.parties)[number]) =>
    `${p.role ? `${p.role}：` : ""}${p.name}（盖章）`;
  const leftNeed = Math.max(
    ...block.parties.filter((_, i) => i % 2 === 0).map((p) => one(ctx, label(p), "署名").width),
  );
  const left = Math.min(18 * CHAR, Math.max(14 * CHAR, leftNeed));
  const rightStart = left + CHAR;
  const widths = [left, BLOCK_WIDTH - rightStart];
  const rows: { lines: Line[][] }[] = [];
  for (let i = 0; i < block.parties.length; i += 2) {
    const pair = block.parties.slice(i, i + 2);
    const names = pair.map((p, c) =>
      textLines({ ...ctx, where: "署名" }, label(p), "仿宋", {
        width: widths[c] as number,
        justify: false,
      }),
    );
    const signers = pair.map((p) => [one(ctx, `负责人（签字）：${p.signer ?? ""}`, "署名")]);
    const dates = pair.map(() => [date]);
    rows.push(
      { lines: padPair(names) },
      { lines: [[], []] },
      { lines: signers },
      { lines: [[], []] },
      { lines: dates },
    );
  }
  const height = (r: { lines: Line[][] }) => Math.max(1, ...r.lines.map((c) => c.length));
  const total = 1 + rows.reduce((s, r) => s + height(r), 0);
  return {
    lines: total + noteLines.length,
    draw(f) {
      snap(f);
      f.y += LINE;
      for (const r of rows) {
        const h = height(r);
        r.lines.forEach((col, c) =>
          col.forEach((l, k) =>
            drawLineAt(
              f.page.items,
              l,
              BLOCK_LEFT + (c ? rightStart : 0),
              baselineIn(f.y + k * LINE, SIZE.三号),
            ),
          ),
        );
        f.y += h * LINE;
      }
      drawNote(f);
    },
  };
}

/**
 * The lines a form is signed on, below a blank line: each row on one grid line, its first field
 * 2 字 in, a second one from the middle of the line (16 字 in). Kept together.
 */
export function signLinesBox(
  ctx: TextContext,
  block: Extract<Block, { type: "signLines" }>,
): SignatureBox {
  const rows = block.rows.map((r) => r.map((text) => one(ctx, text, "签字栏")));
  return {
    lines: 1 + rows.length,
    draw(f) {
      snap(f);
      if (!pageIsEmpty(f)) f.y += LINE;
      for (const r of rows) {
        r.forEach((l, k) =>
          drawLineAt(
            f.page.items,
            l,
            BLOCK_LEFT + (k === 0 ? 2 : 16) * CHAR,
            baselineIn(f.y, SIZE.三号),
          ),
        );
        f.y += LINE;
      }
    },
  };
}

function padPair(cols: Line[][]): Line[][] {
  return cols.length === 1 ? [cols[0] as Line[], []] : cols;
}

/**
 * The 版记 (抄送, 印发机关 and 印发日期 between rules), its last rule on the bottom edge of the text
 * block of an even page: on the last page if that is even and has room, else on a new even page
 * (after a blank one when needed). Pages holding only the 版记, and a blank page before it,
 * carry no page number. 信函格式 has only the 抄送, without rules, at the foot of the last page;
 * a document without 版头 has no 版记.
 */
export function placeColophon(f: Flow, meta: DocMeta): "with-body" | "own-page" | null {
  if (meta.format === "none") return null;
  const cc = meta.cc?.length ? `抄送：${meta.cc.join("，")}。` : null;
  // 信函格式: no 印发机关 and 印发日期, no rules (GB/T 9704 §10.1)
  const letter = meta.format === "letter";
  const hasPrinter = !letter && Boolean(meta.printer || meta.printDate);
  if (!cc && !hasPrinter) return null;
  const ctx = { ...f.ctx, where: "版记" };
  const inner = BLOCK_WIDTH - 2 * CHAR;
  const ccLines = cc
    ? textLines(ctx, cc, "仿宋", {
        size: SIZE.四号,
        width: inner,
        hang: one(ctx, "抄送：", "版记", SIZE.四号).width,
        justify: true,
      })
    : [];
  const rows = ccLines.length + (hasPrinter ? 1 : 0);
  snap(f);
  if (letter) {
    // at the foot of the last page's text block, or of a page of its own
    const own = f.y + rows * LINE > BLOCK_BOTTOM + 1e-6;
    if (own) {
      newPage(f);
      f.page.number = null;
    }
    let top = BLOCK_BOTTOM - rows * LINE;
    for (const l of ccLines) {
      drawLineAt(f.page.items, l, BLOCK_LEFT + CHAR, baselineIn(top, SIZE.四号));
      top += LINE;
    }
    f.y = BLOCK_BOTTOM;
    return own ? "own-page" : "with-body";
  }
  const fits = f.y + rows * LINE <= BLOCK_BOTTOM + 1e-6;
  const even = f.pages.length % 2 === 0;
  if (!(fits && even)) {
    const bodyless = (f.pages.length % 2 === 0 ? 2 : 1) as number;
    for (let i = 0; i < bodyless; i++) {
      newPage(f);
      f.page.number = null;
    }
  }
  const items = f.page.items;
  const rule = (y: number, width: number) =>
    items.push({
      type: "rule",
      x1: BLOCK_LEFT,
      y1: y,
      x2: BLOCK_RIGHT,
      y2: y,
      width,
      color: BLACK,
    });
  let top = BLOCK_BOTTOM - rows * LINE;
  rule(top, RULE_HEAVY);
  ccLines.forEach((l) => {
    drawLineAt(items, l, BLOCK_LEFT + CHAR, baselineIn(top, SIZE.四号));
    top += LINE;
  });
  if (hasPrinter) {
    if (cc) rule(top, RULE_LIGHT);
    const base = baselineIn(top, SIZE.四号);
    if (meta.printer)
      drawLineAt(items, one(ctx, meta.printer, "版记", SIZE.四号), BLOCK_LEFT + CHAR, base);
    if (meta.printDate) {
      const d = one(ctx, `${zhDate(meta.printDate)}印发`, "版记", SIZE.四号);
      drawLineAt(items, d, BLOCK_RIGHT - CHAR - d.width, base);
    }
  }
  rule(BLOCK_BOTTOM, RULE_HEAVY);
  f.y = BLOCK_BOTTOM;
  return fits && even ? "with-body" : "own-page";
}

/**
 * `— N —` in 4号 below the text block, the top of the 一字线's ink 7 mm below it (as the face draws
 * the dash; the em box's top when it has no outline): odd pages 1 字 in from the right, even
 * pages from the left.
 */
export function drawPageNumbers(ctx: TextContext, pages: readonly Page[]): void {
  for (const page of pages) {
    if (page.number === null) continue;
    const l = one(ctx, `— ${page.number} —`, "页码", SIZE.四号);
    const left = page.number % 2 === 1 ? BLOCK_RIGHT - CHAR - l.width : BLOCK_LEFT + CHAR;
    const dash = l.glyphs[0];
    const box = dash ? glyphBox(dash.face, dash.gid) : null;
    const above =
      dash && box ? (box[3] / dash.face.font.unitsPerEm) * SIZE.四号 : EM_ASCENT * SIZE.四号;
    drawLineAt(page.items, l, left, PAGE_NUMBER_TOP + above);
  }
}
