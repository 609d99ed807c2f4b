// Document files: schema, then ids unique per kind, referenced units and rules years that exist,
// periods that run forwards, signers the roster names, and headers whose issuer, format, 标志,
// 发文字号 and 版记 agree (validate/issue.ts).
import type {
  AgreementFile,
  NoticeFile,
  Office,
  PlanFile,
  PlanSection,
  ReportFile,
  Unit,
} from "../../schemas/index.ts";
import { documentSchemas } from "../../schemas/index.ts";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import { classify } from "../load/index.ts";
import { markdownLimit } from "../load/markdown.ts";
import { maskPersonal } from "../text/mask.ts";
import { locateInValue } from "../load/source-file.ts";
import type { SourceFile } from "../load/source-file.ts";
import type { DocumentFile } from "./content.ts";
import { noticeSlots, resolveIssue } from "./issue.ts";
import type { HeaderField, HeaderFields, IssueKind } from "./issue.ts";
import { validateWhole } from "./records.ts";

export interface DocumentFiles {
  plans: DocumentFile<PlanFile>[];
  agreements: DocumentFile<AgreementFile>[];
  notices: DocumentFile<NoticeFile>[];
  reports: DocumentFile<ReportFile>[];
}

function usesRules(sections: readonly PlanSection[]): boolean {
  return sections.some((s) => s.rules === true || usesRules(s.sections));
}

/** Fields of document files written in Markdown by the office (checked against the parser's limits). */
const MARKDOWN_FIELDS = new Set(["body", "preamble", "closing", "annual_closing"]);

/**
 * Markdown fields that pass a limit bounding the parser's work (load/markdown.ts), located at the
 * place in the field: such text would make rendering run for minutes.
 */
function markdownLimits(src: SourceFile, text: string | undefined, out: Diagnostic[]): void {
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (value !== null && typeof value === "object")
      for (const [k, v] of Object.entries(value)) {
        if (MARKDOWN_FIELDS.has(k) && typeof v === "string") {
          const limit = markdownLimit(v);
          if (limit)
            out.push(
              makeDiagnostic("doc/markdown-limit", {
                position:
                  text === undefined
                    ? src.locate([...path, k])
                    : locateInValue(src, text, [...path, k], limit.offset),
                path: [...path, k].join("."),
                params: { kind: limit.kind, max: limit.max },
              }),
            );
        } else visit(v, [...path, k]);
      }
  };
  visit(src.value, []);
}

export interface DocumentContext {
  units: readonly Unit[] | null;
  knownUnits: Set<string> | null;
  rulesYears: ReadonlySet<number>;
  /** office.yaml (its issuers), null when it is missing or invalid. */
  office?: Office | null;
}

/** The first of `paths` whose top key the file has, else the last (the file's start if absent). */
function firstAt(src: SourceFile, paths: readonly (string | number)[][]): (string | number)[] {
  const has = (path: (string | number)[]) => {
    let v: unknown = src.value;
    for (const k of path) {
      if (v === null || typeof v !== "object") return false;
      v = (v as Record<string, unknown>)[String(k)];
    }
    return v !== undefined;
  };
  return paths.find(has) ?? (paths.at(-1) as (string | number)[]);
}

/**
 * The header of each document a file makes (a notice file makes one per month and one for the
 * year), resolved against office.yaml's issuers: its problems, located in the file.
 */
