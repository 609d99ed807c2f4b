// The validated content model: what every later stage reads. Records keep where they came from.
import type {
  AgreementFile,
  MediationRecord,
  ReceptionRecord,
  Leadership,
  NoticeFile,
  PlanFile,
  ReportFile,
  MeetingRecord,
  Office,
  PetitionRecord,
  Rules,
  Unit,
  WeeklyReportRecord,
} from "../../schemas/index.ts";
import type { DocKind } from "../text/kinds.ts";

export interface Origin {
  /** Content-relative file path. */
  file: string;
  /** 1-based line of the record (0 when it has none, e.g. a missing weekly report). */
  line: number;
  /** Position of the record in its file (ledger order). */
  index: number;
}

/**
 * A petition: its record and its row, the record's position in its file (ledger order). Where it
 * stands is `Ledger.petitionRows.origin(row)`: a year of 2,000,000 petitions keeps a number per
 * record, not an Origin object.
 */
export type Petition = PetitionRecord & { row: number };

/** Where the petitions of a ledger were read: the file, and a row's line found when asked. */
export interface PetitionRows {
  /** Content-relative file path ("" when the year has no petitions ledger). */
  file: string;
  /** 1-based line of row `row` (0 when unknown). */
  line(row: number): number;
}

/** The Origin of a petition's row. */
export const petitionOrigin = (rows: PetitionRows, row: number): Origin => ({
  file: rows.file,
  line: rows.line(row),
  index: row,
});

/** PetitionRows of a year without a petitions ledger. */
export const NO_PETITION_ROWS: PetitionRows = { file: "", line: () => 0 };
export type Meeting = MeetingRecord & { origin: Origin };
export type WeeklyReport = WeeklyReportRecord & {
  origin: Origin;
  /** `submitted` normalised to `YYYY-MM-DDTHH:MM:SS`, Asia/Shanghai local time. */
  submittedAt: string;
};

export type Mediation = MediationRecord & { origin: Origin };
export type Reception = ReceptionRecord & { origin: Origin };

export interface Ledger {
  year: number;
  petitions: Petition[];
  /** Where `petitions` were read: their rows' file and lines. */
  petitionRows: PetitionRows;
  meetings: Meeting[];
  weeklyReports: WeeklyReport[];
  /** 矛盾纠纷排查调处 and 领导接访下访 records (for reports, not scoring). */
  mediations: Mediation[];
  receptions: Reception[];
  /** Content-relative paths of the ledger files, null when absent. */
  files: {
    petitions: string | null;
    meetings: string | null;
    weeklyReports: string | null;
    mediation: string | null;
    receptions: string | null;
  };
}

export interface RulesDoc {
  year: number;
  file: string;
  rules: Rules;
}

/** A document file (plans/, agreements/, notices/, reports/) with where it came from. */
export interface DocumentFile<T> {
  file: string;
  data: T;
}

export interface Content {
  office: Office | null;
  leadership: Leadership | null;
  units: Unit[];
  rules: Map<number, RulesDoc>;
  ledgers: Map<number, Ledger>;
  plans: DocumentFile<PlanFile>[];
  agreements: DocumentFile<AgreementFile>[];
  notices: DocumentFile<NoticeFile>[];
  reports: DocumentFile<ReportFile>[];
  /** The office's pages (pages/*.mdx) as data, in file-name order. */
  pages: Page[];
}

// An office page is data, not code: Markdown blocks and the site's components with literal
// props (validate/pages.ts). Every text is masked (ID and mobile numbers) when the page is read;
// the site renders this data with its own escaping code.

export type PageInline =
  | { type: "text"; text: string }
  | { type: "strong" | "emphasis" | "delete"; children: PageInline[] }
  | { type: "code"; text: string }
  /** `href` as written (masked); the site links it only when it stays on the site. */
  | { type: "link"; href: string; children: PageInline[] }
  | { type: "image"; src: string; alt: string }
  | { type: "break" };

export type PageAlign = "left" | "center" | "right" | null;

export interface PageListItem {
  /** Task list items: `- [x]` true, `- [ ]` false; null for an ordinary item. */
  checked: boolean | null;
  children: PageBlock[];
}

export type PageBlock =
  | { type: "heading"; depth: 1 | 2 | 3 | 4 | 5 | 6; content: PageInline[] }
  | { type: "paragraph"; content: PageInline[] }
  /** `tight`: items are not separated by blank lines (their paragraphs are not <p>). */
  | { type: "list"; ordered: boolean; start: number | null; tight: boolean; items: PageListItem[] }
  | { type: "blockquote"; children: PageBlock[] }
  | { type: "table"; align: PageAlign[]; head: PageInline[][]; rows: PageInline[][][] }
  | { type: "code"; text: string }
  | { type: "rule" }
  /** Only at the top level of a page. */
  | { type: "component"; component: PageComponent };

/** The site's components with their props (src/site/components), checked against the content. */
export type PageComponent =
  | { name: "ScoreTable"; year?: number; caption?: string }
  | { name: "RankChart"; unit: string; year?: number; id?: string }
  | {
      name: "DocumentList";
      kind?: DocKind;
      year?: number;
      unit?: string;
      limit?: number;
      empty?: string;
    };

export interface Page {
  /** Content-relative path, `pages/<name>.mdx`. */
  file: string;
  /**
   * URL segment and folder name under pages/: letters, digits, `-` and `_` only (safe as a
   * folder name on Windows and Linux and in a URL), unique ignoring case.
   */
  slug: string;
  title: string;
  blocks: PageBlock[];
}

export function emptyLedger(year: number): Ledger {
  return {
    year,
    petitions: [],
    petitionRows: NO_PETITION_ROWS,
    meetings: [],
    weeklyReports: [],
    mediations: [],
    receptions: [],
    files: {
      petitions: null,
      meetings: null,
      weeklyReports: null,
      mediation: null,
      receptions: null,
    },
  };
}
