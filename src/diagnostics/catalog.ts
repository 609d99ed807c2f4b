// Every diagnostic the system can report: a permanent code, what happened, and what to do.
// Codes never change meaning; test/diagnostics checks that each one has a fixture.
import type { Diagnostic, Severity, SourcePosition } from "./diagnostic.ts";

export interface DiagnosticParams {
  position: SourcePosition | null;
  path: string;
  /** Free text inserted into the message (the offending value, the field, the reason …). */
  detail?: string;
  /** Replaces the catalog's hint where the situation allows a more precise one. */
  hint?: string;
}

interface Entry {
  severity: Severity;
  message: (detail: string) => string;
  hint: string;
}

const catalog = {
  "file/missing": {
    severity: "error",
    message: (d) => `缺少文件 ${d}`,
    hint: "请在内容目录中创建该文件，格式见 README 中的“内容目录”一节。",
  },
  "file/ambiguous": {
    severity: "error",
    message: (d) => d,
    hint: "同一台账只能有一种格式，请删除其中一个文件。",
  },
  "ledger/missing-file": {
    severity: "warning",
    message: (d) => `未找到台账 ${d}，按空台账处理`,
    hint: "如果本年度确有记录，请补充该台账；周报台账为空时，每个村（社区）每周都按未报送计。",
  },
  "file/not-a-file": {
    severity: "error",
    message: (d) => `${d}，不是可以读取的普通文件`,
    hint: "内容目录中的文件必须是普通文件；请把它换成真正的文件，或删除它。",
  },
  "file/too-large": {
    severity: "error",
    message: (d) => d,
    hint: "文件过大，可能是放错了文件；台账很大时请按年度分开存放。",
  },
  "file/unknown": {
    severity: "warning",
    message: (d) => d,
    hint: "这个文件不会被读取。台账只读 petitions.yaml/.csv、meetings.yaml、weekly-reports.yaml、mediation.yaml、receptions.yaml；文书文件夹只读 .yaml。",
  },
  "file/encoding": {
    severity: "error",
    message: (d) => d,
    hint: "请用记事本或 WPS 把文件另存为“UTF-8”编码后再试。",
  },
  "file/legacy-encoding": {
    severity: "warning",
    message: (d) => d,
    hint: "已按该编码读取。建议把文件另存为“UTF-8”编码，避免在其他电脑上出现乱码。",
  },
  "csv/unclosed-quote": {
    severity: "error",
    message: () => "这个双引号没有配对的结束引号，其后的各行都会被并入这一个单元格",
    hint: '在单元格内容末尾补上双引号，或删除多余的双引号；单元格中的双引号要写成两个（""）。',
  },
  "csv/cell-count": {
    severity: "error",
    message: (d) => d,
    hint: "每一行的单元格数必须与表头的列数相同；检查是否多了或少了逗号。",
  },
  "yaml/syntax": {
    severity: "error",
    message: (d) => d,
    hint: "检查这一行及上一行的缩进、冒号和引号；YAML 只能用空格缩进。",
  },
  "yaml/duplicate-key": {
    severity: "error",
    message: (d) => `键“${d}”重复出现`,
    hint: "同一层级中每个键只能出现一次，请删除或合并重复的键。",
  },
  "yaml/alias": {
    severity: "error",
    message: (d) => `内容文件中不能使用 YAML 别名 ${d}`,
    hint: "请把要重复的内容直接写出来。别名可以让很小的文件展开成极大的数据，所以内容文件一律不接受别名。",
  },
  "yaml/too-deep": {
    severity: "error",
    message: (d) => d,
    hint: "内容文件的嵌套层数有上限；检查缩进是否写错，或减少嵌套。",
  },
  "schema/required": {
    severity: "error",
    message: (d) => `缺少必填字段 ${d}`,
    hint: "请补充该字段；各字段的含义见 schemas/json/ 中的说明。",
  },
  "schema/type": {
    severity: "error",
    message: (d) => d,
    hint: "请按字段要求的类型填写（文字、数字、是/否、列表等）。",
  },
  "schema/value": {
    severity: "error",
    message: (d) => d,
    hint: "只能填写列出的取值之一，注意不要多写“级”“村”等字。",
  },
  "schema/format": {
    severity: "error",
    message: (d) => d,
    hint: "日期写作 2025-03-01，周次写作 2025-W09，时间写作 17:00。",
  },
  "schema/range": {
    severity: "error",
    message: (d) => d,
    hint: "请检查数值或条目数量是否在允许的范围内。",
  },
  "schema/unknown-key": {
    severity: "warning",
    message: (d) => `无法识别的字段 ${d}，已忽略`,
    hint: "可能是字段名拼写错误；可用字段见 schemas/json/ 或编辑器的自动补全。",
  },
  "schema/invalid": {
    severity: "error",
    message: (d) => d,
    hint: "请对照 schemas/json/ 中的说明修改。",
  },
  "ref/unknown-unit": {
    severity: "error",
    message: (d) => `未知的村（社区）编号“${d}”`,
    hint: "编号必须与 units.yaml 中某个村（社区）的 id 完全一致。",
  },
  "ref/duplicate-id": {
    severity: "error",
    message: (d) => `编号“${d}”重复`,
    hint: "每条记录的 id 在同类记录中必须唯一。",
  },
  "ref/personal-number": {
    severity: "error",
    message: (d) => `${d}中含有身份证号或手机号`,
    hint: "编号会出现在网址、文件名和扣分出处中，考评条件要与台账原文比对，打码会改变它们，所以都不能含有身份证号或手机号；请改用其他编号或写法。",
  },
  "units/duplicate-member": {
    severity: "error",
    message: (d) => `同一村（社区）中两委成员“${d}”出现两次`,
    hint: "两委成员在本村（社区）内按姓名识别，同名者请加以区分（如“张伟（大）”）。",
  },
  "units/liaison-award-conflict": {
    severity: "error",
    message: (d) => d,
    hint: "同一名包村领导/干部在各村（社区）的月精神文明奖必须相同。",
  },
  "ledger/date-outside-year": {
    severity: "error",
    message: (d) => d,
    hint: "台账按年度存放：ledger/2025/ 中只能记录 2025 年的事项。",
  },
  "ledger/closed-before-accepted": {
    severity: "error",
    message: (d) => d,
    hint: "办结日期、办理期限不能早于受理日期；未受理的事项不能有办结日期。",
  },
  "ledger/accepted-before-date": {
    severity: "error",
    message: (d) => d,
    hint: "受理日期不能早于信访发生日期。",
  },
  "ledger/form-missing": {
    severity: "error",
    message: () => "既没有填写形式（form），也没有填写人数（headcount）",
    hint: "填写 form（个访、集访、重访、非访），或填写 headcount 由人数判断个访/集访。",
  },
  "ledger/absent-and-leave": {
    severity: "error",
    message: (d) => `“${d}”同时列在缺席（absent）和请假（leave）中`,
    hint: "同一次例会中，一个村（社区）只能是缺席或请假之一。",
  },
  "ledger/week-not-exist": {
    severity: "error",
    message: (d) => `周次 ${d} 不存在`,
    hint: "周次按 ISO 8601 计：每年有 52 或 53 周，周一为一周的第一天。",
  },
  "ledger/week-outside-year": {
    severity: "error",
    message: (d) => d,
    hint: "周报按截止日期所在年度归档，请把该记录移到对应年度的台账中。",
  },
  "ledger/utc-offset": {
    severity: "error",
    message: (d) => `报送时间“${d}”带有时区`,
    hint: "报送时间一律按北京时间填写，例如 2025-01-10T16:30，不要加 Z 或 +08:00。",
  },
  "rules/year-mismatch": {
    severity: "error",
    message: (d) => d,
    hint: "rules/2025.yaml 中的 year 必须是 2025。",
  },
  "rules/unknown-field": {
    severity: "error",
    message: (d) => d,
    hint: "条件（when）只能引用该台账具有的字段，见 README 中的“考评细则”一节。",
  },
  "rules/unknown-value": {
    severity: "error",
    message: (d) => d,
    hint: "条件中的取值必须是该字段允许的取值之一。",
  },
  "rules/bad-factor": {
    severity: "error",
    message: (d) => `系数“${d}”无效，必须是大于 0 的数`,
    hint: "减半填 0.5，加倍填 2。",
  },
  "rules/item-shape": {
    severity: "error",
    message: (d) => d,
    hint: "考评项目要么有 points（分值），要么有 table（信访分值表，仅用于 petition 台账）。",
  },
  "doc/missing-rules": {
    severity: "error",
    message: (d) => d,
    hint: "考评办法和奖惩办法由考评细则生成：请添加该年度的 rules 文件，或用 rules_year 指定已有的年度。",
  },
  "doc/date-order": {
    severity: "error",
    message: (d) => d,
    hint: "请检查起止日期是否写反。",
  },
  "doc/missing-signer": {
    severity: "warning",
    message: (d) => d,
    hint: "在 units.yaml 的 officials 中补上该负责人，或把 party_b_signer 改为另一位负责人。",
  },
  "ledger/petitions-missing": {
    severity: "error",
    message: (d) => d,
    hint: "没有信访事项台账时，每个村（社区）都会得满分并领取奖励。请补上台账；本年度确实没有信访事项时，写一个只有“petitions: []”的 petitions.yaml。",
  },
  "doc/section-depth": {
    severity: "error",
    message: (d) => d,
    hint: "公文的标题最多四级（一、（一）1.（1））；更深的内容请写成正文段落。",
  },
  "page/syntax": {
    severity: "error",
    message: (d) => d,
    hint: "页面是 Markdown，可以使用网站的三个组件；检查这一处的标记是否写完整。",
  },
  "page/code": {
    severity: "error",
    message: (d) => d,
    hint: "页面中不能写程序：不能有 import、export 和 { } 表达式。要显示花括号，请写成 \\{ 和 \\}。",
  },
  "page/html": {
    severity: "error",
    message: (d) => d,
    hint: "页面中只能用 Markdown 和网站的组件（ScoreTable、RankChart、DocumentList），不能写 HTML 标签。",
  },
  "page/attribute": {
    severity: "error",
    message: (d) => d,
    hint: '组件的属性只能写成 名称="文字" 或 名称={数字}，不能写事件处理（on…）或表达式。',
  },
  "page/url": {
    severity: "error",
    message: (d) => d,
    hint: "链接只能指向本网站的页面（如 /units/）或写成普通网址；不能用 javascript:、data: 等地址。",
  },
  "page/prop": {
    severity: "error",
    message: (d) => d,
    hint: "组件的用法见 README 中的“内部网站”一节。",
  },
  "pdf/font-file": {
    severity: "error",
    message: (d) => d,
    hint: "检查路径（相对于内容目录）和文件是否完整；只支持 TrueType（.ttf/.ttc）字体。",
  },
  "pdf/missing-glyph": {
    severity: "error",
    message: (d) => d,
    hint: "换用常见写法，或在 office.yaml 的 fonts 中指定包含这个字的字体文件（TrueType）。",
  },
  "stats/figure-mismatch": {
    severity: "warning",
    message: (d) => d,
    hint: "总结中的数字应与台账一致：改正这个数字，或核对台账。统计口径见 README（只计受理的信访事项，按受理日期归属期间）。",
  },
  "score/uncovered-cell": {
    severity: "warning",
    message: (d) => d,
    hint: "在 rules 的信访分值表中补上这一格（不扣分也请写 0），或增加相应的一票否决条件。",
  },
} satisfies Record<string, Entry>;

export type DiagnosticCode = keyof typeof catalog;

export const diagnosticCodes = Object.keys(catalog) as DiagnosticCode[];

export function catalogEntry(code: DiagnosticCode): Entry {
  return catalog[code] as Entry;
}

export function makeDiagnostic(code: DiagnosticCode, params: DiagnosticParams): Diagnostic {
  const entry = catalog[code] as Entry;
  return {
    code,
    severity: entry.severity,
    path: params.path,
    message: entry.message(params.detail ?? ""),
    hint: params.hint ?? entry.hint,
    position: params.position,
  };
}
