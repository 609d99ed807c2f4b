// What kind of value a schema field holds — a date, a week, a village id, a number, a list … —
// so that a problem with the field gets the hint for that kind (the catalog's FIELD_HINTS).
// Decided from the schema itself: the shared building blocks of schemas/ by identity (a field
// made with `dateSchema.describe(…)` or `unitIdSchema.optional()` is still that block), anything
// else by its zod type.
import {
  copyNumberSchema,
  dateSchema,
  documentIdSchema,
  ruleIdSchema,
  submittedSchema,
  timeSchema,
  unitIdSchema,
  weekSchema,
} from "../../schemas/index.ts";
import type { FieldKind } from "../diagnostics/catalog.ts";
import type { PathKey } from "../load/source-file.ts";
import { defOf, schemaAt, unwrapSchema } from "./schema-walk.ts";
import type { AnySchema } from "./schema-walk.ts";

/** The building blocks with a kind of their own. */
const BLOCKS = new Map<AnySchema, FieldKind>([
  [dateSchema, "date"],
  [weekSchema, "week"],
  [timeSchema, "time"],
  [submittedSchema, "datetime"],
  [unitIdSchema, "unit-id"],
  [documentIdSchema, "document-id"],
  [ruleIdSchema, "rule-id"],
  [copyNumberSchema, "copy-number"],
]);

/** zod types → kinds, for fields that are no building block. */
const BY_TYPE: Record<string, FieldKind> = {
  string: "text",
  number: "number",
  int: "integer",
  boolean: "boolean",
  enum: "choice",
  literal: "choice",
  array: "list",
  tuple: "list",
  object: "mapping",
  record: "mapping",
};

/** The block a schema was made from (`.describe()` and `.meta()` make clones with a parent). */
function blockOf(schema: AnySchema): FieldKind | undefined {
  for (let s: AnySchema | undefined = schema; s;) {
    const kind = BLOCKS.get(s);
    if (kind) return kind;
    s = (s as unknown as { _zod: { parent?: AnySchema } })._zod.parent;
  }
  return undefined;
}

/** A number schema with an integer check (`.int()`). */
const isInteger = (s: AnySchema) =>
  (defOf(s).checks ?? []).some((c) => /int/.test(c._zod.def.format ?? ""));

/** The kind of value `schema` takes. */
export function kindOfSchema(schema: AnySchema | null): FieldKind {
  if (schema === null) return "value";
  let kind: FieldKind | undefined;
  const leaf = unwrapSchema(schema, (layer) => {
    // a union (words or a mapping: office.yaml `fonts`) is neither; its own message says which
    kind ??= blockOf(layer) ?? (defOf(layer).type === "union" ? "value" : undefined);
  });
  if (kind) return kind;
  const type = defOf(leaf).type;
  if (type === "number" && isInteger(leaf)) return "integer";
  return BY_TYPE[type] ?? "value";
}

const kinds = new WeakMap<AnySchema, Map<string, FieldKind>>();

/** The kind of value of the field at `path` below `schema` (list indices do not matter). */
export function fieldKind(schema: AnySchema, path: readonly PathKey[]): FieldKind {
  let bySchema = kinds.get(schema);
  if (!bySchema) kinds.set(schema, (bySchema = new Map()));
  const key = path.map((k) => (typeof k === "number" ? "#" : `.${k}`)).join("");
  let kind = bySchema.get(key);
  if (kind === undefined) bySchema.set(key, (kind = kindOfSchema(schemaAt(schema, path).schema)));
  return kind;
}
