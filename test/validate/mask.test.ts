// Personal numbers at the boundary: validated Content holds every free text masked, identifiers
// and file paths as written, and an identifier or rule condition holding a number is an error.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { figureWarnings, score } from "../../src/index.ts";
import { validateContent } from "../../src/validate/index.ts";
import { LEDGER_TEXT_FIELDS, MARKDOWN_FIELDS } from "../../src/validate/mask.ts";
import { FIXTURES, readTree } from "../diagnostics/fixture-runner.ts";

const MOBILE = "13812345678";
const BASE = readTree(join(FIXTURES, "_base"));

function files(overrides: Record<string, string>): Map<string, string> {
  const out = new Map(BASE);
  for (const [k, v] of Object.entries(overrides)) out.set(k, v);
  return out;
}

const rules = (edit: (text: string) => string) => edit(BASE.get("rules/2025.yaml") as string);

describe("ref/personal-number", () => {
  it("is reported at every kind of identifier and rule condition that holds a number", () => {
    const r = validateContent(
      files({
        "units.yaml": (BASE.get("units.yaml") as string).replace(
          "id: xishan",
          "id: xi-138-1234-5678",
        ),
        "ledger/2025/petitions.yaml": [
          "petitions:",
          "  - { id: P-13812345678, date: 2025-01-08, unit: dongshan, level: 县, form: 个访, issue: 110101199003071234 }",
        ].join("\n"),
        "ledger/2025/meetings.yaml":
          "meetings:\n  - { id: 13912345678, date: 2025-01-15, absent: [], leave: [] }\n",
        "ledger/2025/mediation.yaml":
          "mediations:\n  - { id: T-１３８１２３４５６７８, date: 2025-01-05, unit: dongshan }\n",
        "ledger/2025/receptions.yaml":
          "receptions:\n  - { id: R-138 1234 5678, date: 2025-01-01, kind: 接访, leader: 林, batches: 1, headcount: 1 }\n",
        "rules/2025.yaml": rules((t) =>
          t
            .replace("id: meeting-absent,", "id: meeting-absent-13812345678,")
            .replace("id: early-warning,", "id: ew-13812345678,")
            .replace("id: beijing,", "id: bj-13812345678,")
            .replace("when: { superior_urged: true }", `when: { category: [甲, 类别${MOBILE}] }`)
            .replace("first: { level: 市, form: 集访 }", `first: { summary: 电话${MOBILE} }`),
        ),
        "plans/p.yaml": "id: plan-13812345678\n",
        "agreements/a.yaml": "id: agr-13812345678\n",
        "notices/n.yaml": "id: n-13812345678\n",
        "reports/r.yaml": "id: r-110101199003071234\n",
      }),
    );
    const found = r.diagnostics
      .filter((d) => d.code === "ref/personal-number")
      .map((d) => `${d.position?.file} ${d.path}`)
      .sort();
    expect(found).toEqual(
      [
        "agreements/a.yaml id",
        "ledger/2025/mediation.yaml mediations.0.id",
        "ledger/2025/meetings.yaml meetings.0.id",
        "ledger/2025/petitions.yaml petitions.0.id",
        "ledger/2025/petitions.yaml petitions.0.issue",
        "ledger/2025/receptions.yaml receptions.0.id",
        "notices/n.yaml id",
        "plans/p.yaml id",
        "reports/r.yaml id",
        "rules/2025.yaml items.0.id",
        "rules/2025.yaml items.3.modifiers.0.id",
        "rules/2025.yaml sanctions.key_management.first.summary",
        "rules/2025.yaml sanctions.warning.when.category.1",
        "rules/2025.yaml vetoes.1.id",
        "units.yaml units.1.id",
      ].sort(),
    );
    const message = r.diagnostics.find((d) => d.path === "petitions.0.id")?.message;
    expect(message).toBe("编号“P-138****5678”中含有身份证号或手机号");
    expect(r.content).toBeNull();
  });
});

