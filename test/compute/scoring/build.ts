// Builders for in-memory scoring inputs: SPEC default rules, units and ledger records.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { rulesSchema, unitSchema } from "../../../schemas/index.ts";
import type { Rules, Unit } from "../../../schemas/index.ts";
import { scoreYear } from "../../../src/compute/scoring/index.ts";
import type { ScoreSheet } from "../../../src/compute/scoring/index.ts";
import { parseYamlFile } from "../../../src/load/yaml.ts";
import type { Ledger, Meeting, Petition, WeeklyReport } from "../../../src/validate/content.ts";
import { emptyLedger } from "../../../src/validate/content.ts";
import { normaliseSubmitted } from "../../../src/validate/ledger.ts";

const SPEC_RULES_TEXT = readFileSync(
  fileURLToPath(new URL("../../fixtures/diagnostics/_base/rules/2025.yaml", import.meta.url)),
  "utf8",
);

/** The SPEC §7 default rules, optionally changed by `edit`. */
export function specRules(edit?: (raw: Record<string, unknown>) => void): Rules {
  const raw = structuredClone(parseYamlFile("rules/2025.yaml", SPEC_RULES_TEXT).value) as Record<
    string,
    unknown
  >;
  edit?.(raw);
  return rulesSchema.parse(raw);
}

export function unit(id: string, extra: Record<string, unknown> = {}): Unit {
  return unitSchema.parse({ id, name: `${id}村`, ...extra });
}

let seq = 0;
export function petition(
  p: Partial<Petition> & Pick<Petition, "unit" | "level" | "date">,
): Petition {
  seq++;
  return {
    id: `P-${seq}`,
    early_warning: false,
    persuaded_onsite: false,
    assigned_overdue: false,
    superior_urged: false,
    escalated: false,
    unfair_handling: false,
    resolved: false,
    ...(p.form === undefined && p.headcount === undefined ? { form: "个访" as const } : {}),
    row: seq,
    ...p,
  };
}

export function meeting(
  id: string,
  date: string,
  absent: string[] = [],
  leave: string[] = [],
): Meeting {
  return {
    id,
    date,
    absent,
    leave,
    origin: { file: "ledger/2025/meetings.yaml", line: 1, index: 0 },
  };
}

export function report(unitId: string, week: string, submitted: string): WeeklyReport {
  return {
    unit: unitId,
    week,
    submitted,
    zero: false,
    submittedAt: normaliseSubmitted(submitted),
    origin: { file: "ledger/2025/weekly-reports.yaml", line: 1, index: 0 },
  };
}

export interface Setup {
  units: Unit[];
  rules?: Rules;
  petitions?: Petition[];
  meetings?: Meeting[];
  weeklyReports?: WeeklyReport[];
  asOf?: string;
}

/** Rules without the weekly-report item, so tests of other rules are not buried in missing weeks. */
export function rulesWithoutWeekly(edit?: (raw: Record<string, unknown>) => void): Rules {
  return specRules((raw) => {
    raw.items = (raw.items as { id: string }[]).filter((i) => i.id !== "weekly-report");
    edit?.(raw);
  });
}

export function run(s: Setup): ScoreSheet {
  const ledger: Ledger = {
    ...emptyLedger(2025),
    petitions: s.petitions ?? [],
    petitionRows: { file: "ledger/2025/petitions.yaml", line: (row) => row },
    meetings: s.meetings ?? [],
    weeklyReports: s.weeklyReports ?? [],
  };
  return scoreYear(
    { units: s.units, rules: s.rules ?? rulesWithoutWeekly(), ledger },
    { year: 2025, asOf: s.asOf ?? "2025-12-31" },
  );
}

export const scoreOf = (sheet: ScoreSheet, id: string): number => {
  const u = sheet.units.find((x) => x.id === id);
  if (!u) throw new Error(`no unit ${id}`);
  return Number(u.score.n) / 10 ** u.score.scale;
};
