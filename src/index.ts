// The pipeline, top to bottom: content folder → files → validated Content → computed results.
// (Rendering and publishing stages join here as they are built.)
import { readContentFiles } from "./load/index.ts";
import type { ReadScope } from "./load/index.ts";
import { coverageDiagnostics } from "./compute/scoring/coverage.ts";
import { scoreYear } from "./compute/scoring/index.ts";
import { makeDiagnostic } from "./diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "./diagnostics/diagnostic.ts";
import { hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.ts";
import { checkFonts, checkGlyphs } from "./pdf/check.ts";
import type { FontSet } from "./pdf/fonts.ts";
import { renderDocuments } from "./render/index.ts";
import { loadTemplates } from "./render/templates.ts";
import { monthEndsUntil } from "./calendar/calendar.ts";
import { LineIndex } from "./load/line-index.ts";
import type { SourceFile } from "./load/source-file.ts";
import { lintFigures } from "./compute/stats/lint.ts";
import type { YearScores } from "./compute/scoring/index.ts";
import type { PublishedDocument } from "./render/index.ts";
import { computeStats } from "./compute/stats/index.ts";
import type { Stats } from "./compute/stats/index.ts";
import type { PreviousFigures } from "../schemas/index.ts";
import type { ScoreSheet } from "./compute/scoring/index.ts";
import { emptyLedger } from "./validate/content.ts";
import type { Content } from "./validate/content.ts";
import { validateContent } from "./validate/index.ts";
import type { Validated } from "./validate/index.ts";

export type { Content } from "./validate/content.ts";
export type { ScoreSheet } from "./compute/scoring/index.ts";

export interface Loaded extends Validated {
  /** File texts by content-relative path (for code frames). */
  texts: Map<string, string>;
}

/** Reads and validates a content folder. `scope.year` with `scoringOnly` reads what `score` needs. */
export async function loadContent(dir: string, scope: ReadScope = {}): Promise<Loaded> {
  const read = await readContentFiles(dir, scope);
  const validated = validateContent(read.texts, {
    ...(scope.year !== undefined ? { requireYears: [scope.year] } : {}),
    unreadable: read.unreadable,
  });
  // A file that exists but could not be read leaves the content incomplete: never a short ledger.
  const readFailed = hasErrors(read.diagnostics);
  return {
    ...validated,
    content: readFailed ? null : validated.content,
    diagnostics: sortDiagnostics([...read.diagnostics, ...validated.diagnostics]),
    texts: read.texts,
  };
}

export interface ScoreOptions {
  year: number;
  /** Last day counted, `YYYY-MM-DD`; defaults to December 31 of the year. */
  asOf?: string;
}

/** Scores one year of validated content (rules and ledger of that year must be present). */
export function score(content: Content, options: ScoreOptions): ScoreSheet {
  const rules = content.rules.get(options.year);
  if (!rules) throw new Error(`no rules for ${options.year}`);
  const ledger = content.ledgers.get(options.year) ?? emptyLedger(options.year);
  return scoreYear(
    { units: content.units, rules: rules.rules, ledger },
    { year: options.year, asOf: options.asOf ?? `${options.year}-12-31` },
  );
}

/**
 * Coverage warnings for every year that has rules: petitions whose table cell is unset and that
 * no veto covers (SPEC §3), positioned at the petition's `level`.
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
    const ledger = content.ledgers.get(year);
    const byId = new Map((ledger?.petitions ?? []).map((p) => [p.id, p.origin]));
    out.push(
      ...coverageDiagnostics(sheet, (id) => {
        const origin = byId.get(id);
        const src = origin ? loaded.sources.get(origin.file) : undefined;
        if (!origin || !src) return null;
        return {
          position: src.locate(["petitions", origin.index, "level"]),
          path: `petitions.${origin.index}.level`,
        };
      }),
    );
  }
  return out;
}

/** Scores of every year that has rules: the year and each month's year-to-date sheet. */
export function scoreAllYears(content: Content): YearScores[] {
  return [...content.rules.keys()]
    .sort((a, b) => a - b)
    .map((year) => ({
      year,
      sheet: score(content, { year }),
      monthly: monthEndsUntil(year, `${year}-12-31`).map((asOf) => score(content, { year, asOf })),
    }));
}

export interface StatisticsOptions {
  from: string;
  to: string;
  /** Last year's summary figures (a report's `previous:` block). */
  previous?: PreviousFigures | undefined;
}

/** Report statistics of a period with its comparison period (SPEC §5). */
export function statistics(content: Content, options: StatisticsOptions): Stats {
  const office = content.office;
  return computeStats({
    from: options.from,
    to: options.to,
    units: content.units,
    ledgers: [...content.ledgers.values()].sort((a, b) => a.year - b.year),
    threshold: (year) => content.rules.get(year)?.rules.collective_threshold ?? 5,
    officeLevel: office?.level ?? "镇",
    countBy: office?.statistics.count_by ?? "accepted",
    onTimeDays: office?.statistics.on_time_days ?? 60,
    previous: options.previous,
  });
}

/** Where the `index`-th character of the string value at `path` stands in its source file. */
function positionInValue(
  src: SourceFile,
  text: string,
  path: (string | number)[],
  index: number,
): SourcePosition {
  const at = src.locate(path);
  const lines = text.split("\n");
  const previous = (lines[at.line - 2] ?? "").replace(/\s+#.*$/, "").trimEnd();
  if (/:\s*[|>][-+0-9]*$/.test(previous)) {
    // A block scalar: the value is its lines with their common indentation removed.
    const indent = /^ */.exec(lines[at.line - 1] ?? "")?.[0].length ?? 0;
    let rest = index;
    for (let l = at.line; l <= lines.length; l++) {
      const content = (lines[l - 1] ?? "").slice(indent);
      if (rest <= content.length) return { file: src.file, line: l, col: indent + rest + 1 };
      rest -= content.length + 1;
    }
  }
  return { file: src.file, line: at.line, col: at.col + index };
}

/** The string at `path` of a parsed file's value, or null. */
function rawString(value: unknown, path: readonly (string | number)[]): string | null {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== "object") return null;
    v = (v as Record<string, unknown>)[String(k)];
  }
  return typeof v === "string" ? v : null;
}

