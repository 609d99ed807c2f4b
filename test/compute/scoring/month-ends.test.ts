// The sheets of several days of a year from one pass (scoreYearOn: the year and its month ends,
// as `check`, the build and the site use them) are the sheets scoreYear gives for each day on its
// own, to the last field: on the hand-worked cases and on generated datasets with SPEC and
// randomised rules, for every month end and days inside months.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { monthEndsUntil } from "../../../src/calendar/calendar.ts";
import { scoreYear, scoreYearOn } from "../../../src/compute/scoring/index.ts";
import type { Entry, ScoreSheet } from "../../../src/compute/scoring/types.ts";
import { emptyLedger } from "../../../src/validate/content.ts";
import { loadContent } from "../../../src/index.ts";
import { generateContent, writeContent } from "../../support/generate.ts";

const CASES = fileURLToPath(new URL("../../oracle/cases/", import.meta.url));
const YEAR = 2025;
/** Every month end, days inside months, a day twice, out of order. */
const DAYS = [
  `${YEAR}-12-31`,
  ...monthEndsUntil(YEAR, `${YEAR}-12-31`),
  "2025-01-01",
  "2025-03-15",
  "2025-07-04",
  "2025-03-15",
  "2025-11-30",
  "2025-02-01",
];
const temp = mkdtempSync(join(tmpdir(), "xinfang-month-ends-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function sameSheets(dir: string, days: readonly string[]) {
  const loaded = await loadContent(dir, { year: YEAR, scoringOnly: true });
  const content = loaded.content;
  expect(content, "content loads").not.toBeNull();
  if (!content) return;
  const rules = content.rules.get(YEAR);
  if (!rules) throw new Error("no rules");
  const input = {
    units: content.units,
    rules: rules.rules,
    ledger: content.ledgers.get(YEAR) ?? emptyLedger(YEAR),
  };
  const together = scoreYearOn(input, YEAR, days);
  expect(together).toHaveLength(days.length);
  days.forEach((asOf, k) => {
    const alone = scoreYear(input, { year: YEAR, asOf });
    expect(together[k], `as of ${asOf}`).toStrictEqual(alone);
    // Entries read much of what they say from their event and rule (getters, which the
    // comparison above does not see): every field of the Entry interface, compared as data.
    expect(entryFields(together[k] as ScoreSheet), `entries as of ${asOf}`).toStrictEqual(
      entryFields(alone),
    );
  });
}

/** Every unit's entries as plain objects of all the fields an Entry has. */
function entryFields(sheet: ScoreSheet) {
  return sheet.units.map((u) =>
    u.entries.map((e: Entry) => ({
      rule: e.rule,
      clause: e.clause,
      label: e.label,
      event: e.event,
      ledger: e.ledger,
      date: e.date,
      base: e.base,
      factors: e.factors,
      modifiers: e.modifiers,
      points: e.points,
      source: e.source,
      at: e.at,
      free: e.free,
      cell: e.cell,
      facts: e.facts,
    })),
  );
}

describe("a year's sheets from one pass = each day's sheet on its own", () => {
  for (const name of readdirSync(CASES))
    it(`hand-worked case ${name}`, async () => {
      await sameSheets(join(CASES, name), DAYS);
    });

  const sets = [1, 2, 3, 4].flatMap((seed) => [
    { seed, rules: "spec" as const },
    { seed, rules: "random" as const },
  ]);
  for (const s of sets)
    it(`seed ${s.seed}, ${s.rules} rules`, async () => {
      const dir = join(temp, `${s.seed}-${s.rules}`);
      await writeContent(dir, generateContent({ ...s, year: YEAR, units: 10, petitions: 500 }));
      await sameSheets(dir, DAYS);
    });

  it("gives nothing for no days", () => {
    expect(
      scoreYearOn({ units: [], rules: {} as never, ledger: emptyLedger(YEAR) }, YEAR, []),
    ).toEqual([]);
  });
});
