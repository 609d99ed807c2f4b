// load: content folder → file texts → parsed SourceFiles with positions.
// Takes a folder path (or an in-memory file map); gives parsed values and syntax diagnostics.
// Must not validate meaning (that is validate/) nor write anything.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { FolderRole, UnknownFile } from "../diagnostics/codes/files.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { ContentTexts } from "./content-texts.ts";
import { parseCsvFile } from "./csv.ts";
import { utf8TextOf } from "./byte-source.ts";
import type { ByteSource, Utf8Content } from "./byte-source.ts";
import { LEDGER_SHEETS } from "./ledger-columns.ts";
import type { LedgerSheetKind } from "./ledger-columns.ts";
import { SheetData } from "./sheet-data.ts";
import { parseSheet } from "./table.ts";
import { listContentFolder, readContentFile } from "./read.ts";
import type { FileRead, FolderEntry } from "./read.ts";
import type { Refine, SourceFile } from "./source-file.ts";
import { parseYamlFile } from "./yaml.ts";

export type FileKind =
  | "office"
  | "leadership"
  | "units"
  | "rules"
  | "petitions"
  | "meetings"
  | "weekly-reports"
  | "mediation"
  | "receptions"
  | "plan"
  | "agreement"
  | "notice"
  | "report"
  /** An office page, pages/<name>.mdx: Markdown plus the site's components (validate/pages). */
  | "page";

/** Document folders and the kind of file each holds. */
export const DOCUMENT_DIRS = {
  plans: "plan",
  agreements: "agreement",
  notices: "notice",
  reports: "report",
} as const;

export interface Classified {
  kind: FileKind;
  year: number | null;
}

/** What a content-relative path holds, or null when it is not a file this stage reads. */
export function classify(rel: string): Classified | null {
  if (rel === "office.yaml") return { kind: "office", year: null };
  if (rel === "leadership.yaml") return { kind: "leadership", year: null };
  if (rel === "units.yaml") return { kind: "units", year: null };
  if (/^pages\/[^/]+\.mdx$/.test(rel)) return { kind: "page", year: null };
  const doc = /^(plans|agreements|notices|reports)\/[^/]+\.yaml$/.exec(rel);
  if (doc) return { kind: DOCUMENT_DIRS[doc[1] as keyof typeof DOCUMENT_DIRS], year: null };
  let m = /^rules\/(\d{4})\.yaml$/.exec(rel);
  if (m) return { kind: "rules", year: Number(m[1]) };
  m =
    /^ledger\/(\d{4})\/(petitions\.(?:yaml|csv|xlsx)|meetings\.(?:yaml|xlsx)|weekly-reports\.(?:yaml|xlsx)|mediation\.yaml|receptions\.yaml)$/.exec(
      rel,
    );
  if (m) {
    const name = m[2] as string;
    const kind = name.replace(/\.(?:yaml|csv|xlsx)$/, "") as FileKind;
    return { kind, year: Number(m[1]) };
  }
  return null;
}

export interface ReadScope {
  /** Only these years' rules and ledgers; undefined = every year found. */
  year?: number;
  /** Skip office.yaml and leadership.yaml (scoring needs only units, rules and ledgers). */
  scoringOnly?: boolean;
  /** Skip the ledgers and pages (a plan or an agreement needs neither: `xinfang pdf`). */
  documentsOnly?: boolean;
  /**
   * Of the document files, keep only those that may hold this document (a plan or an agreement
   * stands alone: `xinfang pdf` of one needs no other document file).
   */
  document?: string;
}

