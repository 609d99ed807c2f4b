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

export interface Origin {
  /** Content-relative file path. */
  file: string;
  /** 1-based line of the record (0 when it has none, e.g. a missing weekly report). */
  line: number;
  /** Position of the record in its file (ledger order). */
  index: number;
}

export type Petition = PetitionRecord & { origin: Origin };
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
}

export function emptyLedger(year: number): Ledger {
  return {
    year,
    petitions: [],
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
