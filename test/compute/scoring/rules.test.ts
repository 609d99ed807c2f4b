// One table test per rule of SPEC §3, on the SPEC default rules.
import { describe, expect, it } from "vitest";
import { toText } from "../../../src/compute/decimal.ts";
import {
  meeting,
  petition,
  report,
  run,
  rulesWithoutWeekly,
  scoreOf,
  specRules,
  unit,
} from "./build.ts";

const U = () => [unit("a"), unit("b")];

describe("petition table", () => {
  const cases: [string, Parameters<typeof petition>[0], number][] = [
    ["镇 个访 scores 0", { unit: "a", date: "2025-03-01", level: "镇", form: "个访" }, 100],
    ["县 个访 −1", { unit: "a", date: "2025-03-01", level: "县", form: "个访" }, 99],
    ["县 集访 −3", { unit: "a", date: "2025-03-01", level: "县", form: "集访" }, 97],
    ["县 非访 −5", { unit: "a", date: "2025-03-01", level: "县", form: "非访" }, 95],
    ["市 个访 −3", { unit: "a", date: "2025-03-01", level: "市", form: "个访" }, 97],
    ["市 集访 −10", { unit: "a", date: "2025-03-01", level: "市", form: "集访" }, 90],
    ["省 个访 −10", { unit: "a", date: "2025-03-01", level: "省", form: "个访" }, 90],
    ["省 非访 −20", { unit: "a", date: "2025-03-01", level: "省", form: "非访" }, 80],
    [
      "headcount 5 without form is 集访",
      { unit: "a", date: "2025-03-01", level: "县", headcount: 5 },
      97,
    ],
    [
      "headcount 4 without form is 个访",
      { unit: "a", date: "2025-03-01", level: "县", headcount: 4 },
      99,
    ],
    [
      "a given form wins over headcount",
      { unit: "a", date: "2025-03-01", level: "县", form: "个访", headcount: 9 },
      99,
    ],
    [
      "early warning halves",
      { unit: "a", date: "2025-03-01", level: "市", form: "个访", early_warning: true },
      98.5,
    ],
    [
      "two halving modifiers multiply",
      {
        unit: "a",
        date: "2025-03-01",
        level: "市",
        form: "个访",
        early_warning: true,
        persuaded_onsite: true,
      },
      99.25,
    ],
    [
      "0.5 × 0.5 × 2",
      {
        unit: "a",
        date: "2025-03-01",
        level: "市",
        form: "个访",
        early_warning: true,
        persuaded_onsite: true,
        assigned_overdue: true,
      },
      98.5,
    ],
    [
      "assigned overdue doubles",
      { unit: "a", date: "2025-03-01", level: "县", form: "非访", assigned_overdue: true },
      90,
    ],
  ];
  for (const [name, p, expected] of cases) {
    it(name, () => {
      expect(scoreOf(run({ units: U(), petitions: [petition(p)] }), "a")).toBe(expected);
    });
  }

  it("an unset cell scores 0 with a coverage warning naming the cell", () => {
    const sheet = run({
      units: U(),
      petitions: [petition({ id: "X", unit: "a", date: "2025-03-01", level: "县", form: "重访" })],
    });
    expect(scoreOf(sheet, "a")).toBe(100);
    expect(sheet.warnings.map((w) => [w.event, w.level, w.form])).toEqual([["X", "县", "重访"]]);
    expect(sheet.units.find((u) => u.id === "a")?.entries[0]?.cell).toEqual({
      level: "县",
      form: "重访",
      unset: true,
    });
  });

  it("an unset cell matched by a veto gives no warning", () => {
    const sheet = run({
      units: U(),
      petitions: [petition({ unit: "a", date: "2025-03-01", level: "省", form: "集访" })],
    });
    expect(sheet.warnings).toEqual([]);
    expect(sheet.units.find((u) => u.id === "a")?.vetoed).toBe(true);
  });
});

