// The 考评办法 and 奖惩办法 as an office writes them, from the SPEC §7 rules: every clause a
// sentence, a free event said as such, 赴县/进京, 17时, 万元; a cell a veto covers printed once,
// as 一票否决; the cells the table leaves empty named, with what they score; the 奖惩办法 in three
// numbered heads; the village that signs its own 责任书 called 乙方.
import { describe, expect, it } from "vitest";
import { labelOf } from "../../schemas/index.ts";
import {
  exemptWeeksText,
  ruleClauses,
  ruleRows,
  weeklyDutySentence,
} from "../../src/render/clauses.ts";
import { specRules } from "../compute/scoring/build.ts";

describe("the 考评办法 of the SPEC §7 rules", () => {
  const c = ruleClauses(specRules());

  it("writes each item as a sentence", () => {
    expect(c.basis).toBe(
      "考评实行百分制，基础分100分，按下列标准扣分，年终按得分高低排名；考评结果每月通报一次（年初至当月末累计），年终进行总评。",
    );
    expect(c.items).toEqual([
      "无故不参加信访工作例会的，每次扣5分",
      "请假的，第一次不扣分，第二次起每次扣2分",
      "每周五17时前报送矛盾纠纷排查报告，没有隐患的报送零报告，第40周（9月29日至10月5日）免报；" +
        "未按时报送周排查报告或零报告的，每次扣5分",
      // A visit to the town itself is not filed under the clause (越级上访): a sentence of its own.
      "群众越级上访的：" +
        "赴县上访的，个访每次扣1分、集访每次扣3分、非访每次扣5分；" +
        "赴市上访的，个访每次扣3分、集访每次扣10分；" +
        "赴省个访的，每次扣10分。" +
        "群众到镇上访的不扣分；分值表未列明的情形（赴县重访，赴市重访、非访）也不扣分",
    ]);
  });

  it("prints 赴省非访 once, as 一票否决, though the SPEC table also gives it −20", () => {
    const text = [...c.items, c.vetoes].join("");
    expect(text).not.toContain("非访每次扣20分");
    expect(c.vetoes).toBe(
      "有下列情形之一的，实行一票否决：（1）发生赴省集访、重访、非访的；（2）发生赴京上访的；" +
        "（3）导致事态扩大、越级上访、影响恶劣的。" +
        "被一票否决的村（社区），考评得分照常计算，排名列于未被否决的村（社区）之后",
    );
  });

  it("says how modifiers combine", () => {
    expect(c.modifiers).toBe(
      "扣分时有下列情形的，按相应系数计分（同时有几种情形的，系数相乘）：" +
        "及时发现并提前报送信息、采取稳控措施的，减半计分；按时到位接访、劝离且未再上访的，减半计分；" +
        "镇交办案件逾期未查清上报的，加倍计分",
    );
  });

  it("numbers the 奖惩办法: 奖励, 处理, 经济处理", () => {
    expect(c.heads.map((h) => h.name)).toEqual(["奖励", "处理", "经济处理"]);
    expect(c.rewards).toEqual([
      "年终考评得分第一名的奖励1万元，第二名的奖励8000元，第三名的奖励6000元，得分相同的并列，各得其名次的奖励",
      "全年未发生县级以上信访的，奖励1万元；全年未发生市级以上信访的，奖励2000元（不重复奖励，取最高一档）",
      "被一票否决的村（社区）不得参加评先评优，不享受上述奖励",
    ]);
    expect(c.sanctions).toEqual([
      "遇上级催办通报的，每次给予警告",
      "因村内事务处理不公引发群众赴市集访的，给予黄牌警告",
      "同一信访问题引发赴市集访后重访三次以上（含三次）的，列为重点管理对象，重点管理3个月，包村领导、包村干部年终考核定为三等",
      "年终考评排名末位的村（社区），在年终信访工作总结会上表态发言、作出检查",
    ]);
    expect(c.economic).toEqual([
      "给予黄牌警告的，扣除该村（社区）两委成员2个月村级补贴，扣除包村领导、包村干部2个月精神文明奖",
      "重点管理期间，扣除该村（社区）两委成员村级补贴和包村领导、包村干部精神文明奖",
      "被一票否决的，扣除该村（社区）两委成员12个月村级补贴和全年星级评定工资，扣除包村领导、包村干部12个月精神文明奖",
      "同一人员同一项目的扣除月数合并计算，最多扣除12个月",
    ]);
  });

  it("calls the village that signs its own 责任书 乙方", () => {
    const own = ruleClauses(specRules(), { party: "乙方" });
    const text = [own.vetoes, ...own.rewards, ...own.sanctions, ...own.economic].join("");
    expect(text).not.toMatch(/该村（社区）|的村（社区）[，不在]/);
    expect(own.rewards[2]).toBe("乙方被一票否决的，不得参加评先评优，不享受上述奖励");
    expect(own.sanctions[3]).toBe(
      "乙方年终考评排名末位的，在年终信访工作总结会上表态发言、作出检查",
    );
    expect(own.economic[0]).toBe(
      "给予黄牌警告的，扣除乙方两委成员2个月村级补贴，扣除包村领导、包村干部2个月精神文明奖",
    );
  });

  it("writes another deadline, base and free count the same way", () => {
    const other = ruleClauses(
      specRules((raw) => {
        raw.base = 120;
        raw.weekly_report = { deadline: { weekday: 1, time: "09:30" }, exempt_weeks: [] };
        const items = raw.items as Record<string, unknown>[];
        (items[1] as Record<string, unknown>).free = 2;
      }),
    );
    expect(other.basis.startsWith("考评基础分为120分，按下列标准扣分")).toBe(true);
    expect(other.items[1]).toBe("请假的，前两次不扣分，第三次起每次扣2分");
    expect(other.items[2]).toBe(
      "每周一9时30分前报送矛盾纠纷排查报告，没有隐患的报送零报告；未按时报送周排查报告或零报告的，每次扣5分",
    );
  });
});

