// Hints that fit the field: a field's kind of value comes from its schema, and a problem with the
// field carries the hint for that kind — a village id is not told how to write a date.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  documentSchemas,
  itemSchema,
  ledgerSchemas,
  officeSchema,
  rulesSchema,
  unitsFileSchema,
} from "../../schemas/index.ts";
import { FIELD_HINTS, RANGE_HINTS } from "../../src/diagnostics/codes/schema.ts";
import type { FieldKind } from "../../src/diagnostics/catalog.ts";
import { fieldKind } from "../../src/validate/field-kinds.ts";
import { validateContent } from "../../src/validate/index.ts";
import { FIXTURES, readTree } from "../diagnostics/fixture-runner.ts";

const { agreement: agreementSchema, plan: planSchema, target: targetSchema } = documentSchemas();
const {
  meeting: meetingSchema,
  petition: petitionSchema,
  weeklyReport: weeklyReportSchema,
} = ledgerSchemas();

describe("the kind of a field's value, from its schema", () => {
  const cases: [string, Parameters<typeof fieldKind>[0], (string | number)[], FieldKind][] = [
    ["a petition's date", petitionSchema, ["date"], "date"],
    ["a petition's optional closing date", petitionSchema, ["closed"], "date"],
    ["a weekly report's week", weeklyReportSchema, ["week"], "week"],
    ["an exempt week of the rules", rulesSchema, ["weekly_report", "exempt_weeks", 0], "week"],
    ["the weekly deadline's time", rulesSchema, ["weekly_report", "deadline", "time"], "time"],
    ["a weekly report's submission time", weeklyReportSchema, ["submitted"], "datetime"],
    ["a petition's village", petitionSchema, ["unit"], "unit-id"],
    ["a village absent from a meeting", meetingSchema, ["absent", 0], "unit-id"],
    ["a unit's own id", unitsFileSchema, ["units", 0, "id"], "unit-id"],
    ["a plan's id", planSchema, ["id"], "document-id"],
    ["a rule item's id", itemSchema, ["id"], "rule-id"],
    ["a modifier's id", itemSchema, ["modifiers", 0, "id"], "rule-id"],
    ["a document's copy number", planSchema, ["copy"], "copy-number"],
    ["a plan's year", planSchema, ["year"], "integer"],
    ["a petition's headcount", petitionSchema, ["headcount"], "integer"],
    ["a target's value", targetSchema, ["value"], "number"],
    ["a petition's resolved flag", petitionSchema, ["resolved"], "boolean"],
    ["a petition's level", petitionSchema, ["level"], "choice"],
    ["a petition's category", petitionSchema, ["category"], "text"],
    ["a meeting's absent list", meetingSchema, ["absent"], "list"],
    ["an agreement's term", agreementSchema, ["term"], "mapping"],
    ["a rule's condition", itemSchema, ["when"], "mapping"],
    ["a value of a rule's condition", itemSchema, ["when", "level"], "value"],
    ["a path the schema does not have", petitionSchema, ["nosuch"], "value"],
    ["office.yaml fonts (auto, bundled or a file per role)", officeSchema, ["fonts"], "value"],
    ["the font file of a role", officeSchema, ["fonts", "楷体"], "text"],
  ];
  for (const [what, schema, path, kind] of cases)
    it(`${what} is ${kind}`, () => expect(fieldKind(schema, path)).toBe(kind));

  it("gives every kind its own hint, never the old one sentence for dates, weeks and times", () => {
    const hints = Object.values(FIELD_HINTS);
    expect(new Set(hints).size).toBe(hints.length);
    for (const hint of hints) expect(hint).not.toMatch(/日期写作 .*周次写作 .*时间写作/);
  });
});

const BASE = readTree(join(FIXTURES, "_base"));

function diagnosticsWith(file: string, edit: (text: string) => string) {
  const files = new Map(BASE);
  files.set(file, edit(BASE.get(file) as string));
  return validateContent(files).diagnostics;
}

