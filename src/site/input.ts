// What the site is built from: the contract between the pipeline and the Astro pages.
// Computed once per build and handed to the pages (site/build/hand-over.ts); the pages never
// read the content folder themselves.
import type { Leadership, Office, Rules, Unit } from "../../schemas/index.ts";
import { weeklyGrid } from "../compute/scoring/index.ts";
import type { WeeklyGrid, YearScores } from "../compute/scoring/index.ts";
import type { Stats } from "../compute/stats/index.ts";
import { isClassified } from "../doc/types.ts";
import type { PublishedDocument } from "../render/index.ts";
import { emptyLedger } from "../validate/content.ts";
import type { Content, Page } from "../validate/content.ts";

export interface HeldBack {
  id: string;
  title: string;
  /** e.g. 秘密★1年 */
  secret: string;
  source: string;
}

export interface YearRules {
  year: number;
  file: string;
  rules: Rules;
}

/** An office page (pages/<name>.mdx) as validated data: title, slug, Markdown blocks, components. */
export type SitePage = Page;

export interface Publication {
  office: Office | null;
  leadership: Leadership | null;
  units: Unit[];
  /** Years with rules, ascending. */
  years: number[];
  /** Every document that may be published (none carries a 密级), in a stable order. */
  documents: PublishedDocument[];
  /** Documents with a 密级: never published, named in the build summary. */
  heldBack: HeldBack[];
  scores: YearScores[];
  /** Weekly-report punctuality of each scored year, up to its sheet's as-of date. */
  weekly: WeeklyGrid[];
  rules: YearRules[];
  pages: SitePage[];
  /**
   * Statistics of the periods the office reports on: each report's period and each scored
   * year, one per period (the statistics workbooks).
   */
  statistics: Stats[];
}

/**
 * The site's input from checked content: every document that may be published (the classified
 * ones only named in `heldBack`), the scores, the rules and the office pages.
 */
export function siteInput(
  content: Content,
  scores: YearScores[],
  documents: readonly PublishedDocument[],
  statistics: readonly Stats[] = [],
): Publication {
  const heldBack: HeldBack[] = documents
    .filter((d) => isClassified(d.doc))
    .map((d) => ({
      id: d.doc.meta.id,
      title: d.doc.meta.title,
      secret: `${d.doc.meta.secret?.level}${d.doc.meta.secret?.term ? `★${d.doc.meta.secret.term}` : ""}`,
      source: d.doc.meta.id,
    }));
  return {
    office: content.office,
    leadership: content.leadership,
    units: content.units,
    years: scores.map((s) => s.year),
    documents: documents.filter((d) => !isClassified(d.doc)),
    heldBack,
    scores,
    weekly: scores.flatMap(({ year, sheet }) => {
      const rules = content.rules.get(year);
      if (!rules) return [];
      const ledger = content.ledgers.get(year) ?? emptyLedger(year);
      return [weeklyGrid(ledger, rules.rules, content.units, { year, asOf: sheet.asOf })];
    }),
    rules: [...content.rules.values()]
      .sort((a, b) => a.year - b.year)
      .map((r) => ({ year: r.year, file: r.file, rules: r.rules })),
    pages: content.pages,
    statistics: [...statistics],
  };
}
