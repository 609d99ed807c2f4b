// The one door to the `docx` library: a Doc → a WordprocessingML package (unpacked bytes come
// out of Packer, index.ts re-packs them). Paragraph styles carry the GB/T 9704 roles; body
// paragraphs only name their style, so a clerk who changes 正文 in Word changes every paragraph.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  Header,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import type { IParagraphStyleOptions, IRunOptions, ISectionOptions, ParagraphChild } from "docx";
import type { Align, Attachment, Block, Doc, DocMeta, Inline } from "../doc/types.ts";
import { headElements } from "../doc/head-elements.ts";
import { DOC_KIND_NAMES } from "../doc/types.ts";
import { zhDate } from "../text/zh.ts";
import {
  BODY_SIZE,
  CHAR_SPACING,
  CHAR_TWIPS,
  LINE_PITCH,
  MARGIN,
  PAGE,
  TEXT_HEIGHT,
  TEXT_WIDTH,
  twips,
} from "./grid.ts";
import { emfOf } from "./emf.ts";
import { FONT } from "./fonts.ts";
import { columnWidths, ems, plainText } from "./widths.ts";
import { readZip } from "../xlsx/zip.ts";

/** Style ids (ASCII, as Word keeps them) and their names (what Word and WPS show). */
export const STYLE = {
  body: "Normal",
  title: "Title",
  h1: "Heading1Zh",
  h2: "Heading2Zh",
  h3: "Heading3Zh",
  h4: "Heading4Zh",
  recipients: "Recipients",
  signature: "Signature",
  cell: "TableText",
  head: "TableHead",
  caption: "TableCaption",
  attachmentLabel: "AttachmentLabel",
  footer: "PageNumber",
  mark: "IssuerMark",
  colophon: "Colophon",
  rule: "RuleLine",
} as const;

/**
 * What the PDF's layout decided, so the Word file breaks where the PDF does: where the 版记 went
 * (on the page the text ends on, or a page of its own) and each table's size and orientation
 * (keyed by its block). Without it: the 版记 on a page of its own, tables in 4号 upright.
 */
export interface WordLayout {
  colophon: "with-body" | "own-page" | null;
  tables: ReadonlyMap<object, { size: number; landscape: boolean }>;
}

/** A new section: a landscape one for a wide table, then upright again. */
interface SectionStart {
  section: "landscape" | "portrait";
}
type Piece = Paragraph | Table | SectionStart;
const isStart = (p: Piece): p is SectionStart => "section" in p && typeof p.section === "string";

/** The red of the 发文机关标志 and its rules (the PDF's 0.9, 0, 0). */
const RED = "E60000";
const MM = 1440 / 25.4;
/** Millimetres to twips. */
const mmTwips = (v: number) => Math.round(v * MM);
/** Millimetres to eighths of a point (border widths). */
const mmEighths = (v: number) => Math.round((v * 72 * 8) / 25.4);

const TABLE_SIZE = 14;
/** Table lines: 1.4 times the type size, as the PDF sets them. */
const tableLine = (size: number) => twips(size * 1.4);
const TABLE_LINE = tableLine(TABLE_SIZE);
const CELL_PAD = 85; // 1.5 mm each side
/** Rows of more lines than this may break across pages. */
const TALL_ROW = 4;
const half = (pt: number) => pt * 2;

const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
const exactly = (line: number, before = 0, after = 0) => ({
  line,
  lineRule: LineRuleType.EXACT,
  before,
  after,
});

function paragraphStyle(
  id: string,
  name: string,
  run: IParagraphStyleOptions["run"],
  paragraph: IParagraphStyleOptions["paragraph"],
  outline?: number,
): IParagraphStyleOptions {
  return {
    id,
    name,
    basedOn: STYLE.body,
    next: STYLE.body,
    quickFormat: true,
    run,
    paragraph: { ...paragraph, ...(outline !== undefined ? { outlineLevel: outline } : {}) },
  };
}

