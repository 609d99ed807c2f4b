// word/styles.xml: the paragraph styles that carry the GB/T 9704 roles. Body paragraphs only name
// their style, so a clerk who changes 正文 in Word changes every paragraph.
import { BUILT_IN_STYLES } from "./fixed-parts.ts";
import { FONT } from "./fonts.ts";
import { BODY_SIZE, CHAR_SPACING, CHAR_TWIPS, LINE_PITCH, twips } from "./grid.ts";
import { paragraphProps, runProps } from "./wml.ts";
import type { ParagraphProps, RunProps, Spacing } from "./wml.ts";
import { DECLARATION_STANDALONE, esc, namespaces } from "./xml.ts";

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

/** The red of the 发文机关标志 and its rules (the PDF's 0.9, 0, 0). */
export const RED = "E60000";

/** The size of tables, their captions and the 版记: 4号. */
export const TABLE_SIZE = 14;
/** Table lines: 1.4 times the type size, as the PDF sets them. */
export const tableLine = (size: number): number => twips(size * 1.4);
export const TABLE_LINE = tableLine(TABLE_SIZE);

/** Points to half-points, Word's unit of type size. */
export const half = (pt: number): number => pt * 2;

/** Lines of an exact height (twips), with space before and after. */
export const exactly = (line: number, before = 0, after = 0): Spacing => ({
  line,
  lineRule: "exact",
  before,
  after,
});

interface ParagraphStyle {
  id: string;
  name: string;
  basedOn?: string;
  next?: string;
  paragraph: ParagraphProps;
  run: RunProps;
}

/** A style based on 正文 and followed by it. */
const style = (
  id: string,
  name: string,
  run: RunProps,
  paragraph: ParagraphProps,
): ParagraphStyle => ({ id, name, basedOn: STYLE.body, next: STYLE.body, paragraph, run });

/**
 * Off the 22-line grid: the lines keep their own exact height (w:snapToGrid off in the
 * paragraph and the run properties). For the 2号 title (one grid line a line, as the PDF sets it;
 * LibreOffice gives a snapped 22 pt line two grid lines whatever its exact height) and the 4号
 * table, caption and page-number lines (表头 inherits it from 表格文字).
 */
const offGrid = (p: ParagraphProps): ParagraphProps => ({ ...p, snapToGrid: false });
const offGridRun = (r: RunProps): RunProps => ({ ...r, snapToGrid: false });

