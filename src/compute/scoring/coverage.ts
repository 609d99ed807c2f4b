// Coverage warnings of a score sheet as diagnostics, so `check` reports them with positions.
import { makeDiagnostic } from "../../diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../../diagnostics/diagnostic.ts";
import type { CoverageWarning, ScoreSheet } from "./types.ts";

/** `locate(warning)` gives the position of the petition's `level` field (or null). */
export function coverageDiagnostics(
  sheet: ScoreSheet,
  locate: (warning: CoverageWarning) => { position: SourcePosition; path: string } | null,
): Diagnostic[] {
  return sheet.warnings.map((w) => {
    const at = locate(w);
    return makeDiagnostic("score/uncovered-cell", {
      position: at?.position ?? null,
      path: at?.path ?? "",
      params: { event: w.event, level: w.level, form: w.form, clause: w.clause },
    });
  });
}