/** The paragraph styles: 正文 (Normal), 标题 (Title), 一级标题 … 四级标题, the table and page-number styles. */
function styles(): IParagraphStyleOptions[] {
  const heading = (level: 1 | 2 | 3 | 4, name: string, face: string) =>
    paragraphStyle(
      STYLE[`h${level}`],
      `${["一", "二", "三", "四"][level - 1]}级标题`,
      { font: font(face) },
      { keepNext: true, keepLines: true, indent: { firstLine: 2 * CHAR_TWIPS } },
      level - 1,
    );
  return [
    {
      id: STYLE.body,
      name: "Normal",
      quickFormat: true,
      run: { font: font(FONT.仿宋), size: half(BODY_SIZE), characterSpacing: CHAR_SPACING },
      paragraph: {
        alignment: AlignmentType.BOTH,
        spacing: exactly(LINE_PITCH),
        indent: { firstLine: 2 * CHAR_TWIPS },
      },
    },
    {
      id: STYLE.title,
      name: "Title",
      basedOn: STYLE.body,
      next: STYLE.body,
      quickFormat: true,
      run: { font: font(FONT.小标宋), size: half(22) },
      paragraph: {
        alignment: AlignmentType.CENTER,
        indent: { firstLine: 0 },
        spacing: exactly(LINE_PITCH, 0, LINE_PITCH),
        keepNext: true,
        outlineLevel: 0,
      },
    },
    heading(1, "一级标题", FONT.黑体),
    heading(2, "二级标题", FONT.楷体),
    heading(3, "三级标题", FONT.仿宋),
    heading(4, "四级标题", FONT.仿宋),
    paragraphStyle(STYLE.recipients, "主送机关", {}, { indent: { firstLine: 0 } }),
    paragraphStyle(
      STYLE.signature,
      "署名",
      {},
      { alignment: AlignmentType.RIGHT, indent: { firstLine: 0 }, keepNext: true },
    ),
    paragraphStyle(
      STYLE.cell,
      "表格文字",
      { size: half(TABLE_SIZE), characterSpacing: 0, snapToGrid: false },
      { alignment: AlignmentType.LEFT, indent: { firstLine: 0 }, spacing: exactly(TABLE_LINE) },
    ),
    {
      ...paragraphStyle(
        STYLE.head,
        "表头",
        { font: font(FONT.黑体) },
        { alignment: AlignmentType.CENTER },
      ),
      basedOn: STYLE.cell,
      next: STYLE.cell,
    },
    paragraphStyle(
      STYLE.caption,
      "表格标题",
      { font: font(FONT.黑体), size: half(TABLE_SIZE), characterSpacing: 0, snapToGrid: false },
      {
        alignment: AlignmentType.CENTER,
        indent: { firstLine: 0 },
        keepNext: true,
        spacing: exactly(TABLE_LINE, 0, 85),
      },
    ),
    paragraphStyle(
      STYLE.attachmentLabel,
      "附件标识",
      { font: font(FONT.黑体) },
      { indent: { firstLine: 0 } },
    ),
    paragraphStyle(
      STYLE.mark,
      "发文机关标志",
      { font: font(FONT.小标宋), color: RED, characterSpacing: 0, snapToGrid: false },
      { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, spacing: exactly(LINE_PITCH) },
    ),
    paragraphStyle(
      STYLE.colophon,
      "版记",
      { size: half(TABLE_SIZE), characterSpacing: 0, snapToGrid: false },
      {
        alignment: AlignmentType.LEFT,
        indent: { firstLine: 0, left: CHAR_TWIPS, right: CHAR_TWIPS },
        spacing: exactly(LINE_PITCH),
      },
    ),
    paragraphStyle(
      STYLE.rule,
      "分隔线",
      { size: 2, characterSpacing: 0, snapToGrid: false },
      { indent: { firstLine: 0 }, spacing: exactly(20) },
    ),
    paragraphStyle(
      STYLE.footer,
      "页码",
      { font: font(FONT.宋体), size: half(14), characterSpacing: 0, snapToGrid: false },
      {
        indent: { firstLine: 0, left: CHAR_TWIPS, right: CHAR_TWIPS },
        spacing: exactly(twips(14 * 1.3)),
      },
    ),
  ];
}