function issueDiagnostics(
  src: SourceFile,
  kind: "plan" | "agreement" | "notice" | "report",
  data: PlanFile | AgreementFile | NoticeFile | ReportFile,
  office: Office | null,
  out: Diagnostic[],
): void {
  type Issued = { doc: string; kind: IssueKind; header: HeaderFields; date: string };
  const issued: Issued[] = [];
  const where: Record<HeaderField, (string | number)[][]>[] = [];
  if (kind === "notice") {
    for (const slot of noticeSlots(data as NoticeFile)) {
      const monthly = slot.month !== null;
      issued.push({
        doc: monthly ? `${data.year}年${slot.month}月通报` : `${data.year}年度通报`,
        kind: slot.kind,
        header: slot.header,
        date: slot.date,
      });
      where.push({
        issuer: [[monthly ? "monthly_issuer" : "issuer"]],
        format: [["numbers"], [monthly ? "monthly_format" : "format"], ["annual"], ["id"]],
        number: [["numbers", slot.key]],
        issuer_mark: [["issuer_mark"]],
        printer: [["printer"]],
        print_date: [["print_dates"], ["printer"], ["dates", slot.key], ["id"]],
      });
    }
  } else {
    const d = data as PlanFile | AgreementFile | ReportFile;
    issued.push({ doc: DOC_NAMES[kind], kind, header: d, date: d.date });
    where.push({
      issuer: [["issuer"]],
      format: [["format"], ["title"]],
      number: [["number"]],
      issuer_mark: [["issuer_mark"]],
      printer: [["printer"]],
      print_date: [["printer"], ["date"]],
    });
  }
  const seen = new Set<string>();
  issued.forEach((it, i) => {
    // Messages quote what the file says: personal numbers in it are masked there too.
    for (const p of resolveIssue(office, it.kind, it.header, it.date).problems.map(masked)) {
      const path = firstAt(src, (where[i] as Record<HeaderField, (string | number)[][]>)[p.field]);
      const args = { position: src.locate(path), path: path.join(".") };
      let d: Diagnostic;
      switch (p.code) {
        case "doc/unknown-issuer":
          d = makeDiagnostic(p.code, { ...args, params: p.params });
          break;
        case "doc/issuer-mismatch":
          d = makeDiagnostic(p.code, { ...args, params: p.params });
          break;
        case "doc/missing-number":
          d = makeDiagnostic(p.code, {
            ...args,
            params: { ...p.params, doc: it.doc, year: Number(it.date.slice(0, 4)) },
          });
          break;
        case "doc/number-code":
          d = makeDiagnostic(p.code, { ...args, params: { ...p.params, doc: it.doc } });
          break;
        case "doc/report-signer":
          d = makeDiagnostic(p.code, { ...args, params: { doc: it.doc } });
          break;
        case "doc/print-date":
          d = makeDiagnostic(p.code, { ...args, params: { ...p.params, doc: it.doc } });
          break;
      }
      const key = `${d.code} ${d.position?.line}:${d.position?.col} ${d.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(d);
      }
    }
  });
}

/** A problem with every text it quotes masked (its params are strings and lists of them). */
function masked<P extends { params: object }>(p: P): P {
  const params = Object.fromEntries(
    Object.entries(p.params).map(([k, v]) => [
      k,
      typeof v === "string"
        ? maskPersonal(v)
        : Array.isArray(v)
          ? v.map((x) => maskPersonal(String(x)))
          : v,
    ]),
  );
  return { ...p, params } as P;
}

const DOC_NAMES = { plan: "工作方案", agreement: "目标责任书", report: "工作总结" } as const;

export function validateDocuments(
  sources: ReadonlyMap<string, SourceFile>,
  texts: ReadonlyMap<string, string>,
  { units, knownUnits, rulesYears, office = null }: DocumentContext,
  out: Diagnostic[],
): DocumentFiles | null {
  const before = out.length;
  const result: DocumentFiles = { plans: [], agreements: [], notices: [], reports: [] };
  /** Where each document id (by kind) was first written. */
  const ids = new Map<string, SourcePosition>();
  for (const [rel, src] of sources) {
    const kind = classify(rel)?.kind;
    if (kind !== "plan" && kind !== "agreement" && kind !== "notice" && kind !== "report") continue;
    if (src.value === undefined) continue;
    markdownLimits(src, texts.get(rel), out);
    const data = validateWhole(src, documentSchemas()[kind], out);
    if (!data) continue;
    const at = (path: (string | number)[]) => src.locate(path);
    const first = ids.get(`${kind}/${data.id}`);
    if (first)
      out.push(
        makeDiagnostic("ref/duplicate-id", {
          position: at(["id"]),
          path: "id",
          params: { id: data.id, of: "document", first },
        }),
      );
    else ids.set(`${kind}/${data.id}`, at(["id"]));

    const needsRules =
      kind === "agreement" ||
      kind === "notice" ||
      ((kind === "plan" &&
        (usesRules((data as PlanFile).sections) ||
          (data as PlanFile).rules_attachment)) as boolean);
    const rulesYear =
      "rules_year" in data && typeof data.rules_year === "number" ? data.rules_year : data.year;
    if (needsRules && !rulesYears.has(rulesYear)) {
      out.push(
        makeDiagnostic("doc/missing-rules", {
          position: at(
            "rules_year" in data && data.rules_year !== undefined ? ["rules_year"] : ["year"],
          ),
          path: "rules_year" in data && data.rules_year !== undefined ? "rules_year" : "year",
          params: { file: rel, year: rulesYear },
        }),
      );
    }
    const span =
      kind === "agreement"
        ? { key: "term" as const, v: (data as AgreementFile).term }
        : kind === "report"
          ? { key: "period" as const, v: (data as ReportFile).period }
          : null;
    if (span && span.v.to < span.v.from) {
      out.push(
        makeDiagnostic("doc/date-order", {
          position: at([span.key, "to"]),
          path: `${span.key}.to`,
          params: { span: span.key, from: span.v.from, to: span.v.to },
        }),
      );
    }
    if (kind === "agreement") {
      const a = data as AgreementFile;
      (a.units ?? []).forEach((u, i) => {
        if (knownUnits && !knownUnits.has(u))
          out.push(
            makeDiagnostic("ref/unknown-unit", {
              position: at(["units", i]),
              path: `units.${i}`,
              params: { id: u },
            }),
          );
      });
      for (const u of units ?? []) {
        if ((a.units === undefined || a.units.includes(u.id)) && !u.officials[a.party_b_signer]) {
          out.push(
            makeDiagnostic("doc/missing-signer", {
              position: at(["party_b_signer"]),
              path: "party_b_signer",
              params: { unit: u.name, id: u.id, role: a.party_b_signer },
            }),
          );
        }
      }
    }
    issueDiagnostics(src, kind, data, office, out);
    const entry = { file: rel, data } as never;
    if (kind === "plan") result.plans.push(entry);
    else if (kind === "agreement") result.agreements.push(entry);
    else if (kind === "notice") result.notices.push(entry);
    else result.reports.push(entry);
  }
  return out.slice(before).some((d) => d.severity === "error") ? null : result;
}
