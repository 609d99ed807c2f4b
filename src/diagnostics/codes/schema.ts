// Fields against their schemas, and references between records: the hint of a field's problem is
// the one for its kind of value (a date, a week, a village id …), not one sentence for all.
import type { SourcePosition } from "../diagnostic.ts";
import { entry } from "./entry.ts";

/** The kind of value a field holds, decided from its schema (validate/field-kinds.ts). */
export type FieldKind =
  | "date"
  | "week"
  | "time"
  | "datetime"
  | "unit-id"
  | "document-id"
  | "rule-id"
  | "copy-number"
  | "integer"
  | "number"
  | "boolean"
  | "choice"
  | "text"
  | "list"
  | "mapping"
  /** Anything else (a value or a list of values, a custom check …). */
  | "value";

/** How to write a value of each kind: the hint of a field whose value has the wrong type or form. */
export const FIELD_HINTS: Record<FieldKind, string> = {
  date: "日期写作 2025-03-01：四位年份、两位月份、两位日期，用“-”连接，不要写成 2025/3/1 或 2025年3月1日；日期必须真实存在。",
  week: "周次写作 2025-W09：四位年份、字母 W 和两位周数（按 ISO 8601 计，周一为一周的第一天）。",
  time: '时间写作 "17:00"：24 小时制，两位小时和两位分钟，请加引号。',
  datetime: "报送时间写作 2025-01-10T16:30（北京时间），可以带秒，不要加 Z 或 +08:00。",
  "unit-id":
    "村（社区）编号只能用小写字母、数字和连字符（例如 dongshan），且必须与 units.yaml 中的 id 一致。",
  "document-id":
    "文书编号只能用小写字母、数字和连字符（例如 2025-annual），它会用在网址和 PDF 文件名中。",
  "rule-id": "编号只能用字母、数字、连字符和下划线（例如 P-LEVEL），同一份细则中不能重复。",
  "copy-number": '份号是 6 位数字，要加引号，例如 "000001"。',
  integer: "请填写整数，不加引号、单位或小数点。",
  number: "请填写数字（可以有小数），不加引号或单位。",
  boolean: "填写 true（是）或 false（否），不加引号。",
  choice: "只能填写列出的取值之一，注意不要多写“级”“村”等字。",
  text: "请在冒号后直接填写文字，不要写成列表或下一级字段；文字含有“: ”或以符号开头时，请加引号。",
  list: "列表的每一项单独一行，以“- ”开头（也可以写在一行内：[甲, 乙]）。",
  mapping: "这里应写下一级字段：每行一个“名称: 取值”，比上一级多缩进两个空格。",
  value: "请按字段要求的类型填写（文字、数字、是/否、列表等）。",
};

/** The hint of an out-of-range value, where the kind says more than the generic one. */
export const RANGE_HINTS: Partial<Record<FieldKind, string>> = {
  integer: "请检查数值是否在允许的范围内。",
  number: "请检查数值是否在允许的范围内。",
  list: "请检查列表的项数是否在允许的范围内。",
  text: "这一项不能为空，请填写内容。",
};

/** What a field of each kind must be, when its schema gives no words of its own. */
const KIND_EXPECTED: Record<FieldKind, string> = {
  date: "应为日期，写作 YYYY-MM-DD",
  week: "应为周次，写作 2025-W09",
  time: "应为时间，写作 17:00",
  datetime: "应为报送时间，写作 2025-01-10T16:30",
  "unit-id": "应为村（社区）编号",
  "document-id": "应为文书编号",
  "rule-id": "应为编号",
  "copy-number": "应为 6 位数字的份号",
  integer: "应为整数",
  number: "应为数字",
  boolean: "应为 true 或 false",
  choice: "不是允许的取值",
  text: "应为文字",
  list: "应为列表",
  mapping: "应为映射（下一级字段）",
  value: "取值不符合要求",
};

