// The wording module: each function from plain data to the exact Chinese the outputs print.
import { describe, expect, it } from "vitest";
import { ZERO, add, dec } from "../../src/compute/decimal.ts";
import { unitLosses } from "../../src/compute/scoring/index.ts";
import type {
  Entry,
  Loss,
  Reward,
  Sanction,
  ScoreSheet,
  UnitScore,
  VetoHit,
} from "../../src/compute/scoring/index.ts";
import { createEnvironment } from "../../src/render/handlebars.ts";
import { escapeMarkdown } from "../../src/render/markdown-escape.ts";
import {
  cellText,
  deductionSummary,
  entryEvent,
  entryItem,
  eventWhat,
  factorText,
  factorsText,
  freeText,
  lastPlaceLine,
  lossCauseNames,
  lossMonths,
  lossRows,
  lossText,
  lossUnitNames,
  lossesLead,
  modifierText,
  noticeOutcomes,
  noticeRewards,
  perEventText,
  printedOutcomes,
  rewardsTotalText,
  periodText,
  points2,
  pointsShort,
  pointsText,
  rankAmong,
  rankChangeText,
  resultsTitle,
  rewardLine,
  rulesTitle,
  sanctionLine,
  sanctionNote,
  sanctionSummary,
  scoreSum,
  totalsText,
  unitOutcomes,
  vetoLine,
  vetoText,
} from "../../src/render/wording.ts";
import { money, zhMonthDay, zhTime } from "../../src/text/zh.ts";

function entry(over: Partial<Entry> = {}): Entry {
  const base = over.base ?? dec(-1);
  const factors = over.factors ?? [];
  const cell =
    over.cell === undefined ? { level: "县" as const, form: "个访" as const } : over.cell;
  return {
    rule: "petition",
    clause: "群众上访按去向和形式扣分",
    label: "群众上访",
    event: "P-1",
    ledger: "petition",
    date: "2025-03-12",
    base,
    factors,
    modifiers: [],
    points: base,
    source: "ledger/2025/petitions.yaml:7",
    free: false,
    cell: { level: "县", form: "个访", unset: false },
    facts: cell
      ? { ledger: "petition", level: cell.level, form: cell.form }
      : { ledger: "meeting", title: null, status: "absent" },
    ...over,
  };
}

function unit(over: Partial<UnitScore> = {}): UnitScore {
  const entries = over.entries ?? [];
  const sum = (sign: number) =>
    entries
      .map((e) => e.points)
      .filter((p) => Math.sign(Number(p.n)) === sign)
      .reduce(add, ZERO);
  return {
    id: "dongshan",
    name: "东山村",
    score: add(dec(100), add(sum(-1), sum(1))),
    deducted: sum(-1),
    added: sum(1),
    rank: 1,
    vetoed: false,
    entries,
    vetoes: [],
    rewards: [],
    consequences: [],
    sanctions: [],
    ...over,
  };
}

function sheet(units: UnitScore[], over: Partial<ScoreSheet> = {}): ScoreSheet {
  return {
    year: 2025,
    asOf: "2025-12-31",
    complete: true,
    base: dec(100),
    units,
    losses: [],
    appraisals: [],
    warnings: [],
    lastPlaceClause: "在年终信访工作总结会上表态发言、作出检查",
    liaisonUnits: new Map([["孙伟", ["dongshan", "xishan"]]]),
    ...over,
  };
}

