// 版头 and title: 份号, 密级, 紧急程度, the red 发文机关标志 and separator (文件格式) or double rules
// (信函格式), 发文字号 and 签发人, the title in balanced lines and the 主送机关 — each only when
// the document's format has it; a document without 版头 starts with its title.
import { headElements } from "../doc/head-elements.ts";
import type { DocMeta } from "../doc/types.ts";
import type { Flow } from "./flow.ts";
import { baselineIn, drawLineAt, skipLines, snap, textLines } from "./flow.ts";
import {
  BLACK,
  BLOCK_LEFT,
  BLOCK_RIGHT,
  BLOCK_TOP,
  BLOCK_WIDTH,
  CHAR,
  EM_ASCENT,
  LETTER_FOOT_RULE_BOTTOM,
  LETTER_MARK_TOP,
  LETTER_NUMBER_GAP,
  LETTER_RULE_GAP,
  LETTER_RULE_LEFT,
  LETTER_RULE_RIGHT,
  LETTER_RULE_SPACE,
  LETTER_RULE_THICK,
  LETTER_RULE_THIN,
  LINE,
  MARK_TOP,
  RED,
  SEPARATOR_GAP,
  SEPARATOR_WIDTH,
  SIZE,
  mm,
} from "./gbt9704.ts";
import { balancedLines, pieces, runsOf, shape, widthOf } from "./text.ts";
import type { TextContext } from "./text.ts";

/** Nominal size of the 发文机关标志: 18 mm glyphs, condensed when the name is long. */
export const MARK_SIZE = mm(18);
/**
 * 信函格式 names its body in full (青禾镇信访工作领导小组办公室) on a narrower band: 12 mm glyphs
 * (the standard leaves the size open), condensed as the 文件 标志 when the name is long.
 */
export const LETTER_MARK_SIZE = mm(12);

/** Layout facts tests check in millimetres. */
export interface HeadGeometry {
  markTop?: number;
  markBottom?: number;
  numberBaseline?: number;
  separatorY?: number;
  titleTop: number;
  bodyTop: number;
}

function at(ctx: TextContext, where: string): TextContext {
  return { ...ctx, where };
}

/**
 * The red 发文机关标志, centred with its top edge at `top`: `nominal` glyphs, condensed (down to
 * 60 %) and then made smaller when the name is wider than the text block. Gives its height.
 */
function placeMark(f: Flow, text: string, top: number, nominal: number): number {
  const glyphs = shape(at(f.ctx, "发文机关标志"), pieces([{ type: "text", text }], "小标宋"), {
    size: nominal,
    color: RED,
  });
  const natural = widthOf(glyphs);
  let size = nominal;
  let hScale = Math.min(1, BLOCK_WIDTH / natural);
  if (hScale < 0.6) {
    size = (nominal * BLOCK_WIDTH) / (natural * 0.6);
    hScale = 0.6;
  }
  const scale = size / nominal;
  const width = natural * scale * hScale;
  let x = BLOCK_LEFT + (BLOCK_WIDTH - width) / 2;
  const xs: number[] = [];
  for (const g of glyphs) {
    xs.push(x);
    x += g.width * scale * hScale;
  }
  const run = {
    type: "text" as const,
    face: glyphs[0]?.face ?? f.ctx.fonts.roles.小标宋[0],
    size,
    y: top + EM_ASCENT * size,
    color: RED,
    hScale,
    gids: glyphs.map((g) => g.gid),
    xs,
    texts: glyphs.map((g) => g.text),
  };
  if (run.face) f.page.items.push(run as never);
  return size;
}

/** A red rule of `width` whose top edge is at `top`, from `x1` to `x2`; gives its bottom edge. */
function redRule(f: Flow, top: number, width: number, x1: number, x2: number): number {
  const y = top + width / 2;
  f.page.items.push({ type: "rule", x1, y1: y, x2, y2: y, width, color: RED });
  return top + width;
}

/** The 份号, 密级 and 紧急程度 lines (doc/head-elements.ts) with their faces. */
function topElements(meta: DocMeta): { text: string; role: "仿宋" | "黑体"; where: string }[] {
  return headElements(meta).map((e) => ({
    text: e.text,
    role: e.hei ? "黑体" : "仿宋",
    where: e.where,
  }));
}

