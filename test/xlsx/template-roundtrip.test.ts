// The ledger template, filled in as a clerk fills it (values typed into its own sheets, under its
// headers, with its formats and dropdowns left as they are), reads back with no edits: the same
// workbook saved as ledger/2025/petitions.xlsx, meetings.xlsx and weekly-reports.xlsx (each file
// reads the sheet its name says) scores exactly as the example's YAML ledgers.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { LEDGER_SHEETS } from "../../src/load/ledger-columns.ts";
import type { LedgerSheetKind } from "../../src/load/ledger-columns.ts";
import { DEFAULT_CATEGORIES, ledgerTemplate } from "../../src/xlsx/template.ts";
import { cli } from "../cli/run-cli.ts";
import { cellOf } from "../support/ledger-workbooks.ts";

const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Rec = Record<string, unknown>;
const yamlOf = (rel: string) => parse(readFileSync(join(CONTENT, rel), "utf8")) as Rec;

const LEDGERS: [LedgerSheetKind, string][] = [
  ["petitions", "petitions"],
  ["meetings", "meetings"],
  ["weekly-reports", "weekly_reports"],
];

/** `score --json` without the audit trail's ledger rows (they cite the workbook's rows). */
async function scoreOf(dir: string): Promise<unknown> {
  const r = await cli(["score", "--year", "2025", "--json", "--content", dir]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout, (k, v: unknown) => (k === "source" ? undefined : v));
}

describe("the ledger template, filled in", () => {
  it("reads back with no edits and scores as the YAML ledgers", async () => {
    const units = yamlOf("units.yaml").units as Rec[];
    const names = new Map(units.map((u) => [String(u.id), String(u.name)]));
    const template = await ledgerTemplate({
      year: 2025,
      creator: "青禾镇人民政府",
      units: units.map((u) => String(u.name)),
      categories: [...DEFAULT_CATEGORIES],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template) as unknown as ArrayBuffer);
    for (const [kind, key] of LEDGERS) {
      const spec = LEDGER_SHEETS[kind];
      const ws = wb.getWorksheet(spec.sheet);
      if (!ws) throw new Error(`no sheet ${spec.sheet}`);
      // typed under the template's own header, in its column order
      const header = ws.getRow(1).values as unknown[];
      expect(header.slice(1).map(String)).toEqual(spec.columns.map((c) => c.headers[0]));
      const records = yamlOf(`ledger/2025/${kind}.yaml`)[key] as Rec[];
      records.forEach((r, i) => {
        const row = ws.getRow(i + 2);
        spec.columns.forEach((c, j) => {
          const v = cellOf(c, r[c.key], { names });
          if (v !== null) row.getCell(j + 1).value = v;
        });
        row.commit();
      });
    }
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    const dir = mkdtempSync(join(tmpdir(), "xinfang-template-"));
    made.push(dir);
    cpSync(CONTENT, dir, { recursive: true });
    for (const [kind] of LEDGERS) {
      writeFileSync(join(dir, `ledger/2025/${kind}.xlsx`), filled);
      rmSync(join(dir, `ledger/2025/${kind}.yaml`));
    }
    const checked = await cli(["check", "--content", dir]);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    const yaml = await scoreOf(CONTENT);
    expect(await scoreOf(dir)).toEqual(yaml);
    expect(JSON.stringify(yaml)).toContain('"vetoed":true');
  });
});
