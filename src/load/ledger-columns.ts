// The one column spec of the three scored ledgers as a clerk keeps them in a table (CSV or an
// Excel/WPS workbook): sheet names, Chinese headers in order, what each cell holds. The readers
// (csv.ts, xlsx.ts) and the ledger template writer use this module and nothing else.
//
// Layouts (README “Excel 台账”):
// - 信访事项: one row per petition, the columns below in order.
// - 例会: one row per meeting; 缺席 and 请假 list the villages absent / on leave, separated by
//   、，,；; or spaces (a clerk writes one line per meeting in the minutes book).
// - 周排查报告: one row per submission (村（社区）, 周次, 报送时间, 零报告), or the grid offices
//   track on the wall: first column 村（社区）, one column per week (header 2025-W02, 第2周 or
//   W02), each cell the submission time; a cell starting with 零报告 is a zero report
//   (`零报告 2025-01-10 16:30`); a blank cell is a week not reported.
import { CHANNELS, FORMS, LEVELS, SATISFACTIONS } from "../../schemas/common.ts";

export type ColumnKind = "text" | "number" | "boolean" | "date" | "datetime" | "unit" | "units";

export interface LedgerColumn {
  /** Field of the YAML record. */
  key: string;
  /** Header names accepted for this column, Chinese first, then aliases. */
  headers: readonly string[];
  kind: ColumnKind;
  /** Whether a record needs a value here (the schema decides; this is for the template). */
  required: boolean;
  /** The values the cell may hold (a dropdown in the template). */
  choices?: readonly string[];
  /** One Chinese line for the template's 填写说明 sheet. */
  note: string;
  /** A text column with a special reading: `week` takes 2025-W02, 第2周, W2 (year of the file). */
  format?: "week";
}

export type LedgerSheetKind = "petitions" | "meetings" | "weekly-reports";

export interface LedgerSheet {
  /** The Chinese sheet name the readers look for (a workbook of one sheet is read whatever its name). */
  sheet: string;
  /** Other sheet names accepted. */
  aliases: readonly string[];
  /** The YAML key of the record list (petitions, meetings, weekly_reports). */
  listKey: string;
  columns: readonly LedgerColumn[];
  /**
   * Makes a row from the cells' values in `columns` order: every field of the sheet's record, in
   * the record's order (a field no column gives is undefined).
   */
  row?: (values: readonly unknown[]) => Record<string, unknown>;
}

const YES_NO = ["是", "否"] as const;

const flag = (key: string, header: string, note: string): LedgerColumn => ({
  key,
  headers: [header, key],
  kind: "boolean",
  required: false,
  choices: YES_NO,
  note,
});

/** 信访事项: one row per petition. */
export const PETITION_COLUMNS: readonly LedgerColumn[] = [
  {
    key: "id",
    headers: ["编号", "id"],
    kind: "text",
    required: true,
    note: "信访事项编号，本年度内不重复，例如 P-2025-0001",
  },
  {
    key: "date",
    headers: ["日期", "date"],
    kind: "date",
    required: true,
    note: "信访日期（到访、来信或登记之日），例如 2025-01-08 或 2025/1/8",
  },
  {
    key: "unit",
    headers: ["村（社区）", "村(社区)", "unit"],
    kind: "unit",
    required: true,
    note: "村（社区）名称或编号，与 units.yaml 一致，例如 东山村",
  },
  {
    key: "level",
    headers: ["去向", "level"],
    kind: "text",
    required: true,
    choices: LEVELS,
    note: "信访到达的层级：镇、县、市、省、京",
  },
  {
    key: "form",
    headers: ["形式", "form"],
    kind: "text",
    required: false,
    choices: FORMS,
    note: "个访、集访、重访、非访；不填时按人数判断",
  },
  {
    key: "headcount",
    headers: ["人数", "headcount"],
    kind: "number",
    required: false,
    note: "人数（人次），整数",
  },
  {
    key: "channel",
    headers: ["渠道", "channel"],
    kind: "text",
    required: false,
    choices: CHANNELS,
    note: "来信、来访、网上、电话",
  },
  {
    key: "category",
    headers: ["类别", "category"],
    kind: "text",
    required: false,
    note: "问题类别，例如 土地征收、拆迁安置、劳动社保",
  },
  {
    key: "issue",
    headers: ["问题编号", "issue"],
    kind: "text",
    required: false,
    note: "同一问题多次信访填写同一编号（认定重访和重点管理）",
  },
  {
    key: "summary",
    headers: ["事由", "summary"],
    kind: "text",
    required: false,
    note: "简要事由，不得填写信访人身份信息",
  },
  flag("early_warning", "提前报送", "及时发现并提前报送信息、采取稳控措施的填 是"),
  flag("persuaded_onsite", "劝离", "按时到位接访、劝离且未再上访的填 是"),
  flag("assigned_overdue", "交办逾期", "镇交办案件逾期未查清上报的填 是"),
  flag("superior_urged", "上级催办", "上级催办通报的填 是"),
  flag("escalated", "事态扩大", "导致事态扩大、影响恶劣的填 是"),
  flag("unfair_handling", "处理不公", "因村内事务处理不公引发的填 是"),
  {
    key: "accepted",
    headers: ["受理日期", "accepted"],
    kind: "date",
    required: false,
    note: "受理日期；不填表示不予受理",
  },
  {
    key: "due",
    headers: ["办理期限", "due"],
    kind: "date",
    required: false,
    note: "办理期限；不填时为受理日期后 60 日",
  },
  {
    key: "closed",
    headers: ["办结日期", "closed"],
    kind: "date",
    required: false,
    note: "办结日期",
  },
  flag("resolved", "化解", "已化解的填 是"),
  {
    key: "satisfaction",
    headers: ["满意度", "satisfaction"],
    kind: "text",
    required: false,
    choices: SATISFACTIONS,
    note: "满意、基本满意、不满意、未评价",
  },
];

