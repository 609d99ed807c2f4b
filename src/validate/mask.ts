// Personal numbers at the boundary where user text enters (SPEC §1, privacy by design). Every
// free-text string of the validated Content is masked here, once, before anything concatenates
// to it, so every output (documents, site, PDFs, CLI) inherits masked text. Identifiers are not
// masked: they reach URLs, file names and audit trails, where a silently changed id would no
// longer match; an identifier holding a personal number is a `ref/personal-number` error instead.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { classify } from "../load/index.ts";
import type { FileKind } from "../load/index.ts";
import type { PathKey, SourceFile } from "../load/source-file.ts";
import { maskPersonal, maskPersonalMarkdown } from "../text/mask.ts";
import type { Content, DocumentFile, Ledger } from "./content.ts";

/** Document fields written in Markdown (schemas/documents.ts `markdown(…)`). */
export const MARKDOWN_FIELDS: ReadonlySet<string> = new Set([
  "preamble",
  "body",
  "tasks",
  "duties",
  "closing",
  "annual_closing",
]);

/**
 * Every string inside `value` masked; strings under a Markdown field masked as Markdown. What
 * holds no personal number is returned as it is (no copy), so masking a large ledger is cheap.
 */
function maskDeep<T>(value: T, markdown = false): T {
  if (typeof value === "string")
    return (markdown ? maskPersonalMarkdown(value) : maskPersonal(value)) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    value.forEach((v: unknown, i) => {
      const m = maskDeep(v, markdown);
      if (m !== v) (out ??= [...(value as unknown[])])[i] = m;
    });
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === "object") {
    let out: Record<string, unknown> | null = null;
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      const m = maskDeep(v, markdown || MARKDOWN_FIELDS.has(k));
      if (m !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = m;
    }
    return (out ?? value) as T;
  }
  return value;
}

/** `record` with every field masked except `keep` (paths and provenance), which stay as they are. */
function maskExcept<T extends object>(record: T, keep: readonly (keyof T)[]): T {
  const out = maskDeep(record);
  if (out === record) return record;
  for (const k of keep) if (k in record) out[k] = record[k];
  return out;
}

/**
 * The free-text fields of ledger records. Their other fields are identifiers (rejected when they
 * hold a number), dates, weeks, vocabularies, numbers and the origin or row; naming the few text fields
 * keeps masking a ledger of 500,000 records cheap. test/validate/mask.test.ts checks this list
 * against the schemas, so a new text field cannot be forgotten.
 */
export const LEDGER_TEXT_FIELDS = {
  petitions: ["category", "summary"],
  meetings: ["title"],
  weeklyReports: [],
  mediations: ["category", "summary"],
  receptions: ["leader"],
} as const satisfies Record<
  "petitions" | "meetings" | "weeklyReports" | "mediations" | "receptions",
  readonly string[]
>;

function maskFields<T extends object>(record: T, fields: readonly string[]): T {
  let out: Record<string, unknown> | null = null;
  for (const f of fields) {
    const v = (record as Record<string, unknown>)[f];
    if (typeof v !== "string") continue;
    const m = maskPersonal(v);
    if (m !== v) (out ??= { ...(record as Record<string, unknown>) })[f] = m;
  }
  return (out ?? record) as T;
}

/**
 * The records with their text fields masked: the list itself when no record changed (a
 * province's 2,000,000 petitions are not copied into another list of the same records).
 */
function maskRecords<T extends object>(list: T[], fields: readonly string[]): T[] {
  for (let i = 0; i < list.length; i++) {
    const r = list[i] as T;
    const m = maskFields(r, fields);
    if (m === r) continue;
    const out = list.slice();
    out[i] = m;
    for (let k = i + 1; k < list.length; k++) out[k] = maskFields(list[k] as T, fields);
    return out;
  }
  return list;
}

function maskLedger(l: Ledger): Ledger {
  const f = LEDGER_TEXT_FIELDS;
  return {
    ...l,
    petitions: maskRecords(l.petitions, f.petitions),
    meetings: maskRecords(l.meetings, f.meetings),
    weeklyReports: maskRecords(l.weeklyReports, f.weeklyReports),
    mediations: maskRecords(l.mediations, f.mediations),
    receptions: maskRecords(l.receptions, f.receptions),
  };
}

const maskDocuments = <T>(docs: readonly DocumentFile<T>[]): DocumentFile<T>[] =>
  docs.map((d) => ({ file: d.file, data: maskDeep(d.data) }));

/**
 * Validated content with every resident ID and mobile number in its free text masked: names,
 * roster, clauses, ledger summaries and categories, document titles, bodies and colophons.
 * Identifiers pass unchanged (`identifierDiagnostics` rejects those holding a number), and so do
 * file paths (office fonts, where each record and document came from).
 */
