// Walking a zod schema the way the content is nested: the schema a path leads to, through the
// optional/default/pipe … wrappers, and the descriptions met on the way.
import type { z } from "zod";
import type { PathKey } from "../load/source-file.ts";

export type AnySchema = z.core.$ZodType;

export interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  innerType?: AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  element?: AnySchema;
  valueType?: AnySchema;
  /** The options of a union. */
  options?: AnySchema[];
  /** Checks such as `.int()` (format safeint) or `.regex()`. */
  checks?: { _zod: { def: { format?: string } } }[];
}

export const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const descriptionOf = (s: AnySchema): string | undefined =>
  (s as unknown as { description?: string }).description;

const WRAPPERS = new Set(["optional", "default", "nullable", "readonly", "prefault"]);

/**
 * The schema inside optional/default/pipe … wrappers; `visit` sees each layer on the way. A union
 * of words and a mapping (office.yaml `fonts: auto` or one file per role) is walked as its mapping.
 */
export function unwrapSchema(schema: AnySchema, visit?: (s: AnySchema) => void): AnySchema {
  let cur = schema;
  for (;;) {
    visit?.(cur);
    const def = defOf(cur);
    if (WRAPPERS.has(def.type) && def.innerType) cur = def.innerType;
    else if (def.type === "pipe" && def.out) cur = def.out;
    else if (def.type === "union" && def.options) {
      const mapping = def.options.find((o) => defOf(unwrapSchema(o)).type === "object");
      if (!mapping) return cur;
      cur = mapping;
    } else return cur;
  }
}

/** The schema at `path` below `schema`, and the nearest description on the way down. */
export function schemaAt(
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
