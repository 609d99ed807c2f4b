// The Doc's blocks as Word paragraphs and tables: text runs, headings, lists, tables in the size
// and orientation the PDF chose, signatures, charts as EMF pictures, attachments.
import type { Attachment, Block, Doc, Inline } from "../doc/types.ts";
import { zhDate } from "../text/zh.ts";
import { emfOf } from "./emf.ts";
import { CHAR_TWIPS, LINE_PITCH, TEXT_HEIGHT, TEXT_WIDTH } from "./grid.ts";
import { STYLE, TABLE_LINE, TABLE_SIZE, exactly, half, tableLine } from "./styles.ts";
import { paragraph } from "./wml.ts";
import type { BodyChild, Border, Paragraph, Run, RunProps, Table, TableRow } from "./wml.ts";
import { columnWidths, ems, plainText } from "./widths.ts";

/** What the PDF decided for a table: its type size and whether the page is turned for it. */
export interface TableChoice {
  size: number;
  landscape: boolean;
}

/** A new section: a landscape one for a wide table, then upright again. */
export interface SectionStart {
  section: "landscape" | "portrait";
}
export type Piece = BodyChild | SectionStart;

const CELL_PAD = 85; // 1.5 mm each side
/** Rows of more lines than this may break across pages. */
const TALL_ROW = 4;

/** Table rules and no rules. */
const RULE: Border = { style: "single", size: 4, color: "000000" };
export const NO_BORDER: Border = { style: "none", size: 0, color: "FFFFFF" };
const sides = (b: Border) => ({
  top: b,
  left: b,
  bottom: b,
  right: b,
  insideH: b,
  insideV: b,
});

export function runs(inlines: readonly Inline[], props: RunProps = {}): Run[] {
  return inlines.flatMap((i): Run[] => {
    switch (i.type) {
      case "text":
        return [{ text: i.text, props }];
      case "strong":
        return runs(i.children, { ...props, bold: true });
      case "emphasis":
        return runs(i.children, { ...props, italics: true });
      // the text of a link stays, not the link: documents are printed, and the site is offline
      case "link":
        return runs(i.children, props);
      case "break":
        return [{ lineBreak: true, props }];
      default: {
        const never: never = i;
        throw new Error(`unknown inline ${JSON.stringify(never)}`);
      }
    }
  });
}

export const text = (t: string): Inline[] => [{ type: "text", text: t }];

const NUMERIC = /^[-+−]?\d[\d,.]*%?$/;

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
  const cell = (content: Inline[], i: number, head: boolean) => ({
    width: widths[i] as number,
    verticalAlign: "center" as const,
    children: [
      paragraph(
        {
          style: head ? STYLE.head : STYLE.cell,
          ...(head ? {} : { alignment: aligns[i] }),
          ...sized,
        },
        runs(content, sizedRun),
      ),
    ],
  });
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
  if (b.caption) out.push(paragraph({ style: STYLE.caption }, runs(text(b.caption))));
  out.push({
    kind: "table",
    width: landscape ? TEXT_HEIGHT : TEXT_WIDTH,
    columnWidths: widths,
    alignment: "center",
    margins: { left: CELL_PAD, right: CELL_PAD, top: 40, bottom: 40 },
    borders: sides(RULE),
    rows: [
      {
        tableHeader: true,
        cantSplit: true,
        cells: b.columns.map((c, i) => cell(text(c.title), i, true)),
      },
      ...[...b.rows, ...(b.totals ?? [])].map((r) => ({
        // a tall row may break across pages, as the PDF breaks it (Word's 允许跨页断行)
        cantSplit: rowLines(r) <= TALL_ROW,
        cells: b.columns.map((_, i) => cell(r[i] ?? [], i, false)),
      })),
    ],
  });
  if (landscape) out.push(paragraph({ style: STYLE.rule }), { section: "portrait" });
  return out;
}

/** Right indent, in twips, of a line that ends `chars` 字 from the right. */
const fromRight = (chars: number) => Math.max(0, Math.round(chars * CHAR_TWIPS));

function signature(b: Extract<Block, { type: "signature" }>): BodyChild[] {
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
      paragraph(
        {
          style: STYLE.signature,
          // one blank line above, two where the seal goes
          spacing: { before: (b.seal ? 2 : 1) * LINE_PITCH },
          indent: { right: fromRight(nameRight) },
        },
        runs(text(name)),
      ),
      paragraph(
        { style: STYLE.signature, indent: { right: fromRight(dateRight) } },
        runs(text(date)),
      ),
    ];
  }
  // two parties side by side, in a table without rules: 甲方 left, as wide as its longest line
  // needs (14–18 字), 乙方 from 1 字 after it; name (盖章), signer and date a blank line apart
  const label = (p: (typeof b.parties)[number]) =>
    `${p.role ? `${p.role}：` : ""}${p.name}（盖章）`;
  const need = Math.max(...b.parties.filter((_, i) => i % 2 === 0).map((p) => ems(label(p))));
  const left = Math.round(Math.min(18, Math.max(14, need)) * CHAR_TWIPS);
  const widths = [left + CHAR_TWIPS, TEXT_WIDTH - left - CHAR_TWIPS];
  const line = (t: string, blankAbove: boolean) =>
    paragraph(
      { style: STYLE.recipients, ...(blankAbove ? { spacing: { before: LINE_PITCH } } : {}) },
      runs(text(t)),
    );
  const lines = (p: (typeof b.parties)[number]) => [
    line(label(p), false),
    line(`负责人（签字）：${p.signer ?? ""}`, true),
    line(date, true),
  ];
  const rows: TableRow[] = [];
  for (let i = 0; i < b.parties.length; i += 2) {
    const pair = b.parties.slice(i, i + 2);
    rows.push({
      cantSplit: true,
      cells: widths.map((w, c) => {
        const p = pair[c];
        return { width: w, children: p ? lines(p) : [paragraph({ style: STYLE.recipients })] };
      }),
    });
  }
  const parties: Table = {
    kind: "table",
    width: TEXT_WIDTH,
    columnWidths: widths,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    borders: sides(NO_BORDER),
    rows,
  };
  return [paragraph({ style: STYLE.recipients, keepNext: true }), parties];
}