/**
 * 信函格式 (GB/T 9704 §10.1): the 标志 30 mm below the top of the page, a red double rule (thick
 * over thin) 4 mm below it; 份号, 密级 and 紧急程度 flush left and the 发文字号 flush right, their
 * tops 7/8 of a 3号 character below the rule; the title two lines below the last of them; a red
 * double rule (thin over thick) 20 mm above the bottom of the page; no page number on page 1.
 * Gives the top of the title's line.
 */
function letterHead(f: Flow, meta: DocMeta, mark: string, geometry: HeadGeometry): number {
  const size = placeMark(f, mark, LETTER_MARK_TOP, LETTER_MARK_SIZE);
  geometry.markTop = LETTER_MARK_TOP;
  geometry.markBottom = LETTER_MARK_TOP + size;
  const ruleTop = LETTER_MARK_TOP + size + LETTER_RULE_GAP;
  const thickBottom = redRule(f, ruleTop, LETTER_RULE_THICK, LETTER_RULE_LEFT, LETTER_RULE_RIGHT);
  const ruleBottom = redRule(
    f,
    thickBottom + LETTER_RULE_SPACE,
    LETTER_RULE_THIN,
    LETTER_RULE_LEFT,
    LETTER_RULE_RIGHT,
  );
  geometry.separatorY = ruleTop;
  const footTop =
    LETTER_FOOT_RULE_BOTTOM - LETTER_RULE_THICK - LETTER_RULE_SPACE - LETTER_RULE_THIN;
  redRule(
    f,
    redRule(f, footTop, LETTER_RULE_THIN, LETTER_RULE_LEFT, LETTER_RULE_RIGHT) + LETTER_RULE_SPACE,
    LETTER_RULE_THICK,
    LETTER_RULE_LEFT,
    LETTER_RULE_RIGHT,
  );
  f.page.number = null;

  // Each element on a line of the grid's pitch, the first one's glyph tops on the gap below the rule.
  const firstBaseline = ruleBottom + LETTER_NUMBER_GAP + EM_ASCENT * SIZE.三号;
  const items = f.page.items;
  const elements = topElements(meta);
  elements.forEach((e, k) => {
    const [l] = textLines(at(f.ctx, e.where), e.text, e.role, {
      width: BLOCK_WIDTH,
      justify: false,
    });
    if (l) drawLineAt(items, l, BLOCK_LEFT, firstBaseline + k * LINE);
  });
  if (meta.number) {
    const [l] = textLines(at(f.ctx, "发文字号"), meta.number, "仿宋", {
      width: BLOCK_WIDTH,
      justify: false,
    });
    if (l) drawLineAt(items, l, BLOCK_RIGHT - l.width, firstBaseline);
    geometry.numberBaseline = firstBaseline;
  }
  const lines = Math.max(elements.length, meta.number ? 1 : 0);
  if (lines === 0) return ruleBottom + 2 * LINE;
  // the top of the last element's line (its glyphs centred in it), then two blank lines
  const lastTop = firstBaseline + (lines - 1) * LINE - baselineIn(0, SIZE.三号);
  return lastTop + 3 * LINE;
}

/**
 * Places the 版头, title and 主送机关 on page 1 as the document's format has them (文件格式,
 * 信函格式, or the title first); leaves the cursor on the first body line.
 */
export function layoutHead(f: Flow, meta: DocMeta): HeadGeometry {
  const geometry: HeadGeometry = { titleTop: 0, bodyTop: 0 };
  let y: number;
  if (meta.format === "letter" && meta.issuerMark)
    y = letterHead(f, meta, meta.issuerMark, geometry);
  else y = fileHead(f, meta, geometry);

  geometry.titleTop = y;
  f.y = y;
  placeTitle(f, meta.title, "标题");
  // one blank line below the title, before the 主送机关 or the body
  skipLines(f, 1);
  if (meta.recipients) {
    const text = /[：:]$/.test(meta.recipients) ? meta.recipients : `${meta.recipients}：`;
    for (const l of textLines(at(f.ctx, "主送机关"), text, "仿宋", { width: BLOCK_WIDTH })) {
      drawLineAt(f.page.items, l, BLOCK_LEFT, baselineIn(f.y, SIZE.三号));
      f.y += LINE;
    }
  }
  snap(f);
  geometry.bodyTop = f.y;
  return geometry;
}