function runs(inlines: readonly Inline[], style: IRunOptions = {}): ParagraphChild[] {
  return inlines.flatMap((i): ParagraphChild[] => {
    switch (i.type) {
      case "text":
        return [new TextRun({ ...style, text: i.text })];
      case "strong":
        return runs(i.children, { ...style, bold: true });
      case "emphasis":
        return runs(i.children, { ...style, italics: true });
      // the text of a link stays, not the link: documents are printed, and the site is offline
      case "link":
        return runs(i.children, style);
      case "break":
        return [new TextRun({ ...style, break: 1 })];
      default: {
        const never: never = i;
        throw new Error(`unknown inline ${JSON.stringify(never)}`);
      }
    }
  });
}

const text = (t: string): Inline[] => [{ type: "text", text: t }];

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

const NUMERIC = /^[-+−]?\d[\d,.]*%?$/;

type TableChoice = { size: number; landscape: boolean };
const UPRIGHT: TableChoice = { size: TABLE_SIZE, landscape: false };

/**
 * A table in the size and orientation the PDF chose: a landscape one in a section of its own
 * (the page turned, its text block 225 × 156 mm), an upright one in the flow.
 */
function table(b: Extract<Block, { type: "table" }>, choice: TableChoice = UPRIGHT): Piece[] {
  const { size, landscape } = choice;
  const widths = columnWidths(b, landscape ? TEXT_HEIGHT : TEXT_WIDTH, size * 20, 2 * CELL_PAD);
  // a size other than the styles' 4号 is set on the paragraphs and runs of the table
  const sized = size === TABLE_SIZE ? {} : { spacing: exactly(tableLine(size)) };
  const sizedRun = size === TABLE_SIZE ? {} : { size: half(size) };
  // columns of numbers are right-aligned, as the PDF sets them
  const aligns = b.columns.map((c, i) =>
    b.rows.length > 0 &&
    b.rows.every((r) => {
      const s = plainText(r[i] ?? []).trim();
      return s === "" || NUMERIC.test(s);
    })
      ? "right"
      : c.align,
  );
  const cell = (content: Inline[], i: number, head: boolean) =>
    new TableCell({
      width: { size: widths[i] as number, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: [
        new Paragraph({
          style: head ? STYLE.head : STYLE.cell,
          ...(head ? {} : { alignment: ALIGN[aligns[i] as Align] }),
          ...sized,
          children: runs(content, sizedRun),
        }),
      ],
    });
  const rule = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  /** Lines a row takes: its cells' text in ems over the column's width, line by line. */
  const rowLines = (r: readonly (readonly Inline[])[]) =>
    Math.max(
      1,
      ...r.map((c, i) =>
        plainText(c)
          .split("\n")
          .reduce((n, l) => {
            const room = (widths[i] as number) - 2 * CELL_PAD;
            return n + Math.max(1, Math.ceil((ems(l, 0.6) * size * 20) / room));
          }, 0),
      ),
    );
  const out: Piece[] = landscape ? [{ section: "landscape" }] : [];
  if (b.caption) out.push(new Paragraph({ style: STYLE.caption, children: runs(text(b.caption)) }));
  out.push(
    new Table({
      width: { size: landscape ? TEXT_HEIGHT : TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      alignment: AlignmentType.CENTER,
      margins: { left: CELL_PAD, right: CELL_PAD, top: 40, bottom: 40 },
      borders: {
        top: rule,
        bottom: rule,
        left: rule,
        right: rule,
        insideHorizontal: rule,
        insideVertical: rule,
      },
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: b.columns.map((c, i) => cell(text(c.title), i, true)),
        }),
        ...[...b.rows, ...(b.totals ?? [])].map(
          (r) =>
            new TableRow({
              // a tall row may break across pages, as the PDF breaks it (Word's 允许跨页断行)
              cantSplit: rowLines(r) <= TALL_ROW,
              children: b.columns.map((_, i) => cell(r[i] ?? [], i, false)),
            }),
        ),
      ],
    }),
  );
  if (landscape) out.push(new Paragraph({ style: STYLE.rule }), { section: "portrait" });
  return out;
}

/** Right indent, in twips, of a line `width` ems wide that ends `from` 字 from the right. */
const fromRight = (chars: number) => Math.max(0, Math.round(chars * CHAR_TWIPS));

