// zod issues → diagnostics at the exact line and column of the offending value, with the
// field's Chinese label taken from the schema's own description.
import type { z } from "zod";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { DiagnosticCode } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PathKey, SourceFile } from "../load/source-file.ts";

type AnySchema = z.core.$ZodType;

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  out?: AnySchema;
  element?: AnySchema;
  valueType?: AnySchema;
}

const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const descriptionOf = (s: AnySchema): string | undefined =>
  (s as unknown as { description?: string }).description;

const WRAPPERS = new Set(["optional", "default", "nullable", "readonly", "prefault"]);

/** The schema inside optional/default/pipe … wrappers; `visit` sees each layer on the way. */
function unwrapSchema(schema: AnySchema, visit?: (s: AnySchema) => void): AnySchema {
  let cur = schema;
  for (;;) {
    visit?.(cur);
    const def = defOf(cur);
    if (WRAPPERS.has(def.type) && def.innerType) cur = def.innerType;
    else if (def.type === "pipe" && def.out) cur = def.out;
    else return cur;
  }
}

/** The schema at `path` below `schema`, and the nearest description on the way down. */
function schemaAt(
  schema: AnySchema,
  path: readonly PathKey[],
): { schema: AnySchema | null; description?: string } {
  let s: AnySchema | null = schema;
  let description: string | undefined;
  const take = (x: AnySchema) => {
    const d = descriptionOf(x);
    if (d) description = d;
  };
  const unwrap = (x: AnySchema): AnySchema => unwrapSchema(x, take);
  for (const key of path) {
    if (s === null) break;
    description = undefined;
    const def = defOf(unwrap(s));
    if (def.type === "object" && def.shape) s = def.shape[String(key)] ?? null;
    else if (def.type === "array" && def.element) s = def.element;
    else if (def.type === "record" && def.valueType) s = def.valueType;
    else s = null;
  }
  if (s) unwrap(s);
  return description === undefined ? { schema: s } : { schema: s, description };
}

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

function show(value: unknown): string {
  if (typeof value === "string") return `“${value}”`;
  if (value === null) return "空值";
  if (Array.isArray(value)) return "列表";
  if (typeof value === "object") return "映射";
  return `“${String(value)}”`;
}

export interface IssueContext {
  source: SourceFile;
  /** Path of the validated value inside the file (e.g. ["petitions", 3] for one record). */
  base: readonly PathKey[];
  /** The raw value that was validated (the file value at `base`). */
  raw: unknown;
  schema: AnySchema;
  /** Path patterns (dotted, relative to the file) whose issues carry a more specific code. */
  overrides?: readonly [RegExp, DiagnosticCode][];
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
    const override = ctx.overrides?.find(([re]) => re.test(dotted))?.[1];
    const prefix = label ? `${label}：` : "";

    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push(
          makeDiagnostic(override ?? "schema/value", {
            position: ctx.source.locate([...full, key], "key"),
            path: [...full, key].join("."),
            detail: `${prefix}“${key}”不是允许的取值`,
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
          detail: label || dotted,
        }),
      );
      continue;
    }
    let code: DiagnosticCode;
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
        const c = (issue.params as { code?: DiagnosticCode } | undefined)?.code;
        code = c ?? "schema/invalid";
        break;
      }
      default:
        code = "schema/invalid";
    }
    code = override ?? code;
    const shown =
      value === undefined || typeof value === "object" ? "" : `（实际为${show(value)}）`;
    out.push(
      makeDiagnostic(code, {
        position: ctx.source.locate(full),
        path: dotted,
        detail: code === "rules/bad-factor" ? String(value) : `${prefix}${issue.message}${shown}`,
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