/** The top-level `id:` of a YAML file when a plain line says it, else null (then: not known). */
function plainTopLevelId(text: string): string | null {
  const lines = text.match(/^id[ \t]*:.*$/gm);
  if (lines?.length !== 1) return null;
  const m = /^id[ \t]*:[ \t]*(["']?)([\w.-]+)\1[ \t]*(?:#.*)?\r?$/.exec(lines[0] as string);
  return m ? (m[2] as string) : null;
}

/**
 * Whether document file `rel` (its text `text`) may hold the document `id` (plan-<id>,
 * report-<id>, notice-<id>-…, agreement-<id>-…): false only when it is a document of another kind
 * or its top-level `id:` line plainly names another document. Anything unusual keeps the file.
 */
export function mayHoldDocument(rel: string, text: string, id: string): boolean {
  const kind = classify(rel)?.kind;
  if (kind === undefined || !Object.values(DOCUMENT_DIRS).some((k) => k === kind)) return true;
  if (!id.startsWith(`${kind}-`)) return false;
  const own = plainTopLevelId(text);
  if (own === null) return true;
  const rest = id.slice(kind.length + 1);
  return kind === "plan" || kind === "report" ? rest === own : rest.startsWith(`${own}-`);
}

/** Names in content folders that are never read nor reported: hidden files, editor leftovers. */
export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    name.startsWith(".") || // .DS_Store, ._x (macOS), .git, .x.swp
    name.startsWith("~$") || // Office lock files
    name.endsWith("~") || // editor backups
    lower === "thumbs.db" ||
    lower === "desktop.ini"
  );
}

/** file/unknown for `rel`, a file or folder that `role`'s folder holds but this tool does not read. */
export function unknownFileDiagnostic(
  rel: string,
  directory: boolean,
  role: FolderRole,
): Diagnostic {
  const slash = rel.lastIndexOf("/");
  const folder = slash === -1 ? "" : rel.slice(0, slash);
  const name = rel.slice(slash + 1);
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const lowered = `${folder}/${name.toLowerCase()}`;
  const where = { file: rel, role, folder };
  let params: UnknownFile = { ...where, reason: "not-ours" };
  if (directory) params = { ...where, reason: "folder" };
  else if (["xlsx", "xls", "xlsm", "et", "ods"].includes(ext))
    params = { ...where, reason: "spreadsheet" };
  else if (ext === "yml") params = { ...where, reason: "yml", rename: `${stem}.yaml` };
  else if (classify(`${folder}/${stem}.${ext}`) !== null || classify(lowered) !== null) {
    const rename =
      classify(`${folder}/${stem}.${ext}`) !== null ? `${stem}.${ext}` : name.toLowerCase();
    params = { file: rel, reason: "case", rename };
  } else if (role === "ledger" && classify(`ledger/2025/${name}`) !== null)
    params = { file: rel, reason: "outside-year", name };
  else if (role === "ledger-year" && ext === "csv") params = { ...where, reason: "csv" };
  return makeDiagnostic("file/unknown", {
    position: { file: rel, line: 1, col: 1 },
    path: "",
    params,
  });
}

function notAFolderDiagnostic(rel: string): Diagnostic {
  return makeDiagnostic("file/unknown", {
    position: { file: rel, line: 1, col: 1 },
    path: "",
    params: { file: rel, reason: "not-a-folder" },
  });
}

const READ_CONCURRENCY = 8;

export interface ContentFiles {
  /**
   * Decoded text of every content file read, by content-relative path, sorted by path (a CSV
   * ledger kept as bytes, decoded when its text is asked for).
   */
  texts: ContentTexts;
  /**
   * Problems found while reading: paths that are not regular files, too large or undecodable
   * (errors), files the tool does not read and legacy encodings (warnings).
   */
  diagnostics: Diagnostic[];
  /** Content files that exist but could not be read (each has an error in `diagnostics`). */
  unreadable: Set<string>;
}

/**
 * Reads every content file in scope (through read.ts: regular files only, decoded) into a map of
 * content-relative path → text, and reports what it could not read or does not read.
 * Throws ContentReadError when the disk refuses (permissions, I/O errors).
 */
