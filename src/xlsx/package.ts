// The parts of a table workbook around its sheets, as exceljs wrote them: content types,
// relationships, document properties, workbook.xml (sheets and print titles), and the order of
// the ZIP entries, folders included.
import type { ZipEntry } from "./zip.ts";
import { THEME_XML } from "./theme.ts";
import { DECLARATION, esc } from "./xml.ts";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const OFFICE_DOC = "application/vnd.openxmlformats-officedocument";

const utf8 = new TextEncoder();
/** A part as bytes; a part every workbook has is encoded once (and so deflated once: zip.ts). */
const bytes = (text: string) => utf8.encode(text);

/** A sheet of the package: its name (as exceljs kept it) and its header row (printed on each page). */
export interface PackageSheet {
  name: string;
  headerRow: number;
}

/** The workbook's document properties. */
export interface PackageMeta {
  title: string;
  creator: string;
  /** `YYYY-MM-DD`: created and modified. */
  date: string;
}

const relationships = (list: readonly (readonly [string, string])[]) =>
  `${DECLARATION}<Relationships xmlns="${RELS}">` +
  list
    .map(
      ([type, target], k) => `<Relationship Id="rId${k + 1}" Type="${type}" Target="${target}"/>`,
    )
    .join("") +
  "</Relationships>";

const ROOT_RELS = bytes(
  relationships([
    [`${OFFICE_RELS}/officeDocument`, "xl/workbook.xml"],
    [`${RELS}/metadata/core-properties`, "docProps/core.xml"],
    [`${OFFICE_RELS}/extended-properties`, "docProps/app.xml"],
  ]),
);
const THEME = bytes(THEME_XML);
const FOLDER = new Uint8Array(0);

/** The bytes of a part that depends only on the number of sheets, made once for each number. */
function bySheetCount(make: (count: number) => string): (count: number) => Uint8Array {
  const made = new Map<number, Uint8Array>();
  return (count) => {
    let b = made.get(count);
    if (!b) made.set(count, (b = bytes(make(count))));
    return b;
  };
}

const contentTypes = bySheetCount((count) => {
  const override = (part: string, type: string) =>
    `<Override PartName="${part}" ContentType="${type}"/>`;
  const sheets = Array.from({ length: count }, (_, k) =>
    override(`/xl/worksheets/sheet${k + 1}.xml`, `${OFFICE_DOC}.spreadsheetml.worksheet+xml`),
  );
  return (
    `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override("/xl/workbook.xml", `${OFFICE_DOC}.spreadsheetml.sheet.main+xml`) +
    sheets.join("") +
    override("/xl/theme/theme1.xml", `${OFFICE_DOC}.theme+xml`) +
    override("/xl/styles.xml", `${OFFICE_DOC}.spreadsheetml.styles+xml`) +
    override("/xl/sharedStrings.xml", `${OFFICE_DOC}.spreadsheetml.sharedStrings+xml`) +
    `<Default Extension="vml" ContentType="${OFFICE_DOC}.vmlDrawing"/>` +
    override("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml") +
    override("/docProps/app.xml", `${OFFICE_DOC}.extended-properties+xml`) +
    "</Types>"
  );
});

const workbookRels = bySheetCount((count) =>
  relationships([
    [`${OFFICE_RELS}/styles`, "styles.xml"],
    [`${OFFICE_RELS}/theme`, "theme/theme1.xml"],
    [`${OFFICE_RELS}/sharedStrings`, "sharedStrings.xml"],
    ...Array.from(
      { length: count },
      (_, k) => [`${OFFICE_RELS}/worksheet`, `worksheets/sheet${k + 1}.xml`] as const,
    ),
  ]),
);

function app(sheets: readonly PackageSheet[]): string {
  return (
    `${DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"` +
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
    '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
    `<vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">` +
    sheets.map((s) => `<vt:lpstr>${esc(s.name)}</vt:lpstr>`).join("") +
    "</vt:vector></TitlesOfParts><Company></Company><Manager></Manager>" +
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>" +
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>"
  );
}

function core(meta: PackageMeta): string {
  // an empty creator was written as exceljs's placeholder
  const creator = esc(meta.creator || "Unknown");
  const when = new Date(`${meta.date}T00:00:00Z`).toISOString().replace(/[.]\d{3}/, "");
  const date = (tag: string) =>
    `<dcterms:${tag} xsi:type="dcterms:W3CDTF">${when}</dcterms:${tag}>`;
  return (
    `${DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${creator}</dc:creator><dc:title>${esc(meta.title)}</dc:title>` +
    "<dc:subject></dc:subject><dc:description></dc:description><cp:keywords></cp:keywords>" +
    `<cp:category></cp:category><cp:lastModifiedBy>${creator}</cp:lastModifiedBy>` +
    `${date("created")}${date("modified")}</cp:coreProperties>`
  );
}

/** workbook.xml: the sheets, and each sheet's rows down to its header as print titles. */
function workbook(sheets: readonly PackageSheet[]): string {
  return (
    `${DECLARATION}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_RELS}"` +
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15"' +
    ' xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">' +
    '<fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/>' +
    '<workbookPr defaultThemeVersion="164011" filterPrivacy="1"/><sheets>' +
    sheets
      .map(
        (s, k) =>
          `<sheet sheetId="${k + 1}" name="${esc(s.name)}" state="visible" r:id="rId${k + 4}"/>`,
      )
      .join("") +
    "</sheets><definedNames>" +
    sheets
      .map(
        (s, k) =>
          `<definedName name="_xlnm.Print_Titles" localSheetId="${k}">` +
          // the name quoted as it is, quotes in it not doubled
          `${esc(`'${s.name}'!$1:$${s.headerRow}`)}</definedName>`,
      )
      .join("") +
    '</definedNames><calcPr calcId="171027"/></workbook>'
  );
}

/** The package's entries in exceljs's order, folders as empty entries. */
export function packageEntries(
  meta: PackageMeta,
  sheets: readonly PackageSheet[],
  sheetXml: readonly Uint8Array[],
  sharedStrings: Uint8Array,
  styles: string,
): ZipEntry[] {
  const n = sheets.length;
  return [
    { name: "[Content_Types].xml", data: contentTypes(n) },
    { name: "_rels/", data: FOLDER },
    { name: "_rels/.rels", data: ROOT_RELS },
    { name: "xl/", data: FOLDER },
    { name: "xl/_rels/", data: FOLDER },
    { name: "xl/_rels/workbook.xml.rels", data: workbookRels(n) },
    { name: "xl/worksheets/", data: FOLDER },
    ...sheetXml.map((data, k) => ({ name: `xl/worksheets/sheet${k + 1}.xml`, data })),
    { name: "xl/sharedStrings.xml", data: sharedStrings },
    { name: "xl/theme/", data: FOLDER },
    { name: "xl/theme/theme1.xml", data: THEME },
    { name: "xl/styles.xml", data: bytes(styles) },
    { name: "docProps/", data: FOLDER },
    { name: "docProps/app.xml", data: bytes(app(sheets)) },
    { name: "docProps/core.xml", data: bytes(core(meta)) },
    { name: "xl/workbook.xml", data: bytes(workbook(sheets)) },
  ];
}
