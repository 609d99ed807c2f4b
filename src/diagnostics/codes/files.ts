// Reading the content folder: files that are missing, odd or unreadable, encodings, and the
// syntax of CSV and YAML.
import { entry } from "./entry.ts";

/** What stands at a path that should hold a regular file. */
export type EntryKind = "directory" | "fifo" | "socket" | "device" | "special";

export type NotAFile =
  /** `link`: reached through a symbolic link, pointing at `link.target` (null: unreadable link). */
  | { kind: EntryKind; link?: { target: string | null } }
  | { kind: "broken-link"; target: string | null }
  | { kind: "link-loop" };

const ENTRY_WORDS: Record<EntryKind, string> = {
  directory: "目录",
  fifo: "命名管道",
  socket: "套接字",
  device: "设备文件",
  special: "特殊文件",
};

function notAFileWords(what: NotAFile): string {
  switch (what.kind) {
    case "broken-link":
      return what.target === null
        ? "一个失效的符号链接"
        : `一个失效的符号链接（指向的“${what.target}”不存在）`;
    case "link-loop":
      return "一个循环的符号链接（链接最终又指向自己）";
    default: {
      const word = ENTRY_WORDS[what.kind];
      if (!what.link) return `一个${word}`;
      return what.link.target === null
        ? `一个符号链接，指向${word}`
        : `一个符号链接，指向的“${what.link.target}”是${word}`;
    }
  }
}

/** Folders of the content folder, by what they read (for the hint of a file they do not read). */
export type FolderRole = "ledger" | "ledger-year" | "rules" | "documents" | "pages";

const FOLDER_READS: Record<FolderRole, (folder: string) => string> = {
  ledger: () => "ledger/ 中只读取以年度命名的文件夹，如 ledger/2025/。",
  "ledger-year": (f) =>
    `${f}/ 中只读取 petitions（.yaml、.csv 或 .xlsx）、meetings（.yaml 或 .xlsx）、weekly-reports（.yaml 或 .xlsx）、mediation.yaml、receptions.yaml。`,
  rules: () => "rules/ 中只读取以年度命名的考评细则，如 rules/2025.yaml。",
  documents: (f) => `${f}/ 中只读取 .yaml 文件，每份文书一个文件。`,
  pages: () => "pages/ 中只读取 .mdx 页面文件。",
};

/** Why a file or folder of the content folder is not read. */
export type UnknownFile = { file: string } & (
  | { reason: "not-ours" | "folder" | "spreadsheet" | "csv"; role: FolderRole; folder: string }
  /** `rename`: the name it should have. */
  | { reason: "yml"; role: FolderRole; folder: string; rename: string }
  | { reason: "case"; rename: string }
  /** A ledger file directly in ledger/ (`name`), not in a year's folder. */
  | { reason: "outside-year"; name: string }
  /** A path that should be a folder but is a file or a broken or looping link. */
  | { reason: "not-a-folder" }
);

function unknownFileWhy(p: UnknownFile): string {
  switch (p.reason) {
    case "not-ours":
      return "这不是本系统读取的文件";
    case "folder":
      return "这是一个文件夹，其中的文件都不会被读取";
    case "spreadsheet":
      return "只读取以台账命名的 .xlsx 工作簿";
    case "yml":
      return "扩展名是 .yml";
    case "case":
      return "文件名的大小写不对";
    case "outside-year":
      return "台账要放在年度文件夹中";
    case "csv":
      return "只有信访事项台账可以用 CSV 格式";
    case "not-a-folder":
      return "这里应当是一个文件夹，但它不是（是文件、失效或循环的符号链接）";
  }
}