function signature(b: Extract<Block, { type: "signature" }>): (Paragraph | Table)[] {
  const date = zhDate(b.date);
  if (b.parties.length === 1 && !b.parties[0]?.role) {
    const name = (b.parties[0] as { name: string }).name;
    const nameW = ems(name);
    const dateW = ems(date);
    // with a seal: the date 4 字 from the right, the 署名 centred above it; without: the 署名 2 字
    // from the right, the date starting 2 字 right of the 署名's start (a longer one 2 字 from the right)
    const [nameRight, dateRight] = b.seal
      ? [4 + (dateW - nameW) / 2, 4]
      : [2, Math.max(2, 2 + nameW - 2 - dateW)];
    return [
      new Paragraph({
        style: STYLE.signature,
        // one blank line above, two where the seal goes
        spacing: { before: (b.seal ? 2 : 1) * LINE_PITCH },
        indent: { right: fromRight(nameRight) },
        children: runs(text(name)),
      }),
      new Paragraph({
        style: STYLE.signature,
        indent: { right: fromRight(dateRight) },
        children: runs(text(date)),
      }),
    ];
  }
  // two parties side by side, in a table without rules: 甲方 left, as wide as its longest line
  // needs (14–18 字), 乙方 from 1 字 after it; name (盖章), signer and date a blank line apart
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const label = (p: (typeof b.parties)[number]) =>
    `${p.role ? `${p.role}：` : ""}${p.name}（盖章）`;
  const need = Math.max(...b.parties.filter((_, i) => i % 2 === 0).map((p) => ems(label(p))));
  const left = Math.round(Math.min(18, Math.max(14, need)) * CHAR_TWIPS);
  const widths = [left + CHAR_TWIPS, TEXT_WIDTH - left - CHAR_TWIPS];
  const line = (t: string, blankAbove: boolean) =>
    new Paragraph({
      style: STYLE.recipients,
      ...(blankAbove ? { spacing: { before: LINE_PITCH } } : {}),
      children: runs(text(t)),
    });
  const lines = (p: (typeof b.parties)[number]) => [
    line(label(p), false),
    line(`负责人（签字）：${p.signer ?? ""}`, true),
    line(date, true),
  ];
  const rows: TableRow[] = [];
  for (let i = 0; i < b.parties.length; i += 2) {
    const pair = b.parties.slice(i, i + 2);
    rows.push(
      new TableRow({
        cantSplit: true,
        children: widths.map((w, c) => {
          const p = pair[c];
          return new TableCell({
            width: { size: w, type: WidthType.DXA },
            children: p ? lines(p) : [new Paragraph({ style: STYLE.recipients })],
          });
        }),
      }),
    );
  }
  return [
    new Paragraph({ style: STYLE.recipients, keepNext: true, children: [] }),
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      borders: {
        top: none,
        bottom: none,
        left: none,
        right: none,
        insideHorizontal: none,
        insideVertical: none,
      },
      rows,
    }),
  ];
}

/** Millimetres in a twip. */
const MM_PER_TWIP = 25.4 / 1440;

/**
 * A chart: its drawing as an EMF picture (emf.ts), inline in a centred paragraph kept with the
 * caption below it, as large as it is in mm, scaled down to the text block's width and to its
 * height less the caption's lines, as the PDF scales it. The library takes no EMF: the bytes go in
 * as a "bmp" and index.ts renames the part and its type. Alt text: the figure's `alt`.
 */
function figure(b: Extract<Block, { type: "figure" }>): Paragraph[] {
  const d = b.drawing;
  const blockWidth = TEXT_WIDTH * MM_PER_TWIP;
  const blockHeight = TEXT_HEIGHT * MM_PER_TWIP;
  const captionLines = b.caption
    ? Math.ceil((ems(b.caption) * half(TABLE_SIZE) * 10) / TEXT_WIDTH)
    : 0;
  const room = blockHeight - captionLines * TABLE_LINE * MM_PER_TWIP;
  let scale = d.width > blockWidth ? blockWidth / d.width : 1;
  if (d.height * scale > room) scale = room / d.height;
  // the library counts in 1/96 inch and makes EMUs of it unrounded: 36000 EMU a millimetre
  const px = (mm: number) => (Math.max(mm, 0.1) * scale * 96) / 25.4;
  const picture = new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { firstLine: 0 },
    // a picture's line is as tall as the picture: at least one grid line, never cut to one
    spacing: { line: LINE_PITCH, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
    keepNext: Boolean(b.caption),
    keepLines: true,
    children: [
      new ImageRun({
        type: "bmp",
        data: emfOf(d),
        transformation: { width: px(d.width), height: px(d.height) },
        altText: { name: d.title, description: b.alt },
      }),
    ],
  });
  return b.caption
    ? [picture, new Paragraph({ style: STYLE.caption, children: runs(text(b.caption)) })]
    : [picture];
}