describe("meetings", () => {
  it("absence costs 5 each; the first leave is free, later leaves cost 2", () => {
    const sheet = run({
      units: U(),
      meetings: [
        meeting("M1", "2025-01-15", ["a"], ["b"]),
        meeting("M2", "2025-02-15", [], ["b"]),
        meeting("M3", "2025-03-15", ["a"], ["b"]),
      ],
    });
    expect(scoreOf(sheet, "a")).toBe(90);
    expect(scoreOf(sheet, "b")).toBe(96);
    const b = sheet.units.find((u) => u.id === "b");
    expect(b?.entries.map((e) => [e.event, e.free, toText(e.points)])).toEqual([
      ["M1:b", true, "0"],
      ["M2:b", false, "-2"],
      ["M3:b", false, "-2"],
    ]);
  });

  it("free counts by date, not by file order", () => {
    const sheet = run({
      units: U(),
      meetings: [
        meeting("late", "2025-05-01", [], ["a"]),
        meeting("early", "2025-02-01", [], ["a"]),
      ],
    });
    const a = sheet.units.find((u) => u.id === "a");
    expect(a?.entries.map((e) => [e.event, e.free])).toEqual([
      ["early:a", true],
      ["late:a", false],
    ]);
  });
});

describe("weekly reports", () => {
  const rules = specRules((raw) => {
    (raw.weekly_report as { exempt_weeks: string[] }).exempt_weeks = ["2025-W40"];
  });
  const only = (sheet: ReturnType<typeof run>, id: string) =>
    sheet.units.find((u) => u.id === id)?.entries.filter((e) => e.rule === "weekly-report") ?? [];

  it("the deadline minute itself is on time; 30 seconds later is late", () => {
    const sheet = run({
      units: [unit("a"), unit("b")],
      rules,
      asOf: "2025-01-10",
      weeklyReports: [
        report("a", "2025-W01", "2025-01-03T17:00"),
        report("a", "2025-W02", "2025-01-10T17:00:30"),
        report("b", "2025-W01", "2025-01-03T17:01"),
        report("b", "2025-W02", "2025-01-09T08:00"),
      ],
    });
    expect(only(sheet, "a").map((e) => e.event)).toEqual(["a:2025-W02"]);
    expect(only(sheet, "b").map((e) => e.event)).toEqual(["b:2025-W01"]);
  });

  it("a missing week costs 5; the earliest of two submissions counts", () => {
    const sheet = run({
      units: [unit("a")],
      rules,
      asOf: "2025-01-10",
      weeklyReports: [
        report("a", "2025-W01", "2025-01-06T09:00"),
        report("a", "2025-W01", "2025-01-02T09:00"),
      ],
    });
    expect(only(sheet, "a").map((e) => e.event)).toEqual(["a:2025-W02"]);
    expect(scoreOf(sheet, "a")).toBe(95);
  });

  it("owes every week whose deadline is in the year, except exempt weeks; W01 of 2025 starts in 2024", () => {
    const sheet = run({ units: [unit("a")], rules });
    const weeks = only(sheet, "a").map((e) => e.event);
    expect(weeks.length).toBe(51);
    expect(weeks[0]).toBe("a:2025-W01");
    expect(weeks).not.toContain("a:2025-W40");
    expect(weeks.at(-1)).toBe("a:2025-W52");
  });

  it("a Monday deadline makes 2026-W01 (Monday 2025-12-29) owed in 2025", () => {
    const monday = specRules((raw) => {
      (raw.weekly_report as { deadline: unknown }).deadline = { weekday: 1, time: "09:00" };
    });
    const weeks = only(run({ units: [unit("a")], rules: monday }), "a").map((e) => e.event);
    expect(weeks[0]).toBe("a:2025-W02");
    expect(weeks.at(-1)).toBe("a:2026-W01");
  });

  it("as-of counts only weeks whose deadline day is on or before it", () => {
    expect(only(run({ units: [unit("a")], rules, asOf: "2025-01-09" }), "a").length).toBe(1);
    expect(only(run({ units: [unit("a")], rules, asOf: "2025-01-10" }), "a").length).toBe(2);
  });
});

describe("events of different ledgers on one day", () => {
  const setup = (order?: string[]) =>
    run({
      units: U(),
      rules: rulesWithoutWeekly((raw) => {
        if (order) raw.event_order = order;
      }),
      petitions: [petition({ id: "P", unit: "a", date: "2025-03-05", level: "县", form: "个访" })],
      meetings: [meeting("M", "2025-03-05", ["a"])],
    })
      .units.find((u) => u.id === "a")
      ?.entries.map((e) => e.event);

  it("follow petition, meeting, weekly-report by default", () => {
    expect(setup()).toEqual(["P", "M:a"]);
  });
  it("follow the rules' event_order when given", () => {
    expect(setup(["meeting", "petition", "weekly-report"])).toEqual(["M:a", "P"]);
  });
});

