// xlsx: computed results → workbook bytes (tables written by workbook.ts). Takes score sheets,
// statistics and the ledger columns; gives the bytes of 考评得分汇总, 扣分明细, 经济处理, the
// statistics tables and the ledger template, and the CSV of 扣分明细. Must not write files (the
// build and the CLI decide where bytes go) nor read the clock: the same content gives the same
// bytes, dated from the content.
import type { Rules } from "../../schemas/index.ts";
import type { ScoreSheet } from "../compute/scoring/index.ts";
import type { Stats } from "../compute/stats/index.ts";
import { entriesCsv } from "./csv.ts";
import {
  entriesTable,
  itemColumns,
  lossesTable,
  scoreTables,
  sheetTitle,
  summaryTable,
} from "./score-sheets.ts";
import { statsTables, statsTitle } from "./stats-sheets.ts";
import { tablesWorkbook } from "./workbook.ts";

export { entriesCsv, itemColumns, sheetTitle, statsTitle };
export { SHEET_NAMES } from "./score-sheets.ts";

export { ledgerTemplate } from "./template.ts";
export type { TemplateOptions } from "./template.ts";
export { readZip } from "./zip.ts";

/** Who made a workbook (the office's name), for its document properties. */
export interface Maker {
  creator: string;
}

/** One workbook with the three score tables as sheets: 考评得分汇总, 扣分明细, 经济处理. */
export function scoreWorkbook(sheet: ScoreSheet, rules: Rules, maker: Maker): Promise<Uint8Array> {
  return tablesWorkbook(
    {
      title: `${sheetTitle(sheet, "summary").replace(/汇总$/, "")}`,
      creator: maker.creator,
      date: sheet.asOf,
    },
    scoreTables(sheet, itemColumns(rules.items)),
  );
}

/** The score workbooks of a year (for the build), in the order scoreWorkbooks makes them. */
export const SCORE_WORKBOOKS = ["summary", "entries", "losses"] as const;

/** The score tables as three workbooks (for the build): SCORE_WORKBOOKS, in that order. */
export async function scoreWorkbooks(
  sheet: ScoreSheet,
  rules: Rules,
  maker: Maker,
): Promise<{ title: string; bytes: Uint8Array }[]> {
  const tableOf = {
    summary: () => summaryTable(sheet, itemColumns(rules.items)),
    entries: () => entriesTable(sheet),
    losses: () => lossesTable(sheet),
  };
  const out: { title: string; bytes: Uint8Array }[] = [];
  for (const kind of SCORE_WORKBOOKS) {
    const table = tableOf[kind]();
    const title = sheetTitle(sheet, kind);
    out.push({
      title,
      bytes: await tablesWorkbook({ title, creator: maker.creator, date: sheet.asOf }, [table]),
    });
  }
  return out;
}

/** The statistics tables of a period, one sheet each, dated the period's last day. */
export function statsWorkbook(s: Stats, maker: Maker): Promise<Uint8Array> {
  return tablesWorkbook(
    { title: statsTitle(s), creator: maker.creator, date: s.to },
    statsTables(s),
  );
}
