// The warnings that need computed results, located in the content: petitions that fall into an
// unset cell of the points table (SPEC §3), figures typed in report narratives that contradict
// the ledger (SPEC §5), and reports whose figures have nothing to compare with (no 同比).
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { locateInValue, stringAt } from "../load/source-file.ts";
import type { Validated } from "../validate/index.ts";
import { score, statistics } from "./content.ts";
import { coverageDiagnostics } from "./scoring/coverage.ts";
import type { ScoreSheet } from "./scoring/index.ts";
import { lintFigures } from "./stats/lint.ts";

/**
 * Coverage warnings for every year that has rules: petitions whose table cell is unset and that
 * no veto covers, at the petition's `level`. `computed` holds sheets already made (reused).
 */
export function coverageWarnings(
  loaded: Validated,
  computed: readonly ScoreSheet[] = [],
): Diagnostic[] {
  const content = loaded.content;
  if (!content) return [];
  const out: Diagnostic[] = [];
  for (const year of content.rules.keys()) {
    const sheet = computed.find((c) => c.year === year && c.complete) ?? score(content, { year });
    // Each warning carries its petition's origin: the ids of a valid ledger are unique.
    const found = coverageDiagnostics(sheet, ({ origin }) => {
      const src = origin ? loaded.sources.get(origin.file) : undefined;
      if (!origin || !src) return null;
      return {
        position: src.locate(["petitions", origin.index, "level"]),
        path: `petitions.${origin.index}.level`,
      };
    });
    // One by one: a province's year may warn more times than a call takes arguments.
    for (const d of found) out.push(d);
  }
  return out;
}

/** Figures typed in report narratives that contradict the ledger, as warnings at the number. */
export function figureWarnings(
  loaded: Validated,
  texts: ReadonlyMap<string, string>,
): Diagnostic[] {
  const content = loaded.content;
  if (!content) return [];
  const out: Diagnostic[] = [];
  for (const { file, data } of content.reports) {
    const s = statistics(content, {
      from: data.period.from,
      to: data.period.to,
      previous: data.previous,
    });
    const src = loaded.sources.get(file);
    const text = texts.get(file);
    const printsFigures = (list: typeof data.sections): boolean =>
      list.some((sec) => Boolean(sec.figures) || printsFigures(sec.sections));
    if (s.previous.source === "none" && printsFigures(data.sections))
      out.push(
        makeDiagnostic("stats/no-comparison", {
          position: src ? src.locate(["period"], "key") : null,
          path: "period",
          params: { title: data.title, from: s.previousFrom, to: s.previousTo },
        }),
      );
    const visit = (sections: typeof data.sections, base: (string | number)[]) => {
      sections.forEach((sec, i) => {
        const path = [...base, i];
        // Offsets are positions in the file: lint the body as written (Content holds it masked).
        const body = (src && stringAt(src.value, [...path, "body"])) ?? sec.body;
        if (body) {
          for (const f of lintFigures(body, s.current)) {
            out.push(
              makeDiagnostic("stats/figure-mismatch", {
                position:
                  src && text !== undefined
                    ? locateInValue(src, text, [...path, "body"], f.offset)
                    : null,
                path: [...path, "body"].join("."),
                params: { figure: f.what, typed: f.typed, computed: f.computed },
              }),
            );
          }
        }
        visit(sec.sections, [...path, "sections"]);
      });
    };
    visit(data.sections, ["sections"]);
  }
  return out;
}
