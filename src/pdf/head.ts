// 版头 and title: 份号, 密级, 紧急程度, the red 发文机关标志 and separator, 发文字号 and 签发人, the
// title in balanced lines and the 主送机关 — each only when the document has it.
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

/** Places the 版头, title and 主送机关 on page 1; leaves the cursor on the first body line. */
export function layoutHead(f: Flow, meta: DocMeta): HeadGeometry {
  const items = f.page.items;
  let line = 0;
  const flushLeft = (text: string, role: "仿宋" | "黑体", where: string) => {
    const [l] = textLines(at(f.ctx, where), text, role, { width: BLOCK_WIDTH, justify: false });
    if (l) drawLineAt(items, l, BLOCK_LEFT, baselineIn(BLOCK_TOP + line * LINE, SIZE.三号));
    line++;
  };
  if (meta.copy) flushLeft(meta.copy, "仿宋", "份号");
  if (meta.secret)
    flushLeft(
      `${meta.secret.level}${meta.secret.term ? `★${meta.secret.term}` : ""}`,
      "黑体",
      "密级",
    );
  if (meta.urgency) flushLeft(meta.urgency, "黑体", "紧急程度");

  const geometry: HeadGeometry = { titleTop: 0, bodyTop: 0 };
  let y: number;
  if (meta.issuerMark) {
    const glyphs = shape(
      at(f.ctx, "发文机关标志"),
      pieces([{ type: "text", text: meta.issuerMark }], "小标宋"),
      {
        size: MARK_SIZE,
        color: RED,
      },
    );
    const natural = widthOf(glyphs);
    let size = MARK_SIZE;
    let hScale = Math.min(1, BLOCK_WIDTH / natural);
    if (hScale < 0.6) {
      size = (MARK_SIZE * BLOCK_WIDTH) / (natural * 0.6);
      hScale = 0.6;
    }
    const scale = size / MARK_SIZE;
    const width = natural * scale * hScale;
    let x = BLOCK_LEFT + (BLOCK_WIDTH - width) / 2;
    const run = {
      type: "text" as const,
      face: glyphs[0]?.face ?? f.ctx.fonts.roles.小标宋[0],
      size,
      y: MARK_TOP + EM_ASCENT * size,
      color: RED,
      hScale,
      glyphs: glyphs.map((g) => {
        const p = { gid: g.gid, x, text: g.text };
        x += g.width * scale * hScale;
        return p;
      }),
    };
    if (run.face) items.push(run as never);
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
    y = separatorY + 2 * LINE;
  } else {
    y = BLOCK_TOP + (line > 0 ? line + 1 : 0) * LINE;
    if (meta.number) {
      const [l] = textLines(at(f.ctx, "发文字号"), meta.number, "仿宋", {
        width: BLOCK_WIDTH,
        justify: false,
        align: "center",
      });
      if (l) drawLineAt(items, l, BLOCK_LEFT, baselineIn(y, SIZE.三号));
      y += 2 * LINE;
    }
  }

  geometry.titleTop = y;
  f.y = y;
  placeTitle(f, meta.title, "标题");
  if (meta.recipients) {
    skipLines(f, 1);
    const text = /[：:]$/.test(meta.recipients) ? meta.recipients : `${meta.recipients}：`;
    for (const l of textLines(at(f.ctx, "主送机关"), text, "仿宋", { width: BLOCK_WIDTH })) {
      drawLineAt(items, l, BLOCK_LEFT, baselineIn(f.y, SIZE.三号));
      f.y += LINE;
    }
  }
  snap(f);
  geometry.bodyTop = f.y;
  return geometry;
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
