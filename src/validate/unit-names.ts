// Village names where a unit id is expected: clerks write 东山村 (or 东山), not dongshan. Before
// the ledgers meet their schemas, every unit reference written as a name of units.yaml is
// replaced by that unit's id, in YAML, CSV and XLSX ledgers alike; a name shared by several
// units is an error naming them (ref/ambiguous-unit), never a guess.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import type { PathKey, SourceFile } from "../load/source-file.ts";

/** Name → ids of the units that go by it (their full name, and that name without 村/社区/居委会). */
export type UnitNames = Map<string, string[]>;

const SUFFIX = /(?:村民委员会|居民委员会|村委会|居委会|社区|村)$/;

/** Names of every unit written in units.yaml (valid or not), for ledgers to refer to them by. */
export function unitNamesOf(unitsValue: unknown): UnitNames {
  const names: UnitNames = new Map();
  const list = (unitsValue as { units?: unknown } | null)?.units;
  if (!Array.isArray(list)) return names;
  const add = (name: string, id: string) => {
    const ids = names.get(name) ?? [];
    if (!ids.includes(id)) ids.push(id);
    names.set(name, ids);
  };
  for (const u of list as unknown[]) {
    const { id, name } = (u ?? {}) as { id?: unknown; name?: unknown };
    if (typeof id !== "string" || typeof name !== "string" || name.trim() === "") continue;
    const full = name.trim();
    add(full, id);
    const short = full.replace(SUFFIX, "");
    if (short !== full && short !== "") add(short, id);
  }
  return names;
}

/** Where ledgers hold unit references: list key → fields holding one id or a list of ids. */
const UNIT_FIELDS: Record<string, readonly string[]> = {
  petitions: ["unit"],
  meetings: ["absent", "leave"],
  weekly_reports: ["unit"],
  mediations: ["unit"],
  receptions: ["unit"],
};

/**
 * Replaces unit names by ids in the records of `src` (in place), reporting names shared by
 * several units and, when `ids` is known, names of no unit (as ref/unknown-unit). Returns the
 * dotted paths reported, whose schema errors (an id must be lowercase letters …) would only
 * repeat the problem. A value that is an id of `ids` is left alone even when a unit is so named.
 */
export function resolveUnitNames(
  src: SourceFile,
  ids: ReadonlySet<string> | null,
  names: UnitNames,
  out: Diagnostic[],
): Set<string> {
  const reported = new Set<string>();
  if (src.value === null || typeof src.value !== "object") return reported;
  // `value` is known by `ids` (the common case: a ledger written with ids) or resolved by name;
  // the path is made only for a diagnostic.
  const report = (
    pathOf: () => PathKey[],
    diagnostic: (at: { position: SourcePosition; path: string }) => Diagnostic,
  ) => {
    const path = pathOf();
    const dotted = path.join(".");
    reported.add(dotted);
    out.push(diagnostic({ position: src.locate(path), path: dotted }));
  };
  const resolve = (value: unknown, pathOf: () => PathKey[]): unknown => {
    if (typeof value !== "string" || ids?.has(value)) return value;
    const name = value.trim();
    const found = names.get(name);
    if (!found) {
      // Only what reads as a name (not plain ASCII) is an unknown name here; an id, or an id
      // miswritten (Dongshan), is left to the id checks and their hints.
      if (ids === null || /^[\x20-\x7e]*$/.test(value)) return value;
      report(pathOf, (at) => makeDiagnostic("ref/unknown-unit", { ...at, params: { id: name } }));
      return value;
    }
    if (found.length === 1) return found[0];
    report(pathOf, (at) =>
      makeDiagnostic("ref/ambiguous-unit", { ...at, params: { name, ids: found } }),
    );
    return value;
  };
  for (const [listKey, fields] of Object.entries(UNIT_FIELDS)) {
    const list = (src.value as Record<string, unknown>)[listKey];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const r: unknown = list[i];
      if (r === null || typeof r !== "object" || Array.isArray(r)) continue;
      const record = r as Record<string, unknown>;
      for (const field of fields) {
        const v = record[field];
        if (Array.isArray(v)) {
          v.forEach((x, j) => {
            v[j] = resolve(x, () => [listKey, i, field, j]);
          });
        } else if (v !== undefined) {
          const resolved = resolve(v, () => [listKey, i, field]);
          if (resolved !== v) record[field] = resolved;
        }
      }
    }
  }
  return reported;
}