const veto: VetoHit = {
  rule: "beijing",
  clause: "发生进京上访的",
  label: "进京上访",
  byCell: true,
  event: "P-9",
  date: "2025-09-22",
  source: "ledger/2025/petitions.yaml:90",
  facts: { ledger: "petition", level: "京", form: "个访" },
};
const keyManagement: Sanction = {
  kind: "key_management",
  clause: "同一信访问题引发赴市集访后重访三次以上（含三次）的",
  label: "同一信访问题引发赴市集访后重访三次以上",
  event: "P-7",
  date: "2025-07-15",
  source: "ledger/2025/petitions.yaml:70",
  facts: { ledger: "petition", level: "市", form: "重访" },
  issue: "I-047",
  from: "2025-07-15",
  months: 3,
  appraisal: "三等",
};
const warning: Sanction = {
  kind: "warning",
  clause: "遇上级催办通报的",
  label: "上级催办",
  event: "P-5",
  date: "2025-08-12",
  source: "ledger/2025/petitions.yaml:50",
  facts: { ledger: "petition", level: "县", form: "个访" },
};
const yellowCard: Sanction = {
  kind: "yellow_card",
  clause: "因村内事务处理不公引发群众赴市集访的",
  label: "因村内事务处理不公引发群众赴市集访",
  event: "P-6",
  date: "2025-06-10",
  source: "ledger/2025/petitions.yaml:60",
  facts: { ledger: "petition", level: "市", form: "集访" },
};
const subsidy: Loss = {
  person: "张建国",
  unit: "dongshan",
  role: "书记",
  item: "monthly_subsidy",
  months: 3,
  amount: 7500,
  uncappedMonths: 3,
};
const starPay: Loss = { ...subsidy, item: "star_pay", months: 12, amount: 6000 };
const award: Loss = {
  person: "孙伟",
  unit: null,
  role: "包村领导",
  item: "monthly_award",
  months: 5,
  amount: 4000,
  uncappedMonths: 5,
};
const rankReward: Reward = { kind: "rank", amount: 10000, clause: "考评第1名" };
const cleanReward: Reward = {
  kind: "clean_record",
  amount: 2000,
  clause: "全年未发生市级以上信访的",
};

describe("figures as printed", () => {
  it.each([
    ["-1.5", "-1.50", "-1.5", "扣1.5分"],
    ["-18", "-18.00", "-18", "扣18分"],
    ["2", "2.00", "2", "加2分"],
    ["0", "0.00", "0", "不扣分"],
    ["-0.375", "-0.38", "-0.38", "扣0.38分"],
    ["-0.004", "0.00", "0", "扣0分"],
    ["99.995", "100.00", "100", "加100分"],
  ])("%s → %s in tables, %s in sentences, %s as a verb", (value, table, short, verb) => {
    expect(points2(dec(value))).toBe(table);
    expect(pointsShort(dec(value))).toBe(short);
    expect(pointsText(dec(value))).toBe(verb);
  });

  it("prints values written in the rules as written, computed values at two decimals", () => {
    expect(pointsText(-0.125)).toBe("扣0.125分");
    expect(pointsText(dec("-0.125"))).toBe("扣0.13分");
    expect(pointsText(-5)).toBe("扣5分");
    expect(pointsText(1e-7)).toBe("加0.0000001分");
    expect(pointsText(0)).toBe("不扣分");
  });

  it("names the free events, the rank and the rules title", () => {
    expect([freeText(1), freeText(2), freeText(3)]).toEqual([
      "首次不扣分",
      "前二次不扣分",
      "前三次不扣分",
    ]);
    expect(rankAmong(10, 12)).toBe("第10名（共12个村（社区））");
    expect(rulesTitle(2025)).toBe("2025年度村（社区）信访工作考评细则");
    expect(rulesTitle(2025, null)).toBe("2025年度村（社区）信访工作考评细则");
    expect(rulesTitle(2025, "考评办法")).toBe("考评办法");
  });
});

describe("periods", () => {
  it.each([
    ["2025-12-31", true, "2025年度"],
    ["2025-01-31", false, "2025年1月"],
    ["2025-06-30", false, "2025年1—6月"],
    ["2025-12-31", false, "2025年1—12月"],
    ["2024-02-29", false, "2024年1—2月"],
    ["2025-06-15", false, "2025年1月1日至2025年6月15日"],
  ])("as of %s (complete %s): %s", (asOf, complete, text) => {
    const year = Number(asOf.slice(0, 4));
    expect(periodText({ year, asOf, complete })).toBe(text);
  });

  it("titles the results of the period", () => {
    expect(resultsTitle({ year: 2025, asOf: "2025-06-30", complete: false })).toBe(
      "2025年1—6月村（社区）信访工作考评结果",
    );
  });
});

