// validate: parsed content files → typed Content, or every problem found.
// Takes the file texts of a content folder; gives Content (null when any error) and all
// diagnostics, sorted. Must not read the disk, the clock, or stop at the first problem.
import { issuersOf, leadershipSchema, officeSchema } from "../../schemas/index.ts";
import type { Leadership, Office, Rules, Unit } from "../../schemas/index.ts";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.ts";
import { classify, parseContentFile } from "../load/index.ts";
import { ContentTexts } from "../load/content-texts.ts";
import type { SourceFile } from "../load/source-file.ts";
import type { Content, Ledger, RulesDoc } from "./content.ts";
import { validateDocuments } from "./documents.ts";
import { fastPetition } from "./fast.ts";
import { validateLedger } from "./ledger.ts";
import { identifierDiagnostics, maskContent } from "./mask.ts";
import { validatePages } from "./pages.ts";
import type { LedgerSources } from "./ledger.ts";
import { validateWhole } from "./records.ts";
import { validateRules } from "./rules.ts";
import type { UnitNames } from "./unit-names.ts";
import { validateUnits } from "./units.ts";

export interface ValidateOptions {
  /** Years that must have rules and are about to be scored (missing ledgers are then warned). */
  requireYears?: number[];
  /**
   * The files' texts: the office pages (`pages/<name>.mdx`, validate/pages.ts) are read from
   * them, and positions inside multi-line values are counted on them.
   */
  texts?: ReadonlyMap<string, string>;
  /**
   * Content files that exist but could not be read (load reported why): not reported again as
   * missing.
   */
  unreadable?: ReadonlySet<string>;
  /**
   * The ledgers were not read (a plan or an agreement is all that is wanted): their absence is
   * no problem, and the content has no ledgers.
   */
  withoutLedgers?: boolean;
}

export interface Validated {
  content: Content | null;
  diagnostics: Diagnostic[];
  sources: Map<string, SourceFile>;
}

const missing = (file: string): Diagnostic =>
  makeDiagnostic("file/missing", {
    position: { file, line: 1, col: 1 },
    path: "",
    params: { file },
  });

/**
 * Petitions of a table ledger checked as they are read (validate/fast.ts): a plain row becomes
 * its record at once, never held as read; anything else is kept as read for the full checks.
 */
const REFINE = { petitions: fastPetition };

/** Parses every content file this stage knows (YAML or CSV) into a SourceFile. */
export function parseContent(files: ReadonlyMap<string, string>): Map<string, SourceFile> {
  const sources = new Map<string, SourceFile>();
  // A CSV ledger read as UTF-8 bytes is parsed from them, never decoded as a whole; a workbook's
  // sheet from its rows.
  const stored = files instanceof ContentTexts ? files : null;
  for (const rel of files.keys()) {
    const kind = classify(rel)?.kind;
    if (!kind || kind === "page") continue;
    const text = stored?.utf8Bytes(rel) ?? stored?.sheet(rel) ?? (files.get(rel) as string);
    sources.set(rel, parseContentFile(rel, text, REFINE));
  }
  return sources;
}

/**
 * office.yaml in its older shape (`code`, `signatory` instead of `issuers`): still read, the
 * issuer made of them (schemas/office.ts issuersOf), with a warning that says how to write it now.
 */
function legacyIssuer(src: SourceFile, office: Office, out: Diagnostic[]): void {
  const keys = (["code", "signatory"] as const).filter((k) => office[k] !== undefined);
  const first = keys[0];
  if (first === undefined) return;
  const [issuer] = issuersOf({ ...office, issuers: undefined });
  out.push(
    makeDiagnostic("office/legacy-issuer", {
      position: src.locate([first], "key"),
      path: first,
      params: {
        keys: [...keys],
        issuer: issuer?.name ?? office.name,
        code: issuer?.code ?? null,
        replaced: office.issuers !== undefined,
      },
    }),
  );
}

export function validateContent(
  files: ReadonlyMap<string, string>,
  options: ValidateOptions = {},
): Validated {
  return validateSources(parseContent(files), { ...options, texts: files });
}

