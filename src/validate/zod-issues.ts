// zod issues → diagnostics at the exact line and column of the offending value, with the
// field's Chinese label taken from the schema's own description.
import type { z } from "zod";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PathKey, SourceFile } from "../load/source-file.ts";
import { fieldKind } from "./field-kinds.ts";
import { defOf, schemaAt, unwrapSchema } from "./schema-walk.ts";
import type { AnySchema } from "./schema-walk.ts";

/** Short label of a field: its key plus the first phrase of its description. */
export function fieldLabel(schema: AnySchema, path: readonly PathKey[]): string {
  const key = [...path].reverse().find((k) => typeof k === "string");
  const { description } = schemaAt(schema, path);
  const short = description?.split(/[：，（(；:,]/)[0]?.trim();
  if (key === undefined) return short ?? "";
  return short && short !== key ? `${key}（${short}）` : String(key);
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[String(k)];
  }
  return v;
}

/** The value as a message shows it: single values only (lists and mappings are not shown). */
function actualOf(value: unknown): { actual?: string | number | boolean } {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? { actual: value }
    : {};
}

/** Codes whose facts are a FieldIssue: the zod issue codes, and codes a schema names itself. */
type FieldIssueCode =
  | "schema/type"
  | "schema/value"
  | "schema/format"
  | "schema/range"
  | "schema/invalid"
  | "doc/section-depth";

const CUSTOM_CODES = new Set<string>([
  "schema/type",
  "schema/value",
  "schema/format",
  "schema/range",
  "schema/invalid",
  "doc/section-depth",
]);

const isFieldIssueCode = (c: unknown): c is FieldIssueCode =>
  typeof c === "string" && CUSTOM_CODES.has(c);

/**
 * Parse options that leave a message empty where the schema has no words of its own (zod would
 * fill in its English default): the catalog then says what a field of that kind must be.
 */
export const OWN_WORDS_ONLY = { error: () => "" } as const;

export interface IssueContext {
  source: SourceFile;
  /** Path of the validated value inside the file (e.g. ["petitions", 3] for one record). */
  base: readonly PathKey[];
  /** The raw value that was validated (the file value at `base`). */
  raw: unknown;
  schema: AnySchema;
  /** Path patterns (dotted, relative to the file) whose issues are a bad factor. */
  factors?: RegExp;
}

export function issuesToDiagnostics(
  issues: readonly z.core.$ZodIssue[],
  ctx: IssueContext,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) {
    const rel = issue.path.filter((k): k is PathKey => typeof k !== "symbol");
    const full = [...ctx.base, ...rel];
    const dotted = full.join(".");
    const label = fieldLabel(ctx.schema, rel);
    const value = valueAt(ctx.raw, rel);

    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push(
          makeDiagnostic("schema/value", {
            position: ctx.source.locate([...full, key], "key"),
            path: [...full, key].join("."),
            params: { field: label, key },
          }),
        );
      }
      continue;
    }
    if (value === undefined && issue.code !== "custom" && rel.length > 0) {
      out.push(
        makeDiagnostic("schema/required", {
          position: ctx.source.locate(full.slice(0, -1)),
          path: dotted,
          params: { field: label || dotted },
        }),
      );
      continue;
    }
    if (ctx.factors?.test(dotted)) {
      out.push(
        makeDiagnostic("rules/bad-factor", {
          position: ctx.source.locate(full),
          path: dotted,
          params: { value: String(value) },
        }),
      );
      continue;
    }
    let code: FieldIssueCode;
    switch (issue.code) {
      case "invalid_type":
        code = "schema/type";
        break;
      case "invalid_value":
        code = "schema/value";
        break;
      case "invalid_format":
        code = "schema/format";
        break;
      case "too_small":
      case "too_big":
      case "not_multiple_of":
        code = "schema/range";
        break;
      case "custom": {
        const c = (issue.params as { code?: unknown } | undefined)?.code;
        code = isFieldIssueCode(c) ? c : "schema/invalid";
        break;
      }
      default:
        code = "schema/invalid";
    }
    out.push(
      makeDiagnostic(code, {
        position: ctx.source.locate(full),
        path: dotted,
        params: {
          field: label,
          kind: fieldKind(ctx.schema, rel),
          rule: issue.message,
          ...actualOf(value),
        },
      }),
    );
  }
  return out;
}

interface Resolved {
  kind: "object" | "array" | "record" | "other";
  shape?: Record<string, AnySchema>;
  child?: AnySchema;
}

const resolvedCache = new WeakMap<AnySchema, Resolved>();

/** The schema with wrappers (optional, default, pipe …) removed, described once and cached. */
function resolve(schema: AnySchema): Resolved {
  const hit = resolvedCache.get(schema);
  if (hit) return hit;
  const s = unwrapSchema(schema);
  const def = defOf(s);
  const r: Resolved =
    def.type === "object" && def.shape
      ? { kind: "object", shape: def.shape }
      : def.type === "array" && def.element
        ? { kind: "array", child: def.element }
        : def.type === "record" && def.valueType
          ? { kind: "record", child: def.valueType }
          : { kind: "other" };
  resolvedCache.set(schema, r);
  return r;
}

/** Keys present in `value` that the object schemas along the way do not declare. */
export function unknownKeys(
  schema: AnySchema,
  value: unknown,
  path: PathKey[] = [],
  out: PathKey[][] = [],
): PathKey[][] {
  if (value === null || typeof value !== "object") return out;
  const r = resolve(schema);
  if (r.kind === "object" && r.shape && !Array.isArray(value)) {
    const shape = r.shape;
    for (const k in value) {
      const child = Object.prototype.hasOwnProperty.call(shape, k) ? shape[k] : undefined;
      if (child === undefined) out.push([...path, k]);
      else {
        const v = (value as Record<string, unknown>)[k];
        if (v !== null && typeof v === "object") unknownKeys(child, v, [...path, k], out);
      }
    }
  } else if (r.kind === "array" && r.child && Array.isArray(value)) {
    const el = r.child;
    value.forEach((v, i) => unknownKeys(el, v, [...path, i], out));
  } else if (r.kind === "record" && r.child) {
    const vt = r.child;
    for (const [k, v] of Object.entries(value)) unknownKeys(vt, v, [...path, k], out);
  }
  return out;
}