/**
 * A petition row as read with `refine` (csv.ts): every field of a petition's record in the
 * record's order (validate/fast.ts) — the columns' fields by `values` in PETITION_COLUMNS order
 * (undefined where the cell is empty or the column absent), then `satisfied` and `row`, which
 * no column gives. Written as one literal so that every row is made in one step with the record's
 * shape: setting 21 fields one by one by name costs more than the rest of reading the row, and
 * `refine` can complete the row in place instead of copying it (test/validate/fast.test.ts).
 */
export function petitionRow(v: readonly unknown[]): Record<string, unknown> {
  return {
    id: v[0],
    date: v[1],
    unit: v[2],
    level: v[3],
    form: v[4],
    headcount: v[5],
    channel: v[6],
    category: v[7],
    issue: v[8],
    summary: v[9],
    early_warning: v[10],
    persuaded_onsite: v[11],
    assigned_overdue: v[12],
    superior_urged: v[13],
    escalated: v[14],
    unfair_handling: v[15],
    accepted: v[16],
    due: v[17],
    closed: v[18],
    resolved: v[19],
    satisfaction: v[20],
    satisfied: undefined,
    row: undefined,
  };
}

/** 例会: one row per meeting. */
export const MEETING_COLUMNS: readonly LedgerColumn[] = [
  { key: "id", headers: ["编号", "id"], kind: "text", required: true, note: "例会编号，例如 M-01" },
  { key: "date", headers: ["日期", "date"], kind: "date", required: true, note: "例会日期" },
  {
    key: "title",
    headers: ["名称", "例会名称", "title"],
    kind: "text",
    required: false,
    note: "例会名称，例如 1月信访工作例会",
  },
  {
    key: "absent",
    headers: ["缺席", "无故缺席", "absent"],
    kind: "units",
    required: false,
    note: "无故缺席的村（社区），多个用顿号隔开，例如 东山村、西山村",
  },
  {
    key: "leave",
    headers: ["请假", "leave"],
    kind: "units",
    required: false,
    note: "请假的村（社区），多个用顿号隔开",
  },
];

/** 周排查报告, row layout: one row per submission. */
export const WEEKLY_REPORT_COLUMNS: readonly LedgerColumn[] = [
  {
    key: "unit",
    headers: ["村（社区）", "村(社区)", "unit"],
    kind: "unit",
    required: true,
    note: "村（社区）名称或编号",
  },
  {
    key: "week",
    headers: ["周次", "week"],
    kind: "text",
    format: "week",
    required: true,
    note: "ISO 周次，例如 2025-W02（也可写 第2周）",
  },
  {
    key: "submitted",
    headers: ["报送时间", "submitted"],
    kind: "datetime",
    required: true,
    note: "报送时间（北京时间），例如 2025-01-10 16:30 或 2025/1/10 16:30",
  },
  {
    key: "zero",
    headers: ["零报告", "zero"],
    kind: "boolean",
    required: false,
    choices: YES_NO,
    note: "零报告填 是",
  },
];

/** 周排查报告, grid layout: the first column's header (the others are weeks). */
export const WEEKLY_GRID_UNIT_HEADERS: readonly string[] = ["村（社区）", "村(社区)", "unit"];
/** A grid cell holding a zero report starts with this word. */
export const ZERO_REPORT_WORD = "零报告";

export const LEDGER_SHEETS: Record<LedgerSheetKind, LedgerSheet> = {
  petitions: {
    sheet: "信访事项",
    aliases: ["信访事项台账", "petitions"],
    listKey: "petitions",
    columns: PETITION_COLUMNS,
    row: petitionRow,
  },
  meetings: {
    sheet: "例会",
    aliases: ["信访工作例会", "例会台账", "meetings"],
    listKey: "meetings",
    columns: MEETING_COLUMNS,
  },
  "weekly-reports": {
    sheet: "周排查报告",
    aliases: ["周报", "周报台账", "weekly-reports"],
    listKey: "weekly_reports",
    columns: WEEKLY_REPORT_COLUMNS,
  },
};