/** A field's value against its schema (schema/type, value, format, range, invalid …). */
export interface FieldIssue {
  /** The field's label, e.g. date（信访发生日期）; empty for the file as a whole. */
  field: string;
  kind: FieldKind;
  /** What the schema requires, in the schema's own words; empty when it has none. */
  rule: string;
  /** The value found, when it is a single value. */
  actual?: string | number | boolean;
}

/** 字段（说明）：what the schema requires（实际为“value”）. */
export function fieldIssueMessage(p: FieldIssue): string {
  const shown = p.actual === undefined ? "" : `（实际为“${String(p.actual)}”）`;
  return `${p.field ? `${p.field}：` : ""}${p.rule || KIND_EXPECTED[p.kind]}${shown}`;
}

const fieldHint = (p: { kind: FieldKind }) => FIELD_HINTS[p.kind];

/** What the duplicated id names, for the message and the hint. */
export type IdOf =
  | "record"
  | "unit"
  | "document"
  | "rule-item"
  | "veto"
  | "modifier"
  /** A village listed twice in one list (a meeting's absent or leave list). */
  | "list-entry";

const ID_NOUNS: Record<IdOf, string> = {
  record: "记录",
  unit: "村（社区）",
  document: "文书",
  "rule-item": "考评项目",
  veto: "一票否决条件",
  modifier: "分值系数",
  "list-entry": "一项",
};

/** 第 3 行, 本行前面, or plans/a.yaml 第 3 行: `first` as seen from `here`, after 与. */
function placeFrom(first: SourcePosition, here: SourcePosition | null): string {
  if (here && first.file === here.file)
    return first.line === here.line ? "本行前面" : `第 ${first.line} 行`;
  return ` ${first.file} 第 ${first.line} 行`;
}

const DUPLICATE_HINTS: Record<IdOf, string> = {
  record: "每条记录的 id 在同类记录中必须唯一。",
  unit: "每个村（社区）的 id 必须各不相同：台账和文书都用它指代这个村（社区）。",
  document: "同类文书的 id 必须各不相同：它用在网址和 PDF 文件名中。",
  "rule-item": "同一份细则中，考评项目、一票否决条件和每个项目的分值系数的 id 都不能重复。",
  veto: "同一份细则中，考评项目、一票否决条件和每个项目的分值系数的 id 都不能重复。",
  modifier: "同一份细则中，考评项目、一票否决条件和每个项目的分值系数的 id 都不能重复。",
  "list-entry": "同一个列表中，每个村（社区）只能列一次。",
};

