// The catalog owns every word of a diagnostic: each code turns typed facts into its message and
// hint, and the places that find problems pass facts, never sentences.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  diagnosticCodes,
  diagnosticMessage,
  makeDiagnostic,
} from "../../src/diagnostics/catalog.ts";
import type { DiagnosticCode, ParamsOf } from "../../src/diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../../src/diagnostics/diagnostic.ts";

const at = (line: number, file = "ledger/2025/petitions.yaml") => ({ file, line, col: 11 });

/** Facts for every code, one set per variant of its message: the catalog as a clerk reads it. */
const SAMPLES: { [C in DiagnosticCode]: ParamsOf<C>[] } = {
  "file/missing": [{ file: "units.yaml" }],
  "file/ambiguous": [{ folder: "ledger/2025/", names: ["petitions.yaml", "petitions.csv"] }],
  "ledger/missing-file": [{ file: "ledger/2025/meetings.yaml" }],
  "file/not-a-file": [
    { file: "units.yaml", what: { kind: "directory" } },
    { file: "units.yaml", what: { kind: "fifo" } },
    { file: "units.yaml", what: { kind: "device", link: { target: "/dev/zero" } } },
    { file: "units.yaml", what: { kind: "socket", link: { target: null } } },
    { file: "units.yaml", what: { kind: "broken-link", target: "x.yaml" } },
    { file: "units.yaml", what: { kind: "broken-link", target: null } },
    { file: "units.yaml", what: { kind: "link-loop" } },
  ],
  "file/too-large": [
    { file: "units.yaml", size: 600 * 1024 * 1024, max: 384 * 1024 * 1024 },
    { file: "units.yaml", size: null, max: 384 * 1024 * 1024 },
  ],
  "file/unknown": [
    { file: "plans/a.txt", reason: "not-ours", role: "documents", folder: "plans" },
    { file: "ledger/2025/old", reason: "folder", role: "ledger-year", folder: "ledger/2025" },
    { file: "ledger/old", reason: "folder", role: "ledger", folder: "ledger" },
    {
      file: "ledger/2025/p.xlsx",
      reason: "spreadsheet",
      role: "ledger-year",
      folder: "ledger/2025",
    },
    { file: "pages/p.xlsx", reason: "spreadsheet", role: "pages", folder: "pages" },
    { file: "rules/2025.yml", reason: "yml", role: "rules", folder: "rules", rename: "2025.yaml" },
    { file: "ledger/2025/Meetings.yaml", reason: "case", rename: "meetings.yaml" },
    { file: "ledger/meetings.yaml", reason: "outside-year", name: "meetings.yaml" },
    { file: "ledger/2025/meetings.csv", reason: "csv", role: "ledger-year", folder: "ledger/2025" },
    { file: "plans", reason: "not-a-folder" },
  ],
  "file/encoding": [
    {
      file: "units.yaml",
      line: 2,
      col: 3,
      problem: "bad-bytes",
      encoding: "UTF-8 or GB18030",
      bytes: [0x99, 0x88],
    },
    {
      file: "units.yaml",
      line: 2,
      col: 3,
      problem: "bad-bytes",
      encoding: "UTF-16LE",
      bytes: [0xd8],
    },
    { file: "units.yaml", line: 1, col: 1, problem: "nul", utf16: true },
    { file: "units.yaml", line: 1, col: 1, problem: "nul", utf16: false },
  ],
  "file/legacy-encoding": [{ file: "ledger/2025/petitions.csv" }],
  "csv/unclosed-quote": [{}],
  "csv/cell-count": [{ line: 3, cells: 5, columns: 6 }],
  "yaml/syntax": [
    { problem: "tab-indent" },
    { problem: "several-documents" },
    { problem: { tag: "!!binary" } },
    { problem: { other: "unexpected end of the stream" } },
  ],
  "yaml/duplicate-key": [{ key: "date" }],
  "yaml/alias": [{ alias: "base" }],
  "yaml/too-deep": [{ max: 64 }],
  "schema/required": [{ field: "unit（村）" }, { csvHeader: ["编号", "日期", "村（社区）"] }],
  "schema/type": [
    { field: "year（年度）", kind: "integer", rule: "应为年份", actual: "二〇二五" },
    { field: "absent（无故缺席的村）", kind: "list", rule: "" },
    { listFile: "petitions" },
    { notAList: "items" },
  ],
  "schema/value": [
    {
      field: "level（去向）",
      kind: "choice",
      rule: "应为 镇、县、市、省、京 之一",
      actual: "县级",
    },
    { field: "table（信访分值表）", key: "县级" },
  ],
  "schema/format": [
    {
      field: "date（信访发生日期）",
      kind: "date",
      rule: "日期格式应为 YYYY-MM-DD",
      actual: "2025/1/8",
    },
    { field: "submitted（报送时间）", kind: "datetime", invalid: "time", text: "2025-01-10T25:00" },
  ],
  "schema/range": [
    { field: "informants（信访信息员）", kind: "list", rule: "信访信息员最多 3 名" },
    { noUnits: true },
  ],
  "schema/unknown-key": [
    { key: "dat" },
    { key: "nmae", where: "committee（两委成员）" },
    { column: "备注", columns: ["编号", "日期"] },
  ],
  "schema/invalid": [{ field: "level（条件）", kind: "value", rule: "应为一个取值或取值列表" }],
  "ref/unknown-unit": [{ id: "dongshn" }],
  "ref/ambiguous-unit": [{ name: "东山", ids: ["dongshan", "dongshan-shequ"] }],
  "xlsx/not-xlsx": [
    { file: "ledger/2025/petitions.xlsx", problem: { kind: "not-xlsx", found: "xls" } },
    { file: "ledger/2025/petitions.xlsx", problem: { kind: "not-xlsx", found: "other" } },
  ],
  "xlsx/encrypted": [{ file: "ledger/2025/petitions.xlsx", problem: { kind: "encrypted" } }],
  "xlsx/damaged": [
    { file: "ledger/2025/petitions.xlsx", problem: { kind: "damaged", part: null } },
    {
      file: "ledger/2025/petitions.xlsx",
      problem: { kind: "damaged", part: "xl/worksheets/sheet1.xml" },
    },
  ],
  "xlsx/too-large": [
    {
      file: "ledger/2025/petitions.xlsx",
      problem: { kind: "too-large", limit: 1024 * 1024 * 1024 },
    },
  ],
  "xlsx/far-cells": [
    { file: "ledger/2025/petitions.xlsx", sheet: "信访事项", count: 3, last: "IV" },
  ],
  "xlsx/no-sheet": [
    {
      file: "ledger/2025/petitions.xlsx",
      problem: { kind: "no-sheet", wanted: "信访事项", sheets: ["Sheet1", "Sheet2"] },
    },
  ],
  "ref/duplicate-id": [
    { id: "P-1", of: "record", first: at(2) },
    { id: "dongshan", of: "list-entry", first: at(3) },
    { id: "2025-annual", of: "document", first: at(1, "plans/a.yaml") },
  ],
  "ref/personal-number": [
    { where: "id", masked: "P-138****5678" },
    { where: "condition", masked: "138****5678" },
  ],
  "units/duplicate-member": [{ name: "张伟", first: at(5, "units.yaml") }],
  "units/liaison-award-conflict": [
    { name: "孙伟", amount: 600, firstUnit: "dongshan", firstAmount: 800 },
  ],
  "ledger/date-outside-year": [
    { of: "petition", date: "2024-12-31", year: 2025 },
    { of: "meeting", date: "2026-01-02", year: 2025 },
    { of: "record", date: "2026-01-02", year: 2025 },
  ],
  "ledger/closed-before-accepted": [
    { field: "closed", date: "2025-01-01", accepted: "2025-01-08" },
    { field: "due", date: "2025-01-01", accepted: "2025-01-08" },
    { field: "closed", date: "2025-01-01", accepted: null },
  ],
  "ledger/accepted-before-date": [{ accepted: "2025-01-01", date: "2025-01-08" }],
  "ledger/form-missing": [{}],
  "ledger/absent-and-leave": [{ unit: "dongshan" }],
  "ledger/week-not-exist": [{ week: "2025-W53" }],
  "ledger/week-outside-year": [{ week: "2026-W01", deadline: "2026-01-02", year: 2025 }],
  "ledger/utc-offset": [{ submitted: "2025-01-10T16:30+08:00" }],
  "ledger/petitions-missing": [{ year: 2025, rules: "rules/2025.yaml" }],
  "rules/year-mismatch": [{ file: "rules/2025.yaml", year: 2024, expected: 2025 }],
  "rules/unknown-field": [{ ledger: "meeting", field: "level", fields: ["id", "date", "status"] }],
  "rules/unknown-value": [
    { field: "level", value: "县级", expected: { kind: "enum", values: ["镇", "县"] } },
    { field: "resolved", value: "是", expected: { kind: "boolean" } },
    { field: "headcount", value: "三", expected: { kind: "number" } },
    { field: "category", value: "[]", expected: { kind: "text" } },
  ],
  "rules/bad-factor": [{ value: "-1" }],
  "rules/item-shape": [
    { item: "petition", has: "both" },
    { item: "petition", has: "neither" },
    { item: "meeting-absent", tableOn: "meeting" },
  ],
  "rules/unset-cell": [{ item: "petition", cells: ["赴县重访", "赴市重访", "赴市非访"] }],
  "doc/missing-rules": [{ file: "plans/2024.yaml", year: 2024 }],
  "doc/date-order": [
    { span: "term", from: "2025-12-31", to: "2025-01-01" },
    { span: "period", from: "2025-12-31", to: "2025-01-01" },
  ],
  "doc/missing-signer": [{ unit: "东山村", id: "dongshan", role: "主任" }],
  "doc/unknown-issuer": [
    { name: "镇信访办", known: ["青禾镇人民政府", "青禾镇信访工作领导小组办公室"] },
    { name: "青禾镇人民政府", known: [] },
  ],
  "doc/issuer-mismatch": [
    { what: "标志", value: "青禾镇信访办文件", issuer: "青禾镇人民政府" },
    { what: "印发机关", value: "青禾镇信访办公室", issuer: "青禾镇人民政府" },
  ],
  "doc/missing-number": [
    { doc: "工作方案", code: "青政发", year: 2025 },
    { doc: "2025年度通报", code: null, year: 2026 },
  ],
  "doc/number-code": [
    {
      doc: "2025年度通报",
      number: "青信办〔2026〕1号",
      code: "青信办",
      expected: "青政发",
      issuer: "青禾镇人民政府",
    },
  ],
  "doc/report-signer": [{ doc: "工作总结" }],
  "doc/print-date": [{ doc: "2025年度通报", date: "2026-01-12" }],
  "office/legacy-issuer": [
    { keys: ["code", "signatory"], issuer: "青禾镇人民政府", code: "青政发", replaced: false },
    { keys: ["signatory"], issuer: "青禾镇人民政府", code: null, replaced: false },
    { keys: ["code"], issuer: "青禾镇人民政府", code: "青政发", replaced: true },
  ],
  "doc/section-depth": [
    {
      field: "sections（下一级小节）",
      kind: "value",
      rule: "此处是第五级小节，公文的标题只有四级",
    },
  ],
  "doc/markdown-limit": [
    { kind: "nesting", max: 64 },
    { kind: "emphasis", max: 1000 },
  ],
  "stats/figure-mismatch": [{ figure: "化解率", typed: "98.6%", computed: "98.4%（184÷187）" }],
  "stats/no-comparison": [{ title: "2025年信访工作总结", from: "2024-01-01", to: "2024-12-31" }],
  "score/uncovered-cell": [{ event: "P-7", level: "市", form: "重访", clause: "群众越级上访的" }],
  "page/syntax": [
    { problem: "nesting", max: 32 },
    { problem: "emphasis", max: 1000 },
    { problem: "closing-mismatch", closing: "b", opening: "a" },
    { problem: "closing-unopened" },
    { problem: "unclosed-tag", tag: "ScoreTable" },
    { problem: "unclosed-brace" },
    { problem: "html-comment" },
    { problem: "incomplete-tag" },
    { problem: "lazy-line" },
    { problem: "parser", said: "Unexpected character" },
    { problem: "front-matter-toml" },
    { problem: "front-matter-unclosed" },
    { problem: "front-matter-misplaced" },
    { problem: "front-matter-yaml", message: "引号没有闭合" },
    { problem: "front-matter-shape" },
    { problem: "front-matter-key", key: "layout" },
    { problem: "front-matter-title" },
    { problem: "component-placement", component: "RankChart", placement: "nested" },
    { problem: "component-placement", component: "RankChart", placement: "inline" },
    { problem: "construct", construct: "footnoteDefinition" },
  ],
  "page/code": [
    { problem: "expression", snippet: "1 + 1" },
    { problem: "import-export", snippet: "import x from 'y'" },
  ],
  "page/html": [
    { problem: "fragment" },
    { problem: "tag", tag: "div" },
    { problem: "component", tag: "Chart" },
  ],
  "page/attribute": [
    { component: "RankChart", problem: "spread" },
    { component: "RankChart", problem: "event", prop: "onClick" },
    {
      component: "RankChart",
      problem: "expression",
      prop: "unit",
      expression: "x",
      numeric: false,
    },
  ],
  "page/url": [
    { scheme: "javascript", target: "javascript:alert(1)" },
    { scheme: "data", component: "DocumentList", prop: "kind" },
  ],
  "page/prop": [
    { component: "ScoreTable", problem: "children" },
    { component: "ScoreTable", problem: "unknown", prop: "yaer", known: ["year"] },
    { component: "ScoreTable", problem: "unknown", prop: "x", known: [] },
    { component: "ScoreTable", problem: "twice", prop: "year" },
    { component: "ScoreTable", problem: "no-value", prop: "year", numeric: true },
    { component: "ScoreTable", problem: "quoted-number", prop: "year" },
    { component: "RankChart", problem: "missing", prop: "unit", example: "dongshan" },
    { component: "ScoreTable", problem: "no-rules-for-year", year: 2024, years: [2025] },
    { component: "ScoreTable", problem: "no-rules" },
    { component: "DocumentList", problem: "not-a-year", prop: "year", value: 99 },
    { component: "DocumentList", problem: "limit", prop: "limit", value: 0, max: 100 },
    { component: "RankChart", problem: "unknown-unit", value: "nosuch" },
    { component: "DocumentList", problem: "unknown-kind", value: "公告", kinds: ["方案", "通报"] },
    { component: "RankChart", problem: "bad-id", prop: "id" },
  ],
  "pdf/font-file": [{ role: "楷体", file: "fonts/simkai.ttf", reason: "找不到文件或文件夹" }],
  "pdf/font-found": [
    {
      role: "楷体",
      file: "C:\\Windows\\Fonts\\simkai.ttf",
      reason: "字体文件不完整：glyf 表超出文件末尾",
      used: "随附的 LXGW WenKai",
    },
  ],
  "pdf/missing-glyph": [
    { title: "工作方案", document: "plan-2025", where: "正文第2段", char: "𓀀" },
  ],
};