describe("entries of the audit trail", () => {
  it.each<[string, Partial<Entry>, VetoHit[], string, string]>([
    ["a table cell", {}, [], "群众上访按去向和形式扣分（赴县个访）", "—"],
    [
      "an unset cell",
      { cell: { level: "市", form: "重访", unset: true }, base: ZERO },
      [],
      "群众上访按去向和形式扣分（赴市重访，未设分值）",
      "—",
    ],
    [
      "a vetoed event",
      { event: "P-9", cell: { level: "京", form: "个访", unset: true }, base: ZERO },
      [veto],
      "群众上访按去向和形式扣分（进京个访，一票否决）",
      "—",
    ],
    [
      "an item without a table, with factors",
      {
        clause: "无故不参加信访工作例会的",
        ledger: "meeting",
        cell: null,
        factors: [dec(0.5), dec(2)],
      },
      [],
      "无故不参加信访工作例会的",
      "×0.5×2",
    ],
  ])("%s", (_what, over, vetoes, item, factors) => {
    const e = entry(over);
    const u = unit({ entries: [e], vetoes });
    expect(entryItem(e, u)).toBe(item);
    expect(factorsText(e, u)).toBe(factors);
  });

  it("counts the free events of an item within the unit", () => {
    const leave = (event: string) =>
      entry({
        rule: "meeting-leave",
        clause: "请假的",
        event,
        ledger: "meeting",
        cell: null,
        base: dec(-2),
        points: ZERO,
        free: true,
      });
    const first = leave("M-03:dongshan");
    const other = entry({ rule: "absent", free: true, cell: null });
    const second = leave("M-07:dongshan");
    const u = unit({ entries: [first, other, second] });
    expect(factorsText(first, u)).toBe("首次不扣分");
    expect(factorsText(second, u)).toBe("第二次不扣分");
  });

  it("writes a modifier with its exact factor and escapes user text when asked", () => {
    const m = { id: "x", clause: "**及时**发现的", label: "及时", factor: dec("0.333") };
    expect(modifierText(m)).toBe("×0.333：**及时**发现的");
    expect(modifierText(m, escapeMarkdown)).toBe("×0.333：\\*\\*及时\\*\\*发现的");
  });

  it("sums a unit's points", () => {
    const u = unit({
      entries: [entry({ base: dec(-10) }), entry({ base: dec(-8), event: "P-2" })],
    });
    const s = sheet([u]);
    expect(totalsText(s, u)).toBe("基础分 100.00，扣分 -18.00，加分 0.00");
    expect(scoreSum(s, u)).toBe("扣分合计 -18.00，加分合计 0.00，得分 100.00 − 18.00 = 82.00");
  });
});