export const schemaCodes = {
  "schema/required": entry<
    | { field: string }
    /** A CSV file whose first line holds no column names; `columns`: the first few expected. */
    | { csvHeader: readonly string[] }
  >({
    severity: "error",
    message: (p) =>
      "csvHeader" in p
        ? `缺少必填字段 表头：CSV 文件的第一行应当是列名（${p.csvHeader.join("、")}等）`
        : `缺少必填字段 ${p.field}`,
    hint: "请补充该字段；各字段的含义见 schemas/json/ 中的说明。",
  }),
  "schema/type": entry<
    | FieldIssue
    /** A list file (petitions.yaml …) that is not a mapping holding `list`. */
    | { listFile: string }
    /** The list `list` of a file is not a list. */
    | { notAList: string }
  >({
    severity: "error",
    message: (p) =>
      "listFile" in p
        ? `文件内容应为映射，以“${p.listFile}:”开头，其下是记录列表`
        : "notAList" in p
          ? `${p.notAList} 应为列表（每条记录以“- ”开头）`
          : fieldIssueMessage(p),
    hint: (p) =>
      "kind" in p
        ? FIELD_HINTS[p.kind]
        : "listFile" in p
          ? `文件的第一行写“${p.listFile}:”，其下每条记录以“- ”开头，比它多缩进两个空格。`
          : FIELD_HINTS.list,
  }),
  "schema/value": entry<FieldIssue | { field: string; key: string }>({
    severity: "error",
    message: (p) =>
      "key" in p
        ? `${p.field ? `${p.field}：` : ""}“${p.key}”不是允许的取值`
        : fieldIssueMessage(p),
    hint: (p) => ("kind" in p && p.kind !== "list" ? FIELD_HINTS[p.kind] : FIELD_HINTS.choice),
  }),
  "schema/format": entry<
    | FieldIssue
    /** A submission time whose date or time part does not exist (`text`: that part). */
    | { field: string; kind: "datetime"; invalid: "date" | "time"; text: string }
  >({
    severity: "error",
    message: (p) =>
      "invalid" in p
        ? `${p.field}：${p.text} 不是有效的${p.invalid === "date" ? "日期" : "时间"}`
        : fieldIssueMessage(p),
    hint: fieldHint,
  }),
  "schema/range": entry<FieldIssue | { noUnits: true }>({
    severity: "error",
    message: (p) => ("noUnits" in p ? "units：至少要有一个村（社区）" : fieldIssueMessage(p)),
    hint: (p) =>
      ("kind" in p ? RANGE_HINTS[p.kind] : RANGE_HINTS.list) ??
      "请检查数值或条目数量是否在允许的范围内。",
  }),
  "schema/unknown-key": entry<
    | { key: string; where?: string }
    /** A CSV column no field is named after; `columns`: the names it could have. */
    | { column: string; columns: readonly string[] }
  >({
    severity: "warning",
    message: (p) =>
      "column" in p
        ? `无法识别的字段 列“${p.column}”，已忽略`
        : `无法识别的字段 ${p.key}${p.where ? `（在 ${p.where} 中）` : ""}，已忽略`,
    hint: (p) =>
      "column" in p
        ? `可用的列名：${p.columns.join("、")}。`
        : "可能是字段名拼写错误；可用字段见 schemas/json/ 或编辑器的自动补全。",
  }),
  "schema/invalid": entry<FieldIssue>({
    severity: "error",
    message: fieldIssueMessage,
    hint: (p) => (p.kind === "value" ? "请对照 schemas/json/ 中的说明修改。" : FIELD_HINTS[p.kind]),
  }),
  "ref/unknown-unit": entry<{ id: string }>({
    severity: "error",
    message: (p) =>
      /^[\x20-\x7e]*$/.test(p.id)
        ? `未知的村（社区）编号“${p.id}”`
        : `未知的村（社区）名称“${p.id}”`,
    hint: "编号必须与 units.yaml 中某个村（社区）的 id 完全一致；台账中也可以写它的名称（name），如 东山村 或 东山。",
  }),
  "ref/ambiguous-unit": entry<{ name: string; ids: readonly string[] }>({
    severity: "error",
    message: (p) => `“${p.name}”是多个村（社区）的名称（${p.ids.join("、")}），不知道指的是哪一个`,
    hint: "请改写为 units.yaml 中的编号（id），或写出完整的名称。",
  }),
  "ref/duplicate-id": entry<{ id: string; of: IdOf; first: SourcePosition }>({
    severity: "error",
    message: (p, here) => `编号“${p.id}”与${placeFrom(p.first, here)}的${ID_NOUNS[p.of]}重复`,
    hint: (p) => DUPLICATE_HINTS[p.of],
    related: { at: (p) => p.first, note: "首次出现" },
  }),
  "ref/personal-number": entry<{ where: "id" | "condition"; masked: string }>({
    severity: "error",
    message: (p) =>
      `${p.where === "condition" ? "考评条件的取值" : "编号"}“${p.masked}”中含有身份证号或手机号`,
    hint: "编号会出现在网址、文件名和扣分出处中，考评条件要与台账原文比对，打码会改变它们，所以都不能含有身份证号或手机号；请改用其他编号或写法。",
  }),
};
