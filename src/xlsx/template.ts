// The ledger template (台账模板.xlsx): one sheet per ledger with the columns of
// load/ledger-columns.ts in order, a dropdown on every column with choices (去向, 形式, 渠道, 类别,
// 村（社区）, 是/否, 满意度), date formats on date columns, text format on text columns (so that
// 2025-W02 or P-0001 stay as typed), a frozen header, a 填写说明 sheet and the lists on a hidden
// 选项 sheet. A filled template reads back through the same column spec.
//
// The only workbook still made with exceljs (for its notes and data validations); exceljs is
// loaded when a template is made, so that a build, which never makes one, does not load it. Its
// package is packed again (zip.ts) so that the same options always give the same bytes.
import type ExcelJS from "exceljs";
import type { DataValidation, Worksheet } from "exceljs";
import { LEDGER_SHEETS } from "../load/ledger-columns.ts";
import type { LedgerColumn, LedgerSheetKind } from "../load/ledger-columns.ts";
import { BORDER_ARGB, FONT, HEADER_FILL_ARGB } from "./styles.ts";
import { NUMBER_FORMATS } from "./workbook.ts";
import type { Column, ColumnKind, WorkbookMeta } from "./workbook.ts";
import { letters } from "./xml.ts";
import { readZip, writeZip } from "./zip.ts";

/** Rows of each ledger sheet that carry the dropdowns and formats (after the header). */
export const TEMPLATE_ROWS = 1000;

/** The sheet of the lists the dropdowns read (hidden). */
export const CHOICES_SHEET = "选项";
export const NOTES_SHEET = "填写说明";

/** Categories offered in the 类别 dropdown when the content has none of its own. */
export const DEFAULT_CATEGORIES = [
  "土地征收",
  "拆迁安置",
  "劳动社保",
  "涉法涉诉",
  "民政优抚",
  "城乡建设",
  "环境保护",
  "医疗卫生",
  "教育",
  "其他",
] as const;

export interface TemplateOptions {
  year: number;
  /** Who makes it (the office), for the document properties. */
  creator: string;
  /** Village and community names, in units.yaml order (the 村（社区） dropdown). */
  units: readonly string[];
  /** Categories for the 类别 dropdown (others may still be typed). */
  categories?: readonly string[];
}

const ORDER: LedgerSheetKind[] = ["petitions", "meetings", "weekly-reports"];

const FORMAT: Record<LedgerColumn["kind"], { kind: ColumnKind; numFmt?: string; name: string }> = {
  text: { kind: "text", name: "文字" },
  number: { kind: "int", name: "整数" },
  boolean: { kind: "text", name: "是/否" },
  date: { kind: "date", numFmt: "yyyy-mm-dd", name: "日期" },
  datetime: { kind: "date", numFmt: "yyyy-mm-dd hh:mm", name: "日期时间" },
  unit: { kind: "text", name: "村（社区）名称" },
  units: { kind: "text", name: "村（社区）名称，可填多个" },
};

/** The list a column's dropdown offers; null for a column without one. */
function choicesOf(
  c: LedgerColumn,
  o: TemplateOptions,
): { name: string; values: readonly string[]; strict: boolean } | null {
  if (c.kind === "unit" || c.kind === "units")
    // a village's id is accepted too: warn, do not refuse
    return { name: "村（社区）", values: o.units, strict: false };
  if (c.key === "category")
    return {
      name: "类别",
      values: o.categories?.length ? o.categories : DEFAULT_CATEGORIES,
      strict: false,
    };
  if (c.choices) return { name: c.choices.join("/"), values: c.choices, strict: true };
  return null;
}

/** A validation over a range of cells (exceljs has it; its type declarations do not). */
function validate(ws: Worksheet, range: string, v: DataValidation): void {
  (
    ws as Worksheet & { dataValidations: { add(r: string, v: DataValidation): void } }
  ).dataValidations.add(range, v);
}

/** Excel refuses a validation message longer than 255 characters. */
function short(text: string): string {
  return text.length <= 255 ? text : `${text.slice(0, 252)}……`;
}