describe("vetoes, rewards, sanctions and losses", () => {
  it("writes each line", () => {
    expect(vetoText(veto)).toBe("发生进京上访的（P-9，2025年9月22日）");
    expect(vetoText(veto, true)).toBe(
      "发生进京上访的（P-9，2025年9月22日，ledger/2025/petitions.yaml:90）",
    );
    expect(vetoLine(veto)).toBe("一票否决：发生进京上访的（P-9，2025年9月22日）");
    expect(rewardLine(rankReward)).toBe("名次奖励：考评第1名，奖励10000元");
    expect(rewardLine(cleanReward)).toBe("无信访奖励：全年未发生市级以上信访的，奖励2000元");
    expect(sanctionLine(warning)).toBe("警告：遇上级催办通报的（P-5，2025年8月12日）");
    expect(sanctionLine(keyManagement)).toBe(
      "重点管理：同一信访问题引发赴市集访后重访三次以上（含三次）的（P-7，2025年7月15日），" +
        "自2025年7月15日起重点管理3个月，包村领导、包村干部年终考核定为三等",
    );
    expect(sanctionNote(keyManagement)).toBe(
      "问题编号I-047，自2025年7月15日起重点管理3个月，包村领导、包村干部年终考核定为三等",
    );
    expect(sanctionNote(warning)).toBe("");
    expect(lastPlaceLine("在年终信访工作总结会上表态发言、作出检查")).toBe(
      "末位：年终考评排名末位，在年终信访工作总结会上表态发言、作出检查",
    );
    expect(lastPlaceLine(null)).toBe("末位：年终考评排名末位");
    expect(lossText(subsidy)).toBe("张建国（书记）扣除村级补贴3个月，计7500元");
    expect(lossText(starPay)).toBe("张建国（书记）扣除全年星级评定工资，计6000元");
    expect(lossText(award)).toBe("孙伟（包村领导）扣除精神文明奖5个月，计4000元");
    expect([lossMonths(subsidy), lossMonths(starPay)]).toEqual(["3", "全年"]);
  });

  it("counts sanctions by kind, a veto once, 末位 last", () => {
    const u = unit({
      sanctions: [warning, { ...warning, event: "P-6" }, keyManagement],
      consequences: ["last_place"],
    });
    expect(sanctionSummary(u)).toBe("警告2次、重点管理、末位");
    expect(sanctionSummary(u, false)).toBe("警告2次、重点管理");
    expect(sanctionSummary(unit())).toBe("");
  });

  it("gives a unit the losses of its 两委成员 and of every 包村领导/干部 who covers it", () => {
    const dongshan = unit();
    const xishan = unit({ id: "xishan", name: "西山村" });
    const nanshan = unit({ id: "nanshan", name: "南山村" });
    const other: Loss = { ...subsidy, person: "李明", unit: "xishan" };
    const s = sheet([dongshan, xishan, nanshan], { losses: [subsidy, other, award] });
    expect(unitLosses(s, "dongshan")).toEqual([subsidy, award]);
    expect(unitLosses(s, "xishan")).toEqual([other, award]);
    expect(unitLosses(s, "nanshan")).toEqual([]);
    expect(lossUnitNames(s, award)).toBe("东山村、西山村");
    expect(lossUnitNames(s, other)).toBe("西山村");
    expect(unitOutcomes(xishan, s).losses).toEqual([
      "李明（书记）扣除村级补贴3个月，计7500元",
      "孙伟（包村领导）扣除精神文明奖5个月，计4000元",
    ]);
  });

  it("lists a unit's results in order: vetoes, rewards, sanctions with 末位 last, losses", () => {
    const u = unit({
      vetoes: [veto],
      rewards: [rankReward],
      sanctions: [warning],
      consequences: ["last_place"],
    });
    expect(unitOutcomes(u, sheet([u], { losses: [subsidy] }))).toEqual({
      vetoes: ["一票否决：发生进京上访的（P-9，2025年9月22日）"],
      rewards: ["名次奖励：考评第1名，奖励10000元"],
      sanctions: [
        "警告：遇上级催办通报的（P-5，2025年8月12日）",
        "末位：年终考评排名末位，在年终信访工作总结会上表态发言、作出检查",
      ],
      losses: ["张建国（书记）扣除村级补贴3个月，计7500元"],
    });
  });
});

