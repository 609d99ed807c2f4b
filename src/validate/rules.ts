// rules/<year>.yaml: schema, then what a schema cannot say — the year matches the file, each item
// is either points or a table, every `when` names fields and values its ledger has, factors are
// positive, ids are unique, exempt weeks exist.
import { EVENT_FIELDS, LEVELS, rulesSchema } from "../../schemas/index.ts";
import type { FieldType, LedgerKind, Rules } from "../../schemas/index.ts";
import { isoWeekExists } from "../compute/calendar.ts";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PathKey, SourceFile } from "../load/source-file.ts";
import { validateWhole } from "./records.ts";

const LEDGER_NAMES: Record<LedgerKind, string> = {
  petition: "信访事项",
  meeting: "例会",
  "weekly-report": "周报",
};

function valueFits(t: FieldType, v: unknown): boolean {
  switch (t.kind) {
    case "boolean":
      return typeof v === "boolean";
    case "number":
      return typeof v === "number";
    case "enum":
      return typeof v === "string" && t.values.includes(v);
    case "text":
      return typeof v === "string" || typeof v === "number";
  }
}

function describeType(t: FieldType): string {
  switch (t.kind) {
    case "boolean":
      return "true 或 false";
    case "number":
      return "数字";
    case "enum":
      return t.values.join("、") + " 之一";
    case "text":
      return "文字";
  }
}

function checkWhen(
  src: SourceFile,
  when: Record<string, unknown>,
  ledger: LedgerKind,
  path: PathKey[],
  out: Diagnostic[],
  extra: Record<string, FieldType> = {},
): void {
  const fields = { ...EVENT_FIELDS[ledger], ...extra };
  for (const [field, value] of Object.entries(when)) {
    const type = fields[field];
    if (!type) {
      out.push(
        makeDiagnostic("rules/unknown-field", {
          position: src.locate([...path, field], "key"),
          path: [...path, field].join("."),
          detail: `${LEDGER_NAMES[ledger]}台账（${ledger}）没有字段“${field}”`,
          hint: `可用的字段：${Object.keys(fields).join("、")}`,
        }),
      );
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, i) => {
      if (valueFits(type, v)) return;
      const at = Array.isArray(value) ? [...path, field, i] : [...path, field];
      out.push(
        makeDiagnostic("rules/unknown-value", {
          position: src.locate(at),
          path: at.join("."),
          detail: `条件 ${field} 的取值“${String(v)}”无效，应为 ${describeType(type)}`,
        }),
      );
    });
  }
}

function checkUnique(
  src: SourceFile,
  ids: (string | undefined)[],
  path: (i: number) => PathKey[],
  out: Diagnostic[],
): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (id === undefined) return;
    if (seen.has(id))
      out.push(
        makeDiagnostic("ref/duplicate-id", {
          position: src.locate(path(i)),
          path: path(i).join("."),
          detail: id,
        }),
      );
    seen.add(id);
  });
}

export function validateRules(src: SourceFile, fileYear: number, out: Diagnostic[]): Rules | null {
  const before = out.length;
  const rules = validateWhole(src, rulesSchema, out, [
    [/^items\.\d+\.modifiers\.\d+\.factor$/, "rules/bad-factor"],
  ]);
  if (!rules) return null;
  if (rules.year !== fileYear) {
    out.push(
      makeDiagnostic("rules/year-mismatch", {
        position: src.locate(["year"]),
        path: "year",
        detail: `文件 ${src.file} 的 year 写的是 ${rules.year}，应为 ${fileYear}`,
      }),
    );
  }
  checkUnique(
    src,
    rules.items.map((i) => i.id),
    (i) => ["items", i, "id"],
    out,
  );
  checkUnique(
    src,
    rules.vetoes.map((v) => v.id),
    (i) => ["vetoes", i, "id"],
    out,
  );
  rules.items.forEach((item, i) => {
    const at: PathKey[] = ["items", i];
    const hasPoints = item.points !== undefined;
    const hasTable = item.table !== undefined;
    if (hasPoints === hasTable) {
      out.push(
        makeDiagnostic("rules/item-shape", {
          position: src.locate(hasPoints ? [...at, "table"] : at, hasPoints ? "key" : "value"),
          path: at.join("."),
          detail: hasPoints
            ? `考评项目 ${item.id} 同时有 points 和 table，只能有其一`
            : `考评项目 ${item.id} 既没有 points 也没有 table`,
        }),
      );
    } else if (hasTable && item.ledger !== "petition") {
      out.push(
        makeDiagnostic("rules/item-shape", {
          position: src.locate([...at, "table"], "key"),
          path: [...at, "table"].join("."),
          detail: `信访分值表（table）只能用于 petition 台账，考评项目 ${item.id} 的台账是 ${item.ledger}`,
        }),
      );
    }
    if (item.when) checkWhen(src, item.when, item.ledger, [...at, "when"], out);
    checkUnique(
      src,
      item.modifiers.map((m) => m.id),
      (j) => [...at, "modifiers", j, "id"],
      out,
    );
    item.modifiers.forEach((m, j) => {
      checkWhen(src, m.when, item.ledger, [...at, "modifiers", j, "when"], out);
      if (!(m.factor > 0) || !Number.isFinite(m.factor)) {
        out.push(
          makeDiagnostic("rules/bad-factor", {
            position: src.locate([...at, "modifiers", j, "factor"]),
            path: [...at, "modifiers", j, "factor"].join("."),
            detail: String(m.factor),
          }),
        );
      }
    });
  });
  rules.vetoes.forEach((v, i) => checkWhen(src, v.when, v.ledger, ["vetoes", i, "when"], out));
  const s = rules.sanctions;
  if (s.warning) checkWhen(src, s.warning.when, "petition", ["sanctions", "warning", "when"], out);
  if (s.yellow_card)
    checkWhen(src, s.yellow_card.when, "petition", ["sanctions", "yellow_card", "when"], out);
  if (s.key_management) {
    checkWhen(
      src,
      s.key_management.first,
      "petition",
      ["sanctions", "key_management", "first"],
      out,
    );
    checkWhen(
      src,
      s.key_management.then,
      "petition",
      ["sanctions", "key_management", "then"],
      out,
      {
        min_level: { kind: "enum", values: LEVELS },
      },
    );
  }
  rules.weekly_report.exempt_weeks.forEach((w, i) => {
    if (!isoWeekExists(w)) {
      out.push(
        makeDiagnostic("ledger/week-not-exist", {
          position: src.locate(["weekly_report", "exempt_weeks", i]),
          path: `weekly_report.exempt_weeks.${i}`,
          detail: w,
        }),
      );
    }
  });
  return out.slice(before).some((d) => d.severity === "error") ? null : rules;
}
