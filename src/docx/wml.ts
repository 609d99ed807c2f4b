// The WordprocessingML we write, as plain data, and its XML: paragraphs and their properties,
// runs, tables, pictures and section properties. Only what the documents use; elements and
// attributes come in the schema's order (CT_PPr, CT_RPr, CT_TblPr, CT_SectPr).
import { empty, esc, val } from "./xml.ts";

export type Alignment = "left" | "center" | "right" | "both";

export interface Border {
  style: "single" | "none";
  /** Eighths of a point. */
  size: number;
  color: string;
  /** Points between the border and the text. */
  space?: number;
}

/** Twips; `line` in twips with lineRule exact or atLeast. */
export interface Spacing {
  after?: number;
  before?: number;
  line?: number;
  lineRule?: "exact" | "atLeast";
}

export interface Indent {
  left?: number;
  right?: number;
  hanging?: number;
  firstLine?: number;
}

export interface TabStop {
  type: "left" | "right";
  position: number;
}

export interface ParagraphProps {
  style?: string;
  keepNext?: boolean;
  keepLines?: boolean;
  pageBreakBefore?: boolean;
  /** A rule under the paragraph. */
  borderBottom?: Border;
  tabStops?: readonly TabStop[];
  /** Off: no automatic space between Chinese and Latin letters or digits (styles only). */
  autoSpace?: false;
  /** Off: the lines keep their exact height instead of snapping to the document grid. */
  snapToGrid?: false;
  spacing?: Spacing;
  indent?: Indent;
  alignment?: Alignment;
  outlineLevel?: number;
}

export interface RunProps {
  /** One face for every script. */
  font?: string;
  bold?: boolean;
  italics?: boolean;
  snapToGrid?: boolean;
  color?: string;
  /** Twips added between characters; 0 writes nothing. */
  characterSpacing?: number;
  /** Width in percent. */
  scale?: number;
  /** Half-points. */
  size?: number;
  lang?: { value: string; eastAsia: string };
}

/** A picture inline in its run: the bytes of an EMF and its size in EMUs. */
export interface Picture {
  data: Uint8Array;
  width: number;
  height: number;
  name: string;
  description?: string;
}

export type Run =
  | { text: string; props?: RunProps }
  | { lineBreak: true; props?: RunProps }
  | { field: "begin" | "separate" | "end" }
  | { instruction: string }
  | { picture: Picture };

export interface Paragraph extends ParagraphProps {
  kind: "paragraph";
  runs: readonly Run[];
}

export interface TableBorders {
  top: Border;
  left: Border;
  bottom: Border;
  right: Border;
  insideH: Border;
  insideV: Border;
}

export interface TableCell {
  width: number;
  verticalAlign?: "center";
  children: readonly Paragraph[];
}

export interface TableRow {
  cantSplit?: boolean;
  tableHeader?: boolean;
  cells: readonly TableCell[];
}

export interface Table {
  kind: "table";
  /** Twips, as the column widths. */
  width: number;
  columnWidths: readonly number[];
  /** Placed on the page: from the page's left edge and the top margin, in twips. */
  float?: { x: number; y: number };
  alignment?: "center";
  borders: TableBorders;
  margins: { top: number; left: number; bottom: number; right: number };
  rows: readonly TableRow[];
}

export type BodyChild = Paragraph | Table;

export const paragraph = (props: ParagraphProps, runs: readonly Run[] = []): Paragraph => ({
  kind: "paragraph",
  ...props,
  runs,
});

/** Whole twips, as Word takes measures (the fraction dropped). */
const whole = Math.floor;

const onOff = (name: string, on: boolean) => (on ? `<${name}/>` : val(name, "false"));

const border = (name: string, b: Border) =>
  empty(name, [
    ["w:val", b.style],
    ["w:color", b.color],
    ["w:sz", whole(b.size)],
    ["w:space", b.space === undefined ? undefined : whole(b.space)],
  ]);

function spacingXml(s: Spacing): string {
  return empty("w:spacing", [
    ["w:after", s.after],
    ["w:before", s.before],
    ["w:line", s.line],
    ["w:lineRule", s.lineRule],
  ]);
}

function indentXml(i: Indent): string {
  const at = (v: number | undefined) => (v === undefined ? undefined : whole(v));
  return empty("w:ind", [
    ["w:left", at(i.left)],
    ["w:right", at(i.right)],
    ["w:hanging", at(i.hanging)],
    ["w:firstLine", at(i.firstLine)],
  ]);
}