describe("the results notice", () => {
  it("names each unit, then what happened, when, and what it brings", () => {
    const appraisals = [
      { person: "吴海燕", role: "包村领导", rating: "三等", units: ["dongshan"] },
      { person: "龚伟", role: "包村干部", rating: "三等", units: ["dongshan", "xishan"] },
      { person: "冯志刚", role: "包村领导", rating: "三等", units: ["xishan"] },
    ];
    const u = unit({
      sanctions: [warning, yellowCard, keyManagement],
      vetoes: [veto],
      consequences: ["last_place"],
      rewards: [cleanReward],
    });
    const s = sheet([u], { appraisals });
    expect(noticeOutcomes(s)).toEqual([
      "东山村1件信访事项被上级催办（8月12日），给予警告。",
      "东山村因村内事务处理不公引发群众赴市集访（6月10日），给予黄牌警告。",
      "东山村同一信访问题引发赴市集访后重访三次以上（7月15日），自2025年7月15日起重点管理3个月；" +
        "包村领导吴海燕、包村干部龚伟年终考核定为三等。",
      "东山村9月22日进京个访，实行一票否决。",
      "东山村年终考评排名末位，在年终信访工作总结会上表态发言、作出检查。",
    ]);
    expect(noticeRewards(s)).toEqual(["东山村全年未发生市级以上信访，奖励2000元。"]);
  });

  it("counts repeated sanctions and names a veto's rule when the cell does not say it", () => {
    const escalated: VetoHit = {
      ...veto,
      rule: "escalated",
      label: "事态扩大",
      byCell: false,
      event: "P-3",
      date: "2025-03-02",
      facts: { ledger: "petition", level: "县", form: "个访" },
    };
    const u = unit({
      sanctions: [warning, { ...warning, event: "P-8", date: "2025-09-08" }],
      vetoes: [escalated, veto, { ...veto, rule: "other" }],
    });
    expect(noticeOutcomes(sheet([u]))).toEqual([
      "东山村2件信访事项被上级催办（8月12日、9月8日），给予警告2次。",
      "东山村3月2日赴县个访（事态扩大）、9月22日进京个访，实行一票否决。",
    ]);
  });

  it("puts the rewards of a unit in one sentence, and the year's total after them", () => {
    const a = unit({ rewards: [rankReward, { ...cleanReward, amount: 10000 }] });
    const b = unit({ id: "xishan", name: "西山村", rewards: [cleanReward] });
    const s = sheet([a, b, unit({ id: "nanshan", name: "南山村" })]);
    expect(noticeRewards(s)).toEqual([
      "东山村考评第1名，奖励1万元；全年未发生市级以上信访，奖励1万元；合计2万元。",
      "西山村全年未发生市级以上信访，奖励2000元。",
    ]);
    expect(rewardsTotalText(s)).toBe("共奖励2个村（社区），合计2.2万元。");
    expect(rewardsTotalText(sheet([unit()]))).toBeNull();
  });

  it("leads the 经济处理 table with its count and total, and fills its rows", () => {
    const xishan = unit({ id: "xishan", name: "西山村", sanctions: [yellowCard] });
    const s = sheet([unit(), xishan], { losses: [subsidy, starPay, award] });
    expect(lossesLead([subsidy, starPay, award], "表2")).toBe(
      "按照奖惩办法，扣除有关人员村级补贴、星级评定工资和精神文明奖共3项，合计17500元，明细见表2。",
    );
    expect(lossesLead([award], "表3")).toBe(
      "按照奖惩办法，扣除有关人员精神文明奖共1项，合计4000元，明细见表3。",
    );
    expect(lossesLead([], "表2")).toBeNull();
    // 孙伟 covers 东山村 and 西山村; only 西山村's yellow card costs him his award.
    expect(lossCauseNames(s, award)).toBe("西山村");
    expect(lossRows(s)).toEqual([
      {
        units: "东山村",
        person: "张建国",
        role: "书记",
        item: "村级补贴",
        months: "3",
        amount: 7500,
      },
      {
        units: "东山村",
        person: "张建国",
        role: "书记",
        item: "星级评定工资",
        months: "全年",
        amount: 6000,
      },
      {
        units: "西山村",
        person: "孙伟",
        role: "包村领导",
        item: "精神文明奖",
        months: "5",
        amount: 4000,
      },
    ]);
  });

  it("groups deductions by table cell or label, 件 for petitions and 次 otherwise", () => {
    const u = unit({
      entries: [
        entry(),
        entry({ event: "P-2", base: dec(-3), cell: { level: "县", form: "集访", unset: false } }),
        entry({ event: "P-3", base: dec(-1), factors: [dec(0.5)], points: dec(-0.5) }),
        entry({
          rule: "leave",
          clause: "请假的",
          label: "例会请假",
          ledger: "meeting",
          cell: null,
          event: "M-2:dongshan",
          base: dec(-2),
        }),
        entry({ event: "P-4", base: ZERO, cell: { level: "镇", form: "个访", unset: false } }),
        entry({
          rule: "bonus",
          clause: "越级上访劝返成功的",
          label: "劝返成功",
          cell: null,
          event: "P-5",
          base: dec(1),
        }),
      ],
    });
    expect(deductionSummary(u)).toBe(
      "东山村：赴县个访2件（扣1.5分）、赴县集访1件（扣3分）、例会请假1次（扣2分）、劝返成功1次（加1分），合计扣5.5分。",
    );
  });

  it("adds exact points and rounds each printed sum once", () => {
    // Three deductions of 0.125: exactly 0.375, printed 0.38. Rounding each first gives 0.39.
    const u = unit({
      entries: ["P-1", "P-2", "P-3"].map((event) => entry({ event, base: dec("-0.125") })),
    });
    expect(deductionSummary(u)).toBe("东山村：赴县个访3件（扣0.38分），合计扣0.38分。");
  });
});