const HEADER_FILL = {
  type: "pattern" as const,
  pattern: "solid" as const,
  fgColor: { argb: HEADER_FILL_ARGB },
};
const THIN = { style: "thin" as const, color: { argb: BORDER_ARGB } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Header style, page set-up, freeze and print titles, as the table workbooks have them. */
export function setUpSheet(
  ws: Worksheet,
  columns: readonly Column[],
  widths: readonly number[],
  headerRow: number,
): void {
  ws.columns = columns.map((c, i) => ({
    width: widths[i] as number,
    style: { font: FONT, numFmt: NUMBER_FORMATS[c.kind] as string },
  }));
  const header = ws.getRow(headerRow);
  header.values = columns.map((c) => c.header);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { ...FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
    cell.numFmt = "@";
  });
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}` }];
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `1:${headerRow}`,
  };
  ws.headerFooter = { oddFooter: "第 &P 页，共 &N 页" };
}

/** A new workbook with fixed document properties (exceljs would stamp the current time). */
export async function newWorkbook(meta: WorkbookMeta): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import("exceljs");
  const wb = new Excel.Workbook();
  const when = new Date(`${meta.date}T00:00:00Z`);
  wb.creator = meta.creator;
  wb.lastModifiedBy = meta.creator;
  wb.title = meta.title;
  wb.created = when;
  wb.modified = when;
  wb.calcProperties = { fullCalcOnLoad: false };
  return wb;
}

/** The workbook's bytes: exceljs's package packed again with fixed times, [Content_Types] first. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const written = new Uint8Array(await wb.xlsx.writeBuffer());
  const entries = readZip(written);
  const first = entries.filter((e) => e.name === "[Content_Types].xml");
  return writeZip([...first, ...entries.filter((e) => e.name !== "[Content_Types].xml")]);
}

/** 台账模板.xlsx. */
export async function ledgerTemplate(o: TemplateOptions): Promise<Uint8Array> {
  const wb = await newWorkbook({
    title: `${o.year}年度信访工作台账模板`,
    creator: o.creator,
    date: `${o.year}-01-01`,
  });
  // Each distinct list once, as a column of the 选项 sheet.
  const lists: { name: string; values: readonly string[] }[] = [];
  const listRef = (l: { name: string; values: readonly string[] }): string => {
    let k = lists.findIndex(
      (x) => x.name === l.name && x.values.join("\n") === l.values.join("\n"),
    );
    if (k < 0) k = lists.push(l) - 1;
    const col = letters(k + 1);
    return `'${CHOICES_SHEET}'!$${col}$2:$${col}$${Math.max(2, l.values.length + 1)}`;
  };

  for (const kind of ORDER) {
    const spec = LEDGER_SHEETS[kind];
    const ws = wb.addWorksheet(spec.sheet);
    const columns: Column[] = spec.columns.map((c) => ({
      header: c.headers[0] as string,
      kind: FORMAT[c.kind].kind,
    }));
    const widths = spec.columns.map((c) => {
      const header = (c.headers[0] as string).length * 2 + 4;
      const wide = c.kind === "units" || c.key === "summary" ? 24 : c.kind === "datetime" ? 18 : 12;
      return Math.max(header, wide);
    });
    setUpSheet(ws, columns, widths, 1);
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    spec.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      const fmt = FORMAT[c.kind].numFmt;
      if (fmt) col.numFmt = fmt;
      const head = ws.getCell(1, i + 1);
      head.note = `${c.required ? "必填。" : ""}${c.note}`;
      if (c.required)
        head.font = { name: "宋体", size: 11, bold: true, color: { argb: "FFC00000" } };
      const range = `${letters(i + 1)}2:${letters(i + 1)}${TEMPLATE_ROWS + 1}`;
      const list = choicesOf(c, o);
      if (list) {
        validate(ws, range, {
          type: "list",
          allowBlank: true,
          formulae: [listRef(list)],
          showErrorMessage: true,
          errorStyle: list.strict ? "stop" : "information",
          errorTitle: "请从下拉列表中选择",
          error: short(
            list.strict
              ? `${c.headers[0]}应为：${list.values.join("、")}`
              : c.kind === "unit" || c.kind === "units"
                ? `${c.headers[0]}不在下拉列表中：请填写 units.yaml 中的名称或编号，多个用顿号隔开`
                : `${c.headers[0]}不在下拉列表中，仍可填写`,
          ),
        });
      } else if (c.kind === "date" || c.kind === "datetime") {
        validate(ws, range, {
          type: "date",
          operator: "greaterThan",
          allowBlank: true,
          formulae: [new Date(Date.UTC(1999, 11, 31))],
          showErrorMessage: true,
          errorStyle: "warning",
          errorTitle: "日期格式",
          error: `${c.headers[0]}请填写日期，例如 ${o.year}-01-08`,
        });
      } else if (c.kind === "number") {
        validate(ws, range, {
          type: "whole",
          operator: "greaterThanOrEqual",
          allowBlank: true,
          formulae: [0],
          showErrorMessage: true,
          errorStyle: "stop",
          errorTitle: "整数",
          error: `${c.headers[0]}应为整数`,
        });
      }
    });
  }

  const notes = wb.addWorksheet(NOTES_SHEET);
  const noteColumns: Column[] = [
    { header: "工作表", kind: "text" },
    { header: "列", kind: "text" },
    { header: "必填", kind: "text" },
    { header: "填写格式", kind: "wrap" },
    { header: "说明", kind: "wrap" },
  ];
  setUpSheet(notes, noteColumns, [14, 14, 8, 36, 64], 1 + GENERAL_NOTES(o.year).length + 1);
  GENERAL_NOTES(o.year).forEach((line, k) => {
    notes.mergeCells(k + 1, 1, k + 1, 5);
    const cell = notes.getCell(k + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: "top" };
    cell.font = k === 0 ? { name: "宋体", size: 14, bold: true } : { name: "宋体", size: 11 };
    notes.getRow(k + 1).height = k === 0 ? 26 : 32;
  });
  let row = GENERAL_NOTES(o.year).length + 3;
  for (const kind of ORDER) {
    const spec = LEDGER_SHEETS[kind];
    for (const c of spec.columns) {
      const list = choicesOf(c, o);
      const format = list
        ? `下拉选择：${list.values.length > 6 ? `${list.values.slice(0, 6).join("、")}等` : list.values.join("、")}`
        : FORMAT[c.kind].name;
      notes.getRow(row).values = [spec.sheet, c.headers[0], c.required ? "是" : "", format, c.note];
      notes.getRow(row).eachCell((cell) => {
        cell.alignment = { wrapText: true, vertical: "top" };
      });
      row++;
    }
  }

  const choices = wb.addWorksheet(CHOICES_SHEET, { state: "hidden" });
  lists.forEach((l, k) => {
    choices.getCell(1, k + 1).value = l.name;
    l.values.forEach((v, i) => {
      choices.getCell(i + 2, k + 1).value = v;
    });
    choices.getColumn(k + 1).width = 16;
  });
  return workbookBytes(wb);
}

/** The lines above the column table of 填写说明. */
function GENERAL_NOTES(year: number): string[] {
  return [
    `${year}年度信访工作台账填写说明`,
    `每张工作表是一本台账。填好后把本工作簿另存为 ledger/${year}/petitions.xlsx，再复制两份，分别命名为 meetings.xlsx 和 weekly-reports.xlsx：每个文件只读取与文件名对应的那张工作表（信访事项、例会、周排查报告），不必拆分工作簿。某本台账另用 YAML 或 CSV 记录的，不要放对应的 .xlsx 文件。`,
    "第一行是列名，请勿改动或调换顺序；每行填写一条记录，不要合并单元格，不要插入小计行。红色列名为必填项；有下拉箭头的列请从列表中选择。",
    `日期填写为 ${year}-01-08、${year}/1/8 或 ${year}年1月8日均可；村（社区）填写名称或编号；是/否 列填“是”或留空。`,
    "台账只记录信访事件，不填写信访人的姓名、身份证号码、手机号码等个人信息。",
  ];
}