describe("the 考评细则 as a table", () => {
  it("has one row per item, per table cell (a destination that scores nothing in one), for the empty cells, per modifier and per veto", () => {
    expect(ruleRows(specRules()).map((r) => [r.item, r.points, r.standard])).toEqual([
      ["无故不参加信访工作例会", "扣5分", "无故不参加信访工作例会的，每次扣5分"],
      ["请假", "扣2分", "请假的，第一次不扣分，第二次起每次扣2分"],
      ["未按时报送周排查报告或零报告", "扣5分", "未按时报送周排查报告或零报告的，每次扣5分"],
      ["到镇上访", "不扣分", "群众到镇上访的不扣分"],
      ["赴县个访", "扣1分", "群众赴县个访的，每次扣1分"],
      ["赴县集访", "扣3分", "群众赴县集访的，每次扣3分"],
      ["赴县非访", "扣5分", "群众赴县非访的，每次扣5分"],
      ["赴市个访", "扣3分", "群众赴市个访的，每次扣3分"],
      ["赴市集访", "扣10分", "群众赴市集访的，每次扣10分"],
      ["赴省个访", "扣10分", "群众赴省个访的，每次扣10分"],
      ["其他去向和形式", "不扣分", "赴县重访，赴市重访、非访，分值表未列明，也不属于一票否决"],
      [
        "及时发现并提前报送信息、采取稳控措施",
        "减半",
        "及时发现并提前报送信息、采取稳控措施的，减半计分",
      ],
      ["按时到位接访、劝离且未再上访", "减半", "按时到位接访、劝离且未再上访的，减半计分"],
      ["镇交办案件逾期未查清上报", "加倍", "镇交办案件逾期未查清上报的，加倍计分"],
      ["赴省集访、重访、非访", "一票否决", "发生赴省集访、重访、非访的"],
      ["赴京上访", "一票否决", "发生赴京上访的"],
      ["导致事态扩大、越级上访、影响恶劣", "一票否决", "导致事态扩大、越级上访、影响恶劣的"],
    ]);
    expect(weeklyDutySentence(specRules())).toBe(
      "各村（社区）每周五17时前报送矛盾纠纷排查报告，没有隐患的报送零报告，第40周（9月29日至10月5日）免报。",
    );
  });

  it("names a rule by its label when the rules give one", () => {
    const rows = ruleRows(
      specRules((raw) => {
        const items = raw.items as Record<string, unknown>[];
        (items[1] as Record<string, unknown>).label = "例会请假";
      }),
    );
    expect(rows[1]?.item).toBe("例会请假");
  });
});

describe("a rule's short name", () => {
  it.each([
    ["请假的（第一次不扣分）", "请假"],
    ["遇上级催办通报的", "上级催办通报"],
    ["县级以上信访遇上级催办通报的", "上级催办通报"],
    ["发生进京上访的", "进京上访"],
    [
      "同一信访问题引发赴市集访后重访三次以上（含三次）的",
      "同一信访问题引发赴市集访后重访三次以上",
    ],
    ["因村内事务处理不公引发群众赴市集访的", "因村内事务处理不公引发群众赴市集访"],
  ])("%s → %s", (clause, label) => {
    expect(labelOf({ clause })).toBe(label);
    expect(labelOf({ clause, label: "上级催办" })).toBe("上级催办");
  });

  it("lists exempt weeks in calendar order", () => {
    const rules = specRules((raw) => {
      raw.weekly_report = {
        deadline: { weekday: 5, time: "17:00" },
        exempt_weeks: ["2025-W49", "2025-W04"],
      };
    });
    expect(exemptWeeksText(rules)).toBe("第4周（1月20日至1月26日）、第49周（12月1日至12月7日）");
  });
});