function block(b: Block, layout: WordLayout | undefined): Piece[] {
  switch (b.type) {
    case "heading":
      return [new Paragraph({ style: STYLE[`h${b.level}`], children: runs(b.content) })];
    case "paragraph":
      return [
        new Paragraph({
          ...(b.align && b.align !== "left" ? { alignment: ALIGN[b.align] } : {}),
          ...(b.indent === false || (b.align && b.align !== "left")
            ? { indent: { firstLine: 0 } }
            : {}),
          children: runs(b.content),
        }),
      ];
    case "list":
      // numbers as text, never Word list numbering (WPS renumbers it)
      return b.items.map(
        (item, k) =>
          new Paragraph({
            children: runs([{ type: "text", text: b.ordered ? `${k + 1}.` : "• " }, ...item]),
          }),
      );
    case "table":
      return table(b, layout?.tables.get(b));
    case "signature":
      return signature(b);
    case "signLines":
      return b.rows.map(
        (r, k) =>
          new Paragraph({
            style: STYLE.recipients,
            ...(k === 0 ? { spacing: { before: LINE_PITCH } } : {}),
            keepNext: k < b.rows.length - 1,
            tabStops: [{ type: TabStopType.LEFT, position: Math.round(TEXT_WIDTH / 2) }],
            children: r.flatMap((c, i) => [
              ...(i > 0 ? [new TextRun({ text: "\t" })] : []),
              new TextRun({ text: c }),
            ]),
          }),
      );
    case "figure":
      return figure(b);
    case "pageBreak":
      return [new Paragraph({ pageBreakBefore: true, children: [] })];
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

/** 附件说明 (`附件：1．标题`, wrapped lines aligned with the name), unless the body writes it. */
function attachmentNote(doc: Doc): Paragraph[] {
  const a = doc.attachments;
  const noted = doc.body.some(
    (b) => b.type === "paragraph" && /^附件[：:]/.test(plainText(b.content).trim()),
  );
  if (a.length === 0 || noted) return [];
  const one = a.length === 1;
  return a.map(
    (x, i) =>
      new Paragraph({
        ...(i === 0 ? { spacing: { before: LINE_PITCH } } : {}),
        indent: {
          left: (one ? 5 : 6) * CHAR_TWIPS,
          hanging: (one ? 3 : 4) * CHAR_TWIPS - (i === 0 ? 0 : CHAR_TWIPS),
        },
        children: runs(
          text(`${i === 0 ? "附件：" : "　　　"}${one ? "" : `${i + 1}．`}${x.title}`),
        ),
      }),
  );
}

function attachment(a: Attachment, layout: WordLayout | undefined): Piece[] {
  return [
    new Paragraph({
      style: STYLE.attachmentLabel,
      pageBreakBefore: true,
      children: runs(text(a.label)),
    }),
    new Paragraph({
      style: STYLE.title,
      spacing: exactly(LINE_PITCH, LINE_PITCH, LINE_PITCH),
      outlineLevel: 1,
      children: runs(text(a.title)),
    }),
    ...a.body.flatMap((b) => block(b, layout)),
  ];
}

/** The page number — 1 — in 4号, on the right of odd pages and the left of even ones. */
function pageNumber(side: "odd" | "even"): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        // the footer's foot is 20 mm above the paper's edge (where 信函格式 draws its rule); the
        // number's line sits on the 7 mm below the text block, i.e. 5 mm higher
        spacing: { ...exactly(twips(14 * 1.3)), after: mmTwips(FOOTER_LIFT) },
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/** A footer with nothing in it: pages that carry no number. */
const noFooter = () => new Footer({ children: [new Paragraph({ style: STYLE.rule })] });

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
  return new Paragraph({
    style: STYLE.mark,
    spacing: exactly(twips(size), before),
    children: [
      new TextRun({
        text: name,
        size: Math.round(half(size)),
        ...(scale < 1 ? { scale: Math.floor(scale * 100) } : {}),
      }),
    ],
  });
}

/** A rule of `width` mm across a paragraph of its own, `outdent` twips beyond the text block. */
function rule(width: number, color: string, outdent = 0, below = 0): Paragraph {
  return new Paragraph({
    style: STYLE.rule,
    indent: { left: -outdent, right: -outdent },
    spacing: { ...exactly(20), after: below },
    border: { bottom: { style: BorderStyle.SINGLE, size: mmEighths(width), color, space: 0 } },
  });
}

/** 份号, 密级 and 紧急程度 (doc/head-elements.ts), the last two in 黑体. */
function topElements(m: DocMeta): { text: string; face?: string }[] {
  return headElements(m).map((e) => ({ text: e.text, ...(e.hei ? { face: FONT.黑体 } : {}) }));
}

/** One line of the 版头 flush left: a top element, and the 发文字号 flush right (信函格式). */
function headLine(e: { text: string; face?: string } | undefined, number?: string): Paragraph {
  return new Paragraph({
    style: STYLE.recipients,
    ...(number ? { tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }] } : {}),
    children: [
      ...(e ? [new TextRun({ text: e.text, ...(e.face ? { font: font(e.face) } : {}) })] : []),
      ...(number ? [new TextRun({ text: `\t${number}` })] : []),
    ],
  });
}

