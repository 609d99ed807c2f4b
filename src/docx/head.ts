// The GB/T 9704 furniture around the text: the 版头 (份号, 密级, 紧急程度, the red 标志, the
// 发文字号 and separator; 信函格式's first-page header and footer), the 版记 and the page numbers.
import type { DocMeta } from "../doc/types.ts";
import { headElements } from "../doc/head-elements.ts";
import { zhDate } from "../text/zh.ts";
import { NO_BORDER, runs, text } from "./blocks.ts";
import { FONT } from "./fonts.ts";
import { CHAR_TWIPS, LINE_PITCH, MARGIN, TEXT_HEIGHT, TEXT_WIDTH, twips } from "./grid.ts";
import { RED, STYLE, TABLE_SIZE, exactly, half } from "./styles.ts";
import { ems } from "./widths.ts";
import { paragraph } from "./wml.ts";
import type { Border, Paragraph, Run, Table, TableRow } from "./wml.ts";

const MM = 1440 / 25.4;
/** Millimetres to twips. */
export const mmTwips = (v: number): number => Math.round(v * MM);
/** Millimetres to eighths of a point (border widths). */
const mmEighths = (v: number) => Math.round((v * 72 * 8) / 25.4);

/**
 * Footer distance from the bottom edge: 20 mm, where 信函格式's foot rule lies; the page
 * number's line is lifted FOOTER_LIFT above it, its dash 7 mm below the text block (GB/T 9704).
 */
export const FOOTER = mmTwips(20);
const FOOTER_LIFT = 5;

/** The page number — 1 — in 4号, on the right of odd pages and the left of even ones. */
export function pageNumber(side: "odd" | "even"): Paragraph[] {
  return [
    paragraph(
      {
        style: STYLE.footer,
        alignment: side === "odd" ? "right" : "left",
        // the footer's foot is 20 mm above the paper's edge (where 信函格式 draws its rule); the
        // number's line sits on the 7 mm below the text block, i.e. 5 mm higher
        spacing: { ...exactly(twips(14 * 1.3)), after: mmTwips(FOOTER_LIFT) },
      },
      [
        { text: "— " },
        { field: "begin" },
        { instruction: "PAGE" },
        { field: "separate" },
        { field: "end" },
        { text: " —" },
      ],
    ),
  ];
}

/** A footer with nothing in it: pages that carry no number. */
export const noFooter = (): Paragraph[] => [paragraph({ style: STYLE.rule })];

/**
 * The red 发文机关标志 of `size` pt, centred, condensed (down to 60 %) and then made smaller when
 * the name is wider than the text block, as the PDF sets it.
 */
function mark(name: string, nominal: number, before: number): Paragraph {
  const natural = ems(name) * nominal * 20;
  let size = nominal;
  let scale = Math.min(1, TEXT_WIDTH / natural);
  if (scale < 0.6) {
    size = (nominal * TEXT_WIDTH) / (natural * 0.6);
    scale = 0.6;
  }
  return paragraph({ style: STYLE.mark, spacing: exactly(twips(size), before) }, [
    {
      text: name,
      props: {
        ...(scale < 1 ? { scale: Math.floor(scale * 100) } : {}),
        size: Math.round(half(size)),
      },
    },
  ]);
}

/** A rule of `width` mm across a paragraph of its own, `outdent` twips beyond the text block. */
function rule(width: number, color: string, outdent = 0, below = 0): Paragraph {
  return paragraph({
    style: STYLE.rule,
    indent: { left: -outdent, right: -outdent },
    spacing: { ...exactly(20), after: below },
    borderBottom: { style: "single", size: mmEighths(width), color, space: 0 },
  });
}

/** 份号, 密级 and 紧急程度 (doc/head-elements.ts), the last two in 黑体. */
function topElements(m: DocMeta): { text: string; face?: string }[] {
  return headElements(m).map((e) => ({ text: e.text, ...(e.hei ? { face: FONT.黑体 } : {}) }));
}

/** One line of the 版头 flush left: a top element, and the 发文字号 flush right (信函格式). */
function headLine(e: { text: string; face?: string } | undefined, number?: string): Paragraph {
  return paragraph(
    {
      style: STYLE.recipients,
      ...(number ? { tabStops: [{ type: "right" as const, position: TEXT_WIDTH }] } : {}),
    },
    [
      ...(e ? [{ text: e.text, ...(e.face ? { props: { font: e.face } } : {}) }] : []),
      ...(number ? [{ text: `\t${number}` }] : []),
    ],
  );
}

/** 发文字号 centred, or (an upward report) 1 字 in on the left with 签发人 1 字 from the right. */
function numberLine(m: DocMeta, options: { before: number; rule: boolean }): Paragraph {
  const children: Run[] = [];
  if (m.number) children.push({ text: m.number });
  if (m.signer)
    children.push({ text: "\t签发人：" }, { text: m.signer, props: { font: FONT.楷体 } });
  return paragraph(
    {
      style: STYLE.recipients,
      alignment: m.signer ? "left" : "center",
      indent: m.signer ? { left: CHAR_TWIPS, right: CHAR_TWIPS, firstLine: 0 } : { firstLine: 0 },
      ...(m.signer ? { tabStops: [{ type: "right", position: TEXT_WIDTH - 2 * CHAR_TWIPS }] } : {}),
      spacing: { before: options.before },
      // the red separator 4 mm below the 发文字号's glyphs: the line's foot is ~2.3 mm below them
      ...(options.rule
        ? {
            borderBottom: {
              style: "single",
              size: mmEighths(0.5),
              color: RED,
              space: Math.round(((4 - 2.3) * 72) / 25.4),
            },
          }
        : {}),
    },
    children,
  );
}

