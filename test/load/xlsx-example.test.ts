// The example town's ledgers kept in Excel score exactly as the YAML: the three ledgers written
// as workbooks (exceljs, in the layouts of src/load/ledger-columns.ts, villages by name) replace
// the YAML files, and `score --json` gives the same result — every field but the ledger rows
// the audit trail cites (`source`), which name the workbook and its row.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../cli/run-cli.ts";
import { ledgerWorkbook } from "../support/ledger-workbooks.ts";
import type { WorkbookOptions } from "../support/ledger-workbooks.ts";

const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Rec = Record<string, unknown>;
const yamlOf = (rel: string) => parse(readFileSync(join(CONTENT, rel), "utf8")) as Rec;

const unitNames = new Map(
  (yamlOf("units.yaml").units as Rec[]).map((u) => [String(u.id), String(u.name)]),
);

/** content/ with the 2025 ledgers as workbooks written with `o`. */
async function asWorkbooks(o: WorkbookOptions): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "xinfang-xlsx-"));
  made.push(dir);
  cpSync(CONTENT, dir, { recursive: true });
  const ledgers = [
    ["petitions", "petitions"],
    ["meetings", "meetings"],
    ["weekly-reports", "weekly_reports"],
  ] as const;
  for (const [kind, key] of ledgers) {
    const records = yamlOf(`ledger/2025/${kind}.yaml`)[key] as Rec[];
    writeFileSync(join(dir, `ledger/2025/${kind}.xlsx`), await ledgerWorkbook(kind, records, o));
    rmSync(join(dir, `ledger/2025/${kind}.yaml`));
  }
  return dir;
}

/** `score --json` without the audit trail's ledger rows. */
async function scoreOf(dir: string): Promise<unknown> {
  const r = await cli(["score", "--year", "2025", "--json", "--content", dir]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout, (k, v: unknown) => (k === "source" ? undefined : v));
}

describe("the example town's ledgers as XLSX", () => {
  it("score identically to the YAML, villages by name, dates as date cells", async () => {
    const yaml = await scoreOf(CONTENT);
    const xlsx = await scoreOf(await asWorkbooks({ names: unitNames }));
    expect(xlsx).toEqual(yaml);
    // Not vacuous: the example has deductions, a veto and money.
    expect(JSON.stringify(yaml)).toContain('"vetoed":true');
  });

  it("score identically with dates as text (2025/1/8, 2025年1月8日), flags as √ and the weekly grid", async () => {
    const yaml = await scoreOf(CONTENT);
    for (const o of [
      { dates: "slash", flags: "√", grid: true },
      { dates: "chinese", names: unitNames, grid: true },
    ] as WorkbookOptions[]) {
      expect(await scoreOf(await asWorkbooks(o))).toEqual(yaml);
    }
  });

  it("the audit trail cites the workbook and its row", async () => {
    const dir = await asWorkbooks({});
    const r = await cli(["score", "--year", "2025", "--json", "--content", dir]);
    expect(r.stdout).toMatch(/"source":"ledger\/2025\/petitions\.xlsx:\d+"/);
  });
});