/** 发文字号 centred, or (an upward report) 1 字 in on the left with 签发人 1 字 from the right. */
function numberLine(m: DocMeta, options: { before: number; rule: boolean }): Paragraph {
  const children: ParagraphChild[] = [];
  if (m.number) children.push(new TextRun({ text: m.number }));
  if (m.signer)
    children.push(
      new TextRun({ text: "\t签发人：" }),
      new TextRun({ text: m.signer, font: font(FONT.楷体) }),
    );
  return new Paragraph({
    style: STYLE.recipients,
    alignment: m.signer ? AlignmentType.LEFT : AlignmentType.CENTER,
    indent: m.signer ? { left: CHAR_TWIPS, right: CHAR_TWIPS, firstLine: 0 } : { firstLine: 0 },
    ...(m.signer
      ? { tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - 2 * CHAR_TWIPS }] }
      : {}),
    spacing: { before: options.before },
    // the red separator 4 mm below the 发文字号's glyphs: the line's foot is ~2.3 mm below them
    ...(options.rule
      ? {
          border: {
            bottom: {
              style: BorderStyle.SINGLE,
              size: mmEighths(0.5),
              color: RED,
              space: Math.round(((4 - 2.3) * 72) / 25.4),
            },
          },
        }
      : {}),
    children,
  });
}

/**
 * 文件格式 (and an upward report) in the text: 份号, 密级 and 紧急程度 on its first lines, the red
 * 标志 with its top 35 mm below the text block's, the 发文字号 two lines below it with the red
 * separator under it, the title two lines below. Without a 标志 (a document without 版头) the
 * title comes first. Gives the paragraphs before the title and the space above the title.
 */
function fileHead(m: DocMeta): { before: Paragraph[]; titleSpace: number } {
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
function letterPage(name: string): { header: Header; footer: Footer } {
  const outdent = Math.round((mmTwips(170) - TEXT_WIDTH) / 2);
  return {
    header: new Header({
      children: [
        mark(name, (12 * 72) / 25.4, 0),
        rule(1, RED, outdent, mmTwips(0.8) - 20),
        rule(0.35, RED, outdent),
      ],
    }),
    footer: new Footer({
      children: [rule(0.35, RED, outdent, mmTwips(0.8) - 20), rule(1, RED, outdent)],
    }),
  };
}

/** 信函格式: 份号, 密级 and 紧急程度 flush left, the 发文字号 flush right on the first of their lines. */
function letterHead(m: DocMeta): { before: Paragraph[]; titleSpace: number } {
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
function colophon(m: DocMeta): Table | null {
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
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const line = (size: number) =>
    letter ? none : { style: BorderStyle.SINGLE, size, color: "000000" };
  const row = (p: Paragraph) =>
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, children: [p] }),
      ],
    });
  const rows: TableRow[] = [];
  if (cc)
    rows.push(
      row(
        new Paragraph({
          style: STYLE.colophon,
          // wrapped lines start under the names, after 抄送：
          indent: { left: CHAR_TWIPS + 3 * twips(TABLE_SIZE), hanging: 3 * twips(TABLE_SIZE) },
          children: runs(text(cc)),
        }),
      ),
    );
  if (printer)
    rows.push(
      row(
        new Paragraph({
          style: STYLE.colophon,
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - CHAR_TWIPS }],
          children: runs(
            text(`${m.printer ?? ""}\t${m.printDate ? `${zhDate(m.printDate)}印发` : ""}`),
          ),
        }),
      ),
    );
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    float: {
      horizontalAnchor: TableAnchorType.PAGE,
      absoluteHorizontalPosition: MARGIN.left,
      verticalAnchor: TableAnchorType.MARGIN,
      absoluteVerticalPosition: TEXT_HEIGHT - height,
    },
    borders: {
      top: line(HEAVY),
      bottom: line(HEAVY),
      left: none,
      right: none,
      insideHorizontal: line(LIGHT),
      insideVertical: none,
    },
    rows,
  });
}