/** The paragraphs before the title and the space above the title. */
export interface Head {
  before: Paragraph[];
  titleSpace: number;
}

/**
 * 文件格式 (and an upward report) in the text: 份号, 密级 and 紧急程度 on its first lines, the red
 * 标志 with its top 35 mm below the text block's, the 发文字号 two lines below it with the red
 * separator under it, the title two lines below. Without a 标志 (a document without 版头) the
 * title comes first.
 */
export function fileHead(m: DocMeta): Head {
  const tops = topElements(m).map((e) => headLine(e));
  const name = m.format === "none" ? undefined : m.issuerMark;
  if (!name) {
    if (!m.number || m.format === "none")
      return { before: tops, titleSpace: tops.length ? LINE_PITCH : 0 };
    return {
      before: [...tops, numberLine(m, { before: tops.length ? LINE_PITCH : 0, rule: false })],
      titleSpace: LINE_PITCH,
    };
  }
  const markTop = mmTwips(35) - tops.length * LINE_PITCH;
  return {
    before: [
      ...tops,
      mark(name, (18 * 72) / 25.4, Math.max(0, markTop)),
      numberLine(m, { before: 2 * LINE_PITCH, rule: true }),
    ],
    titleSpace: 2 * LINE_PITCH - mmTwips(1.7),
  };
}

/**
 * 信函格式's first page (GB/T 9704 §10.1): in its header, the 标志 30 mm below the paper's top
 * and a red double rule (thick over thin, 170 mm) 4 mm below it; in its footer, a red double
 * rule (thin over thick) 20 mm above the paper's foot and no page number.
 */
export function letterPage(name: string): { header: Paragraph[]; footer: Paragraph[] } {
  const outdent = Math.round((mmTwips(170) - TEXT_WIDTH) / 2);
  return {
    header: [
      mark(name, (12 * 72) / 25.4, 0),
      rule(1, RED, outdent, mmTwips(0.8) - 20),
      rule(0.35, RED, outdent),
    ],
    footer: [rule(0.35, RED, outdent, mmTwips(0.8) - 20), rule(1, RED, outdent)],
  };
}

/** 信函格式: 份号, 密级 and 紧急程度 flush left, the 发文字号 flush right on the first of their lines. */
export function letterHead(m: DocMeta): Head {
  const tops = topElements(m);
  const lines = tops.map((e, k) => headLine(e, k === 0 ? m.number : undefined));
  if (tops.length === 0 && m.number) lines.push(headLine(undefined, m.number));
  return { before: lines, titleSpace: lines.length ? 2 * LINE_PITCH : LINE_PITCH };
}

/** Eighths of a point of the 版记's rules: the first and last 0.35 mm, the one between 0.25 mm. */
const HEAVY = mmEighths(0.35);
const LIGHT = mmEighths(0.25);

/**
 * The 版记 as a floating table whose foot is the text block's: 抄送 and 印发机关/印发日期 between
 * black rules (信函格式: the 抄送 alone, without rules). Positioned from the page's left edge and
 * the top margin: LibreOffice 7.4 sets a floating table of the text's width inline unless it is
 * placed against the page, and it ignores tblpYSpec="bottom", so the position is absolute. (A
 * frame of paragraphs would do, but LibreOffice drops a frame whose paragraphs have borders.)
 * Null when the document has none.
 */
export function colophon(m: DocMeta): Table | null {
  if (m.format === "none") return null;
  const letter = m.format === "letter";
  const cc = m.cc?.length ? `抄送：${m.cc.join("，")}。` : null;
  const printer = !letter && Boolean(m.printer || m.printDate);
  if (!cc && !printer) return null;
  // the 抄送's lines: 4号 characters across the line less 1 字 each side
  const ccLines = cc
    ? Math.ceil((ems(cc) * twips(TABLE_SIZE)) / (TEXT_WIDTH - 2 * CHAR_TWIPS - 20))
    : 0;
  const height = (ccLines + (printer ? 1 : 0)) * LINE_PITCH;
  const line = (size: number): Border =>
    letter ? NO_BORDER : { style: "single", size, color: "000000" };
  const row = (p: Paragraph): TableRow => ({
    cantSplit: true,
    cells: [{ width: TEXT_WIDTH, children: [p] }],
  });
  const rows: TableRow[] = [];
  if (cc)
    rows.push(
      row(
        paragraph(
          {
            style: STYLE.colophon,
            // wrapped lines start under the names, after 抄送：
            indent: { left: CHAR_TWIPS + 3 * twips(TABLE_SIZE), hanging: 3 * twips(TABLE_SIZE) },
          },
          runs(text(cc)),
        ),
      ),
    );
  if (printer)
    rows.push(
      row(
        paragraph(
          {
            style: STYLE.colophon,
            tabStops: [{ type: "right", position: TEXT_WIDTH - CHAR_TWIPS }],
          },
          runs(text(`${m.printer ?? ""}\t${m.printDate ? `${zhDate(m.printDate)}印发` : ""}`)),
        ),
      ),
    );
  return {
    kind: "table",
    width: TEXT_WIDTH,
    columnWidths: [TEXT_WIDTH],
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    float: { x: MARGIN.left, y: TEXT_HEIGHT - height },
    borders: {
      top: line(HEAVY),
      bottom: line(HEAVY),
      left: NO_BORDER,
      right: NO_BORDER,
      insideH: line(LIGHT),
      insideV: NO_BORDER,
    },
    rows,
  };
}