describe("vetoes and ranking", () => {
  it("a vetoed unit with the best score ranks after every unvetoed unit and gets no reward", () => {
    const sheet = run({
      units: [unit("a"), unit("b"), unit("c")],
      petitions: [
        petition({ unit: "a", date: "2025-02-01", level: "京", form: "个访" }),
        petition({ unit: "b", date: "2025-02-01", level: "县", form: "个访" }),
        petition({ unit: "c", date: "2025-02-01", level: "县", form: "集访" }),
      ],
    });
    expect(sheet.units.map((u) => [u.id, u.rank, u.vetoed])).toEqual([
      ["b", 1, false],
      ["c", 2, false],
      ["a", 3, true],
    ]);
    expect(sheet.units.find((u) => u.id === "a")?.rewards).toEqual([]);
  });

  it("escalated vetoes at any level, and the veto lists every matching rule", () => {
    const sheet = run({
      units: U(),
      petitions: [
        petition({
          id: "E",
          unit: "a",
          date: "2025-02-01",
          level: "京",
          form: "集访",
          escalated: true,
        }),
      ],
    });
    expect(sheet.units.find((u) => u.id === "a")?.vetoes.map((v) => v.rule)).toEqual([
      "beijing",
      "escalated",
    ]);
  });

  it("ties share a rank (1, 1, 3) and keep units.yaml order", () => {
    const sheet = run({
      units: [unit("a"), unit("b"), unit("c")],
      petitions: [petition({ unit: "a", date: "2025-02-01", level: "县", form: "个访" })],
    });
    expect(sheet.units.map((u) => [u.id, u.rank])).toEqual([
      ["b", 1],
      ["c", 1],
      ["a", 3],
    ]);
  });

  it("ranks on exact values: 99.995 prints as 100.00 but ranks below 100", () => {
    const rules = rulesWithoutWeekly((raw) => {
      (raw.items as Record<string, unknown>[]).push({
        id: "tiny",
        clause: "测试",
        ledger: "petition",
        when: { category: "测试" },
        points: -0.005,
      });
    });
    const sheet = run({
      units: [unit("a"), unit("b")],
      rules,
      petitions: [
        petition({ unit: "a", date: "2025-02-01", level: "镇", form: "个访", category: "测试" }),
      ],
    });
    expect(sheet.units.map((u) => [u.id, u.rank])).toEqual([
      ["b", 1],
      ["a", 2],
    ]);
    expect(toText(sheet.units[1]?.score ?? { n: 0n, scale: 0 })).toBe("99.995");
  });
});

describe("rewards and last place", () => {
  it("rank rewards go to ties alike; clean-record tiers are exclusive", () => {
    const sheet = run({
      units: [unit("a"), unit("b"), unit("c"), unit("d")],
      petitions: [
        petition({ unit: "c", date: "2025-02-01", level: "县", form: "个访" }),
        petition({ unit: "d", date: "2025-02-01", level: "市", form: "个访" }),
      ],
    });
    const rewards = Object.fromEntries(
      sheet.units.map((u) => [u.id, u.rewards.map((r) => `${r.kind}:${r.amount}`)]),
    );
    expect(rewards).toEqual({
      a: ["rank:10000", "clean_record:10000"],
      b: ["rank:10000", "clean_record:10000"],
      c: ["rank:6000", "clean_record:2000"],
      d: [],
    });
    expect(
      sheet.units.filter((u) => u.consequences.includes("last_place")).map((u) => u.id),
    ).toEqual(["d"]);
  });

  it("year to date: no rewards and no last place", () => {
    const sheet = run({
      units: U(),
      petitions: [petition({ unit: "a", date: "2025-02-01", level: "县", form: "个访" })],
      asOf: "2025-06-30",
    });
    expect(sheet.complete).toBe(false);
    expect(sheet.units.every((u) => u.rewards.length === 0 && u.consequences.length === 0)).toBe(
      true,
    );
  });

  it("nobody is last when every unit shares one rank", () => {
    expect(run({ units: U() }).units.every((u) => u.consequences.length === 0)).toBe(true);
  });
});

