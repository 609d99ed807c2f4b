// A content folder whose petitions ledger is a workbook: the CSV dataset beside it copied, its
// petitions.csv written as petitions.xlsx with exceljs's streaming writer (date cells, shared
// strings, as Excel saves). Made once into .bench/ for `bench:xlsx` and `bench:score`.
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { parseCsvFile } from "../../src/load/csv.ts";
import { LEDGER_SHEETS } from "../../src/load/ledger-columns.ts";

export const CSV_LEDGER = "ledger/2025/petitions.csv";
export const XLSX_LEDGER = "ledger/2025/petitions.xlsx";

/** Makes `xlsxDir` from the CSV dataset `csvDir` unless it is there. */
export async function ensureXlsxDataset(csvDir: string, xlsxDir: string): Promise<void> {
  if (existsSync(join(xlsxDir, XLSX_LEDGER))) return;
  process.stderr.write(`把 petitions.csv 写成 petitions.xlsx（exceljs 流式写入）…\n`);
  rmSync(xlsxDir, { recursive: true, force: true });
  cpSync(csvDir, xlsxDir, { recursive: true });
  rmSync(join(xlsxDir, CSV_LEDGER));
  const spec = LEDGER_SHEETS.petitions;
  const src = parseCsvFile(
    CSV_LEDGER,
    readFileSync(join(csvDir, CSV_LEDGER), "utf8"),
    "petitions",
    spec.columns,
    2025,
  );
  const records = (src.value as { petitions: Record<string, unknown>[] }).petitions;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: join(xlsxDir, XLSX_LEDGER),
    useSharedStrings: true,
    useStyles: true,
  });
  const ws = wb.addWorksheet(spec.sheet);
  ws.addRow(spec.columns.map((c) => c.headers[0])).commit();
  for (const r of records) {
    const row = ws.addRow(
      spec.columns.map((c) => {
        const v = r[c.key];
        if (v === undefined) return null;
        if (c.kind === "date") {
          const [y, m, d] = String(v).split("-").map(Number) as [number, number, number];
          return new Date(Date.UTC(y, m - 1, d));
        }
        if (c.kind === "boolean") return v === true ? "是" : "否";
        return v as string | number;
      }),
    );
    spec.columns.forEach((c, i) => {
      if (c.kind === "date") row.getCell(i + 1).numFmt = "yyyy-mm-dd";
    });
    row.commit();
  }
  ws.commit();
  await wb.commit();
}
