// The ledger template: one sheet per ledger with the spec's headers in order, dropdowns on the
// columns with choices, date formats on date columns, a frozen header and a 填写说明 sheet.
import { describe, expect, it } from "vitest";
import { LEDGER_SHEETS } from "../../src/load/ledger-columns.ts";
import { ledgerTemplate } from "../../src/xlsx/index.ts";
import { CHOICES_SHEET, DEFAULT_CATEGORIES, TEMPLATE_ROWS } from "../../src/xlsx/template.ts";
import { headerOf, loadWorkbook } from "./read-back.ts";

const UNITS = ["东山村", "西山村", "锦绣社区"];

async function template() {
  return loadWorkbook(
    await ledgerTemplate({ year: 2025, creator: "青禾镇人民政府", units: UNITS }),
  );
}

type Validation = { type: string; formulae: unknown[]; errorStyle?: string };
const validationAt = (ws: unknown, address: string): Validation | undefined =>
  (ws as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model[address];

/** The values a list validation offers, read from the sheet its formula points at. */
function listValues(wb: Awaited<ReturnType<typeof template>>, formula: string): string[] {
  const m = /^'?(.+?)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(formula);
  if (!m) throw new Error(`not a range: ${formula}`);
  const ws = wb.getWorksheet(m[1] as string);
  const out: string[] = [];
  for (let r = Number(m[3]); r <= Number(m[5]); r++) {
    const v = ws?.getCell(`${m[2]}${r}`).value;
    if (v !== null && v !== undefined) out.push(String(v));
  }
  return out;
}

const letter = (i: number) => String.fromCharCode(65 + i);

describe("ledger template", () => {
  it("has one sheet per ledger, the notes and the hidden lists", async () => {
    const wb = await template();
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "信访事项",
      "例会",
      "周排查报告",
      "填写说明",
      CHOICES_SHEET,
    ]);
    expect(wb.getWorksheet(CHOICES_SHEET)?.state).toBe("hidden");
  });

  it("gives each ledger sheet the spec's headers in order, frozen, with a filter", async () => {
    const wb = await template();
    for (const spec of Object.values(LEDGER_SHEETS)) {
      const ws = wb.getWorksheet(spec.sheet);
      if (!ws) throw new Error(`no sheet ${spec.sheet}`);
      expect(headerOf(ws, 1)).toEqual(spec.columns.map((c) => c.headers[0]));
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
      expect(ws.pageSetup.orientation).toBe("landscape");
      expect(ws.rowCount).toBe(1);
    }
  });

  it("puts a dropdown on every column with choices, villages from units.yaml", async () => {
    const wb = await template();
    const ws = wb.getWorksheet("信访事项");
    const columns = LEDGER_SHEETS.petitions.columns;
    const at = (key: string) => {
      const i = columns.findIndex((c) => c.key === key);
      expect(i).toBeGreaterThanOrEqual(0);
      const v = validationAt(ws, `${letter(i)}2`);
      expect(validationAt(ws, `${letter(i)}${TEMPLATE_ROWS + 1}`)).toEqual(v);
      return v;
    };
    const list = (key: string) => {
      const v = at(key);
      expect(v?.type).toBe("list");
      return listValues(wb, String(v?.formulae[0]));
    };
    expect(list("level")).toEqual(["镇", "县", "市", "省", "京"]);
    expect(list("form")).toEqual(["个访", "集访", "重访", "非访"]);
    expect(list("channel")).toEqual(["来信", "来访", "网上", "电话"]);
    expect(list("unit")).toEqual(UNITS);
    expect(list("early_warning")).toEqual(["是", "否"]);
    expect(list("category")).toEqual([...DEFAULT_CATEGORIES]);
    // a category not in the list may still be typed; a level must be one of the five
    expect(at("category")?.errorStyle).toBe("information");
    expect(at("level")?.errorStyle).toBe("stop");
    // a village may be written by its id as well as by the name the list offers
    expect(at("unit")?.errorStyle).toBe("information");
    expect(at("date")?.type).toBe("date");
    expect(at("headcount")?.type).toBe("whole");

    const meetings = wb.getWorksheet("例会");
    const absent = MEETING_INDEX("absent");
    const v = validationAt(meetings, `${letter(absent)}2`);
    expect(listValues(wb, String(v?.formulae[0]))).toEqual(UNITS);
  });

  it("formats date columns as dates and text columns as text", async () => {
    const wb = await template();
    for (const spec of Object.values(LEDGER_SHEETS)) {
      const ws = wb.getWorksheet(spec.sheet);
      spec.columns.forEach((c, i) => {
        const fmt = ws?.getColumn(i + 1).numFmt;
        if (c.kind === "date") expect(fmt).toBe("yyyy-mm-dd");
        else if (c.kind === "datetime") expect(fmt).toBe("yyyy-mm-dd hh:mm");
        else if (c.kind === "number") expect(fmt).toBe("0");
        else expect(fmt).toBe("@");
      });
    }
  });

  it("explains every column on the 填写说明 sheet", async () => {
    const wb = await template();
    const ws = wb.getWorksheet("填写说明");
    if (!ws) throw new Error("no notes");
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(row.values?.toString() ?? ""));
    const all = texts.join("\n");
    for (const spec of Object.values(LEDGER_SHEETS))
      for (const c of spec.columns) expect(all).toContain(c.note);
    expect(all).toContain("ledger/2025/petitions.xlsx");
  });
});

function MEETING_INDEX(key: string): number {
  return LEDGER_SHEETS.meetings.columns.findIndex((c) => c.key === key);
}