/** The body of the document: 版头, title, 主送机关, body (附件说明 before the signature), 附注, attachments. */
function content(doc: Doc, layout: WordLayout | undefined): Piece[] {
  const m = doc.meta;
  const head = m.format === "letter" && m.issuerMark ? letterHead(m) : fileHead(m);
  const out: Piece[] = [
    ...head.before,
    new Paragraph({
      style: STYLE.title,
      ...(head.titleSpace ? { spacing: exactly(LINE_PITCH, head.titleSpace, LINE_PITCH) } : {}),
      children: runs(text(m.title)),
    }),
  ];
  if (m.recipients)
    out.push(
      new Paragraph({
        style: STYLE.recipients,
        children: runs(text(/[：:]$/.test(m.recipients) ? m.recipients : `${m.recipients}：`)),
      }),
    );
  const sig = doc.body.findIndex((b) => b.type === "signature");
  const before = sig < 0 ? doc.body : doc.body.slice(0, sig);
  const after = sig < 0 ? [] : doc.body.slice(sig);
  const blocks = (bs: readonly Block[]) => bs.flatMap((b) => block(b, layout));
  out.push(...blocks(before), ...attachmentNote(doc), ...blocks(after));
  if (m.note) out.push(new Paragraph({ children: runs(text(`（${m.note}）`)) }));
  out.push(...doc.attachments.flatMap((a) => attachment(a, layout)));
  return out;
}

type Orientation = "portrait" | "landscape";

/** Section properties: A4 upright or turned, GB/T 9704 margins, the 22-line grid. */
function sectionProperties(
  orientation: Orientation,
  options: { type?: (typeof SectionType)[keyof typeof SectionType]; titlePage?: boolean } = {},
): ISectionOptions["properties"] {
  const upright = orientation === "portrait";
  return {
    ...(options.type ? { type: options.type } : {}),
    ...(options.titlePage ? { titlePage: true } : {}),
    page: {
      // docx swaps width and height itself for a landscape page
      size: {
        width: PAGE.width,
        height: PAGE.height,
        ...(upright ? {} : { orientation: PageOrientation.LANDSCAPE }),
      },
      // a turned page keeps the upright page's text block turned a quarter: 225 × 156 mm
      margin: upright
        ? { ...MARGIN, header: HEADER, footer: FOOTER, gutter: 0 }
        : {
            top: MARGIN.left,
            bottom: MARGIN.right,
            left: MARGIN.top,
            right: MARGIN.bottom,
            header: HEADER,
            footer: FOOTER,
            gutter: 0,
          },
    },
    // a line grid; the 28 characters a line come from CHAR_SPACING (grid.ts says why)
    grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
  };
}

/**
 * The sections: the text (turned sections for landscape tables), then, when the 版记 goes on a
 * page of its own, a section that starts on the next even page (信函格式: the next page) with
 * no page numbers, the 版记 at its foot.
 */
