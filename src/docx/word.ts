// The one door to the `docx` library: a Doc → a WordprocessingML package (unpacked bytes come
// out of Packer, index.ts re-packs them). Paragraph styles carry the GB/T 9704 roles; body
// paragraphs only name their style, so a clerk who changes 正文 in Word changes every paragraph.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import type { IParagraphStyleOptions, IRunOptions, ParagraphChild } from "docx";
import type { Align, Attachment, Block, Doc, Inline } from "../doc/types.ts";
import { DOC_KIND_NAMES } from "../doc/types.ts";
import { zhDate } from "../text/zh.ts";
import {
  BODY_SIZE,
  CHAR_SPACING,
  CHAR_TWIPS,
  LINE_PITCH,
  MARGIN,
  PAGE,
  TEXT_WIDTH,
  twips,
} from "./grid.ts";
import { emfOf } from "./emf.ts";
import { FONT } from "./fonts.ts";
import { columnWidths, ems, plainText } from "./widths.ts";

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
} as const;

const TABLE_SIZE = 14;
/** Table lines: 4号 at 1.4 times its size, as the PDF sets them. */
const TABLE_LINE = twips(TABLE_SIZE * 1.4);
const CELL_PAD = 85; // 1.5 mm each side
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

function table(b: Extract<Block, { type: "table" }>): (Paragraph | Table)[] {
  const widths = columnWidths(b, TEXT_WIDTH, half(TABLE_SIZE) * 10, 2 * CELL_PAD);
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
          children: runs(content),
        }),
      ],
    });
  const rule = { style: BorderStyle.SINGLE, size: 4, color: "000000" };
  const out: (Paragraph | Table)[] = [];
  if (b.caption) out.push(new Paragraph({ style: STYLE.caption, children: runs(text(b.caption)) }));
  out.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
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
              cantSplit: true,
              children: b.columns.map((_, i) => cell(r[i] ?? [], i, false)),
            }),
        ),
      ],
    }),
  );
  return out;
}

/** Right indent, in twips, of a line `width` ems wide that ends `from` 字 from the right. */
const fromRight = (chars: number) => Math.max(0, Math.round(chars * CHAR_TWIPS));

function signature(b: Extract<Block, { type: "signature" }>): (Paragraph | Table)[] {
  const date = zhDate(b.date);
  if (b.parties.length === 1) {
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
        spacing: { before: LINE_PITCH },
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
  // two parties side by side, in a table without rules
  const none = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
  const w = Math.floor(TEXT_WIDTH / b.parties.length);
  const lines = (p: (typeof b.parties)[number]) => [
    new Paragraph({
      style: STYLE.recipients,
      children: runs(text(`${p.role ? `${p.role}：` : ""}${p.name}`)),
    }),
    new Paragraph({
      style: STYLE.recipients,
      children: runs(text(`负责人（签字）：${p.signer ?? ""}`)),
    }),
    new Paragraph({ style: STYLE.recipients, children: runs(text(date)) }),
  ];
  return [
    new Paragraph({ style: STYLE.recipients, children: [] }),
    new Table({
      width: { size: w * b.parties.length, type: WidthType.DXA },
      columnWidths: b.parties.map(() => w),
      layout: TableLayoutType.FIXED,
      borders: {
        top: none,
        bottom: none,
        left: none,
        right: none,
        insideHorizontal: none,
        insideVertical: none,
      },
      rows: [
        new TableRow({
          cantSplit: true,
          children: b.parties.map(
            (p) => new TableCell({ width: { size: w, type: WidthType.DXA }, children: lines(p) }),
          ),
        }),
      ],
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
  const blockHeight = (PAGE.height - MARGIN.top - MARGIN.bottom) * MM_PER_TWIP;
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

function block(b: Block): (Paragraph | Table)[] {
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
      return table(b);
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

function attachment(a: Attachment): (Paragraph | Table)[] {
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
    ...a.body.flatMap(block),
  ];
}

/** The page number — 1 — in 4号, on the right of odd pages and the left of even ones. */
function pageNumber(side: "odd" | "even"): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        alignment: side === "odd" ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"] })],
      }),
    ],
  });
}

/** The body of the document: title, 主送机关, body (附件说明 before the signature), 附注, attachments. */
function content(doc: Doc): (Paragraph | Table)[] {
  const m = doc.meta;
  const out: (Paragraph | Table)[] = [
    new Paragraph({ style: STYLE.title, children: runs(text(m.title)) }),
  ];
  if (m.recipients)
    out.push(new Paragraph({ style: STYLE.recipients, children: runs(text(`${m.recipients}：`)) }));
  const sig = doc.body.findIndex((b) => b.type === "signature");
  const before = sig < 0 ? doc.body : doc.body.slice(0, sig);
  const after = sig < 0 ? [] : doc.body.slice(sig);
  out.push(...before.flatMap(block), ...attachmentNote(doc), ...after.flatMap(block));
  if (m.note) out.push(new Paragraph({ children: runs(text(`（${m.note}）`)) }));
  out.push(...doc.attachments.flatMap(attachment));
  return out;
}

/** The unpacked-then-packed bytes of the document, as the `docx` library zips them. */
export function wordPackage(doc: Doc): Promise<Uint8Array> {
  const m = doc.meta;
  const file = new Document({
    title: m.title,
    subject: m.subject ?? DOC_KIND_NAMES[m.kind],
    creator: m.issuer ?? "",
    lastModifiedBy: m.issuer ?? "",
    keywords: `${DOC_KIND_NAMES[m.kind]} ${m.year}`,
    description: m.id,
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
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { ...MARGIN, header: 851, footer: FOOTER, gutter: 0 },
          },
          // a line grid; the 28 characters a line come from CHAR_SPACING (grid.ts says why)
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
        },
        footers: { default: pageNumber("odd"), even: pageNumber("even") },
        children: content(doc),
      },
    ],
  });
  return Packer.toArrayBuffer(file).then((b) => new Uint8Array(b));
}

/**
 * Footer distance from the bottom edge: the dash of the page number 7 mm below the text block
 * (GB/T 9704), i.e. the 4号 line's foot ≈ 25 mm above the paper's edge.
 */
const FOOTER = twips((25 * 72) / 25.4);
