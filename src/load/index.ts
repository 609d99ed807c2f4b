// load: content folder → file texts → parsed SourceFiles with positions.
// Takes a folder path (or an in-memory file map); gives parsed values and syntax diagnostics.
// Must not validate meaning (that is validate/) nor write anything.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { PETITION_COLUMNS, parseCsvFile } from "./csv.ts";
import type { SourceFile } from "./source-file.ts";
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
    /^ledger\/(\d{4})\/(petitions\.(?:yaml|csv)|meetings\.yaml|weekly-reports\.yaml|mediation\.yaml|receptions\.yaml)$/.exec(
      rel,
    );
  if (m) {
    const name = m[2] as string;
    const kind: FileKind = name.startsWith("petitions")
      ? "petitions"
      : (name.replace(/\.yaml$/, "") as FileKind);
    return { kind, year: Number(m[1]) };
  }
  return null;
}

export interface ReadScope {
  /** Only these years' rules and ledgers; undefined = every year found. */
  year?: number;
  /** Skip office.yaml and leadership.yaml (scoring needs only units, rules and ledgers). */
  scoringOnly?: boolean;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() || e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

/** Reads every content file in scope into a map of content-relative path → text. */
export async function readContentFiles(
  dir: string,
  scope: ReadScope = {},
): Promise<Map<string, string>> {
  const wanted: string[] = ["units.yaml"];
  if (!scope.scoringOnly) wanted.push("office.yaml", "leadership.yaml");
  if (!scope.scoringOnly) {
    for (const folder of Object.keys(DOCUMENT_DIRS)) {
      for (const name of await listDir(join(dir, folder)))
        if (name.endsWith(".yaml")) wanted.push(`${folder}/${name}`);
    }
    for (const name of await listDir(join(dir, "pages")))
      if (name.endsWith(".mdx")) wanted.push(`pages/${name}`);
  }
  for (const name of await listDir(join(dir, "rules"))) {
    const rel = `rules/${name}`;
    const c = classify(rel);
    if (c && (scope.year === undefined || c.year === scope.year)) wanted.push(rel);
  }
  for (const yearDir of await listDir(join(dir, "ledger"))) {
    if (!/^\d{4}$/.test(yearDir) || (scope.year !== undefined && Number(yearDir) !== scope.year))
      continue;
    for (const name of await listDir(join(dir, "ledger", yearDir))) {
      const rel = `ledger/${yearDir}/${name}`;
      const kind = classify(rel)?.kind;
      if (kind && !(scope.scoringOnly && (kind === "mediation" || kind === "receptions")))
        wanted.push(rel);
    }
  }
  const files = new Map<string, string>();
  const texts = await Promise.all(
    wanted.map((rel) => readFile(join(dir, rel), "utf8").catch(() => null)),
  );
  wanted.forEach((rel, i) => {
    const t = texts[i];
    if (t !== null && t !== undefined) files.set(rel, t);
  });
  return new Map([...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const LIST_KEYS: Partial<Record<FileKind, string>> = { petitions: "petitions" };

/** Parses a YAML or CSV content file (pages are not parsed here: see validate/pages). */
export function parseContentFile(rel: string, text: string): SourceFile {
  if (rel.endsWith(".csv")) {
    const kind = classify(rel)?.kind;
    return parseCsvFile(rel, text, LIST_KEYS[kind ?? "petitions"] ?? "petitions", PETITION_COLUMNS);
  }
  return parseYamlFile(rel, text);
}
