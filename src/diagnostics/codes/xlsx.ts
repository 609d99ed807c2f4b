// Reading Excel/WPS workbooks (XLSX ledgers): files that are not workbooks, locked or damaged
// ones, zip bombs, and a workbook without the ledger's sheet.
import { entry, listed } from "./entry.ts";

/** Why a workbook could not be read. */
export type XlsxProblem =
  /** `found`: an old binary .xls, an OpenDocument sheet, a Word file, another zip, anything else. */
  | { kind: "not-xlsx"; found: "xls" | "ods" | "docx" | "zip" | "other" }
  | { kind: "encrypted" }
  /** `part`: the part of the workbook that is broken, when known. */
  | { kind: "damaged"; part: string | null }
  | { kind: "too-large"; limit: number }
  | { kind: "no-sheet"; wanted: string; sheets: readonly string[] };

type Of<K extends XlsxProblem["kind"]> = {
  file: string;
  problem: Extract<XlsxProblem, { kind: K }>;
};

const FOUND_WORDS: Record<Extract<XlsxProblem, { kind: "not-xlsx" }>["found"], string> = {
  xls: "是旧版 Excel 97-2003 工作簿（.xls），不是 .xlsx",
  ods: "是 OpenDocument 表格（.ods），不是 .xlsx",
  docx: "是 Word 文档，不是 Excel 工作簿",
  zip: "是压缩包，但不是 Excel 工作簿",
  other: "不是 Excel 工作簿（.xlsx）",
};

const SAVE_AS_XLSX = "请在 Excel 或 WPS 中打开它，“另存为”“Excel 工作簿（*.xlsx）”后再试。";

export const xlsxCodes = {
  "xlsx/not-xlsx": entry<Of<"not-xlsx">>({
    severity: "error",
    message: (p) => `${p.file} ${FOUND_WORDS[p.problem.found]}，无法读取`,
    hint: SAVE_AS_XLSX,
  }),
  "xlsx/encrypted": entry<Of<"encrypted">>({
    severity: "error",
    message: (p) => `${p.file} 设置了打开密码（已加密），无法读取`,
    hint: "请在 Excel 或 WPS 中打开它，在“文件 → 信息 → 保护工作簿”（WPS：“文件 → 文档加密”）中删除密码后保存。",
  }),
  "xlsx/damaged": entry<Of<"damaged">>({
    severity: "error",
    message: (p) =>
      `${p.file} 已损坏（${p.problem.part ? `其中的 ${p.problem.part} 无法解压或校验不符` : "文件结构不完整，可能没有复制完整"}），无法读取`,
    hint: "请重新复制或下载这个文件；Excel 或 WPS 能打开时，另存为新的 .xlsx 文件后再试。",
  }),
  "xlsx/too-large": entry<Of<"too-large">>({
    severity: "error",
    message: (p) =>
      `${p.file} 解压后超过 ${Math.round(p.problem.limit / 1024 / 1024)} MB（工作簿解压后的大小上限），没有读取`,
    hint: "这可能不是正常的台账工作簿（例如“压缩炸弹”）；台账很大时请另存为 CSV。",
  }),
  "xlsx/far-cells": entry<{
    file: string;
    sheet: string;
    /** How many cells with something in them stand past the last column read. */
    count: number;
    /** The last column read, as Excel names it (IV). */
    last: string;
  }>({
    severity: "warning",
    message: (p) =>
      `${p.file} 的工作表“${p.sheet}”中有 ${p.count} 个单元格在 ${p.last} 列以后，没有读取`,
    hint: (p) =>
      `台账只读取 A 至 ${p.last} 列。这些单元格多半是误输入：请删除它们，或把内容移到台账的列中。`,
  }),
  "xlsx/no-sheet": entry<Of<"no-sheet">>({
    severity: "error",
    message: (p) =>
      `${p.file} 中没有名为“${p.problem.wanted}”的工作表（现有工作表：${listed(p.problem.sheets)}）`,
    hint: (p) =>
      `请把台账所在的工作表改名为“${p.problem.wanted}”；只有一个工作表的工作簿不论表名都会读取。`,
  }),
};
