// The score sheet: every figure of a period's scoring with the audit trail behind it.
import type { Form, LedgerKind, Level } from "../../../schemas/index.ts";
import type { Origin } from "../../validate/content.ts";
import type { Dec } from "../decimal.ts";

/** What happened, in the ledger's own terms: what a printed document says about an event. */
export type EventFacts =
  | { ledger: "petition"; level: Level; form: Form }
  | {
      ledger: "meeting";
      /** The meeting's title when the ledger gives one (7月信访工作例会). */
      title: string | null;
      status: "absent" | "leave";
    }
  | {
      ledger: "weekly-report";
      /** ISO week number within its year (27 for 2025-W27). */
      week: number;
      /** The deadline, `HH:MM` on the event's date. */
      deadline: string;
      /** The earliest submission, `YYYY-MM-DDTHH:MM:SS`; null when none was made. */
      submitted: string | null;
    };

/** Where an event's record stands: its file, and its line (0 for none, a missing report). */
export interface SourceAt {
  readonly file: string;
  readonly line: number;
}

/**
 * `file:line` of a record, or the file alone when it has no line. Made when read rather than kept
 * with each event and entry: a province's year has 2,000,000 of them.
 */
export function sourceText(at: SourceAt): string {
  // Joined rather than concatenated: one flat string (a concatenation is a rope of three).
  return at.line > 0 ? [at.file, at.line].join(":") : at.file;
}

export interface ScoreEvent {
  ledger: LedgerKind;
  /** Event id: the petition id, `<meeting>:<unit>` or `<unit>:<week>`. */
  id: string;
  unit: string;
  date: string;
  /** The fields a `when` tests. */
  fields: Readonly<Record<string, unknown>>;
  /** Where the record stands: `sourceText` makes its `file:line` (the file alone at line 0). */
  at: SourceAt;
  /** Where a petition's record was read (petition events only). */
  origin?: Origin;
  /** Position in event order (date, then ledger order). */
  order: number;
  facts: EventFacts;
}

export interface Entry {
  rule: string;
  clause: string;
  /** The rule's short name (labelOf). */
  label: string;
  event: string;
  ledger: LedgerKind;
  date: string;
  /** Points before modifiers: the item's points or the table cell. */
  base: Dec;
  /** Factors of the modifiers that applied, in rule order. */
  factors: Dec[];
  modifiers: { id: string; clause: string; label: string; factor: Dec }[];
  points: Dec;
  source: string;
  /** Where the event's record stands, when the entry keeps that rather than `source`'s text. */
  at?: SourceAt;
  /** One of the item's free events (`free: N`): counted, scores 0. */
  free: boolean;
  /** Table cell used for a petition, and whether the table leaves it unset. */
  cell: { level: Level; form: Form; unset: boolean } | null;
  facts: EventFacts;
}

export interface VetoHit {
  rule: string;
  clause: string;
  label: string;
  /** The rule names only the destination and form, so the event's cell says why (进京个访). */
  byCell: boolean;
  event: string;
  date: string;
  source: string;
  facts: EventFacts;
}

export interface Reward {
  kind: "rank" | "clean_record";
  amount: number;
  clause: string;
}

export type SanctionKind = "warning" | "yellow_card" | "key_management" | "veto";

export interface Sanction {
  kind: SanctionKind;
  clause: string;
  /** The rule's short name (labelOf); for a veto, the vetoing rule's. */
  label: string;
  event: string;
  date: string;
  source: string;
  facts: EventFacts;
  /** key_management: issue id, start date, duration and the liaisons' appraisal. */
  issue?: string;
  from?: string;
  months?: number;
  appraisal?: string;
}

export type Consequence = "last_place";

export interface UnitScore {
  id: string;
  name: string;
  score: Dec;
  /** Sum of negative points (≤ 0) and of positive points (≥ 0). */
  deducted: Dec;
  added: Dec;
  rank: number;
  vetoed: boolean;
  entries: Entry[];
  vetoes: VetoHit[];
  rewards: Reward[];
  consequences: Consequence[];
  sanctions: Sanction[];
}

export type PayItem = "monthly_subsidy" | "star_pay" | "monthly_award";

export interface Loss {
  person: string;
  /** The unit of a 两委成员; null for a 包村领导/干部 (identified by name across units). */
  unit: string | null;
  role: string;
  item: PayItem;
  months: number;
  amount: number;
  /** Months asked for before the 12-month cap. */
  uncappedMonths: number;
}

export interface Appraisal {
  person: string;
  role: string;
  rating: string;
  units: string[];
}

export interface CoverageWarning {
  code: "uncovered-cell";
  event: string;
  unit: string;
  date: string;
  source: string;
  level: Level;
  form: Form;
  /** The clause of the item whose table has no value for this level and form. */
  clause: string;
  /** Where the petition was read (its record's origin), to locate the warning. */
  origin: Origin | undefined;
}

export interface ScoreSheet {
  year: number;
  asOf: string;
  complete: boolean;
  base: Dec;
  /** Units in rank order. */
  units: UnitScore[];
  losses: Loss[];
  appraisals: Appraisal[];
  warnings: CoverageWarning[];
  lastPlaceClause: string | null;
  /** Units each 包村领导/干部 covers, by name (for per-unit views of losses). */
  liaisonUnits: Map<string, string[]>;
}

/** The scores of one year: the whole year and each month's year-to-date sheet. */
export interface YearScores {
  year: number;
  /** The whole year (or the year so far, when the ledger ends earlier: see `asOf`). */
  sheet: ScoreSheet;
  /** Year-to-date sheets at the end of each month that has ended in the ledger, January first. */
  monthly: ScoreSheet[];
}