export function validateSources(
  sources: Map<string, SourceFile>,
  options: ValidateOptions = {},
): Validated {
  const out: Diagnostic[] = [];
  // One by one: a damaged ledger of a province may hold more problems than a call takes arguments.
  for (const src of sources.values()) for (const d of src.diagnostics) out.push(d);

  let office: Office | null = null;
  let leadership: Leadership | null = null;
  const officeSrc = sources.get("office.yaml");
  if (officeSrc?.value !== undefined && officeSrc) {
    office = validateWhole(officeSrc, officeSchema, out);
    if (office) legacyIssuer(officeSrc, office, out);
  }
  const leadSrc = sources.get("leadership.yaml");
  if (leadSrc?.value !== undefined && leadSrc)
    leadership = validateWhole(leadSrc, leadershipSchema, out);

  let units: Unit[] | null = null;
  let knownUnits: Set<string> | null = null;
  let unitNames: UnitNames = new Map();
  const unreadable = options.unreadable ?? new Set<string>();
  const unitsSrc = sources.get("units.yaml");
  if (!unitsSrc) {
    if (!unreadable.has("units.yaml")) out.push(missing("units.yaml"));
  } else if (unitsSrc.value !== undefined) {
    const r = validateUnits(unitsSrc, out);
    units = r.units;
    knownUnits = r.knownIds;
    unitNames = r.names;
  }

  // Years: every rules file and ledger folder present, plus those the caller needs.
  const years = new Set<number>(options.requireYears ?? []);
  for (const rel of sources.keys()) {
    const c = classify(rel);
    if (c?.year) years.add(c.year);
  }

  const rules = new Map<number, RulesDoc>();
  const ledgers = new Map<number, Ledger>();
  let complete = units !== null;
  for (const year of [...years].sort((a, b) => a - b)) {
    const rulesRel = `rules/${year}.yaml`;
    const rulesSrc = sources.get(rulesRel);
    let yearRules: Rules | null = null;
    if (!rulesSrc) {
      if (options.requireYears?.includes(year)) {
        if (!unreadable.has(rulesRel)) out.push(missing(rulesRel));
        complete = false;
      }
    } else if (rulesSrc.value !== undefined) {
      yearRules = validateRules(rulesSrc, year, out);
      if (yearRules) rules.set(year, { year, file: rulesRel, rules: yearRules });
      else complete = false;
    } else complete = false;

    // One file per ledger: YAML, CSV (petitions only) or an XLSX workbook.
    const ledgerFile = (name: string, exts: readonly string[]): SourceFile | undefined => {
      const found = exts
        .map((ext) => `${name}.${ext}`)
        .filter((n) => sources.has(`ledger/${year}/${n}`));
      if (found.length > 1) {
        out.push(
          makeDiagnostic("file/ambiguous", {
            position: { file: `ledger/${year}/${found[1] as string}`, line: 1, col: 1 },
            path: "",
            params: { folder: `ledger/${year}/`, names: found },
          }),
        );
        complete = false;
      }
      return found[0] === undefined ? undefined : sources.get(`ledger/${year}/${found[0]}`);
    };
    const ledgerSources: LedgerSources = {};
    const petitions = ledgerFile("petitions", ["yaml", "csv", "xlsx"]);
    if (petitions) ledgerSources.petitions = petitions;
    const meetings = ledgerFile("meetings", ["yaml", "xlsx"]);
    if (meetings) ledgerSources.meetings = meetings;
    const weekly = ledgerFile("weekly-reports", ["yaml", "xlsx"]);
    if (weekly) ledgerSources.weeklyReports = weekly;
    const mediation = sources.get(`ledger/${year}/mediation.yaml`);
    if (mediation) ledgerSources.mediation = mediation;
    const receptions = sources.get(`ledger/${year}/receptions.yaml`);
    if (receptions) ledgerSources.receptions = receptions;
    if (options.withoutLedgers) continue;
    if (rulesSrc) {
      const unread = (name: string) =>
        ["yaml", "csv", "xlsx"].some((ext) => unreadable.has(`ledger/${year}/${name}.${ext}`));
      // Without a petitions ledger every village would score full marks and be paid its rewards:
      // an error, located at the rules file that makes the year scored (the ledger does not
      // exist to point into). `petitions: []` says "no petitions".
      if (!ledgerSources.petitions && !unread("petitions")) {
        out.push(
          makeDiagnostic("ledger/petitions-missing", {
            position: { file: rulesRel, line: 1, col: 1 },
            path: "",
            params: { year, rules: rulesRel },
          }),
        );
        complete = false;
      }
      const expected: [keyof LedgerSources, string][] = [
        ["meetings", "meetings.yaml"],
        ["weeklyReports", "weekly-reports.yaml"],
      ];
      for (const [key, name] of expected) {
        if (!ledgerSources[key] && !unread(name.replace(/\.yaml$/, ""))) {
          out.push(
            makeDiagnostic("ledger/missing-file", {
              position: { file: `ledger/${year}/${name}`, line: 1, col: 1 },
              path: "",
              params: { file: `ledger/${year}/${name}` },
            }),
          );
        }
      }
    }
    if (Object.values(ledgerSources).some((s) => s.value === undefined)) complete = false;
    const weekday = yearRules?.weekly_report.deadline.weekday ?? 5;
    const ledger = validateLedger(year, ledgerSources, knownUnits, weekday, out, unitNames);
    if (ledger) ledgers.set(year, ledger);
    else complete = false;
  }

  // Years with a rules file: an invalid one is reported on its own, not again per document.
  const rulesYears = new Set(
    [...sources.keys()].flatMap((rel) =>
      classify(rel)?.kind === "rules" ? [classify(rel)?.year as number] : [],
    ),
  );
  const documents = validateDocuments(
    sources,
    options.texts ?? new Map(),
    { units, knownUnits, rulesYears, office },
    out,
  );
  // Pages are masked where they are read (validate/pages.ts), the rest of the content below.
  const pages = validatePages(options.texts ?? new Map(), { knownUnits, rulesYears }, out);
  for (const d of identifierDiagnostics(sources)) out.push(d);
  const diagnostics = sortDiagnostics(out);
  // Personal numbers are masked here, once: every later stage sees masked free text (SPEC §1).
  const content: Content | null =
    complete && units && documents && !hasErrors(diagnostics)
      ? maskContent({ office, leadership, units, rules, ledgers, ...documents, pages })
      : null;
  return { content, diagnostics, sources };
}