describe("the hint of a field's problem is the one for the field's kind", () => {
  const petitions = "ledger/2025/petitions.yaml";
  const cases: [string, string, (t: string) => string, string, FieldKind][] = [
    [
      "a date written with slashes",
      petitions,
      (t) => t.replace("2025-01-08", "2025/01/08"),
      "schema/format",
      "date",
    ],
    [
      "a village id with capitals",
      petitions,
      (t) => t.replace("unit: dongshan", "unit: Dongshan"),
      "schema/format",
      "unit-id",
    ],
    [
      "a week without its W",
      "ledger/2025/weekly-reports.yaml",
      (t) => t.replace(/2025-W(\d\d)/, "2025-$1"),
      "schema/format",
      "week",
    ],
    [
      "a submission time without its T",
      "ledger/2025/weekly-reports.yaml",
      (t) => t.replace(/(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/, "$1/$2"),
      "schema/format",
      "datetime",
    ],
    [
      "a deadline time without its colon",
      "rules/2025.yaml",
      (t) => t.replace('time: "17:00"', 'time: "1700"'),
      "schema/format",
      "time",
    ],
    [
      "a rule id with a space",
      "rules/2025.yaml",
      (t) => t.replace("id: meeting-absent", 'id: "meeting absent"'),
      "schema/format",
      "rule-id",
    ],
    [
      "a level that is no level",
      petitions,
      (t) => t.replace("level: 县", "level: 县级"),
      "schema/value",
      "choice",
    ],
    [
      "a headcount in words",
      petitions,
      (t) => t.replace("form: 个访", "headcount: 三人"),
      "schema/type",
      "integer",
    ],
    [
      "a flag written 是",
      petitions,
      (t) => t.replace("form: 个访", "form: 个访\n    resolved: 是"),
      "schema/type",
      "boolean",
    ],
  ];
  for (const [what, file, edit, code, kind] of cases)
    it(`${what}: ${code} with the ${kind} hint`, () => {
      const found = diagnosticsWith(file, edit).filter((d) => d.code === code);
      expect(found.map((d) => d.hint)).toEqual([FIELD_HINTS[kind]]);
    });

  it("a unit id of digits alone is refused (the site's year pages are /units/2025/)", () => {
    const found = diagnosticsWith("units.yaml", (t) => t.replace("- id: dongshan", '- id: "2025"'));
    expect(found.map((d) => d.message)).toContainEqual(expect.stringContaining("编号不能只有数字"));
    // a letter or a hyphen makes it an id
    const ok = diagnosticsWith("units.yaml", (t) => t.replace("- id: dongshan", "- id: cun2025"));
    expect(ok.filter((d) => d.path === "units.0.id")).toEqual([]);
  });

  it("an empty list is out of range with the hint for lists", () => {
    const found = diagnosticsWith("units.yaml", (t) =>
      t.replace(/(\n\s+)name: 东山村/, "$1name: 东山村$1informants: []"),
    ).filter((d) => d.code === "schema/range");
    expect(found.map((d) => d.hint)).toEqual([RANGE_HINTS.list]);
  });

  it("a value the schema has no words for is worded by its kind, never in zod's English", () => {
    const found = diagnosticsWith("ledger/2025/meetings.yaml", (t) =>
      t.replace("absent: [xishan]", "absent: xishan"),
    ).filter((d) => d.code === "schema/type");
    expect(found.map((d) => [d.message, d.hint])).toEqual([
      ["absent（无故缺席的村）：应为列表（实际为“xishan”）", FIELD_HINTS.list],
    ]);
  });
});

describe("office.yaml fonts: auto, bundled or a file per role", () => {
  const office = (fonts: string) => {
    const files = new Map(BASE);
    files.set("office.yaml", `name: 东山镇人民政府\n${fonts}\n`);
    const { content, diagnostics } = validateContent(files);
    return { fonts: content?.office?.fonts, diagnostics };
  };

  it("is auto when office.yaml says nothing, and takes auto, bundled and a mapping", () => {
    expect(office("")).toEqual({ fonts: "auto", diagnostics: [] });
    expect(office("fonts: bundled")).toEqual({ fonts: "bundled", diagnostics: [] });
    expect(office("fonts:\n  楷体: fonts/simkai.ttf").fonts).toEqual({ 楷体: "fonts/simkai.ttf" });
  });

  it("refuses another word at its place, and warns of a role it does not know inside the mapping", () => {
    const word = office("fonts: autox").diagnostics;
    expect(word.map((d) => [d.code, d.position?.line, d.position?.col, d.message, d.hint])).toEqual(
      [
        [
          "schema/invalid",
          2,
          8,
          "fonts（公文字体）：应为 auto、bundled，或按 仿宋、小标宋、黑体、楷体 写出字体文件路径（实际为“autox”）",
          "请对照 schemas/json/ 中的说明修改。",
        ],
      ],
    );
    const role = office("fonts:\n  宋体: fonts/simsun.ttf").diagnostics;
    expect(role.map((d) => [d.code, d.path, d.position?.line])).toEqual([
      ["schema/unknown-key", "fonts.宋体", 3],
    ]);
    const empty = office('fonts:\n  仿宋: ""').diagnostics;
    expect(empty.map((d) => [d.code, d.path])).toEqual([["schema/range", "fonts.仿宋"]]);
  });
});
