// XLSX ledgers: the one module that reads Excel/WPS workbooks. A workbook's bytes become the
// text of its ledger sheet (sheet-text.ts), which table.ts turns into records like a CSV's.
//
// A lean reader of the Office Open XML parts a ledger needs (workbook, relationships, shared
// strings, styles for date formats, one worksheet), synchronous and bounded: a 500,000-row sheet
// reads in seconds, where exceljs's whole-workbook load took minutes and gigabytes (README,
// benchmarks). Workbooks written by Excel, WPS and exceljs are tested. Whatever the bytes, the
// result is text or located diagnostics, never an exception: not a workbook, an old .xls,
// password-protected, damaged, inflating past the limit (zip bombs).
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { XlsxProblem } from "../diagnostics/codes/xlsx.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { serialParts } from "./cells.ts";
import { LEDGER_SHEETS } from "./ledger-columns.ts";
import type { LedgerSheetKind } from "./ledger-columns.ts";
import { escapeCell } from "./sheet-text.ts";
import { ZipArchive, ZipError } from "./zip.ts";

/**
 * Most bytes a workbook may inflate to, all parts together (1 GiB): a 500,000-row ledger sheet
 * is about 300 MB of XML; a zip bomb stops here.
 */
export const MAX_XLSX_INFLATED_BYTES = 1024 * 1024 * 1024;

export interface XlsxRead {
  /** The ledger sheet as sheet text; null when the workbook could not be read. */
  text: string | null;
  diagnostics: Diagnostic[];
}

const XML_ENTITIES: Record<string, string> = {
  lt: "<",
  gt: ">",
  amp: "&",
  quot: '"',
  apos: "'",
};

/** XML character data → text, with OOXML's _xHHHH_ escapes. */
function xmlText(s: string): string {
  let t = s.includes("&")
    ? s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
        if (e[0] === "#") {
          const cp = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
          return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
        }
        return XML_ENTITIES[e] ?? m;
      })
    : s;
  if (t.includes("_x"))
    t = t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return t;
}

/**
 * Element names without their namespace prefix (`<x:row>` → `<row>`): the .NET Open XML SDK and
 * some reporting systems write every element prefixed. Attributes (`r:id`) are untouched.
 */
function unprefix(xml: string): string {
  return xml.replace(/<(\/?)[A-Za-z_][\w.-]*:(?=[A-Za-z_])/g, "<$1");
}

/** The prefix of a part's root element (`x` for `<x:worksheet`), or null. */
function rootPrefix(head: string): string | null {
  return /<([A-Za-z_][\w.-]*):(?:worksheet|workbook|sst|styleSheet)\b/.exec(head)?.[1] ?? null;
}

/** A small part as text, element prefixes removed. */
function part(zip: ZipArchive, name: string): string | null {
  const b = zip.read(name);
  if (b === null) return null;
  const text = b.toString("utf8");
  return rootPrefix(text.slice(0, 4096)) === null ? text : unprefix(text);
}

function attr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? xmlText(m[1] ?? m[2] ?? "") : null;
}

/** An attribute of a short start tag (`<c r="C3" t="s">`), without a regular expression per call. */
function quickAttr(tag: string, name: string): string | null {
  const key = ` ${name}="`;
  let at = tag.indexOf(key);
  if (at === -1) {
    at = tag.indexOf(` ${name}='`);
    // Other spacing (`t = "s"`, a line break before the name): the general reader.
    if (at === -1)
      return tag.includes(`${name}=`) || tag.includes(`${name} =`) ? attr(tag, name) : null;
  }
  const start = at + key.length;
  const end = tag.indexOf(tag[start - 1] as string, start);
  return end === -1 ? null : xmlText(tag.slice(start, end));
}

/** The text of a string item (`<si>`, `<is>`): every `<t>` run, without phonetic guides. */
function runText(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += xmlText(m[1] ?? "");
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

/** Whether a number format code shows a date or time (y, m, d, h, s outside quotes and brackets). */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "").replace(/general/gi, "");
  return /[ymdhs年月日时]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** Which cell style indexes (`s`) show dates. */
function dateStyles(xml: string | null): Set<number> {
  const out = new Set<number>();
  if (xml === null) return out;
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = Number(attr(m[1] as string, "numFmtId"));
    custom.set(id, attr(m[1] as string, "formatCode") ?? "");
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? "";
  let i = 0;
  for (const m of xfs.matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attr(m[1] as string, "numFmtId") ?? 0);
    const code = custom.get(id);
    if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) out.add(i);
    i++;
  }
  return out;
}

