// 扣分明细 as CSV for Excel and WPS: UTF-8 with a byte-order mark (so Excel on Chinese Windows
// does not read it as GB18030), CRLF line ends, RFC 4180 quoting; dates as YYYY-MM-DD, points
// with two decimals.
import type { ScoreSheet } from "../compute/scoring/index.ts";
import { entriesTable } from "./score-sheets.ts";
import type { Cell, ColumnKind } from "./workbook.ts";

function field(value: Cell, kind: ColumnKind): string {
  const text =
    value === null
      ? ""
      : typeof value === "number" && kind === "points"
        ? value.toFixed(2)
        : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of 扣分明细, starting with the BOM. */
export function entriesCsv(sheet: ScoreSheet): string {
  const t = entriesTable(sheet);
  const lines = [
    t.columns.map((c) => field(c.header, "text")).join(","),
    ...t.rows.map((r) => t.columns.map((c, i) => field(r[i] ?? null, c.kind)).join(",")),
  ];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