function unknownFileHint(p: UnknownFile): string {
  switch (p.reason) {
    case "not-ours":
      return `${FOLDER_READS[p.role](p.folder)}这个文件不会被读取；不需要时请把它移出内容目录。`;
    case "folder":
      return p.role === "ledger"
        ? `${FOLDER_READS[p.role](p.folder)}如果这是某一年度的台账，请把文件夹改名为四位的年度数字。`
        : `${FOLDER_READS[p.role](p.folder)}请把需要的文件直接放在 ${p.folder}/ 中。`;
    case "spreadsheet":
      return p.role === "ledger-year"
        ? `台账工作簿请在 Excel 或 WPS 中“另存为”“Excel 工作簿（*.xlsx）”，命名为 ${p.folder}/petitions.xlsx、meetings.xlsx 或 weekly-reports.xlsx（工作表和列名见 README）。`
        : `${FOLDER_READS[p.role](p.folder)}表格中的内容不会被读取。`;
    case "yml":
      return `本系统只读取扩展名为 .yaml 的文件：请把它改名为 ${p.rename}。${FOLDER_READS[p.role](p.folder)}`;
    case "case":
      return `请把它改名为 ${p.rename}（扩展名和台账文件名都用小写）。`;
    case "outside-year":
      return `请把它移到对应年度的文件夹中，如 ledger/2025/${p.name}。`;
    case "csv":
      return `${FOLDER_READS[p.role](p.folder)}信访事项台账的 CSV 文件名必须是 petitions.csv；其他台账用 YAML 格式。`;
    case "not-a-folder":
      return `请把 ${p.file} 换成一个文件夹，其中的文件才会被读取。`;
  }
}

const MB = 1024 * 1024;
const megabytes = (n: number) => `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;

/** Bytes as they are shown: 0xE6 0x99. */
const hex = (bytes: readonly number[]) =>
  bytes.map((b) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`).join(" ");

/** Which encoding the bytes at the position broke. */
export type BadEncoding = "UTF-8" | "UTF-8 or GB18030" | "UTF-16LE" | "UTF-16BE";

export type EncodingProblem = { file: string; line: number; col: number } & (
  | { problem: "bad-bytes"; encoding: BadEncoding; bytes: readonly number[] }
  /** A NUL character; `utf16`: the file starts like UTF-16 without a byte order mark. */
  | { problem: "nul"; utf16: boolean }
);

function encodingWhat(p: EncodingProblem): string {
  if (p.problem === "nul")
    return "有空字符（字节 0x00）：这不是文本文件，或是没有字节顺序标记（BOM）的 UTF-16 文件";
  const what =
    p.encoding === "UTF-8 or GB18030"
      ? "的字节既不是 UTF-8 编码，也不是 GB18030（GBK）编码"
      : `的字节不是有效的 ${p.encoding} 编码`;
  return `${what}（字节 ${hex(p.bytes)}），无法读取这个文件`;
}

const SAVE_AS_UTF8 = "请用记事本或 WPS 把文件另存为“UTF-8”编码后再试。";

/** What js-yaml (or our reader) found wrong; `other` carries js-yaml's own reason. */
export type YamlProblem =
  | "tab-indent"
  | "mapping-indent"
  | "sequence-indent"
  | "deficient-indent"
  | "missing-comma"
  | "unclosed-flow"
  | "unclosed-quote"
  | "unexpected-content"
  | "space-after-colon"
  | "missing-colon"
  | "block-mapping-entry"
  | "duplicate-anchor"
  | "unknown-escape"
  | "complex-key"
  | "several-documents"
  | { tag: string }
  | { other: string };

const YAML_WORDS: Record<Exclude<YamlProblem, object>, string> = {
  "tab-indent": "缩进中不能使用制表符（Tab），请改用空格",
  "mapping-indent": "键值对的缩进不正确",
  "sequence-indent": "列表项（- ）的缩进不正确",
  "deficient-indent": "缩进不足",
  "missing-comma": "行内列表或映射的元素之间缺少逗号",
  "unclosed-flow": "行内的 [ ] 或 { } 没有闭合",
  "unclosed-quote": "引号没有闭合",
  "unexpected-content": "此处不应出现内容（可能是缩进或冒号有误）",
  "space-after-colon": "冒号后面需要一个空格",
  "missing-colon": "键后面缺少冒号",
  "block-mapping-entry": "无法读取键值对（多行的键不能省略问号）",
  "duplicate-anchor": "锚点重复",
  "unknown-escape": "双引号字符串中有无法识别的转义序列",
  "complex-key": "映射的键必须是简单的文字",
  "several-documents": "一个文件只能包含一个 YAML 文档（不要使用 --- 分隔多个文档）",
};