export async function readContentFiles(dir: string, scope: ReadScope = {}): Promise<ContentFiles> {
  const diagnostics: Diagnostic[] = [];
  const wanted: string[] = ["units.yaml"];
  if (!scope.scoringOnly) wanted.push("office.yaml", "leadership.yaml");

  const list = async (rel: string): Promise<FolderEntry[]> => {
    const listing = await listContentFolder(dir, rel);
    if (listing.status === "not-a-folder") diagnostics.push(notAFolderDiagnostic(rel));
    return listing.status === "ok" ? listing.entries.filter((e) => !isIgnoredName(e.name)) : [];
  };
  /** Files of a folder this stage reads; `take` says whether a known file is in scope. */
  const scan = async (folder: string, role: FolderRole, take: (c: Classified) => boolean) => {
    for (const e of await list(folder)) {
      const rel = `${folder}/${e.name}`;
      const c = classify(rel); // a folder named like a ledger is refused by read.ts
      if (c) {
        if (take(c)) wanted.push(rel);
      } else diagnostics.push(unknownFileDiagnostic(rel, e.directory, role));
    }
  };

  if (!scope.scoringOnly) {
    for (const folder of Object.keys(DOCUMENT_DIRS)) await scan(folder, "documents", () => true);
    if (!scope.documentsOnly) await scan("pages", "pages", () => true);
  }
  const inYear = (year: number | null) => scope.year === undefined || year === scope.year;
  await scan("rules", "rules", (c) => inYear(c.year));
  for (const e of scope.documentsOnly ? [] : await list("ledger")) {
    const rel = `ledger/${e.name}`;
    if (!/^\d{4}$/.test(e.name)) {
      diagnostics.push(unknownFileDiagnostic(rel, e.directory, "ledger"));
      continue;
    }
    if (!inYear(Number(e.name))) continue;
    await scan(
      rel,
      "ledger-year",
      (c) => !(scope.scoringOnly && (c.kind === "mediation" || c.kind === "receptions")),
    );
  }

  const texts = new Map<string, string | Utf8Content | SheetData>();
  const unreadable = new Set<string>();
  // A few files at a time: a folder of thousands of documents must not run out of descriptors.
  const results: FileRead[] = [];
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const i = next++;
      const rel = wanted[i] as string;
      const kind = classify(rel)?.kind;
      const sheet =
        rel.endsWith(".xlsx") &&
        (kind === "petitions" || kind === "meetings" || kind === "weekly-reports")
          ? kind
          : undefined;
      // A CSV ledger stays bytes: its rows are read from them (csv.ts).
      results[i] = await readContentFile(
        dir,
        rel,
        sheet ? { sheet } : rel.endsWith(".csv") ? { utf8: true } : {},
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, wanted.length) }, worker));
  const { document } = scope;
  wanted.forEach((rel, i) => {
    const r = results[i] as FileRead;
    if (r.status === "absent") return;
    if (
      document !== undefined &&
      r.status === "read" &&
      typeof r.text === "string" &&
      !mayHoldDocument(rel, r.text, document)
    )
      return;
    for (const d of r.diagnostics) diagnostics.push(d);
    if (r.status === "read") texts.set(rel, r.text);
    else unreadable.add(rel);
  });
  return {
    texts: new ContentTexts([...texts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    diagnostics,
    unreadable,
  };
}

/**
 * Parses a YAML, CSV or XLSX content file (an XLSX ledger as the rows read.ts read, or their text
 * form; pages are not parsed here: see validate/pages).
 */
export function parseContentFile(
  rel: string,
  /**
   * The text; for a CSV ledger read as UTF-8 bytes (ContentTexts.utf8Bytes) those bytes; for a
   * workbook's ledger sheet (ContentTexts.sheet) its rows.
   */
  text: string | Uint8Array | ByteSource | SheetData,
  /** Turns the rows of a table ledger of this kind into records as they are read. */
  refine?: Partial<Record<LedgerSheetKind, Refine>>,
): SourceFile {
  if (rel.endsWith(".xlsx")) {
    const c = classify(rel);
    const kind = c?.kind === "meetings" || c?.kind === "weekly-reports" ? c.kind : "petitions";
    const sheet = text instanceof SheetData ? text : SheetData.fromText(textOf(text));
    return parseSheet(rel, sheet, kind, c?.year ?? null, refine?.[kind]);
  }
  if (rel.endsWith(".csv")) {
    const c = classify(rel);
    const sheet = LEDGER_SHEETS.petitions;
    return parseCsvFile(
      rel,
      text instanceof SheetData ? text.text : text,
      sheet.listKey,
      sheet.columns,
      c?.year ?? null,
      refine?.petitions,
      sheet.row,
    );
  }
  return parseYamlFile(rel, textOf(text));
}

/** UTF-8 bytes as text; a text as it is. */
const textOf = (text: string | Uint8Array | ByteSource | SheetData): string =>
  typeof text === "string" ? text : text instanceof SheetData ? text.text : utf8TextOf(text);