/** The paragraph properties' elements (without w:pPr around them). */
export function paragraphProps(p: ParagraphProps): string {
  let out = "";
  if (p.style) out += val("w:pStyle", p.style);
  if (p.keepNext !== undefined) out += onOff("w:keepNext", p.keepNext);
  if (p.keepLines !== undefined) out += onOff("w:keepLines", p.keepLines);
  if (p.pageBreakBefore) out += "<w:pageBreakBefore/>";
  if (p.borderBottom) out += `<w:pBdr>${border("w:bottom", p.borderBottom)}</w:pBdr>`;
  if (p.tabStops?.length)
    out += `<w:tabs>${p.tabStops
      .map((t) =>
        empty("w:tab", [
          ["w:val", t.type],
          ["w:pos", whole(t.position)],
        ]),
      )
      .join("")}</w:tabs>`;
  if (p.autoSpace === false) out += '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>';
  if (p.snapToGrid === false) out += '<w:snapToGrid w:val="0"/>';
  if (p.spacing) out += spacingXml(p.spacing);
  if (p.indent) out += indentXml(p.indent);
  if (p.alignment) out += val("w:jc", p.alignment);
  if (p.outlineLevel !== undefined) out += val("w:outlineLvl", p.outlineLevel);
  return out;
}

/** The run properties' elements (without w:rPr around them). */
export function runProps(r: RunProps): string {
  let out = "";
  if (r.font) {
    const f = esc(r.font);
    out += `<w:rFonts w:ascii="${f}" w:cs="${f}" w:eastAsia="${f}" w:hAnsi="${f}"/>`;
  }
  if (r.bold !== undefined) out += onOff("w:b", r.bold) + onOff("w:bCs", r.bold);
  if (r.italics !== undefined) out += onOff("w:i", r.italics) + onOff("w:iCs", r.italics);
  if (r.snapToGrid !== undefined) out += onOff("w:snapToGrid", r.snapToGrid);
  if (r.color) out += val("w:color", r.color);
  if (r.characterSpacing) out += val("w:spacing", whole(r.characterSpacing));
  if (r.scale !== undefined) out += val("w:w", r.scale);
  if (r.size !== undefined) out += val("w:sz", whole(r.size));
  if (r.size) out += val("w:szCs", whole(r.size));
  if (r.lang)
    out += empty("w:lang", [
      ["w:val", r.lang.value],
      ["w:eastAsia", r.lang.eastAsia],
    ]);
  return out;
}

const wrapped = (name: string, inner: string) => (inner ? `<${name}>${inner}</${name}>` : "");

/**
 * Numbers the pictures of a part: each distinct picture's relationship id, and the drawings'
 * ids (wp:docPr) in the order they come.
 */
export interface PictureIds {
  relationship(p: Picture): string;
  nextDrawing(): number;
}

function runXml(r: Run, pictures: PictureIds | undefined): string {
  if ("text" in r)
    return `<w:r>${wrapped("w:rPr", r.props ? runProps(r.props) : "")}<w:t xml:space="preserve">${esc(r.text)}</w:t></w:r>`;
  if ("lineBreak" in r)
    return `<w:r>${wrapped("w:rPr", r.props ? runProps(r.props) : "")}<w:br/></w:r>`;
  if ("field" in r) return `<w:r><w:fldChar w:fldCharType="${r.field}"/></w:r>`;
  if ("instruction" in r)
    return `<w:r><w:instrText xml:space="preserve">${esc(r.instruction)}</w:instrText></w:r>`;
  if (!pictures) throw new Error("docx: a picture outside the document's body");
  return `<w:r>${drawingXml(r.picture, pictures)}</w:r>`;
}