describe("events in printed documents: by date and kind, never by id, file or ISO date", () => {
  it.each<[string, Entry["facts"], string, string]>([
    [
      "a petition",
      { ledger: "petition", level: "京", form: "个访" },
      "2025-09-22",
      "9月22日进京个访",
    ],
    [
      "a visit to the town",
      { ledger: "petition", level: "镇", form: "集访" },
      "2025-03-01",
      "3月1日到镇集访",
    ],
    [
      "a leave from a titled meeting",
      { ledger: "meeting", title: "7月信访工作例会", status: "leave" },
      "2025-07-15",
      "7月信访工作例会（7月15日）请假",
    ],
    [
      "an absence from an untitled meeting",
      { ledger: "meeting", title: null, status: "absent" },
      "2025-05-14",
      "5月例会（5月14日）无故缺席",
    ],
    [
      "a missing weekly report",
      { ledger: "weekly-report", week: 27, deadline: "17:00", submitted: null },
      "2025-07-04",
      "第27周（7月4日截止）未报送",
    ],
    [
      "a late weekly report",
      { ledger: "weekly-report", week: 27, deadline: "17:00", submitted: "2025-07-05T10:20:00" },
      "2025-07-04",
      "第27周（7月4日截止）逾期报送",
    ],
  ])("%s", (_what, facts, date, text) => {
    expect(eventWhat(facts, date)).toBe(text);
  });

  it("notes on an entry why it scores what it scores", () => {
    const vetoed = entry({
      event: "P-9",
      date: "2025-09-22",
      cell: { level: "京", form: "个访", unset: true },
    });
    const unset = entry({
      date: "2025-05-20",
      cell: { level: "市", form: "重访", unset: true },
      base: ZERO,
    });
    const halved = entry({
      event: "P-2",
      date: "2025-03-05",
      cell: { level: "县", form: "集访", unset: false },
      modifiers: [{ id: "early", clause: "及时发现的", label: "提前报送", factor: dec(0.5) }],
    });
    const leave = entry({
      rule: "leave",
      event: "M-11:dongshan",
      date: "2025-11-13",
      cell: null,
      free: true,
      facts: { ledger: "meeting", title: "11月信访工作例会", status: "leave" },
    });
    const u = unit({ entries: [vetoed, unset, halved, leave], vetoes: [veto] });
    expect(entryEvent(vetoed, u)).toBe("9月22日进京个访（一票否决）");
    expect(entryEvent(unset, u)).toBe("5月20日赴市重访（分值表未列，不扣分）");
    expect(entryEvent(halved, u)).toBe("3月5日赴县集访（提前报送，减半计分）");
    expect(entryEvent(leave, u)).toBe("11月信访工作例会（11月13日）请假（首次不扣分）");
  });

  it("lists a unit's results for its printed scoring sheet without ids", () => {
    const appraisals = [
      { person: "吴海燕", role: "包村领导", rating: "三等", units: ["dongshan"] },
    ];
    const u = unit({
      vetoes: [veto],
      rewards: [rankReward],
      sanctions: [warning, keyManagement, { ...keyManagement, kind: "veto", label: "进京上访" }],
      consequences: ["last_place"],
    });
    expect(printedOutcomes(u, sheet([u], { losses: [subsidy], appraisals }))).toEqual({
      vetoes: ["一票否决：9月22日进京个访"],
      rewards: ["名次奖励：考评第1名，奖励1万元"],
      sanctions: [
        "警告：上级催办（8月12日）",
        "重点管理：同一信访问题引发赴市集访后重访三次以上（7月15日），自2025年7月15日起重点管理3个月；" +
          "包村领导吴海燕年终考核定为三等",
        "末位：年终考评排名末位，在年终信访工作总结会上表态发言、作出检查",
      ],
      losses: ["张建国（书记）扣除村级补贴3个月，计7500元"],
    });
  });
});

