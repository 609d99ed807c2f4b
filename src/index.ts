// The pipeline, top to bottom: the one place that composes the stages. The commands and the
// build call these functions and nothing else does:
//
//   load      the content folder → file texts, decoded            load/
//   validate  the texts → Content, every problem located          validate/
//   compute   the scores of every year and the warnings on them   compute/
//   render    every document as a Doc                             render/ → doc/
//   typeset   office fonts and every character, as PDFs set them  pdf/check
//   outputs   the site's input (the build writes site and PDFs)   site/, pdf/ ← build/
//   init      a new office's content folder (init writes it)      init/ ← build/new-folder
import { score, scoreAllYears, statistics } from "./compute/content.ts";
import type { ScoreSheet, YearScores } from "./compute/scoring/index.ts";
import type { Stats } from "./compute/stats/index.ts";
import { coverageWarnings, figureWarnings } from "./compute/warnings.ts";
import { hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.ts";
import type { Diagnostic } from "./diagnostics/diagnostic.ts";
import { readContentFiles } from "./load/index.ts";
import type { ReadScope } from "./load/index.ts";
import { findInTexts } from "./load/source-file.ts";
import type { FontSet } from "./pdf/fonts.ts";
import { isClassified } from "./doc/types.ts";
import type { PublishedDocument } from "./render/index.ts";
import type { Publication } from "./site/input.ts";
import type { NewFile } from "./init/index.ts";
import { RULES_YEAR_MAX, RULES_YEAR_MIN } from "../schemas/index.ts";
import { validateContent } from "./validate/index.ts";
import type { Validated } from "./validate/index.ts";
import type { Content } from "./validate/content.ts";

export { score, scoreAllYears, statistics, coverageWarnings, figureWarnings };
export type { Content } from "./validate/content.ts";
export type { ScoreSheet } from "./compute/scoring/index.ts";

/**
 * The stages that make documents (render, fonts, glyph checks, the site's input), loaded by the
 * commands that make or check documents only: `score` and `stats` start without them.
 */
async function documentStages() {
  const [check, fonts, render, templates, site] = await Promise.all([
    import("./pdf/check.ts"),
    import("./pdf/fonts.ts"),
    import("./render/index.ts"),
    import("./render/templates.ts"),
    import("./site/input.ts"),
  ]);
  return { ...check, ...fonts, ...render, ...templates, ...site };
}

export interface Loaded extends Validated {
  /** File texts by content-relative path (for code frames). */
  texts: ReadonlyMap<string, string>;
}

/** load → validate. `scope` reads only what a command needs (`score`: one year's scoring). */
export async function loadContent(dir: string, scope: ReadScope = {}): Promise<Loaded> {
  const read = await readContentFiles(dir, scope);
  const validated = validateContent(read.texts, {
    ...(scope.year !== undefined ? { requireYears: [scope.year] } : {}),
    ...(scope.documentsOnly ? { withoutLedgers: true } : {}),
    unreadable: read.unreadable,
  });
  // A file that exists but could not be read leaves the content incomplete: never a short ledger.
  return {
    ...validated,
    content: hasErrors(read.diagnostics) ? null : validated.content,
    diagnostics: sortDiagnostics([...read.diagnostics, ...validated.diagnostics]),
    texts: read.texts,
  };
}

export interface Checked extends Loaded {
  /** Every problem of the folder, sorted: what `check` prints and what stops a build. */
  problems: Diagnostic[];
  /** Scores of every year with rules (empty when the content has errors). */
  scores: YearScores[];
  /** Every document (classified ones included); empty when the content has errors. */
  documents: PublishedDocument[];
  /** The fonts the PDFs are set in (the office's usable files first). */
  fonts: FontSet | null;
}

/**
 * Whether document `id` is written from its own file, the office's and the rules alone (a plan, an
 * agreement): no ledger, score or statistic goes into it.
 */
export function needsNoLedgers(id: string): boolean {
  return id.startsWith("plan-") || id.startsWith("agreement-");
}

/** Options of checkContent and publish. */
export interface CheckOptions {
  /** The one document wanted (`xinfang pdf`, `docx`). */
  only?: string;
  /**
   * Which documents are typeset to find characters no font has: `all` (the default), or only
   * the classified ones (`held-back`) when the caller sets the others anyway and reports what
   * it finds as the check would (the build's PDF step, `pdf`, `docx`; see locateGlyphProblems).
   */
  glyphs?: "all" | "held-back";
  /**
   * Receives each document that may be published (none with a 密级) as soon as it is rendered,
   * in the publication's order, with the office it is set for: the build starts setting it on
   * another thread while the rest is rendered. The check may still fail after (a font problem,
   * `--strict`): what was made from it is then thrown away.
   */
  published?: (document: PublishedDocument, office: Content["office"]) => void;
}

/**
 * The whole check, run by `check`, the build, `pdf` and the fixture tests alike: load, validate,
 * compute, render every document (or `only` one) and typeset it — what passes here builds.
 * `only` a plan or an agreement reads, validates and scores no ledger and no other document file
 * (`xinfang pdf` of one document does only the work it needs; `check` and the build read
 * everything).
 */
export async function checkContent(dir: string, options: CheckOptions = {}): Promise<Checked> {
  const light = options.only !== undefined && needsNoLedgers(options.only);
  // …and of the document files, only its own
  const loaded = await loadContent(
    dir,
    light ? { documentsOnly: true, document: options.only } : {},
  );
  const content = loaded.content;
  const scores = content && !light ? scoreAllYears(content) : [];
  const sheets = scores.map((s) => s.sheet);
  const found = [
    ...loaded.diagnostics,
    ...(light ? [] : coverageWarnings(loaded, sheets)),
    ...(light ? [] : figureWarnings(loaded, loaded.texts)),
  ];
  if (!content || hasErrors(found))
    return { ...loaded, problems: sortDiagnostics(found), scores, documents: [], fonts: null };
  const { only, published } = options;
  const { renderDocuments, loadTemplates, preloadFontSet, checkGlyphs } = await documentStages();
  const documents = renderDocuments(
    content,
    scores,
    await loadTemplates(),
    (from, to, previous) => statistics(content, { from, to, previous }),
    only === undefined ? undefined : (id) => id === only,
    published === undefined
      ? undefined
      : (d) => {
          if (!isClassified(d.doc)) published(d, content.office);
        },
  );
  const fonts = await officeFonts(loaded, dir);
  found.push(...fonts.diagnostics);
  const typeset =
    options.glyphs === "held-back" ? documents.filter((d) => isClassified(d.doc)) : documents;
  if (typeset.length) {
    // a WOFF face's glyph records inflate off the main thread (already under way for `pdf`)
    await preloadFontSet(fonts.set);
    found.push(...checkGlyphs(typeset, fonts.set, (ch, src) => findInTexts(loaded.texts, ch, src)));
  }
  return { ...loaded, problems: sortDiagnostics(found), scores, documents, fonts: fonts.set };
}

/**
 * `problems` found in setting a publication's documents, each `pdf/missing-glyph` error located
 * in the content as the check locates it: what the build, `pdf` and `docx` report when they find
 * a character no font has (their check typeset only the classified documents, see CheckOptions).
 */
export async function locateGlyphProblems(
  dir: string,
  publication: Publication,
  texts: ReadonlyMap<string, string>,
  problems: readonly Diagnostic[],
): Promise<Diagnostic[]> {
  const missing = problems.filter((p) => p.code === "pdf/missing-glyph");
  if (missing.length === 0) return [...problems];
  const { checkFonts, preloadFontSet, checkGlyphs } = await documentStages();
  const fonts = checkFonts(publication.office?.fonts ?? "auto", dir, () => null);
  await preloadFontSet(fonts.set);
  const located = checkGlyphs(publication.documents, fonts.set, (ch, src) =>
    findInTexts(texts, ch, src),
  );
  return sortDiagnostics([
    ...problems.filter((p) => p.code !== "pdf/missing-glyph"),
    ...(located.length ? located : missing),
  ]);
}

/** The fonts office.yaml asks for (`auto` when it says nothing), located in it. */
async function officeFonts(loaded: Loaded, dir: string) {
  const { checkFonts } = await documentStages();
  const office = loaded.sources.get("office.yaml");
  return checkFonts(loaded.content?.office?.fonts ?? "auto", dir, (role) =>
    office ? office.locate(["fonts", role]) : null,
  );
}

/** load → validate → the file that sets each font role, and the problems of the office's fonts. */
export async function contentFonts(
  dir: string,
): Promise<Loaded & { fonts: FontSet | null; problems: Diagnostic[] }> {
  const loaded = await loadContent(dir);
  if (!loaded.content || hasErrors(loaded.diagnostics))
    return { ...loaded, fonts: null, problems: loaded.diagnostics };
  const fonts = await officeFonts(loaded, dir);
  return { ...loaded, fonts: fonts.set, problems: sortDiagnostics(fonts.diagnostics) };
}

export interface Published {
  /** What the outputs are made from; null when the content has errors. */
  publication: Publication | null;
  diagnostics: Diagnostic[];
  texts: ReadonlyMap<string, string>;
}

/** check → the site's and the PDFs' input. */
export async function publish(dir: string, options: CheckOptions = {}): Promise<Published> {
  const checked = await checkContent(dir, options);
  const { content, problems: diagnostics, texts } = checked;
  if (!content || hasErrors(diagnostics)) return { publication: null, diagnostics, texts };
  // The statistics of the periods reported on: none when only a plan or an agreement is wanted.
  const periods =
    options.only !== undefined && needsNoLedgers(options.only)
      ? []
      : reportedPeriods(content, checked.scores);
  const { siteInput } = await documentStages();
  const publication = siteInput(content, checked.scores, checked.documents, periods);
  return { publication, diagnostics, texts };
}

/**
 * The statistics of every period reported on: each report's (with its `previous:` figures;
 * classified reports left out),
 * then each scored year not already among them; one per period, in date order.
 */
function reportedPeriods(content: Content, scores: readonly YearScores[]): Stats[] {
  const out = new Map<string, Stats>();
  for (const { data } of content.reports) {
    // a classified report's own figures (its `previous:` block) stay with it
    if (data.secret) continue;
    const key = `${data.period.from}/${data.period.to}`;
    if (!out.has(key))
      out.set(
        key,
        statistics(content, {
          from: data.period.from,
          to: data.period.to,
          previous: data.previous,
        }),
      );
  }
  for (const { year } of scores) {
    const key = `${year}-01-01/${year}-12-31`;
    if (!out.has(key))
      out.set(key, statistics(content, { from: `${year}-01-01`, to: `${year}-12-31` }));
  }
  return [...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

/** load (one year's scoring files) → validate → score, with the warnings on it (`score`). */
export async function scoreContent(
  dir: string,
  options: { year: number; asOf?: string },
): Promise<Loaded & { sheet: ScoreSheet | null; problems: Diagnostic[] }> {
  const loaded = await loadContent(dir, { year: options.year, scoringOnly: true });
  const content = loaded.content;
  const sheet = content ? score(content, options) : null;
  const full = sheet?.complete ? [sheet] : [];
  const problems = sortDiagnostics([...loaded.diagnostics, ...coverageWarnings(loaded, full)]);
  return { ...loaded, sheet, problems };
}

/**
 * The files of a new office's content folder for `year` (`xinfang init`): the skeleton from
 * init/. Outputs that belong in a new folder (the ledger template workbook) are added here.
 */
/** The years a new content folder may be made for (init/'s, the rules' range). */
export const INIT_YEARS = { min: RULES_YEAR_MIN, max: RULES_YEAR_MAX };

export async function newContent(year: number): Promise<NewFile[]> {
  // Loaded here, not with this module: the workbook writer and the JSON schemas take a quarter
  // of a second to load, which no other command needs.
  const { EXAMPLE_UNIT_NAMES, newContentFiles } = await import("./init/index.ts");
  const { DEFAULT_CATEGORIES, ledgerTemplate } = await import("./xlsx/template.ts");
  const template = await ledgerTemplate({
    year,
    creator: "",
    units: [...EXAMPLE_UNIT_NAMES],
    categories: [...DEFAULT_CATEGORIES],
  });
  return [...newContentFiles(year), { path: "台账模板.xlsx", data: template }];
}