function sections(doc: Doc, layout: WordLayout | undefined): ISectionOptions[] {
  const m = doc.meta;
  const numbers = { default: pageNumber("odd"), even: pageNumber("even") };
  const letter = m.format === "letter" && m.issuerMark ? letterPage(m.issuerMark) : null;
  const out: ISectionOptions[] = [];
  let children: (Paragraph | Table)[] = [];
  let orientation: Orientation = "portrait";
  let pendingType: (typeof SectionType)[keyof typeof SectionType] | undefined;
  const close = () => {
    const first = out.length === 0;
    out.push({
      properties: sectionProperties(orientation, {
        ...(pendingType ? { type: pendingType } : {}),
        ...(first && letter ? { titlePage: true } : {}),
      }),
      ...(first
        ? {
            footers: { ...numbers, ...(letter ? { first: letter.footer } : {}) },
            ...(letter ? { headers: { first: letter.header } } : {}),
          }
        : {}),
      children,
    });
    children = [];
  };
  for (const piece of content(doc, layout)) {
    if (!isStart(piece)) {
      children.push(piece);
      continue;
    }
    close();
    orientation = piece.section;
    pendingType = SectionType.NEXT_PAGE;
  }
  const foot = colophon(m);
  // the frame's anchor: a paragraph one point high, so it never takes a line
  const anchor = () => new Paragraph({ style: STYLE.rule });
  if (foot && (layout?.colophon ?? "own-page") === "with-body") {
    children.push(foot, anchor());
    close();
  } else if (foot) {
    close();
    orientation = "portrait";
    pendingType = m.format === "letter" ? SectionType.NEXT_PAGE : SectionType.EVEN_PAGE;
    // a paragraph first: LibreOffice loses the page break of a section that starts with a table
    children.push(anchor(), foot, anchor());
    const at = out.length;
    close();
    const own = out[at] as ISectionOptions;
    out[at] = { ...own, footers: { default: noFooter(), even: noFooter() } };
  } else close();
  return out;
}

/** One part of the package: its path and its bytes. */
export interface WordPart {
  name: string;
  data: Uint8Array;
}

/** The library's part compiler (what Packer zips); not in its typings. */
interface PartCompiler {
  compile(file: Document): Map<string, string | Uint8Array | ArrayBuffer>;
}

const utf8 = new TextEncoder();
const bytesOf = (d: string | Uint8Array | ArrayBuffer): Uint8Array =>
  typeof d === "string" ? utf8.encode(d) : d instanceof Uint8Array ? d : new Uint8Array(d);

/**
 * The parts of the document's package. Taken from the library's compiler before it zips them
 * (index.ts packs them once, deterministically; zipping and unzipping them first cost a fifth of
 * the time), or, should a later version of the library not have it, unzipped from its package.
 */
export async function wordParts(
  doc: Doc,
  layout?: WordLayout,
  /** Unzip the library's own package even when its compiler is there (tests compare the two). */
  viaPackage = false,
): Promise<WordPart[]> {
  const file = wordDocument(doc, layout);
  const compiler = (Packer as unknown as { compiler?: PartCompiler }).compiler;
  if (!viaPackage && typeof compiler?.compile === "function")
    return [...compiler.compile(file)].map(([name, data]) => ({ name, data: bytesOf(data) }));
  return readZip(new Uint8Array(await Packer.toArrayBuffer(file)));
}

function wordDocument(doc: Doc, layout?: WordLayout): Document {
  const m = doc.meta;
  return new Document({
    title: m.title,
    subject: m.subject ?? DOC_KIND_NAMES[m.kind],
    creator: m.issuer ?? "",
    lastModifiedBy: m.issuer ?? "",
    keywords: `${DOC_KIND_NAMES[m.kind]} ${m.year}`,
    description: m.subject ?? m.title,
    revision: 1,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: font(FONT.仿宋),
            size: half(BODY_SIZE),
            language: { value: "en-US", eastAsia: "zh-CN" },
          },
        },
      },
      paragraphStyles: styles(),
    },
    sections: sections(doc, layout),
  });
}

/** Header distance from the top edge: where 信函格式's 标志 starts, 30 mm down. */
const HEADER = mmTwips(30);

/**
 * Footer distance from the bottom edge: 20 mm, where 信函格式's foot rule lies; the page
 * number's line is lifted FOOTER_LIFT above it, its dash 7 mm below the text block (GB/T 9704).
 */
const FOOTER = mmTwips(20);
const FOOTER_LIFT = 5;