/**
 * 文件格式: 份号, 密级 and 紧急程度 on the text block's first lines, the red 标志 35 mm below its
 * top, the 发文字号 (with 签发人 for an upward report) and the red separator; without a 标志 (no
 * 版头: what is not a 公文) the title comes first. Gives the top of the title's line.
 */
function fileHead(f: Flow, meta: DocMeta, geometry: HeadGeometry): number {
  const items = f.page.items;
  let line = 0;
  for (const e of topElements(meta)) {
    const [l] = textLines(at(f.ctx, e.where), e.text, e.role, {
      width: BLOCK_WIDTH,
      justify: false,
    });
    if (l) drawLineAt(items, l, BLOCK_LEFT, baselineIn(BLOCK_TOP + line * LINE, SIZE.三号));
    line++;
  }
  const mark = meta.format === "none" ? undefined : meta.issuerMark;
  if (!mark) {
    let y = BLOCK_TOP + (line > 0 ? line + 1 : 0) * LINE;
    if (meta.number && meta.format !== "none") {
      const [l] = textLines(at(f.ctx, "发文字号"), meta.number, "仿宋", {
        width: BLOCK_WIDTH,
        justify: false,
        align: "center",
      });
      if (l) drawLineAt(items, l, BLOCK_LEFT, baselineIn(y, SIZE.三号));
      y += 2 * LINE;
    }
    return y;
  }
  const size = placeMark(f, mark, MARK_TOP, MARK_SIZE);
  geometry.markTop = MARK_TOP;
  geometry.markBottom = MARK_TOP + size;
  const numberTop = MARK_TOP + size + 2 * LINE;
  const numberBaseline = baselineIn(numberTop, SIZE.三号);
  if (meta.number) {
    const [l] = textLines(at(f.ctx, "发文字号"), meta.number, "仿宋", {
      width: BLOCK_WIDTH,
      justify: false,
      align: meta.signer ? "left" : "center",
    });
    if (l) drawLineAt(items, l, BLOCK_LEFT + (meta.signer ? CHAR : 0), numberBaseline);
    geometry.numberBaseline = numberBaseline;
  }
  if (meta.signer) {
    const label = shape(at(f.ctx, "签发人"), [{ text: "签发人：", role: "仿宋" }], {
      size: SIZE.三号,
      color: BLACK,
      grid: true,
    });
    const name = shape(at(f.ctx, "签发人"), [{ text: meta.signer, role: "楷体" }], {
      size: SIZE.三号,
      color: BLACK,
      grid: true,
    });
    const all = [...label, ...name];
    const w = widthOf(all);
    let x = 0;
    const xs = all.map((g) => {
      const v = x;
      x += g.width;
      return v;
    });
    runsOf({ glyphs: all, xs, width: w }, BLOCK_RIGHT - CHAR - w, numberBaseline, items);
  }
  const separatorY = numberTop + (LINE - SIZE.三号) / 2 + SIZE.三号 + SEPARATOR_GAP;
  items.push({
    type: "rule",
    x1: BLOCK_LEFT,
    y1: separatorY,
    x2: BLOCK_RIGHT,
    y2: separatorY,
    width: SEPARATOR_WIDTH,
    color: RED,
  });
  geometry.separatorY = separatorY;
  return separatorY + 2 * LINE;
}

/** A 2号小标宋 title centred in balanced lines from the cursor; one line pitch per line. */
export function placeTitle(f: Flow, title: string, where: string): void {
  const glyphs = shape(at(f.ctx, where), [{ text: title, role: "小标宋" }], {
    size: SIZE.二号,
    color: BLACK,
  });
  for (const l of balancedLines(glyphs, BLOCK_WIDTH)) {
    drawLineAt(f.page.items, l, BLOCK_LEFT, baselineIn(f.y, SIZE.二号));
    f.y += LINE;
  }
}
