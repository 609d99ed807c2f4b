// What the site is built from: the contract between the build (src/build) and the Astro pages.
// Computed once per build and handed to the pages (see build/site-input.ts); the pages never
// read the content folder themselves.
import type { Leadership, Office, Rules, Unit } from "../../schemas/index.ts";
import type { YearScores } from "../compute/scoring/index.ts";
import type { PublishedDocument } from "../render/index.ts";
import type { Page } from "../validate/content.ts";

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
  rules: YearRules[];
  pages: SitePage[];
}
