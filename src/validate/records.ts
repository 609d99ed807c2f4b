// Schema validation of one parsed file: whole-file schemas, and list files record by record so
// that one bad record neither hides the problems of the others nor blocks cross-file checks.
import type { z } from "zod";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { PathKey, SourceFile } from "../load/source-file.ts";
import { OWN_WORDS_ONLY, fieldLabel, issuesToDiagnostics, unknownKeys } from "./zod-issues.ts";

function unknownKeyWarnings(
  schema: z.ZodType,
  raw: unknown,
  base: PathKey[],
  src: SourceFile,
  out: Diagnostic[],
): void {
  for (const path of unknownKeys(schema, raw)) {
    const full = [...base, ...path];
    const parent = path.slice(0, -1);
    const where = fieldLabel(schema, parent);
    out.push(
      makeDiagnostic("schema/unknown-key", {
        position: src.locate(full, "key"),
        path: full.join("."),
        params: { key: String(path[path.length - 1]), ...(where ? { where } : {}) },
      }),
    );
  }
}

export interface WholeOptions {
  /** Paths (dotted, from the file's root) of factors: their problems are rules/bad-factor. */
  factors?: RegExp;
  /** Path of the validated value inside the file; default the whole file. */
  base?: PathKey[];
  /** The value to validate, when it is not simply the file's value at `base`. */
  value?: unknown;
}

/** Validates a file (or the part of it at `base`) against one schema; null when it does not conform. */
export function validateWhole<S extends z.ZodType>(
  src: SourceFile,
  schema: S,
  out: Diagnostic[],
  options: WholeOptions = {},
): z.infer<S> | null {
  const base = options.base ?? [];
  let raw: unknown = src.value ?? {};
  for (const k of base) raw = (raw as Record<string, unknown>)[String(k)];
  if ("value" in options) raw = options.value;
  const r = schema.safeParse(raw, OWN_WORDS_ONLY);
  unknownKeyWarnings(schema, raw, base, src, out);
  if (!r.success) {
    const factors = options.factors;
    out.push(
      ...issuesToDiagnostics(r.error.issues, {
        source: src,
        base,
        raw,
        schema,
        ...(factors ? { factors } : {}),
      }),
    );
    return null;
  }
  return r.data;
}

export interface ListResult<T> {
  /** Validated records by position; null where the record has errors. */
  items: (T | null)[];
  /** The raw records as parsed (for cross-checks that still make sense on invalid records). */
  raw: unknown[];
  /** The raw array object (for SourceFile.itemLine). */
  array: readonly unknown[];
}

/**
 * Validates a file of the shape `{ <listKey>: [record …] }`: everything but the list against
 * `fileSchema`, each record of the list against `record`.
 */
export function validateList<R extends z.ZodType>(
  src: SourceFile,
  listKey: string,
  fileSchema: z.ZodObject,
  record: R,
  out: Diagnostic[],
  /** A fast check returning zod's output for plain valid records, else null (then zod runs). */
  fast?: (raw: unknown) => z.infer<R> | null,
): ListResult<z.infer<R>> {
  const envelope = fileSchema.omit({ [listKey]: true } as Record<string, true>);
  const value = src.value;
  if (value === null || value === undefined) return { items: [], raw: [], array: [] };
  if (typeof value !== "object" || Array.isArray(value)) {
    out.push(
      makeDiagnostic("schema/type", {
        position: src.locate([]),
        path: "",
        params: { listFile: listKey },
      }),
    );
    return { items: [], raw: [], array: [] };
  }
  const obj = value as Record<string, unknown>;
  const list = obj[listKey];
  // Envelope: everything but the list (unknown top-level keys, other fields).
  const rest = { ...obj };
  delete rest[listKey];
  const env = envelope.safeParse(rest, OWN_WORDS_ONLY);
  unknownKeyWarnings(envelope, rest, [], src, out);
  if (!env.success)
    out.push(
      ...issuesToDiagnostics(env.error.issues, {
        source: src,
        base: [],
        raw: rest,
        schema: envelope,
      }),
    );
  if (list === undefined || list === null) return { items: [], raw: [], array: [] };
  if (!Array.isArray(list)) {
    out.push(
      makeDiagnostic("schema/type", {
        position: src.locate([listKey]),
        path: listKey,
        params: { notAList: listKey },
      }),
    );
    return { items: [], raw: [], array: [] };
  }
  const items: (z.infer<R> | null)[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const raw = list[i] as unknown;
    const quick = fast?.(raw);
    if (quick) {
      // The checked record holds the raw one's values (and the defaults): in a table it takes the
      // place of the parsed one, so that a large ledger is not held twice.
      items[i] = quick;
      if (src.tabular) list[i] = quick;
      continue;
    }
    const r = record.safeParse(raw, OWN_WORDS_ONLY);
    if (r.success) {
      items[i] = r.data;
      unknownKeyWarnings(record, raw, [listKey, i], src, out);
    } else {
      items[i] = null;
      out.push(
        ...issuesToDiagnostics(r.error.issues, {
          source: src,
          base: [listKey, i],
          raw,
          schema: record,
        }),
      );
      unknownKeyWarnings(record, raw, [listKey, i], src, out);
    }
  }
  return { items, raw: list, array: list };
}