describe("sanctions and losses", () => {
  const roster = () => [
    unit("a", {
      committee: [{ name: "甲书记", monthly_subsidy: 2000, star_pay: 6000 }],
      liaisons: [{ name: "孙伟", role: "包村领导", monthly_award: 800 }],
    }),
    unit("b", {
      committee: [{ name: "乙书记", monthly_subsidy: 1500, star_pay: 3000 }],
      liaisons: [{ name: "孙伟", role: "包村领导", monthly_award: 800 }],
    }),
  ];

  it("a warning per superior_urged petition", () => {
    const sheet = run({
      units: roster(),
      petitions: [
        petition({ id: "W1", unit: "a", date: "2025-02-01", level: "镇", superior_urged: true }),
        petition({ id: "W2", unit: "a", date: "2025-03-01", level: "镇", superior_urged: true }),
      ],
    });
    expect(sheet.units.find((u) => u.id === "a")?.sanctions.map((s) => [s.kind, s.event])).toEqual([
      ["warning", "W1"],
      ["warning", "W2"],
    ]);
    expect(sheet.losses).toEqual([]);
  });

  it("a yellow card costs two months of subsidy and of award", () => {
    const sheet = run({
      units: roster(),
      petitions: [
        petition({
          id: "Y",
          unit: "a",
          date: "2025-02-01",
          level: "市",
          form: "集访",
          unfair_handling: true,
        }),
      ],
    });
    expect(sheet.losses.map((l) => [l.person, l.item, l.months, l.amount])).toEqual([
      ["甲书记", "monthly_subsidy", 2, 4000],
      ["孙伟", "monthly_award", 2, 1600],
    ]);
  });

  it("a veto costs 12 months and the star pay; a liaison's months across units are capped at 12", () => {
    const sheet = run({
      units: roster(),
      petitions: [
        petition({ id: "V", unit: "b", date: "2025-02-01", level: "京", form: "个访" }),
        petition({
          id: "Y",
          unit: "a",
          date: "2025-03-01",
          level: "市",
          form: "集访",
          unfair_handling: true,
        }),
      ],
    });
    expect(sheet.losses.map((l) => [l.person, l.unit, l.item, l.months, l.amount])).toEqual([
      ["甲书记", "a", "monthly_subsidy", 2, 4000],
      ["乙书记", "b", "monthly_subsidy", 12, 18000],
      ["乙书记", "b", "star_pay", 12, 3000],
      ["孙伟", null, "monthly_award", 12, 9600],
    ]);
  });

  it("key management: a 市 集访 then three 重访 at 市 or above of the same unit and issue", () => {
    const p = (
      id: string,
      unitId: string,
      date: string,
      level: "市" | "县" | "省",
      form: "集访" | "重访",
      issue = "I1",
    ) => petition({ id, unit: unitId, date, level, form, issue });
    const sheet = run({
      units: roster(),
      petitions: [
        p("K0", "a", "2025-03-01", "市", "重访"), // before the first event: not counted
        p("K1", "a", "2025-04-01", "市", "集访"),
        p("K2", "a", "2025-05-01", "市", "重访"),
        p("X1", "b", "2025-05-02", "市", "重访"), // another unit: not counted
        p("K3", "a", "2025-05-03", "县", "重访"), // below 市: not counted
        p("K4", "a", "2025-06-01", "省", "重访"),
        p("K5", "a", "2025-07-15", "市", "重访"),
        p("K6", "a", "2025-08-01", "市", "重访"), // after the sanction: once per issue
        // Follow-ups with no first event before them: never a track.
        p("Y1", "b", "2025-06-01", "市", "重访", "I2"),
        p("Y2", "b", "2025-06-02", "市", "重访", "I2"),
        p("Y3", "b", "2025-06-03", "省", "重访", "I2"),
        p("Y4", "b", "2025-06-04", "市", "重访", "I2"),
      ],
    });
    expect(
      sheet.units.find((u) => u.id === "b")?.sanctions.filter((s) => s.kind === "key_management"),
    ).toEqual([]);
    const km = sheet.units
      .find((u) => u.id === "a")
      ?.sanctions.filter((s) => s.kind === "key_management");
    expect(km?.map((s) => [s.event, s.from, s.months, s.appraisal])).toEqual([
      ["K5", "2025-07-15", 3, "三等"],
    ]);
    expect(sheet.appraisals.map((a) => [a.person, a.rating])).toEqual([["孙伟", "三等"]]);
  });
});
