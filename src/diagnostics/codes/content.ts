// What the schemas cannot say: the roster, the ledgers' dates and weeks, the rules, the documents,
// the figures typed in reports, and the scoring table's gaps.
import type { SourcePosition } from "../diagnostic.ts";
import { LEVEL_VISIT, zhDate } from "../../text/zh.ts";
import { entry, listed } from "./entry.ts";
import type { FieldIssue } from "./schema.ts";
import { fieldIssueMessage } from "./schema.ts";

/** The ledgers a rule can apply to (schemas/common.ts LEDGERS). */
export type LedgerName = "petition" | "meeting" | "weekly-report";

const LEDGER_NAMES: Record<LedgerName, string> = {
  petition: "信访事项",
  meeting: "例会",
  "weekly-report": "周报",
};

/** The values a condition's field takes (schemas/events.ts FieldType). */
export type ConditionValues =
  | { kind: "text" }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "enum"; values: readonly string[] };

function expectedValues(t: ConditionValues): string {
  switch (t.kind) {
    case "boolean":
      return "true 或 false";
    case "number":
      return "数字";
    case "enum":
      return t.values.join("、") + " 之一";
    case "text":
      return "文字";
  }
}

/** Which date of a record is outside the ledger's year. */
const DATE_NAMES = { petition: "信访日期", meeting: "例会日期", record: "日期" } as const;

