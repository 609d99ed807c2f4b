// What the site derives for the score pictures from the example publication: each unit's rank
// in every published 考评结果通报 (for "第7名 → 第6名"), and the weekly-report grid, which must
// agree with the score sheet's audit trail.
import { beforeAll, describe, expect, it } from "vitest";
import { deriveSiteData, noticeMonth } from "../../src/site/lib/data.ts";
import type { SiteData } from "../../src/site/lib/data.ts";
import { examplePublication } from "../pdf/support.ts";

describe("noticeMonth", () => {
  it("reads the month a notice ranks up to from its id, 12 for the annual one", () => {
    expect(noticeMonth("notice-2025-03")).toBe(3);
    expect(noticeMonth("notice-2025-q-11")).toBe(11);
    expect(noticeMonth("notice-2025-annual")).toBe(12);
    expect(noticeMonth("plan-2025")).toBeNull();
    expect(noticeMonth("notice-2025")).toBeNull();
  });
});

describe("site data for the score pictures (example content)", () => {
  let data: SiteData;
  beforeAll(async () => {
    data = deriveSiteData({ publication: await examplePublication(), files: new Set() });
  }, 120_000);

  it("selects documents by kind, year and unit as a filter over all of them would, in order", () => {
    const kinds = [undefined, ...new Set(data.documents.map((d) => d.doc.meta.kind))];
    const years = [undefined, ...data.documentYears];
    const units = [undefined, "no-such-unit", ...data.publication.units.map((u) => u.id)];
    for (const kind of kinds)
      for (const year of years)
        for (const unit of units) {
          const f = { ...(kind && { kind }), ...(year && { year }), ...(unit && { unit }) };
          const expected = data.documents.filter(
            (d) =>
              (kind === undefined || d.doc.meta.kind === kind) &&
              (year === undefined || d.doc.meta.year === year) &&
              (unit === undefined || d.doc.meta.unit === unit),
          );
          expect(data.documentsOf(f)).toEqual(expected);
          expect(data.documentsOf(f)).toBe(data.documentsOf(f)); // made once, shared
        }
    expect(data.documentsOf({ unit: data.publication.units[0]!.id }).length).toBeGreaterThan(0);
  });

  it("ranks each unit in every notice of the year, in order, by the sheet that notice uses", () => {
    const year = data.latestYear!;
    const scores = data.scores(year)!;
    const notices = data.documentsOf({ kind: "notice", year });
    expect(notices.length).toBeGreaterThan(1);
    for (const unit of data.publication.units) {
      const ranks = data.noticeRanks(year, unit.id);
      expect(ranks).toHaveLength(notices.length);
      const months = ranks.map((r) => noticeMonth(r.notice.doc.meta.id)!);
      expect([...months].sort((a, b) => a - b)).toEqual(months);
      for (const r of ranks) {
        const id = r.notice.doc.meta.id;
        const expected = id.endsWith("-annual")
          ? scores.sheet
          : scores.monthly.find((m) => Number(m.asOf.slice(5, 7)) === noticeMonth(id));
        expect(r.sheet).toBe(expected);
        const u = r.sheet.units.find((x) => x.id === unit.id)!;
        expect([r.rank, r.vetoed]).toEqual([u.rank, u.vetoed]);
      }
    }
    expect(data.noticeRanks(1900, data.publication.units[0]!.id)).toEqual([]);
  });

  it("has a weekly grid whose late and missing weeks are the weekly-report entries of the sheet", () => {
    const year = data.latestYear!;
    const grid = data.weekly(year)!;
    const sheet = data.scores(year)!.sheet;
    expect(grid.asOf).toBe(sheet.asOf);
    expect(grid.units.map((u) => u.id)).toEqual(data.publication.units.map((u) => u.id));
    let bad = 0;
    for (const row of grid.units) {
      const entries = data
        .unitScore(year, row.id)!
        .entries.filter((e) => e.ledger === "weekly-report")
        .map((e) => (e.facts.ledger === "weekly-report" ? e.facts.week : -1))
        .sort((a, b) => a - b);
      const notOnTime = grid.weeks
        .filter((_, i) => row.statuses[i] === "late" || row.statuses[i] === "missing")
        .map((w) => w.number);
      expect(notOnTime, row.id).toEqual(entries);
      bad += notOnTime.length;
    }
    // the example has late and missing weeks to show, and an exempt week
    expect(bad).toBeGreaterThan(0);
    expect(grid.units[0]!.statuses).toContain("exempt");
  });
});