describe("masked Content", () => {
  const office = [
    "name: 青禾镇人民政府",
    "phone: 138-1234-5678",
    "fonts: { 仿宋: fonts/13812345678.ttf }",
  ].join("\n");
  const plan = [
    "id: plan-2025",
    "year: 2025",
    `title: 方案（联系电话${MOBILE}）`,
    "date: 2025-02-01",
    "preamble: 电话１３８１２３４５６７８。",
    "cc: [县信访局 13912345678]",
    "sections:",
    "  - title: 总体要求",
    `    body: "**联系电话**${MOBILE}，身份证110101 19900307 1234"`,
    "    schedule:",
    `      - { name: 阶段${MOBILE}, from: 2025-02-01, to: 2025-03-01, tasks: "任务${MOBILE}" }`,
  ].join("\n");
  const petitions = [
    "petitions:",
    `  - { id: P-1, date: 2025-01-08, unit: dongshan, level: 县, form: 个访, category: 类别${MOBILE}, summary: 来访人电话138 1234 5678, accepted: 2025-01-08 }`,
    "  - { id: P-2, date: 2025-01-09, unit: dongshan, level: 县, form: 个访, summary: 无号码 }",
    `  - { id: P-3, date: 2025-01-10, unit: dongshan, level: 县, form: 个访, summary: 电话${MOBILE} }`,
  ].join("\n");
  const r = validateContent(
    files({
      "office.yaml": office,
      "plans/plan.yaml": plan,
      "ledger/2025/petitions.yaml": petitions,
      "units.yaml": (BASE.get("units.yaml") as string)
        .replace("name: 东山村", `name: 东山村${MOBILE}`)
        .replace("name: 张建国", "name: 张建国１３９１２３４５６７８"),
      "rules/2025.yaml": rules((t) =>
        t
          .replace("title: 2025年度", `title: 2025年度${MOBILE}`)
          .replace("clause: 群众越级上访的", `clause: 群众越级上访的（举报电话${MOBILE}）`),
      ),
    }),
  );
  const content = r.content;

  it("validates", () => {
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(content).not.toBeNull();
  });

  it("masks office, roster, rules and ledger text", () => {
    expect(content?.office?.phone).toBe("138****5678");
    expect(content?.units[0]?.name).toBe("东山村138****5678");
    expect(content?.units[0]?.committee[0]?.name).toBe("张建国139****5678");
    const rulesDoc = content?.rules.get(2025)?.rules;
    expect(rulesDoc?.title).toBe("2025年度138****5678村（社区）信访工作考评细则");
    expect(rulesDoc?.items[3]?.clause).toBe("群众越级上访的（举报电话138****5678）");
    const p = content?.ledgers.get(2025)?.petitions[0];
    expect(p?.category).toBe("类别138****5678");
    expect(p?.summary).toBe("来访人电话138****5678");
    // Every record after the first masked one is masked too; one without a number is as read.
    const summaries = content?.ledgers.get(2025)?.petitions.map((x) => x.summary);
    expect(summaries).toEqual(["来访人电话138****5678", "无号码", "电话138****5678"]);
  });

  it("masks document text, Markdown fields with escaped asterisks", () => {
    const data = content?.plans[0]?.data;
    expect(data?.title).toBe("方案（联系电话138****5678）");
    expect(data?.cc).toEqual(["县信访局 139****5678"]);
    expect(data?.preamble).toBe("电话138\\*\\*\\*\\*5678。");
    expect(data?.sections[0]?.body).toBe(
      "**联系电话**138\\*\\*\\*\\*5678，身份证110101\\*\\*\\*\\*\\*\\*\\*\\*1234",
    );
    expect(data?.sections[0]?.schedule?.[0]?.name).toBe("阶段138****5678");
    expect(data?.sections[0]?.schedule?.[0]?.tasks).toBe("任务138\\*\\*\\*\\*5678");
  });

  it("keeps identifiers, dates and file paths as written", () => {
    const fonts = content?.office?.fonts;
    expect(typeof fonts === "object" ? fonts.仿宋 : fonts).toBe("fonts/13812345678.ttf");
    expect(content?.plans[0]?.file).toBe("plans/plan.yaml");
    expect(content?.plans[0]?.data.id).toBe("plan-2025");
    const p = content?.ledgers.get(2025)?.petitions[0];
    expect(p?.id).toBe("P-1");
    expect(p?.unit).toBe("dongshan");
    expect(p?.date).toBe("2025-01-08");
    expect(content?.ledgers.get(2025)?.petitionRows.file).toBe("ledger/2025/petitions.yaml");
    expect(content?.units.map((u) => u.id)).toEqual(["dongshan", "xishan"]);
  });

  it("scores the same as with the numbers unmasked", () => {
    const plain = validateContent(
      files({ "ledger/2025/petitions.yaml": petitions.replace(/类别\d+|电话138 1234 5678/g, "x") }),
    );
    const a = content ? score(content, { year: 2025 }) : null;
    const b = plain.content ? score(plain.content, { year: 2025 }) : null;
    expect(a?.units.map((u) => [u.id, u.score])).toEqual(b?.units.map((u) => [u.id, u.score]));
  });
});

