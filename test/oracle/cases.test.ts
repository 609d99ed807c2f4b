// Checks the oracle against hand-worked figures (cases/*/expected.json), and checks the
// differential comparer on the oracle's own output.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compareScores } from "./differential.ts";
import { oracleScore } from "./score.ts";
import type { OracleEntry, OracleLoss, OracleResult, OracleSanction } from "./score.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const CASES = join(HERE, "cases");

interface ExpectedUnit {
  score?: number;
  rank?: number;
  vetoed?: boolean;
  rewards?: { kind: string; amount: number }[];
  rewardTotal?: number;
  consequences?: string[];
  sanctions?: OracleSanction[];
  vetoes?: { rule: string; event: string }[];
  entries?: OracleEntry[];
  entryCount?: number;
  firstEntry?: OracleEntry;
  lastEntry?: OracleEntry;
}
interface ExpectedRun {
  asOf?: string;
  complete?: boolean;
  order?: string[];
  units?: Record<string, ExpectedUnit>;
  losses?: OracleLoss[];
  warnings?: string[];
  absentEvents?: string[];
}
interface Expected {
  description: string;
  runs: ExpectedRun[];
}

const caseNames = readdirSync(CASES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("oracle against hand-worked cases", () => {
  it("has at least 8 cases", () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of caseNames) {
    const dir = join(CASES, name);
    const expected = JSON.parse(readFileSync(join(dir, "expected.json"), "utf8")) as Expected;
    describe(`${name}: ${expected.description}`, () => {
      for (const run of expected.runs) {
        const label = run.asOf ? `as of ${run.asOf}` : "full year";
        it(label, () => {
          const res = oracleScore(dir, run.asOf ? { year: 2025, asOf: run.asOf } : { year: 2025 });
          expect(res.year).toBe(2025);
          expect(res.asOf).toBe(run.asOf ?? "2025-12-31");
          if (run.complete !== undefined) expect(res.complete).toBe(run.complete);
          if (run.order) expect(res.units.map((u) => u.id)).toEqual(run.order);
          for (const [id, eu] of Object.entries(run.units ?? {})) {
            const u = res.units.find((x) => x.id === id);
            expect(u, `unit ${id}`).toBeDefined();
            if (!u) continue;
            const at = `${name} ${label} ${id}`;
            if (eu.score !== undefined) expect(u.score, `${at} score`).toBe(eu.score);
            if (eu.rank !== undefined) expect(u.rank, `${at} rank`).toBe(eu.rank);
            if (eu.vetoed !== undefined) expect(u.vetoed, `${at} vetoed`).toBe(eu.vetoed);
            if (eu.rewards !== undefined) expect(u.rewards, `${at} rewards`).toEqual(eu.rewards);
            if (eu.rewardTotal !== undefined)
              expect(
                u.rewards.reduce((s, r) => s + r.amount, 0),
                `${at} reward total`,
              ).toBe(eu.rewardTotal);
            if (eu.consequences !== undefined)
              expect(u.consequences, `${at} consequences`).toEqual(eu.consequences);
            if (eu.sanctions !== undefined)
              expect(u.sanctions, `${at} sanctions`).toEqual(eu.sanctions);
            if (eu.vetoes !== undefined) expect(u.vetoes, `${at} vetoes`).toEqual(eu.vetoes);
            if (eu.entries !== undefined) expect(u.entries, `${at} entries`).toEqual(eu.entries);
            if (eu.entryCount !== undefined)
              expect(u.entries.length, `${at} entry count`).toBe(eu.entryCount);
            if (eu.firstEntry !== undefined)
              expect(u.entries[0], `${at} first entry`).toEqual(eu.firstEntry);
            if (eu.lastEntry !== undefined)
              expect(u.entries.at(-1), `${at} last entry`).toEqual(eu.lastEntry);
          }
          if (run.losses !== undefined) expect(res.losses).toEqual(run.losses);
          if (run.warnings !== undefined) {
            expect(res.warnings.map((w) => w.event)).toEqual(run.warnings);
            for (const w of res.warnings) {
              expect(w.code).toBe("uncovered-cell");
              expect(w.message).toMatch(/[\u4e00-\u9fff]/);
            }
          }
          for (const ev of run.absentEvents ?? [])
            expect(res.units.flatMap((u) => u.entries.map((e) => e.event))).not.toContain(ev);
          // the oracle agrees with itself through the comparer, JSON round trip included
          expect(compareScores(JSON.parse(JSON.stringify(res)), res)).toEqual([]);
        });
      }
    });
  }
});

describe("oracle input checks", () => {
  it("rejects an as-of date outside the year", () => {
    expect(() =>
      oracleScore(join(CASES, "01-modifiers"), { year: 2025, asOf: "2026-01-01" }),
    ).toThrow();
    expect(() =>
      oracleScore(join(CASES, "01-modifiers"), { year: 2025, asOf: "2025-02-30" }),
    ).toThrow();
  });
});

describe("compareScores", () => {
  const base = (): OracleResult => oracleScore(join(CASES, "08-liaison-cap"), { year: 2025 });

  it("ignores extra fields and null sources", () => {
    const actual = JSON.parse(JSON.stringify(base())) as OracleResult & Record<string, unknown>;
    actual["extra"] = 1;
    for (const u of actual.units) {
      (u as unknown as Record<string, unknown>)["scoreText"] = "80.00";
      for (const e of u.entries) {
        e.source = null;
        (e as unknown as Record<string, unknown>)["clause"] = "…";
      }
    }
    expect(compareScores(actual, base())).toEqual([]);
  });

  it("reports order, score, rank, reward, sanction, loss and warning differences", () => {
    const actual = JSON.parse(JSON.stringify(base())) as OracleResult;
    const [a, b] = actual.units;
    actual.units[0] = b!;
    actual.units[1] = a!;
    a!.score = 80.01;
    a!.rank = 2;
    a!.rewards = [];
    a!.sanctions.pop();
    actual.losses[5]!.months = 16;
    actual.warnings.push({ code: "uncovered-cell", event: "P-99", message: "x" });
    const diffs = compareScores(actual, base());
    const text = diffs.join("\n");
    expect(text).toMatch(/unit order/);
    expect(text).toMatch(/unit dongshan: score 80.01 ≠ 80/);
    expect(text).toMatch(/unit dongshan: rank 2 ≠ 1/);
    expect(text).toMatch(/unit dongshan: reward total 0 ≠ 10000/);
    expect(text).toMatch(/unit dongshan: sanctions/);
    expect(text).toMatch(/losses\[5\]/);
    expect(text).toMatch(/warnings/);
  });

  it("reports entry differences but tolerates cross-ledger order on one date unless strict", () => {
    const expected: OracleResult = {
      year: 2025,
      asOf: "2025-12-31",
      complete: true,
      units: [
        {
          id: "u",
          name: "U",
          score: 90,
          rank: 1,
          vetoed: false,
          entries: [
            {
              rule: "petition",
              event: "P-1",
              date: "2025-01-10",
              base: -5,
              factors: [],
              points: -5,
              source: null,
            },
            {
              rule: "weekly-report",
              event: "u:2025-W02",
              date: "2025-01-10",
              base: -5,
              factors: [],
              points: -5,
              source: null,
            },
          ],
          vetoes: [],
          rewards: [],
          consequences: [],
          sanctions: [],
        },
      ],
      losses: [],
      warnings: [],
    };
    const swapped = JSON.parse(JSON.stringify(expected)) as OracleResult;
    swapped.units[0]!.entries.reverse();
    expect(compareScores(swapped, expected)).toEqual([]);
    expect(compareScores(swapped, expected, { strictOrder: true }).length).toBeGreaterThan(0);
    const wrong = JSON.parse(JSON.stringify(expected)) as OracleResult;
    wrong.units[0]!.entries[0]!.factors = [0.5];
    wrong.units[0]!.entries[0]!.points = -2.5;
    const d = compareScores(wrong, expected);
    expect(d.join("\n")).toMatch(/P-1.*factors/);
    expect(d.join("\n")).toMatch(/points -2.5 ≠ -5/);
  });
});