/** 1-based column of a cell reference such as `C12`. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
  }
  return col;
}

interface SheetPart {
  name: string;
  path: string;
}

/** The workbook's sheets in order, with the part each is stored in. */
function sheetsOf(zip: ZipArchive): { sheets: SheetPart[]; date1904: boolean } {
  const wb = part(zip, "xl/workbook.xml") ?? "";
  const rels = part(zip, "xl/_rels/workbook.xml.rels") ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const id = attr(m[1] as string, "Id");
    const target = attr(m[1] as string, "Target");
    if (id !== null && target !== null)
      targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const sheets: SheetPart[] = [];
  for (const m of wb.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const a = m[1] as string;
    const rid = /\br:id\s*=\s*"([^"]*)"/.exec(a)?.[1] ?? /\bid\s*=\s*"([^"]*)"/.exec(a)?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (path) sheets.push({ name: attr(a, "name") ?? "", path: path.replace(/\/\.\//g, "/") });
  }
  const date1904 = /<workbookPr\b[^>]*\bdate1904\s*=\s*"(1|true)"/.test(wb);
  return { sheets, date1904 };
}

/** The ledger's sheet: by its Chinese name or an alias, or the only sheet of the workbook. */
function pickSheet(sheets: SheetPart[], kind: LedgerSheetKind): SheetPart | null {
  const spec = LEDGER_SHEETS[kind];
  const names = [spec.sheet, ...spec.aliases];
  for (const n of names) {
    const s = sheets.find((x) => x.name.trim() === n);
    if (s) return s;
  }
  return sheets.length === 1 ? (sheets[0] as SheetPart) : null;
}

const CHUNK = 16 * 1024 * 1024;
const DAYS_1904 = 1462;

/** The worksheet XML → sheet text lines (after the name line). */
function sheetLines(
  xml: Buffer,
  shared: readonly string[],
  dates: ReadonlySet<number>,
  date1904: boolean,
): string[] {
  const lines: string[] = [];
  const prefix = rootPrefix(xml.toString("utf8", 0, Math.min(xml.length, 4096)));
  const rowEnd = Buffer.from(prefix === null ? "</row>" : `</${prefix}:row>`);
  let from = xml.indexOf(prefix === null ? "<sheetData" : `<${prefix}:sheetData`);
  if (from === -1) return lines;
  // Rows end with the sheet data (page breaks, conditional formats follow).
  const dataEnd = xml.indexOf(prefix === null ? "</sheetData>" : `</${prefix}:sheetData>`, from);
  const limit = dataEnd === -1 ? xml.length : dataEnd;
  let autoRow = 0;
  while (from < limit) {
    // Decode a window that ends after a whole row, so no row is cut between chunks.
    let to = Math.min(limit, from + CHUNK);
    if (to < limit) {
      const cut = xml.lastIndexOf(rowEnd, to);
      to = cut > from ? cut + rowEnd.length : xml.indexOf(rowEnd, to) + rowEnd.length;
      if (to < rowEnd.length || to > limit) to = limit;
    }
    const raw = xml.toString("utf8", from, to);
    const text = prefix === null ? raw : unprefix(raw);
    from = to;
    let p = text.indexOf("<row");
    while (p !== -1) {
      const gt = text.indexOf(">", p);
      if (gt === -1) break;
      const rowTag = text.slice(p, gt);
      const rAttr = quickAttr(rowTag, "r");
      const rowNum = rAttr !== null ? Number(rAttr) : autoRow + 1;
      autoRow = rowNum;
      if (text.charCodeAt(gt - 1) === 47 /* / */) {
        p = text.indexOf("<row", gt);
        continue;
      }
      const close = text.indexOf("</row>", gt);
      const rowEndAt = close === -1 ? text.length : close;
      const cells: string[] = [];
      let autoCol = 0;
      let any = false;
      let c = text.indexOf("<c", gt);
      while (c !== -1 && c < rowEndAt) {
        const next = text.charCodeAt(c + 2);
        if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13) {
          c = text.indexOf("<c", c + 2); // <col …>, <commentPr …>: not a cell
          continue;
        }
        const cgt = text.indexOf(">", c);
        const tag = text.slice(c, cgt);
        const ref = quickAttr(tag, "r");
        const col = ref !== null ? columnOf(ref) : autoCol + 1;
        autoCol = col;
        let inner = "";
        let after = cgt + 1;
        if (text.charCodeAt(cgt - 1) !== 47) {
          const cend = text.indexOf("</c>", cgt);
          inner = text.slice(cgt + 1, cend === -1 ? rowEndAt : cend);
          after = cend === -1 ? rowEndAt : cend + 4;
        }
        const t = quickAttr(tag, "t") ?? "n";
        const vs = inner.indexOf("<v");
        let v: string | undefined;
        if (vs !== -1) {
          const vgt = inner.indexOf(">", vs);
          const ve = inner.indexOf("</v>", vgt);
          if (vgt !== -1 && ve !== -1 && inner.charCodeAt(vgt - 1) !== 47)
            v = inner.slice(vgt + 1, ve);
        }
        let value = "";
        if (t === "s") value = v !== undefined ? (shared[Number(v)] ?? "") : "";
        else if (t === "inlineStr") value = runText(inner);
        else if (t === "b") value = v === "1" ? "TRUE" : v === "0" ? "FALSE" : (v ?? "");
        else if (t === "str" || t === "e" || t === "d") value = xmlText(v ?? "");
        else if (v !== undefined) {
          const style = Number(quickAttr(tag, "s") ?? 0);
          const n = Number(v);
          if (dates.has(style) && Number.isFinite(n)) {
            const parts = serialParts(date1904 ? n + DAYS_1904 : n);
            value =
              Number.isInteger(n) || parts.time === "00:00"
                ? parts.date
                : `${parts.date}T${parts.time}`;
          } else value = v.trim();
        }
        c = text.indexOf("<c", after);
        if (value === "") continue;
        while (cells.length < col - 1) cells.push("");
        cells[col - 1] = escapeCell(value.trim());
        any = true;
      }
      if (any) lines.push(`${rowNum}\t${cells.join("\t")}`);
      p = text.indexOf("<row", rowEndAt);
    }
  }
  return lines;
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** `EncryptionInfo` as the compound file's directory writes it (UTF-16LE). */
const ENCRYPTION_INFO = Buffer.from("EncryptionInfo", "utf16le");

function problemOf(bytes: Uint8Array): XlsxProblem | null {
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // An encrypted OOXML workbook is a compound file holding EncryptionInfo; else an old .xls.
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTION_INFO)
      ? { kind: "encrypted" }
      : { kind: "not-xlsx", found: "xls" };
  }
  return null;
}

function xlsxDiagnostic(file: string, problem: XlsxProblem): Diagnostic {
  const at = { position: { file, line: 1, col: 1 }, path: "" };
  switch (problem.kind) {
    case "not-xlsx":
      return makeDiagnostic("xlsx/not-xlsx", { ...at, params: { file, problem } });
    case "encrypted":
      return makeDiagnostic("xlsx/encrypted", { ...at, params: { file, problem } });
    case "damaged":
      return makeDiagnostic("xlsx/damaged", { ...at, params: { file, problem } });
    case "too-large":
      return makeDiagnostic("xlsx/too-large", { ...at, params: { file, problem } });
    case "no-sheet":
      return makeDiagnostic("xlsx/no-sheet", { ...at, params: { file, problem } });
    default: {
      const never: never = problem;
      return never;
    }
  }
}

/**
 * Reads the ledger sheet of kind `kind` from the workbook `bytes` of content file `rel`.
 * `budget` bounds the inflated size (tests use small ones).
 */
export function readXlsx(
  rel: string,
  bytes: Uint8Array,
  kind: LedgerSheetKind,
  budget = MAX_XLSX_INFLATED_BYTES,
): XlsxRead {
  const fail = (problem: XlsxProblem): XlsxRead => ({
    text: null,
    diagnostics: [xlsxDiagnostic(rel, problem)],
  });
  const early = problemOf(bytes);
  if (early) return fail(early);
  try {
    const zip = new ZipArchive(bytes, budget);
    if (!zip.has("xl/workbook.xml")) {
      const found = zip.has("content.xml") ? "ods" : zip.has("word/document.xml") ? "docx" : "zip";
      return fail({ kind: "not-xlsx", found });
    }
    const { sheets, date1904 } = sheetsOf(zip);
    const sheet = pickSheet(sheets, kind);
    if (!sheet) {
      return fail({
        kind: "no-sheet",
        wanted: LEDGER_SHEETS[kind].sheet,
        sheets: sheets.map((s) => s.name),
      });
    }
    const xml = zip.read(sheet.path);
    if (xml === null) return fail({ kind: "damaged", part: sheet.path });
    const sst = part(zip, "xl/sharedStrings.xml") ?? "";
    const shared: string[] = [];
    for (const m of sst.matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g))
      shared.push(runText(m[1] ?? ""));
    const dates = dateStyles(part(zip, "xl/styles.xml"));
    const lines = sheetLines(xml, shared, dates, date1904);
    return { text: [sheet.name.replace(/[\t\n\r]/g, " "), ...lines].join("\n"), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    const p = e.problem;
    switch (p.kind) {
      case "not-zip":
        return fail({ kind: "not-xlsx", found: "other" });
      case "encrypted":
        return fail({ kind: "encrypted" });
      case "too-large":
        return fail({ kind: "too-large", limit: p.limit });
      case "damaged":
        return fail({ kind: "damaged", part: p.entry });
      case "method":
        return fail({ kind: "damaged", part: p.entry });
      default: {
        const never: never = p;
        return never;
      }
    }
  }
}
