// Plan targets weighed against a period's figures: each target is matched by name to a figure,
// compared exactly, and said as 完成 / 未完成 — or named as not computable, and why.
import { describe, expect, it } from "vitest";
import type { Target } from "../../../schemas/index.ts";
import type { Figures, Stats } from "../../../src/compute/stats/index.ts";
import { measureOf, weighTarget, weighTargets } from "../../../src/compute/stats/targets.ts";
import {
  goalText,
  outcomeText,
  targetText,
  targetsParagraph,
} from "../../../src/render/figures.ts";

const count = (count: number, headcount = count) => ({ count, headcount });

/** Figures of a year: 200 accepted, 180 closed on time (170 of 190 初信初访), 184 resolved … */
function figures(over: Partial<Figures> = {}): Figures {
  return {
    accepted: count(200, 400),
    byChannel: [],
    byCategory: [],
    byUnit: [],
    byMonth: [],
    collective: count(24, 180),
    leapfrog: count(9, 30),
    repeat: count(10, 12),
    closed: 195,
    closedOnTime: 180,
    resolved: 184,
    evaluated: 150,
    satisfied: 135,
    first: { accepted: 190, closedOnTime: 170 },
    rates: {
      closed: { num: 195, den: 200 },
      onTime: { num: 180, den: 200 },
      resolved: { num: 184, den: 200 },
      satisfied: { num: 135, den: 150 },
      firstOnTime: { num: 170, den: 190 },
    },
    mediation: { checked: 50, resolved: 45, rate: { num: 45, den: 50 } },
    receptions: { times: 0, visits: 0, batches: 0, headcount: 0, solved: 0 },
    ...over,
  };
}

function stats(previous: Stats["previous"] = { source: "none" }, current = figures()): Stats {
  return {
    from: "2025-01-01",
    to: "2025-12-31",
    previousFrom: "2024-01-01",
    previousTo: "2024-12-31",
    current,
    previous,
  };
}

const target = (name: string, op: Target["op"], value: number, unit = "%"): Target => ({
  name,
  op,
  value,
  unit,
});

const lastYear: Stats["previous"] = {
  source: "summary",
  figures: { accepted: 250, collective_batches: 30, leapfrog_headcount: 40 },
};

describe("targets are matched to figures by name", () => {
  it.each([
    ["初信初访按期办结率", "初信初访按期办结率"],
    ["按期办结率", "按期办结率"],
    ["信访事项办结率", "办结率"],
    ["信访事项化解率", "化解率"],
    ["群众满意率", "满意率"],
    ["矛盾纠纷调处成功率", "调处成功率"],
    ["集体访批次", "集体访批次"],
    ["集体上访人次", "集体访人次"],
    ["越级访人次", "越级访人次"],
    ["越级上访", "越级访批次"],
    ["重复访", "重复访批次"],
    ["信访总量", "受理信访事项"],
    ["排查矛盾纠纷", "排查矛盾纠纷"],
  ])("%s → %s", (name, measure) => {
    expect(measureOf(name, stats())?.name).toBe(measure);
  });

  it("knows no figure for a name the ledger does not count", () => {
    expect(measureOf("周排查报告按时报送率", stats())).toBeNull();
    expect(measureOf("信访积案化解", stats())).toBeNull();
  });
});