/** Millimetres in a twip. */
const MM_PER_TWIP = 25.4 / 1440;

/**
 * A chart: its drawing as an EMF picture (emf.ts), inline in a centred paragraph kept with the
 * caption below it, as large as it is in mm, scaled down to the text block's width and to its
 * height less the caption's lines, as the PDF scales it. Alt text: the figure's `alt`.
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
  // EMUs by way of 1/96 inch (9525 EMUs each), unrounded before: about 36000 a millimetre
  const emu = (mm: number) => Math.round(((Math.max(mm, 0.1) * scale * 96) / 25.4) * 9525);
  const picture = paragraph(
    {
      alignment: "center",
      indent: { firstLine: 0 },
      // a picture's line is as tall as the picture: at least one grid line, never cut to one
      spacing: { line: LINE_PITCH, lineRule: "atLeast", before: 0, after: 0 },
      keepNext: Boolean(b.caption),
      keepLines: true,
    },
    [
      {
        picture: {
          data: emfOf(d),
          width: emu(d.width),
          height: emu(d.height),
          name: d.title,
          description: b.alt,
        },
      },
    ],
  );
  return b.caption
    ? [picture, paragraph({ style: STYLE.caption }, runs(text(b.caption)))]
    : [picture];
}

export function block(b: Block, tables: WordTables | undefined): Piece[] {
  switch (b.type) {
    case "heading":
      return [paragraph({ style: STYLE[`h${b.level}`] }, runs(b.content))];
    case "paragraph":
      return [
        paragraph(
          {
            ...(b.align && b.align !== "left" ? { alignment: b.align } : {}),
            ...(b.indent === false || (b.align && b.align !== "left")
              ? { indent: { firstLine: 0 } }
              : {}),
          },
          runs(b.content),
        ),
      ];
    case "list":
      // numbers as text, never Word list numbering (WPS renumbers it)
      return b.items.map((item, k) =>
        paragraph({}, runs([{ type: "text", text: b.ordered ? `${k + 1}.` : "• " }, ...item])),
      );
    case "table":
      return table(b, tables?.get(b));
    case "signature":
      return signature(b);
    case "signLines":
      return b.rows.map((r, k) =>
        paragraph(
          {
            style: STYLE.recipients,
            ...(k === 0 ? { spacing: { before: LINE_PITCH } } : {}),
            keepNext: k < b.rows.length - 1,
            tabStops: [{ type: "left", position: Math.round(TEXT_WIDTH / 2) }],
          },
          r.flatMap((c, i): Run[] => [...(i > 0 ? [{ text: "\t" }] : []), { text: c }]),
        ),
      );
    case "figure":
      return figure(b);
    case "pageBreak":
      return [paragraph({ pageBreakBefore: true })];
    default: {
      const never: never = b;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

/** Each table's size and orientation as the PDF set it, keyed by its block. */
export type WordTables = ReadonlyMap<object, TableChoice>;

/** 附件说明 (`附件：1．标题`, wrapped lines aligned with the name), unless the body writes it. */
export function attachmentNote(doc: Doc): Paragraph[] {
  const a = doc.attachments;
  const noted = doc.body.some(
    (b) => b.type === "paragraph" && /^附件[：:]/.test(plainText(b.content).trim()),
  );
  if (a.length === 0 || noted) return [];
  const one = a.length === 1;
  return a.map((x, i) =>
    paragraph(
      {
        ...(i === 0 ? { spacing: { before: LINE_PITCH } } : {}),
        indent: {
          left: (one ? 5 : 6) * CHAR_TWIPS,
          hanging: (one ? 3 : 4) * CHAR_TWIPS - (i === 0 ? 0 : CHAR_TWIPS),
        },
      },
      runs(text(`${i === 0 ? "附件：" : "　　　"}${one ? "" : `${i + 1}．`}${x.title}`)),
    ),
  );
}

export function attachment(a: Attachment, tables: WordTables | undefined): Piece[] {
  return [
    paragraph({ style: STYLE.attachmentLabel, pageBreakBefore: true }, runs(text(a.label))),
    paragraph(
      { style: STYLE.title, spacing: exactly(LINE_PITCH, LINE_PITCH, LINE_PITCH), outlineLevel: 1 },
      runs(text(a.title)),
    ),
    ...a.body.flatMap((b) => block(b, tables)),
  ];
}
