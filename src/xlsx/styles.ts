// The cell formats of a table workbook (xl/styles.xml), numbered as exceljs numbered them: a
// number format, font, border, fill or format record gets the next number when a column or a
// cell first uses it (sheet by sheet; in a sheet the columns, then the cells row by row), and a
// record is the same record when its XML is the same.
import { DECLARATION, esc } from "./xml.ts";

/** The font of every cell (the ledger template's too). */
export const FONT = { name: "宋体", size: 11 } as const;
/** The header row's fill and every table cell's border colour (ARGB). */
export const HEADER_FILL_ARGB = "FFE7EEF7";
export const BORDER_ARGB = "FF999999";

export type FontKind = "plain" | "bold" | "title";

const font = (size: number, bold: boolean) =>
  `<font>${bold ? "<b/>" : ""}<sz val="${size}"/><name val="${esc(FONT.name)}"/></font>`;

const FONTS: Record<FontKind, string> = {
  plain: font(FONT.size, false),
  bold: font(FONT.size, true),
  title: font(14, true),
};
/** Font 0, which no cell of ours uses. */
const DEFAULT_FONT =
  '<font><color theme="1"/><family val="2"/><scheme val="minor"/><sz val="11"/><name val="Calibri"/></font>';

const edge = (side: string) => `<${side} style="thin"><color rgb="${BORDER_ARGB}"/></${side}>`;
const NO_BORDER = "<border><left/><right/><top/><bottom/><diagonal/></border>";
const THIN_BORDER = `<border>${["left", "right", "top", "bottom"].map(edge).join("")}<diagonal/></border>`;

const NO_FILLS = [
  '<fill><patternFill patternType="none"/></fill>',
  '<fill><patternFill patternType="gray125"/></fill>',
];
const HEADER_FILL = `<fill><patternFill patternType="solid"><fgColor rgb="${HEADER_FILL_ARGB}"/></patternFill></fill>`;

/** Built-in number formats by code: they have fixed ids and are not listed in numFmts. */
const BUILT_IN: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "@": 49 };
/** The first id of a format the workbook lists. */
const CUSTOM_BASE = 164;

/** A cell's (or a column's) format. */
export interface Format {
  numFmt: string;
  font: FontKind;
  border?: boolean;
  fill?: boolean;
  /** The `<alignment/>` element, if any. */
  alignment?: string;
}

/** `<alignment/>`: attributes in the order horizontal, vertical, wrapText. */
export function alignment(horizontal: string | null, vertical: string, wrap: boolean): string {
  return `<alignment${horizontal ? ` horizontal="${horizontal}"` : ""} vertical="${vertical}"${wrap ? ' wrapText="1"' : ""}/>`;
}

/** A list of distinct XML records, each numbered by its first appearance. */
class Records {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(first: readonly string[]) {
    for (const xml of first) this.add(xml);
  }

  add(xml: string): number {
    let k = this.index.get(xml);
    if (k === undefined) {
      k = this.list.push(xml) - 1;
      this.index.set(xml, k);
    }
    return k;
  }
}

/** The workbook's formats: `id` numbers a format as a cell's `s` (a column's `style`). */
export class StyleBook {
  private readonly numFmts: string[] = [];
  private readonly numFmtIds = new Map<string, number>();
  private readonly fonts = new Records([DEFAULT_FONT]);
  private readonly borders = new Records([NO_BORDER]);
  private readonly fills = new Records(NO_FILLS);
  private readonly xfs = new Records([
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
  ]);

  private numFmtId(code: string): number {
    const builtIn = BUILT_IN[code];
    if (builtIn !== undefined) return builtIn;
    let id = this.numFmtIds.get(code);
    if (id === undefined) {
      id = CUSTOM_BASE + this.numFmts.length;
      this.numFmtIds.set(code, id);
      this.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`);
    }
    return id;
  }

  /** The format's number, its parts numbered first (number format, font, border, fill). */
  id(f: Format): number {
    const numFmt = this.numFmtId(f.numFmt);
    const font = this.fonts.add(FONTS[f.font]);
    const border = f.border ? this.borders.add(THIN_BORDER) : 0;
    const fill = f.fill ? this.fills.add(HEADER_FILL) : 0;
    return this.xfs.add(
      `<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"` +
        (numFmt ? ' applyNumberFormat="1"' : "") +
        (font ? ' applyFont="1"' : "") +
        (fill ? ' applyFill="1"' : "") +
        (border ? ' applyBorder="1"' : "") +
        (f.alignment ? ` applyAlignment="1">${f.alignment}</xf>` : "/>"),
    );
  }

  /** xl/styles.xml. */
  xml(): string {
    const list = (tag: string, items: readonly string[], extra = "") =>
      `<${tag} count="${items.length}"${extra}>${items.join("")}</${tag}>`;
    return (
      DECLARATION +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"' +
      ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac x16r2"' +
      ' xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"' +
      ' xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main">' +
      (this.numFmts.length ? list("numFmts", this.numFmts) : "") +
      list("fonts", this.fonts.list, ' x14ac:knownFonts="1"') +
      list("fills", this.fills.list) +
      list("borders", this.borders.list) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfs.list) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '<dxfs count="0"/>' +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>' +
      '<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">' +
      '<x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst>' +
      "</styleSheet>"
    );
  }
}