describe("words and numbers as offices write them", () => {
  it("says where a petition went: 到镇, 赴县, 赴市, 赴省, 进京", () => {
    expect(
      (["镇", "县", "市", "省", "京"] as const).map((level) => cellText({ level, form: "个访" })),
    ).toEqual(["到镇个访", "赴县个访", "赴市个访", "赴省个访", "进京个访"]);
  });

  it("says which events pass and what the others cost", () => {
    expect(perEventText(-2, 1)).toBe("第一次不扣分，第二次起每次扣2分");
    expect(perEventText(-2, 2)).toBe("前两次不扣分，第三次起每次扣2分");
    expect(perEventText(-1.5, 3)).toBe("前三次不扣分，第四次起每次扣1.5分");
    expect(perEventText(-5, 0)).toBe("每次扣5分");
    expect(perEventText(1, 0)).toBe("每次加1分");
    expect(perEventText(0, 0)).toBe("不扣分");
  });

  it("names factors, clock times, days and amounts", () => {
    expect([factorText(0.5), factorText(2), factorText(dec("1.5"))]).toEqual([
      "减半计分",
      "加倍计分",
      "按分值乘以1.5计分",
    ]);
    expect([zhTime("17:00"), zhTime("17:30"), zhTime("09:05"), zhTime("00:00")]).toEqual([
      "17时",
      "17时30分",
      "9时5分",
      "0时",
    ]);
    expect(zhMonthDay("2025-07-04")).toBe("7月4日");
    expect([10000, 12000, 20000, 8000, 28800, 175100, 0].map(money)).toEqual([
      "1万元",
      "1.2万元",
      "2万元",
      "8000元",
      "28800元",
      "175100元",
      "0元",
    ]);
  });
});

describe("the templates' fixed2 helper", () => {
  it("rounds the exact value half away from zero, for decimals and numbers alike", () => {
    const t = createEnvironment({
      templates: { t: "{{fixed2 a}} {{fixed2 b}} {{fixed2 c}}" },
      partials: {},
    });
    // 1.005 is 1.00499999999999989… in binary: toFixed(2) gives 1.00.
    expect(t.t?.({ a: 1.005, b: dec("-2.675"), c: -0.004 })).toBe("1.01 -2.68 0.00");
  });
});

describe("rankChangeText", () => {
  it("says the rank before and now, the change in places, and a veto where there was one", () => {
    const r = (rank: number, vetoed = false) => ({ rank, vetoed });
    expect(rankChangeText(r(3), r(5))).toBe("第5名 → 第3名，上升2名");
    expect(rankChangeText(r(6), r(4))).toBe("第4名 → 第6名，下降2名");
    expect(rankChangeText(r(12, true), r(12, true))).toBe(
      "第12名（一票否决） → 第12名（一票否决），名次不变",
    );
    expect(rankChangeText(r(7))).toBe("第7名");
  });
});
