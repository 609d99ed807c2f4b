// What a build publishes: the contract between the pipeline and the outputs (site, PDF, DOCX).
import type { Leadership, Office, Rules, Unit } from "../../schemas/index.ts";
import type { ScoreSheet } from "../compute/scoring/index.ts";
import type { Doc } from "../doc/types.ts";
import type { Page } from "../validate/content.ts";

export interface PublishedDocument {
  doc: Doc;
  /** The Markdown the templates produced (front matter + body), before it became a Doc. */
  markdown: string;
  /** The content file it is written from (null for scoring sheets, made from the ledgers). */
  source: string | null;
}

export interface HeldBack {
  id: string;
  title: string;
  /** e.g. 秘密★1年 */
  secret: string;
  source: string;
}

export interface YearScores {
  year: number;
  /** The whole year (or the year so far, when the ledger ends earlier: see `asOf`). */
  sheet: ScoreSheet;
  /** Year-to-date sheets at the end of each month that has ended in the ledger, January first. */
  monthly: ScoreSheet[];
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
  rules: YearRules[];
  pages: SitePage[];
}