export const contentCodes = {
  "units/duplicate-member": entry<{ name: string; first: SourcePosition }>({
    severity: "error",
    message: (p) => `同一村（社区）中两委成员“${p.name}”出现两次`,
    hint: "两委成员在本村（社区）内按姓名识别，同名者请加以区分（如“张伟（大）”）。",
    related: { at: (p) => p.first, note: "首次出现" },
  }),
  "units/liaison-award-conflict": entry<{
    name: string;
    amount: number;
    /** The unit where the person was first listed, and the award there. */
    firstUnit: string;
    firstAmount: number;
  }>({
    severity: "error",
    message: (p) =>
      `“${p.name}”在此的月精神文明奖为 ${p.amount} 元，与 ${p.firstUnit} 中的 ${p.firstAmount} 元不一致`,
    hint: "同一名包村领导/干部在各村（社区）的月精神文明奖必须相同。",
  }),
  "ledger/date-outside-year": entry<{
    of: keyof typeof DATE_NAMES;
    date: string;
    year: number;
  }>({
    severity: "error",
    message: (p) => `${DATE_NAMES[p.of]} ${p.date} 不在 ${p.year} 年内`,
    hint: "台账按年度存放：ledger/2025/ 中只能记录 2025 年的事项。",
  }),
  "ledger/closed-before-accepted": entry<
    | { field: "closed" | "due"; date: string; accepted: string }
    /** Closed but never accepted. */
    | { field: "closed"; date: string; accepted: null }
  >({
    severity: "error",
    message: (p) =>
      p.accepted === null
        ? `未受理的事项（没有受理日期）不能有办结日期 ${p.date}`
        : `${p.field === "due" ? "办理期限" : "办结日期"} ${p.date} 早于受理日期 ${p.accepted}`,
    hint: "办结日期、办理期限不能早于受理日期；未受理的事项不能有办结日期。",
  }),
  "ledger/accepted-before-date": entry<{ accepted: string; date: string }>({
    severity: "error",
    message: (p) => `受理日期 ${p.accepted} 早于信访日期 ${p.date}`,
    hint: "受理日期不能早于信访发生日期。",
  }),
  "ledger/form-missing": entry({
    severity: "error",
    message: () => "既没有填写形式（form），也没有填写人数（headcount）",
    hint: "填写 form（个访、集访、重访、非访），或填写 headcount 由人数判断个访/集访。",
  }),
  "ledger/absent-and-leave": entry<{ unit: string }>({
    severity: "error",
    message: (p) => `“${p.unit}”同时列在缺席（absent）和请假（leave）中`,
    hint: "同一次例会中，一个村（社区）只能是缺席或请假之一。",
  }),
  "ledger/week-not-exist": entry<{ week: string }>({
    severity: "error",
    message: (p) => `周次 ${p.week} 不存在`,
    hint: "周次按 ISO 8601 计：每年有 52 或 53 周，周一为一周的第一天。",
  }),
  "ledger/week-outside-year": entry<{ week: string; deadline: string; year: number }>({
    severity: "error",
    message: (p) => `${p.week} 的报送截止日 ${p.deadline} 不在 ${p.year} 年内`,
    hint: "周报按截止日期所在年度归档，请把该记录移到对应年度的台账中。",
  }),
  "ledger/utc-offset": entry<{ submitted: string }>({
    severity: "error",
    message: (p) => `报送时间“${p.submitted}”带有时区`,
    hint: "报送时间一律按北京时间填写，例如 2025-01-10T16:30，不要加 Z 或 +08:00。",
  }),
  "ledger/petitions-missing": entry<{ year: number; rules: string }>({
    severity: "error",
    message: (p) =>
      `${p.year} 年度有考评细则 ${p.rules}，但没有信访事项台账 ledger/${p.year}/petitions.yaml、petitions.csv 或 petitions.xlsx`,
    hint: "没有信访事项台账时，每个村（社区）都会得满分并领取奖励。请补上台账；本年度确实没有信访事项时，写一个只有“petitions: []”的 petitions.yaml。",
  }),
  "rules/year-mismatch": entry<{ file: string; year: number; expected: number }>({
    severity: "error",
    message: (p) => `文件 ${p.file} 的 year 写的是 ${p.year}，应为 ${p.expected}`,
    hint: "rules/2025.yaml 中的 year 必须是 2025。",
  }),
  "rules/unknown-field": entry<{
    ledger: LedgerName;
    field: string;
    /** The fields a condition on this ledger can test. */
    fields: readonly string[];
  }>({
    severity: "error",
    message: (p) => `${LEDGER_NAMES[p.ledger]}台账（${p.ledger}）没有字段“${p.field}”`,
    hint: (p) => `可用的字段：${p.fields.join("、")}。`,
  }),
  "rules/unknown-value": entry<{ field: string; value: string; expected: ConditionValues }>({
    severity: "error",
    message: (p) => `条件 ${p.field} 的取值“${p.value}”无效，应为 ${expectedValues(p.expected)}`,
    hint: "条件中的取值必须是该字段允许的取值之一。",
  }),
  "rules/bad-factor": entry<{ value: string }>({
    severity: "error",
    message: (p) => `系数“${p.value}”无效，必须是大于 0 的数`,
    hint: "减半填 0.5，加倍填 2。",
  }),
  "rules/unset-cell": entry<{ item: string; cells: readonly string[] }>({
    severity: "error",
    message: (p) =>
      `考评项目 ${p.item} 的分值表没有写明${p.cells.join("、")}的分值，也没有一票否决条件包括这些情形`,
    hint: "这份细则设了 unset_cells: refuse：分值表补全之前不能发布工作方案和责任书。不扣分的情形请写 0；要按空格不扣分处理，把 unset_cells 改为 zero（考评办法中会写明这些情形不扣分）。",
  }),
  "rules/item-shape": entry<
    | { item: string; has: "both" | "neither" }
    /** A points table on an item of another ledger. */
    | { item: string; tableOn: string }
  >({
    severity: "error",
    message: (p) =>
      "tableOn" in p
        ? `信访分值表（table）只能用于 petition 台账，考评项目 ${p.item} 的台账是 ${p.tableOn}`
        : p.has === "both"
          ? `考评项目 ${p.item} 同时有 points 和 table，只能有其一`
          : `考评项目 ${p.item} 既没有 points 也没有 table`,
    hint: "考评项目要么有 points（分值），要么有 table（信访分值表，仅用于 petition 台账）。",
  }),
  "doc/missing-rules": entry<{ file: string; year: number }>({
    severity: "error",
    message: (p) => `${p.file} 需要 ${p.year} 年度的考评细则（rules/${p.year}.yaml），但没有找到`,
    hint: "考评办法和奖惩办法由考评细则生成：请添加该年度的 rules 文件，或用 rules_year 指定已有的年度。",
  }),
  "doc/date-order": entry<{ span: "term" | "period"; from: string; to: string }>({
    severity: "error",
    message: (p) =>
      `${p.span === "term" ? "责任期限" : "总结期间"}的结束日期 ${p.to} 早于开始日期 ${p.from}`,
    hint: "请检查起止日期是否写反。",
  }),
  "doc/missing-signer": entry<{ unit: string; id: string; role: string }>({
    severity: "warning",
    message: (p) => `${p.unit}（${p.id}）在 units.yaml 中没有${p.role}，责任书乙方负责人处留空`,
    hint: "在 units.yaml 的 officials 中补上该负责人，或把 party_b_signer 改为另一位负责人。",
  }),
  "doc/unknown-issuer": entry<{ name: string; known: string[] }>({
    severity: "error",
    message: (p) => `发文机关“${p.name}”不在 office.yaml 的 issuers 中`,
    hint: (p) =>
      p.known.length
        ? `写 office.yaml 中 issuers 的 name 或 short_name 之一：${listed(p.known)}；或在 issuers 中补上这个机关。`
        : "在 office.yaml 的 issuers 中写明以自己名义发文的机关（name、code）。",
  }),
  "doc/issuer-mismatch": entry<{ what: "标志" | "印发机关"; value: string; issuer: string }>({
    severity: "error",
    message: (p) =>
      p.what === "标志"
        ? `发文机关标志“${p.value}”不是发文机关${p.issuer}的名称`
        : `印发机关“${p.value}”既不是发文机关${p.issuer}，也不是它在 office.yaml 中的印发机关`,
    hint: "发文机关标志、发文字号的机关代字、署名和印发机关必须是同一个机关：删去这一项（由 issuer 决定），或改用 issuer 指定真正发文的机关。",
  }),
  "doc/missing-number": entry<{ doc: string; code: string | null; year: number }>({
    severity: "warning",
    message: (p) => `${p.doc}按文件格式印发，但没有发文字号`,
    hint: (p) =>
      `文件格式的公文必须有发文字号：机关代字、六角括号中的年份和序号，例如 ${p.code ?? "青政发"}〔${p.year}〕3号；不作为公文印发的，把 format 改为 无。`,
  }),
  "doc/number-code": entry<{
    doc: string;
    number: string;
    code: string;
    expected: string;
    issuer: string;
  }>({
    severity: "warning",
    message: (p) =>
      `${p.doc}的发文字号 ${p.number} 的机关代字是“${p.code}”，发文机关${p.issuer}的代字是“${p.expected}”`,
    hint: "发文字号用发文机关自己的机关代字：改正发文字号，或用 issuer 指定真正发文的机关。",
  }),
  "doc/report-signer": entry<{ doc: string }>({
    severity: "warning",
    message: (p) => `${p.doc}是上行文（报告），但没有签发人`,
    hint: "上行文在发文字号同一行标注签发人：填写 signer（签发人姓名）；不向上级报送的，把 format 改为 无。",
  }),
  "doc/print-date": entry<{ doc: string; date: string }>({
    severity: "warning",
    message: (p) => `${p.doc}的版记没有印发日期，按成文日期${zhDate(p.date)}印发`,
    hint: "版记中的印发日期是公文送印的日期：填写 print_date（月度、年度通报写在 print_dates 中）。",
  }),
  "office/legacy-issuer": entry<{
    keys: string[];
    issuer: string;
    code: string | null;
    replaced: boolean;
  }>({
    severity: "warning",
    message: (p) =>
      p.replaced
        ? `${listed(p.keys)} 是旧写法，已有 issuers，不再使用`
        : `${listed(p.keys)} 是旧写法：按它们认定发文机关为 ${p.issuer}${p.code ? `（${p.code}）` : ""}`,
    hint: (p) =>
      `改写为 issuers 列表，每个以自己名义发文的机关一项，例如：issuers: [{ name: ${p.issuer}${p.code ? `, code: ${p.code}` : ""} }]，再加上信访办（如 { name: …信访工作领导小组办公室, code: …, petition_office: true }），然后删去 ${listed(p.keys)}。`,
  }),
  "doc/section-depth": entry<FieldIssue>({
    severity: "error",
    message: fieldIssueMessage,
    hint: "公文的标题最多四级（一、（一）1.（1））；更深的内容请写成正文段落。",
  }),
  "doc/markdown-limit": entry<{ kind: "nesting" | "emphasis"; max: number }>({
    severity: "error",
    message: (p) =>
      p.kind === "nesting"
        ? `正文中引用、列表的嵌套超过 ${p.max} 层`
        : `这一段正文中的“*”和“_”超过 ${p.max} 个`,
    hint: "正文的 Markdown 有上限，以免读取时耗尽时间：检查这里是否误粘贴了大量符号；要显示“*”，请写成 \\*。",
  }),
  "stats/figure-mismatch": entry<{ figure: string; typed: string; computed: string }>({
    severity: "warning",
    message: (p) => `${p.figure}写的是 ${p.typed}，按台账计算为 ${p.computed}`,
    hint: "总结中的数字应与台账一致：改正这个数字，或核对台账。统计口径见 README（只计受理的信访事项，按受理日期归属期间）。",
  }),
  "stats/no-comparison": entry<{ title: string; from: string; to: string }>({
    severity: "warning",
    message: (p) =>
      `工作总结《${p.title}》没有上年同期（${p.from} 至 ${p.to}）的台账或汇总数，文中的统计数字不写同比`,
    hint: "需要同比时，请在该总结中填写 previous（上年同期的汇总数），或放入上年的台账。",
  }),
  "score/uncovered-cell": entry<{ event: string; level: string; form: string; clause: string }>({
    severity: "warning",
    message: (p) =>
      `${p.event}：${LEVEL_VISIT[p.level as keyof typeof LEVEL_VISIT] ?? p.level}${p.form}在“${p.clause}”的分值表中没有分值，按 0 分计`,
    hint: "在 rules 的信访分值表中补上这一格（不扣分也请写 0），或增加相应的一票否决条件。",
  }),
};