/** Figures typed in report narratives that contradict the ledger, as warnings at the number. */
export function figureWarnings(loaded: Loaded): Diagnostic[] {
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
    const text = loaded.texts.get(file);
    const visit = (sections: typeof data.sections, base: (string | number)[]) => {
      sections.forEach((sec, i) => {
        const path = [...base, i];
        // Offsets are positions in the file: lint the body as written (Content holds it masked).
        const body = (src && rawString(src.value, [...path, "body"])) ?? sec.body;
        if (body) {
          for (const f of lintFigures(body, s.current)) {
            out.push(
              makeDiagnostic("stats/figure-mismatch", {
                position:
                  src && text !== undefined
                    ? positionInValue(src, text, [...path, "body"], f.offset)
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

export interface Checked extends Loaded {
  /** Every problem of the folder, sorted: what `check` prints and what stops a build. */
  problems: Diagnostic[];
  /** Scores of every year with rules (empty when the content has errors). */
  scores: YearScores[];
  /** Every document (classified ones included), rendered; empty when the content has errors. */
  documents: PublishedDocument[];
  /** The fonts the PDFs are set in (the office's usable files first). */
  fonts: FontSet | null;
}

export interface CheckOptions {
  /** Render and check only this document (`xinfang pdf <id>`). */
  only?: string;
}

/**
 * The whole check of a content folder, the one sequence `check`, the build and the fixture tests
 * run: load and validate; score; the warnings that need computed results; render every document
 * and typeset it against the fonts, so that what passes here builds.
 */
export async function checkContent(dir: string, options: CheckOptions = {}): Promise<Checked> {
  const loaded = await loadContent(dir);
  const content = loaded.content;
  const scores = content ? scoreAllYears(content) : [];
  const found = [
    ...loaded.diagnostics,
    ...coverageWarnings(
      loaded,
      scores.map((s) => s.sheet),
    ),
    ...figureWarnings(loaded),
  ];
  if (!content || hasErrors(found))
    return { ...loaded, problems: sortDiagnostics(found), scores, documents: [], fonts: null };
  const only = options.only;
  const documents = renderDocuments(
    content,
    scores,
    await loadTemplates(),
    (from, to, previous) => statistics(content, { from, to, previous }),
    only === undefined ? undefined : (id) => id === only,
  );
  const office = loaded.sources.get("office.yaml");
  const fonts = checkFonts(content.office?.fonts ?? {}, dir, (role) =>
    office ? office.locate(["fonts", role]) : null,
  );
  found.push(...fonts.diagnostics);
  found.push(...checkGlyphs(documents, fonts.set, (ch, source) => findText(loaded, ch, source)));
  return { ...loaded, problems: sortDiagnostics(found), scores, documents, fonts: fonts.set };
}

/** The first place `text` occurs in the content, looking in `first` before the other files. */
function findText(loaded: Loaded, text: string, first: string | null): SourcePosition | null {
  const files = [...(first ? [first] : []), ...[...loaded.texts.keys()].filter((f) => f !== first)];
  for (const file of files) {
    const source = loaded.texts.get(file) ?? "";
    const at = source.indexOf(text);
    if (at >= 0) return { file, ...new LineIndex(source).locate(at) };
  }
  return null;
}
