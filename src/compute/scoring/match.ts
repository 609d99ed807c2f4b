// `when` conditions compiled to predicates over event fields (SPEC §7: every field must match;
// a list means any of its values).
import { EVENT_FIELDS, LEVELS } from "../../../schemas/index.ts";
import type { LedgerKind, Level, When } from "../../../schemas/index.ts";

export type Predicate = (fields: Readonly<Record<string, unknown>>) => boolean;

const LEVEL_RANK: Record<string, number> = Object.fromEntries(LEVELS.map((l, i) => [l, i]));

export function levelRank(level: Level): number {
  return LEVEL_RANK[level] as number;
}

/** Text fields compare as text, so `issue: 7` matches an issue written "7". */
function normaliser(ledger: LedgerKind, field: string): (v: unknown) => unknown {
  const type = EVENT_FIELDS[ledger][field];
  if (type?.kind === "text") return (v) => (typeof v === "number" ? String(v) : v);
  return (v) => v;
}

export function compileWhen(when: When | undefined, ledger: LedgerKind): Predicate {
  if (!when) return () => true;
  const tests: Predicate[] = [];
  for (const [field, value] of Object.entries(when)) {
    if (field === "min_level" && typeof value === "string") {
      const min = LEVEL_RANK[value] ?? 0;
      tests.push((f) => typeof f.level === "string" && (LEVEL_RANK[f.level] ?? -1) >= min);
      continue;
    }
    const norm = normaliser(ledger, field);
    const allowed = new Set((Array.isArray(value) ? value : [value]).map(norm));
    if (allowed.size === 1) {
      const only = [...allowed][0];
      tests.push((f) => norm(f[field]) === only);
    } else tests.push((f) => allowed.has(norm(f[field])));
  }
  if (tests.length === 1) return tests[0] as Predicate;
  return (f) => {
    for (const t of tests) if (!t(f)) return false;
    return true;
  };
}