describe("MARKDOWN_FIELDS", () => {
  it("names every document field the schemas describe as Markdown", () => {
    const found = new Set<string>();
    const walk = (node: unknown, key: string | null) => {
      if (Array.isArray(node)) return node.forEach((n) => walk(n, key));
      if (node === null || typeof node !== "object") return;
      const o = node as Record<string, unknown>;
      if (key && typeof o.description === "string" && o.description.includes("Markdown"))
        found.add(key);
      for (const [k, v] of Object.entries(o)) {
        if (k === "properties" && v && typeof v === "object")
          for (const [p, s] of Object.entries(v)) walk(s, p);
        else if (k === "items") walk(v, key);
        else walk(v, null);
      }
    };
    for (const name of ["plan", "agreement", "notice", "report"])
      walk(JSON.parse(readFileSync(`schemas/json/${name}.json`, "utf8")), null);
    expect([...found].sort()).toEqual([...MARKDOWN_FIELDS].sort());
  });
});

describe("LEDGER_TEXT_FIELDS", () => {
  it("names every free-text field of the ledger schemas (the rest are checked identifiers)", () => {
    const files = {
      petitions: ["petitions", "petitions"],
      meetings: ["meetings", "meetings"],
      weeklyReports: ["weekly-reports", "weekly_reports"],
      mediations: ["mediation", "mediations"],
      receptions: ["receptions", "receptions"],
    } as const;
    for (const [kind, [file, list]] of Object.entries(files)) {
      const schema = JSON.parse(readFileSync(`schemas/json/${file}.json`, "utf8")) as {
        properties: Record<
          string,
          { items: { properties: Record<string, Record<string, unknown>> } }
        >;
      };
      const fields = schema.properties[list]?.items.properties ?? {};
      // a string without a vocabulary, pattern or format is free text, or an id checked by
      // ref/personal-number (id, issue), or a village written as an id or a name (unit: resolved
      // to an id of units.yaml before validation, else ref/unknown-unit)
      const text = Object.entries(fields)
        .filter(([, f]) => f.type === "string" && !f.enum && !f.pattern && !f.format)
        .map(([k]) => k)
        .filter((k) => k !== "id" && k !== "issue" && k !== "unit")
        .sort();
      expect(text, kind).toEqual(
        [...LEDGER_TEXT_FIELDS[kind as keyof typeof LEDGER_TEXT_FIELDS]].sort(),
      );
    }
  });
});

describe("figure warnings in a narrative with a personal number", () => {
  it("point at the typed figure in the file, not in the masked text", () => {
    const report = [
      "id: 2025-annual",
      "year: 2025",
      "title: 2025年信访工作总结",
      "date: 2026-01-08",
      "period: { from: 2025-01-01, to: 2025-12-31 }",
      "sections:",
      "  - title: 基本情况",
      "    body: |",
      "      联系电话138 1234 5678，&#49;3912345678，化解率98.6%。",
      "  - title: 其他",
      "    body: 电话１３８１２３４５６７８，受理信访事项3件。",
    ].join("\n");
    const texts = files({ "reports/2025.yaml": report });
    const loaded = { ...validateContent(texts), texts };
    expect(loaded.content?.reports[0]?.data.sections[0]?.body).toContain("138\\*\\*\\*\\*5678");
    const at = figureWarnings(loaded, texts).map((d) => `${d.position?.line}:${d.position?.col}`);
    // the 9 of 化解率98.6% on line 9 and the 3 of 3件 on line 11, as the file has them
    expect(at).toEqual(["9:44", "11:31"]);
  });
});