export function maskContent(content: Content): Content {
  return {
    office: content.office ? maskExcept(content.office, ["fonts"]) : null,
    leadership: maskDeep(content.leadership),
    units: maskDeep(content.units),
    rules: new Map([...content.rules].map(([y, r]) => [y, { ...r, rules: maskDeep(r.rules) }])),
    ledgers: new Map([...content.ledgers].map(([y, l]) => [y, maskLedger(l)])),
    plans: maskDocuments(content.plans),
    agreements: maskDocuments(content.agreements),
    notices: maskDocuments(content.notices),
    reports: maskDocuments(content.reports),
    // Office pages are masked where their text is read (validate/pages.ts).
    pages: content.pages,
  };
}

/** Where the identifiers of each kind of file stand: list key (or none) and the id fields. */
const IDENTIFIERS: Partial<Record<FileKind, { list: string | null; fields: string[] }>> = {
  units: { list: "units", fields: ["id"] },
  petitions: { list: "petitions", fields: ["id", "issue"] },
  meetings: { list: "meetings", fields: ["id"] },
  mediation: { list: "mediations", fields: ["id"] },
  receptions: { list: "receptions", fields: ["id"] },
  plan: { list: null, fields: ["id"] },
  agreement: { list: null, fields: ["id"] },
  notice: { list: null, fields: ["id"] },
  report: { list: null, fields: ["id"] },
};

const rec = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The values of a `when` condition (a value or a list of values per field), with their paths. */
function whenValues(when: unknown, base: PathKey[]): [PathKey[], unknown][] {
  return Object.entries(rec(when) ?? {}).flatMap(([field, v]): [PathKey[], unknown][] =>
    Array.isArray(v)
      ? v.map((x, k): [PathKey[], unknown] => [[...base, field, k], x])
      : [[[...base, field], v]],
  );
}

/**
 * Rule, modifier and veto ids of a rules file, and the values of its conditions: a condition is
 * compared with the ledger as written, so it is held to the same rule as an identifier.
 */
function ruleIdentifiers(value: unknown): [PathKey[], unknown][] {
  const r = rec(value);
  const out: [PathKey[], unknown][] = [];
  list(r?.items).forEach((item, i) => {
    out.push([["items", i, "id"], rec(item)?.id]);
    out.push(...whenValues(rec(item)?.when, ["items", i, "when"]));
    list(rec(item)?.modifiers).forEach((m, k) => {
      out.push([["items", i, "modifiers", k, "id"], rec(m)?.id]);
      out.push(...whenValues(rec(m)?.when, ["items", i, "modifiers", k, "when"]));
    });
  });
  list(r?.vetoes).forEach((v, i) => {
    out.push([["vetoes", i, "id"], rec(v)?.id]);
    out.push(...whenValues(rec(v)?.when, ["vetoes", i, "when"]));
  });
  const s = rec(r?.sanctions);
  for (const [key, field] of [
    ["warning", "when"],
    ["yellow_card", "when"],
    ["key_management", "first"],
    ["key_management", "then"],
  ] as const)
    out.push(...whenValues(rec(s?.[key])?.[field], ["sanctions", key, field]));
  return out;
}

/**
 * A `ref/personal-number` error at every identifier (unit, record, issue, rule and document ids)
 * and every rule condition value that holds a resident ID or mobile number. Read from the parsed
 * files, so that it is reported together with every other problem, valid record or not.
 */
export function identifierDiagnostics(sources: ReadonlyMap<string, SourceFile>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (src: SourceFile, raw: unknown, path: () => PathKey[]) => {
    const id = typeof raw === "string" ? raw : typeof raw === "number" ? String(raw) : null;
    if (id === null) return;
    const masked = maskPersonal(id);
    if (masked === id) return;
    const at = path();
    const condition = at.some((k) => k === "when" || k === "first" || k === "then");
    out.push(
      makeDiagnostic("ref/personal-number", {
        position: src.locate(at),
        path: at.join("."),
        params: { where: condition ? "condition" : "id", masked },
      }),
    );
  };
  for (const src of sources.values()) {
    if (src.value === undefined) continue;
    const kind = classify(src.file)?.kind;
    if (kind === "rules") {
      for (const [path, raw] of ruleIdentifiers(src.value)) check(src, raw, () => path);
      continue;
    }
    const where = kind ? IDENTIFIERS[kind] : undefined;
    if (!where) continue;
    const key = where.list;
    if (key === null) {
      for (const f of where.fields) check(src, rec(src.value)?.[f], () => [f]);
      continue;
    }
    const records = list(rec(src.value)?.[key]);
    for (let i = 0; i < records.length; i++) {
      const r = rec(records[i]);
      if (r) for (const f of where.fields) check(src, r[f], () => [key, i, f]);
    }
  }
  return out;
}