/** The paragraph styles: 正文 (Normal), 标题 (Title), 一级标题 … 四级标题, the table and page-number styles. */
function paragraphStyles(): ParagraphStyle[] {
  const heading = (level: 1 | 2 | 3 | 4, face: string) =>
    style(
      STYLE[`h${level}`],
      `${["一", "二", "三", "四"][level - 1]}级标题`,
      { font: face },
      {
        keepNext: true,
        keepLines: true,
        indent: { firstLine: 2 * CHAR_TWIPS },
        outlineLevel: level - 1,
      },
    );
  return [
    {
      id: STYLE.body,
      name: "Normal",
      run: { font: FONT.仿宋, size: half(BODY_SIZE), characterSpacing: CHAR_SPACING },
      paragraph: {
        // no automatic space between Chinese and digits or Latin letters: Word, WPS and
        // LibreOffice add about a quarter of a character there by default (8 月 14 日), so lines
        // and table cells would take more room than in the PDF, which sets 8月14日 as offices
        // type it
        autoSpace: false,
        alignment: "both",
        spacing: exactly(LINE_PITCH),
        indent: { firstLine: 2 * CHAR_TWIPS },
      },
    },
    style(
      STYLE.title,
      "Title",
      { font: FONT.小标宋, size: half(22) },
      offGrid({
        alignment: "center",
        indent: { firstLine: 0 },
        spacing: exactly(LINE_PITCH, 0, LINE_PITCH),
        keepNext: true,
        outlineLevel: 0,
      }),
    ),
    heading(1, FONT.黑体),
    heading(2, FONT.楷体),
    heading(3, FONT.仿宋),
    heading(4, FONT.仿宋),
    style(STYLE.recipients, "主送机关", {}, { indent: { firstLine: 0 } }),
    style(
      STYLE.signature,
      "署名",
      {},
      { alignment: "right", indent: { firstLine: 0 }, keepNext: true },
    ),
    style(
      STYLE.cell,
      "表格文字",
      offGridRun({ size: half(TABLE_SIZE) }),
      offGrid({ alignment: "left", indent: { firstLine: 0 }, spacing: exactly(TABLE_LINE) }),
    ),
    {
      ...style(STYLE.head, "表头", { font: FONT.黑体 }, { alignment: "center" }),
      basedOn: STYLE.cell,
      next: STYLE.cell,
    },
    style(
      STYLE.caption,
      "表格标题",
      offGridRun({ font: FONT.黑体, size: half(TABLE_SIZE) }),
      offGrid({
        alignment: "center",
        indent: { firstLine: 0 },
        keepNext: true,
        spacing: exactly(TABLE_LINE, 0, 85),
      }),
    ),
    style(STYLE.attachmentLabel, "附件标识", { font: FONT.黑体 }, { indent: { firstLine: 0 } }),
    style(
      STYLE.mark,
      "发文机关标志",
      offGridRun({ font: FONT.小标宋, color: RED }),
      offGrid({ alignment: "center", indent: { firstLine: 0 }, spacing: exactly(LINE_PITCH) }),
    ),
    style(
      STYLE.colophon,
      "版记",
      offGridRun({ size: half(TABLE_SIZE) }),
      offGrid({
        alignment: "left",
        indent: { firstLine: 0, left: CHAR_TWIPS, right: CHAR_TWIPS },
        spacing: exactly(LINE_PITCH),
      }),
    ),
    style(
      STYLE.rule,
      "分隔线",
      offGridRun({ size: 2 }),
      offGrid({ indent: { firstLine: 0 }, spacing: exactly(20) }),
    ),
    style(
      STYLE.footer,
      "页码",
      offGridRun({ font: FONT.宋体, size: half(14) }),
      offGrid({
        indent: { firstLine: 0, left: CHAR_TWIPS, right: CHAR_TWIPS },
        spacing: exactly(twips(14 * 1.3)),
      }),
    ),
  ];
}

function styleXml(s: ParagraphStyle): string {
  const pPr = paragraphProps(s.paragraph);
  const rPr = runProps(s.run);
  return (
    `<w:style w:type="paragraph" w:styleId="${esc(s.id)}"${s.id === STYLE.body ? ' w:default="1"' : ""}>` +
    `<w:name w:val="${esc(s.name)}"/>` +
    (s.basedOn ? `<w:basedOn w:val="${esc(s.basedOn)}"/>` : "") +
    (s.next ? `<w:next w:val="${esc(s.next)}"/>` : "") +
    "<w:qFormat/>" +
    (pPr ? `<w:pPr>${pPr}</w:pPr>` : "") +
    (rPr ? `<w:rPr>${rPr}</w:rPr>` : "") +
    "</w:style>"
  );
}

/** word/styles.xml: the document's defaults (3号 仿宋_GB2312, Chinese), Word's styles, ours. */
export const STYLES_XML =
  DECLARATION_STANDALONE +
  `<w:styles mc:Ignorable="w14 w15"${namespaces(["mc", "r", "w", "w14", "w15"])}>` +
  "<w:docDefaults><w:rPrDefault><w:rPr>" +
  runProps({
    font: FONT.仿宋,
    size: half(BODY_SIZE),
    lang: { value: "en-US", eastAsia: "zh-CN" },
  }) +
  "</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>" +
  BUILT_IN_STYLES +
  paragraphStyles().map(styleXml).join("") +
  "</w:styles>";