function drawingXml(p: Picture, pictures: PictureIds): string {
  const extent = `cx="${p.width}" cy="${p.height}"`;
  const descr = p.description ? ` descr="${esc(p.description)}"` : "";
  return (
    `<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent ${extent}/>` +
    '<wp:effectExtent t="0" r="0" b="0" l="0"/>' +
    `<wp:docPr id="${pictures.nextDrawing()}" name="${esc(p.name)}"${descr}/>` +
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1"/></wp:cNvGraphicFramePr>' +
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">' +
    '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="0" name="" descr=""/>' +
    '<pic:cNvPicPr><a:picLocks noChangeAspect="1" noChangeArrowheads="1"/></pic:cNvPicPr></pic:nvPicPr>' +
    `<pic:blipFill><a:blip r:embed="${pictures.relationship(p)}" cstate="none"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext ${extent}/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
  );
}

/** A paragraph; `sectPr` ends a section with it. */
export function paragraphXml(p: Paragraph, pictures?: PictureIds, sectPr = ""): string {
  const props = wrapped("w:pPr", paragraphProps(p) + sectPr);
  let runs = "";
  for (const r of p.runs) runs += runXml(r, pictures);
  return props || runs ? `<w:p>${props}${runs}</w:p>` : "<w:p/>";
}

const dxa = (name: string, w: number) => `<${name} w:type="dxa" w:w="${whole(w)}"/>`;

export function tableXml(t: Table, pictures?: PictureIds): string {
  const b = t.borders;
  const m = t.margins;
  let out =
    "<w:tbl><w:tblPr>" +
    (t.float
      ? empty("w:tblpPr", [
          ["w:tblpX", whole(t.float.x)],
          ["w:tblpY", whole(t.float.y)],
          ["w:horzAnchor", "page"],
          ["w:vertAnchor", "margin"],
        ])
      : "") +
    dxa("w:tblW", t.width) +
    (t.alignment ? val("w:jc", t.alignment) : "") +
    "<w:tblBorders>" +
    border("w:top", b.top) +
    border("w:left", b.left) +
    border("w:bottom", b.bottom) +
    border("w:right", b.right) +
    border("w:insideH", b.insideH) +
    border("w:insideV", b.insideV) +
    '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>' +
    dxa("w:top", m.top) +
    dxa("w:left", m.left) +
    dxa("w:bottom", m.bottom) +
    dxa("w:right", m.right) +
    "</w:tblCellMar></w:tblPr>";
  const grid = t.columnWidths.map((w) => `<w:gridCol w:w="${whole(w)}"/>`).join("");
  out += grid ? `<w:tblGrid>${grid}</w:tblGrid>` : "<w:tblGrid/>";
  for (const row of t.rows) {
    // a row without cells is left out, as Word would not open it
    if (row.cells.length === 0) continue;
    out += `<w:tr>${wrapped(
      "w:trPr",
      (row.cantSplit === undefined
        ? ""
        : row.cantSplit
          ? "<w:cantSplit/>"
          : val("w:cantSplit", "off")) +
        (row.tableHeader === undefined
          ? ""
          : row.tableHeader
            ? "<w:tblHeader/>"
            : val("w:tblHeader", "off")),
    )}`;
    for (const c of row.cells) {
      out += `<w:tc><w:tcPr>${dxa("w:tcW", c.width)}${c.verticalAlign ? val("w:vAlign", c.verticalAlign) : ""}</w:tcPr>`;
      for (const p of c.children) out += paragraphXml(p, pictures);
      // a cell ends with a paragraph
      if (c.children.length === 0) out += "<w:p/>";
      out += "</w:tc>";
    }
    out += "</w:tr>";
  }
  return `${out}</w:tbl>`;
}

/** The relationship ids of a section's headers and footers, by kind of page. */
export interface StoryRefs {
  default?: string;
  first?: string;
  even?: string;
}

export interface SectionProps {
  orientation: "portrait" | "landscape";
  /** Where the section starts; without one it follows on (the first section). */
  type?: "nextPage" | "evenPage";
  titlePage?: boolean;
  /** Page size, margins (upright) and line pitch, in twips. */
  page: { width: number; height: number };
  margin: {
    top: number;
    right: number;
    bottom: number;
    left: number;
    header: number;
    footer: number;
    gutter: number;
  };
  linePitch: number;
}

export function sectionXml(s: SectionProps, headers: StoryRefs, footers: StoryRefs): string {
  const refs = (name: string, r: StoryRefs) =>
    (["default", "first", "even"] as const)
      .map((k) => (r[k] ? `<${name} w:type="${k}" r:id="${r[k]}"/>` : ""))
      .join("");
  const landscape = s.orientation === "landscape";
  const m = s.margin;
  return (
    "<w:sectPr>" +
    refs("w:headerReference", headers) +
    refs("w:footerReference", footers) +
    (s.type ? val("w:type", s.type) : "") +
    empty("w:pgSz", [
      ["w:w", whole(landscape ? s.page.height : s.page.width)],
      ["w:h", whole(landscape ? s.page.width : s.page.height)],
      ["w:orient", s.orientation],
    ]) +
    empty("w:pgMar", [
      ["w:top", whole(m.top)],
      ["w:right", whole(m.right)],
      ["w:bottom", whole(m.bottom)],
      ["w:left", whole(m.left)],
      ["w:header", whole(m.header)],
      ["w:footer", whole(m.footer)],
      ["w:gutter", whole(m.gutter)],
    ]) +
    "<w:pgNumType/>" +
    (s.titlePage === undefined ? "" : onOff("w:titlePg", s.titlePage)) +
    `<w:docGrid w:type="lines" w:linePitch="${whole(s.linePitch)}"/>` +
    "</w:sectPr>"
  );
}