export const fileCodes = {
  "file/missing": entry<{ file: string }>({
    severity: "error",
    message: (p) => `缺少文件 ${p.file}`,
    hint: "请在内容目录中创建该文件，格式见 README 中的“内容目录”一节。",
  }),
  "file/ambiguous": entry<{ folder: string; names: readonly string[] }>({
    severity: "error",
    message: (p) => `${p.folder} 中同时有 ${p.names.join(" 和 ")}`,
    hint: "同一台账只能有一种格式，请删除其中一个文件。",
  }),
  "ledger/missing-file": entry<{ file: string }>({
    severity: "warning",
    message: (p) => `未找到台账 ${p.file}，按空台账处理`,
    hint: "如果本年度确有记录，请补充该台账；周报台账为空时，每个村（社区）每周都按未报送计。",
  }),
  "file/not-a-file": entry<{ file: string; what: NotAFile }>({
    severity: "error",
    message: (p) => `${p.file} 是${notAFileWords(p.what)}，不是可以读取的普通文件`,
    hint: "内容目录中的文件必须是普通文件；请把它换成真正的文件，或删除它。",
  }),
  "file/too-large": entry<{ file: string; size: number | null; max: number }>({
    severity: "error",
    message: (p) =>
      p.size === null
        ? `${p.file} 在读取时超过了 ${megabytes(p.max)}（内容文件的大小上限），没有读取`
        : `${p.file} 有 ${megabytes(p.size)}（${p.size} 字节），超过了内容文件的大小上限 ${megabytes(p.max)}，没有读取`,
    hint: "文件过大，可能是放错了文件；台账很大时请按年度分开存放。",
  }),
  "file/unknown": entry<UnknownFile>({
    severity: "warning",
    message: (p) => `未读取 ${p.file}：${unknownFileWhy(p)}`,
    hint: unknownFileHint,
  }),
  "file/encoding": entry<EncodingProblem>({
    severity: "error",
    message: (p) => `${p.file} 第 ${p.line} 行第 ${p.col} 列${encodingWhat(p)}`,
    hint: (p) =>
      p.problem === "nul" && !p.utf16
        ? "请确认这是用文本编辑器或“另存为 CSV”保存的文本文件，并以“UTF-8”编码保存。"
        : SAVE_AS_UTF8,
  }),
  "file/legacy-encoding": entry<{ file: string }>({
    severity: "warning",
    message: (p) =>
      `${p.file} 不是 UTF-8 编码，已按 GB18030（GBK）编码读取；这是中文版 Windows 上 Excel、WPS 和记事本保存“ANSI”文本时常用的编码`,
    hint: "已按该编码读取。建议把文件另存为“UTF-8”编码，避免在其他电脑上出现乱码。",
  }),
  "csv/unclosed-quote": entry({
    severity: "error",
    message: () => "这个双引号没有配对的结束引号，其后的各行都会被并入这一个单元格",
    hint: '在单元格内容末尾补上双引号，或删除多余的双引号；单元格中的双引号要写成两个（""）。',
  }),
  "csv/cell-count": entry<{ line: number; cells: number; columns: number }>({
    severity: "error",
    message: (p) => `第${p.line}行有${p.cells}个单元格，表头有${p.columns}列`,
    hint: "每一行的单元格数必须与表头的列数相同；检查是否多了或少了逗号。",
  }),
  "yaml/syntax": entry<{ problem: YamlProblem }>({
    severity: "error",
    message: ({ problem }) =>
      typeof problem === "string"
        ? YAML_WORDS[problem]
        : "tag" in problem
          ? `不支持的标签 ${problem.tag}`
          : `YAML 语法错误（${problem.other}）`,
    hint: "检查这一行及上一行的缩进、冒号和引号；YAML 只能用空格缩进。",
  }),
  "yaml/duplicate-key": entry<{ key: string }>({
    severity: "error",
    message: (p) => `键“${p.key}”重复出现`,
    hint: "同一层级中每个键只能出现一次，请删除或合并重复的键。",
  }),
  "yaml/alias": entry<{ alias: string }>({
    severity: "error",
    message: (p) => `内容文件中不能使用 YAML 别名 *${p.alias}`,
    hint: "请把要重复的内容直接写出来。别名可以让很小的文件展开成极大的数据，所以内容文件一律不接受别名。",
  }),
  "yaml/too-deep": entry<{ max: number }>({
    severity: "error",
    message: (p) => `嵌套层数超过上限（${p.max} 层）`,
    hint: "内容文件的嵌套层数有上限；检查缩进是否写错，或减少嵌套。",
  }),
};
