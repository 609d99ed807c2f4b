// A problem found in the content, kept as data so that every problem is reported in one run.
import type { DiagnosticCode } from "./catalog.ts";

export type Severity = "error" | "warning";

export interface SourcePosition {
  /** Path relative to the content folder, with forward slashes. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units, as editors count); in a worksheet, the column (A = 1). */
  col: number;
  /** In a workbook (XLSX ledger): the worksheet's name; `line` is then the row. */
  sheet?: string;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  /** Dotted path to the offending field, e.g. `petitions.3.unit`; empty for the whole file. */
  path: string;
  message: string;
  hint: string;
  position: SourcePosition | null;
  /** A second place the problem involves (the first occurrence of a duplicate …), and its name. */
  related?: RelatedPosition;
}

export interface RelatedPosition {
  position: SourcePosition;
  /** What that place is, e.g. 首次出现. */
  note: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Stable order: file, line, column, then code — so output never depends on check order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => {
    const fa = a.position?.file ?? "";
    const fb = b.position?.file ?? "";
    if (fa !== fb) return fa < fb ? -1 : 1;
    const la = a.position?.line ?? 0;
    const lb = b.position?.line ?? 0;
    if (la !== lb) return la - lb;
    const ca = a.position?.col ?? 0;
    const cb = b.position?.col ?? 0;
    if (ca !== cb) return ca - cb;
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}