const HAN = /\p{Script=Han}/u;

/** makeDiagnostic and diagnosticMessage for a code only known at run time. */
const anyMake = makeDiagnostic as (code: DiagnosticCode, args: unknown) => Diagnostic;
const anyMessage = diagnosticMessage as (
  code: DiagnosticCode,
  params: unknown,
  here: SourcePosition,
) => string;

describe("the catalog", () => {
  for (const code of diagnosticCodes)
    it(`${code}: every variant of its facts makes a Chinese message and a Chinese hint`, () => {
      const samples: readonly unknown[] = SAMPLES[code];
      expect(samples.length).toBeGreaterThan(0);
      for (const params of samples) {
        const d = anyMake(code, { position: at(9), path: "", params });
        expect(d.message, JSON.stringify(params)).toMatch(HAN);
        expect(d.message).not.toMatch(/undefined|null|NaN|\[object|Invalid input/);
        expect(d.message).not.toMatch(/。$/);
        expect(d.hint, JSON.stringify(params)).toMatch(HAN);
        expect(d.hint).not.toMatch(/undefined|\[object/);
        expect(d.hint).toMatch(/。$/);
        expect(anyMessage(code, params, at(9))).toBe(d.message);
      }
    });

  it("says where a duplicate was first written, and points there", () => {
    const here = at(9);
    const make = (first: ReturnType<typeof at>, of: "record" | "document" | "list-entry") =>
      makeDiagnostic("ref/duplicate-id", {
        position: here,
        path: "",
        params: { id: "P-1", of, first },
      });
    expect(make(at(2), "record").message).toBe("编号“P-1”与第 2 行的记录重复");
    expect(make(at(9), "list-entry").message).toBe("编号“P-1”与本行前面的一项重复");
    expect(make(at(1, "plans/a.yaml"), "document").message).toBe(
      "编号“P-1”与 plans/a.yaml 第 1 行的文书重复",
    );
    expect(make(at(2), "record").related).toEqual({ position: at(2), note: "首次出现" });
    const unrelated = makeDiagnostic("ref/unknown-unit", {
      position: here,
      path: "",
      params: { id: "x" },
    });
    expect("related" in unrelated).toBe(false);
  });

  it("rejects, when the code is compiled, facts that do not belong to the code", () => {
    const where = { position: null, path: "" };
    const wrong = [
      // @ts-expect-error a sentence instead of facts
      () => makeDiagnostic("file/missing", { ...where, detail: "缺少文件 units.yaml" }),
      // @ts-expect-error a hint of the call site's own
      () => makeDiagnostic("file/missing", { ...where, params: { file: "x" }, hint: "请补上" }),
      // @ts-expect-error the facts of another code
      () => makeDiagnostic("file/missing", { ...where, params: { key: "date" } }),
      // @ts-expect-error no facts for a code that needs them
      () => makeDiagnostic("ref/unknown-unit", where),
      // @ts-expect-error a variant the code does not have
      () => makeDiagnostic("page/html", { ...where, params: { problem: "script" } }),
    ];
    expect(wrong).toHaveLength(5);
    expect(makeDiagnostic("csv/unclosed-quote", where).message).toMatch(HAN);
  });
});

// ---------------------------------------------------------------------------------------------
// No place that raises a diagnostic words it: the arguments of makeDiagnostic and of the helpers
// that forward to it (report, err, syntax) hold no Chinese text and no detail or hint.

const SRC = join(import.meta.dirname, "../../src");
const RAISERS = new Set(["makeDiagnostic", "report", "err", "syntax"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return full.endsWith("diagnostics") ? [] : sourceFiles(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

/** `file:line  call` for each raising call that carries a sentence, detail or hint. */
function sentencesAtCallSites(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const calleeName = (e: ts.Expression) =>
    ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : "";
  const inspect = (call: ts.CallExpression) => {
    const visit = (n: ts.Node): void => {
      const wording =
        ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n)) &&
          HAN.test(n.text)) ||
        ((ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) && HAN.test(n.text)) ||
        (ts.isPropertyAssignment(n) && ["detail", "hint"].includes(n.name.getText(source)));
      if (wording) {
        const { line } = source.getLineAndCharacterOfPosition(n.getStart(source));
        found.push(`${file}:${line + 1}  ${n.getText(source).slice(0, 60)}`);
      }
      ts.forEachChild(n, visit);
    };
    call.arguments.forEach(visit);
  };
  const walk = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && RAISERS.has(calleeName(n.expression))) inspect(n);
    ts.forEachChild(n, walk);
  };
  walk(source);
  return found;
}

describe("the places that raise diagnostics", () => {
  it("pass facts: no Chinese text, detail or hint in any raising call of src/", () => {
    const found = sourceFiles(SRC).flatMap((f) =>
      sentencesAtCallSites(relative(SRC, f), readFileSync(f, "utf8")),
    );
    expect(found).toEqual([]);
  });

  it("the scan finds a sentence where one is passed", () => {
    const old = [
      'out.push(makeDiagnostic("file/missing", { position, path: "", detail: `缺少 ${f}` }));',
      'this.report("page/html", offset, "页面中不能写 <> 片段");',
      'err(ctx, "ledger/form-missing", path, "");',
    ].join("\n");
    const lines = sentencesAtCallSites("x.ts", old).map((l) => l.split("  ")[0]);
    expect([...new Set(lines)]).toEqual(["x.ts:1", "x.ts:2"]);
  });
});
