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
]);

/** Every string inside `value` masked; strings under a Markdown field masked as Markdown. */
function maskDeep<T>(value: T, markdown = false): T {
  if (typeof value === "string")
    return (markdown ? maskPersonalMarkdown(value) : maskPersonal(value)) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskDeep(v, markdown)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = maskDeep(v, markdown || MARKDOWN_FIELDS.has(k));
    return out as T;
  }
  return value;
}

/** `record` with every field masked except `keep` (paths and provenance), which stay as they are. */
function maskExcept<T extends object>(record: T, keep: readonly (keyof T)[]): T {
  const out = maskDeep(record);
  for (const k of keep) if (k in record) out[k] = record[k];
  return out;
}

function maskLedger(l: Ledger): Ledger {
  return {
    ...l,
    petitions: l.petitions.map((r) => maskExcept(r, ["origin"])),
    meetings: l.meetings.map((r) => maskExcept(r, ["origin"])),
    weeklyReports: l.weeklyReports.map((r) => maskExcept(r, ["origin"])),
    mediations: l.mediations.map((r) => maskExcept(r, ["origin"])),
    receptions: l.receptions.map((r) => maskExcept(r, ["origin"])),
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

function identifiersOf(src: SourceFile): [PathKey[], unknown][] {
  const kind = classify(src.file)?.kind;
  if (kind === "rules") return ruleIdentifiers(src.value);
  const where = kind ? IDENTIFIERS[kind] : undefined;
  if (!where) return [];
  const records: [PathKey[], unknown][] =
    where.list === null
      ? [[[], src.value]]
      : list(rec(src.value)?.[where.list]).map((r, i) => [[where.list as string, i], r]);
  return records.flatMap(([base, r]) =>
    where.fields.map((f): [PathKey[], unknown] => [[...base, f], rec(r)?.[f]]),
  );
}

/**
 * A `ref/personal-number` error at every identifier (unit, record, issue, rule and document ids)
 * and every rule condition value that holds a resident ID or mobile number. Read from the parsed
 * files, so that it is reported together with every other problem, valid record or not.
 */
export function identifierDiagnostics(sources: ReadonlyMap<string, SourceFile>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const src of sources.values()) {
    if (src.value === undefined) continue;
    for (const [path, raw] of identifiersOf(src)) {
      const id = typeof raw === "string" ? raw : typeof raw === "number" ? String(raw) : null;
      if (id === null) continue;
      const masked = maskPersonal(id);
      if (masked === id) continue;
      const condition = path.some((k) => k === "when" || k === "first" || k === "then");
      const what = condition ? "考评条件的取值" : "编号";
      out.push(
        makeDiagnostic("ref/personal-number", {
          position: src.locate(path),
          path: path.join("."),
          detail: `${what}“${masked}”`,
        }),
      );
    }
  }
  return out;
}