describe("weighing a target", () => {
  it("met: a rate at or above its target, compared exactly", () => {
    // 135 of 150 is exactly 90%.
    expect(weighTarget(target("群众满意率", "≥", 90), stats()).status).toBe("met");
    // 184 of 200 is 92%: 92 ≥ 92 holds, 92.5 does not.
    expect(weighTarget(target("化解率", "≥", 92), stats()).status).toBe("met");
    expect(weighTarget(target("化解率", "≥", 92.5), stats()).status).toBe("missed");
  });

  it("missed: 初信初访按期办结率 170 of 190 (89.47…%) against 98%", () => {
    const o = weighTarget(target("初信初访按期办结率", "≥", 98), stats());
    expect(o.status).toBe("missed");
    expect(outcomeText(o, true)).toBe("初信初访按期办结率目标达到98%以上，实际89.5%，未完成");
  });

  it("= holds only exactly; ≤ compares the exact fraction, not its rounding", () => {
    const third = figures({ rates: { ...figures().rates, closed: { num: 1, den: 3 } } });
    const s = stats({ source: "none" }, third);
    // 195 of 200 is 97.5%, not 100%.
    expect(weighTarget(target("办结率", "=", 100), stats()).status).toBe("missed");
    expect(weighTarget(target("办结率", "=", 97.5), stats()).status).toBe("met");
    expect(weighTarget(target("办结率", "≤", 33.3334), s).status).toBe("met");
    expect(weighTarget(target("办结率", "≤", 33.3333), s).status).toBe("missed");
  });

  it("a 同比 target against last year's figure: 24 批 after 30 is 下降20.0%", () => {
    const met = weighTarget(target("集体访批次", "下降", 20), stats(lastYear));
    expect(met).toMatchObject({ status: "met", change: { num: 6, den: 30 } });
    expect(outcomeText(met, true)).toBe("集体访批次目标同比下降20%，实际24批，同比下降20.0%，完成");
    const missed = weighTarget(target("越级访人次", "下降", 30), stats(lastYear));
    // 30 人次 after 40: down 25%, short of 30%.
    expect(missed.status).toBe("missed");
    expect(outcomeText(missed, true)).toBe(
      "越级访人次目标同比下降30%，实际30人次，同比下降25.0%，未完成",
    );
    // 200 件 after 250 fell 20%: a 上升 target is missed, and the text says 下降.
    const up = weighTarget(target("信访总量", "上升", 5), stats(lastYear));
    expect(up.status).toBe("missed");
    expect(outcomeText(up, true)).toBe("信访总量目标同比上升5%，实际200件，同比下降20.0%，未完成");
  });

  it("a count against an absolute target", () => {
    expect(weighTarget(target("越级访批次", "≤", 9, "批"), stats()).status).toBe("met");
    expect(weighTarget(target("越级访批次", "≤", 8, "批"), stats()).status).toBe("missed");
  });

  it.each<[string, Target, Stats, string]>([
    [
      "no figure of that name",
      target("周排查报告按时报送率", "=", 100),
      stats(),
      "周排查报告按时报送率目标达到100%，台账中没有这项统计，无法对照",
    ],
    [
      "no figure of last year",
      target("集体访批次", "下降", 20),
      stats(),
      "集体访批次目标同比下降20%，没有上年同期数字，无法对照",
    ],
    [
      "nothing to divide by",
      target("群众满意率", "≥", 90),
      stats(
        { source: "none" },
        figures({ rates: { ...figures().rates, satisfied: { num: 0, den: 0 } } }),
      ),
      "群众满意率目标达到90%以上，本期没有可计算的事项，无法对照",
    ],
    [
      "a 同比 of a rate",
      target("化解率", "上升", 2),
      stats(lastYear),
      "化解率目标同比上升2%，目标的计量方式与台账统计不一致，无法对照",
    ],
  ])("not computable: %s", (_why, t, s, text) => {
    const o = weighTarget(t, s);
    expect(o.status).toBe("unknown");
    expect(outcomeText(o, true)).toBe(text);
  });
});

describe("the 目标完成情况 paragraph", () => {
  const targets = [
    target("初信初访按期办结率", "≥", 98),
    target("群众满意率", "≥", 90),
    target("集体访批次", "下降", 20),
    target("周排查报告按时报送率", "=", 100),
  ];

  it("counts what was met, missed and not computable, then weighs each target", () => {
    expect(
      targetsParagraph("某镇2025年度信访工作方案", weighTargets(targets, stats(lastYear)), {
        to: "2025-12-31",
        whole: true,
      }),
    ).toBe(
      "对照《某镇2025年度信访工作方案》确定的4项量化目标，全年完成2项、未完成1项、1项无法对照：" +
        "初信初访按期办结率目标达到98%以上，实际89.5%，未完成；" +
        "群众满意率目标达到90%以上，实际90.0%，完成；" +
        "集体访批次目标同比下降20%，实际24批，同比下降20.0%，完成；" +
        "周排查报告按时报送率目标达到100%，台账中没有这项统计，无法对照。",
    );
  });

  it("for part of the year says 已达到 and 未达到, as of the period's end", () => {
    const text = targetsParagraph("方案", weighTargets(targets.slice(0, 2), stats()), {
      to: "2025-06-30",
      whole: false,
    });
    expect(text).toBe(
      "对照《方案》确定的2项量化目标，截至2025年6月30日已达到1项、未达到1项：" +
        "初信初访按期办结率目标达到98%以上，实际89.5%，未达到；" +
        "群众满意率目标达到90%以上，实际90.0%，已达到。",
    );
  });

  it("is left out when the plan has no targets", () => {
    expect(targetsParagraph("方案", [], { to: "2025-12-31", whole: true })).toBeNull();
  });

  it("states targets as a plan does: 达到…以上, 控制在…以内, 达到100%, 同比下降", () => {
    expect(targetText(target("初信初访按期办结率", "≥", 98))).toBe("初信初访按期办结率达到98%以上");
    expect(targetText(target("越级访批次", "≤", 5, "批"))).toBe("越级访批次控制在5批以内");
    expect(targetText(target("周排查报告按时报送率", "=", 100))).toBe(
      "周排查报告按时报送率达到100%",
    );
    expect(goalText(target("集体访批次", "下降", 20))).toBe("同比下降20%");
    expect(targetText({ ...target("化解率", "≥", 95), note: "以县信访局通报为准" })).toBe(
      "化解率达到95%以上（以县信访局通报为准）",
    );
  });
});
