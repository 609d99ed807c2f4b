// rules/<year>.yaml: schema, then what a schema cannot say — the year matches the file, each item
// is either points or a table, every `when` names fields and values its ledger has, factors are
// positive, ids are unique, exempt weeks exist.
import {
  EVENT_FIELDS,
  FORMS,
  LEVELS,
  cellVetoes,
  itemSchema,
  rulesSchema,
  vetoSchema,
} from "../../schemas/index.ts";
import type { FieldType, LedgerKind, RuleItem, Rules, VetoRule } from "../../schemas/index.ts";
import { isoWeekExists } from "../calendar/calendar.ts";
import { LEVEL_VISIT } from "../text/zh.ts";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { IdOf } from "../diagnostics/codes/schema.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PathKey, SourceFile } from "../load/source-file.ts";
import { validateWhole } from "./records.ts";

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
          params: { ledger, field, fields: Object.keys(fields) },
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
          params: { field, value: String(v), expected: type },
        }),
      );
    });
  }
}

function checkUnique(
  src: SourceFile,
  ids: (string | undefined)[],
  of: IdOf,
  path: (i: number) => PathKey[],
  out: Diagnostic[],
): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    if (id === undefined) return;
    const first = seen.get(id);
    if (first !== undefined)
      out.push(
        makeDiagnostic("ref/duplicate-id", {
          position: src.locate(path(i)),
          path: path(i).join("."),
          params: { id, of, first: src.locate(path(first)) },
        }),
      );
    else seen.set(id, i);
  });
}

const FACTOR = /^items\.\d+\.modifiers\.\d+\.factor$/;

function checkItem(src: SourceFile, item: RuleItem, i: number, out: Diagnostic[]): void {
  const at: PathKey[] = ["items", i];
  const hasPoints = item.points !== undefined;
  const hasTable = item.table !== undefined;
  if (hasPoints === hasTable) {
    out.push(
      makeDiagnostic("rules/item-shape", {
        position: src.locate(hasPoints ? [...at, "table"] : at, hasPoints ? "key" : "value"),
        path: at.join("."),
        params: { item: item.id, has: hasPoints ? "both" : "neither" },
      }),
    );
  } else if (hasTable && item.ledger !== "petition") {
    out.push(
      makeDiagnostic("rules/item-shape", {
        position: src.locate([...at, "table"], "key"),
        path: [...at, "table"].join("."),
        params: { item: item.id, tableOn: item.ledger },
      }),
    );
  }
  if (item.when) checkWhen(src, item.when, item.ledger, [...at, "when"], out);
  checkUnique(
    src,
    item.modifiers.map((m) => m.id),
    "modifier",
    (j) => [...at, "modifiers", j, "id"],
    out,
  );
  item.modifiers.forEach((m, j) =>
    checkWhen(src, m.when, item.ledger, [...at, "modifiers", j, "when"], out),
  );
}

/**
 * Validates a rules file. Items and vetoes are checked one by one, so a mistake in one item
 * does not hide the mistakes in the others. Returns the rules only when there is no error.
 */
export function validateRules(src: SourceFile, fileYear: number, out: Diagnostic[]): Rules | null {
  const before = out.length;
  const raw = src.value;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    validateWhole(src, rulesSchema, out);
    return null;
  }
  const lists = ["items", "vetoes"] as const;
  const { items: _items, vetoes: _vetoes, ...rest } = raw as Record<string, unknown>;
  const envelope = validateWhole(src, rulesSchema.omit({ items: true, vetoes: true }), out, {
    value: rest,
  });
  const parsed: { items: (RuleItem | null)[]; vetoes: (VetoRule | null)[] } = {
    items: [],
    vetoes: [],
  };
  for (const key of lists) {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value)) {
      out.push(
        makeDiagnostic("schema/type", {
          position: src.locate([key]),
          path: key,
          params: { notAList: key },
        }),
      );
      continue;
    }
    const schema = key === "items" ? itemSchema : vetoSchema;
    value.forEach((v: unknown, i: number) => {
      const one = validateWhole(src, schema, out, {
        factors: FACTOR,
        base: [key, i],
      });
      (parsed[key] as unknown[]).push(one);
    });
  }
  if (envelope && envelope.year !== fileYear) {
    out.push(
      makeDiagnostic("rules/year-mismatch", {
        position: src.locate(["year"]),
        path: "year",
        params: { file: src.file, year: envelope.year, expected: fileYear },
      }),
    );
  }
  checkUnique(
    src,
    parsed.items.map((i) => i?.id),
    "rule-item",
    (i) => ["items", i, "id"],
    out,
  );
  checkUnique(
    src,
    parsed.vetoes.map((v) => v?.id),
    "veto",
    (i) => ["vetoes", i, "id"],
    out,
  );
  parsed.items.forEach((item, i) => item && checkItem(src, item, i, out));
  parsed.vetoes.forEach(
    (v, i) => v && checkWhen(src, v.when, v.ledger, ["vetoes", i, "when"], out),
  );
  if (envelope) {
    const s = envelope.sanctions;
    if (s.warning)
      checkWhen(src, s.warning.when, "petition", ["sanctions", "warning", "when"], out);
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
    envelope.weekly_report.exempt_weeks.forEach((w, i) => {
      if (!isoWeekExists(w)) {
        out.push(
          makeDiagnostic("ledger/week-not-exist", {
            position: src.locate(["weekly_report", "exempt_weeks", i]),
            path: `weekly_report.exempt_weeks.${i}`,
            params: { week: w },
          }),
        );
      }
    });
  }
  if (!envelope || out.slice(before).some((d) => d.severity === "error")) return null;
  const rules = {
    ...envelope,
    items: parsed.items as RuleItem[],
    vetoes: parsed.vetoes as VetoRule[],
  };
  checkTables(src, rules, out);
  return out.slice(before).some((d) => d.severity === "error") ? null : rules;
}

/**
 * With `unset_cells: refuse`, a petition table may not leave a cell without points unless a veto
 * covers it: the plan is not published with holes. (A cell that has points and is also vetoed
 * is printed once, as 一票否决; the SPEC §7 example has one, 赴省非访.)
 */
function checkTables(src: SourceFile, rules: Rules, out: Diagnostic[]): void {
  rules.items.forEach((item, i) => {
    if (!item.table) return;
    const holes: string[] = [];
    for (const level of LEVELS)
      for (const form of FORMS)
        if (item.table[level]?.[form] === undefined && cellVetoes(rules, level, form).length === 0)
          holes.push(`${LEVEL_VISIT[level]}${form}`);
    if (rules.unset_cells === "refuse" && holes.length > 0)
      out.push(
        makeDiagnostic("rules/unset-cell", {
          position: src.locate(["items", i, "table"], "key"),
          path: `items.${i}.table`,
          params: { item: item.id, cells: holes },
        }),
      );
  });
}
