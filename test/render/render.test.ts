import { describe, expect, it } from "vitest";
import type { Block, Inline } from "../../src/doc/types.ts";
import { byId, renderContent } from "./render-content.ts";

const textOf = (inl: Inline[]): string =>
  inl
    .map((i) => (i.type === "text" ? i.text : i.type === "break" ? "\n" : textOf(i.children)))
    .join("");
const allText = (blocks: Block[]): string =>
  blocks
    .map((b) => {
      switch (b.type) {
        case "heading":
        case "paragraph":
          return textOf(b.content);
        case "list":
          return b.items.map(textOf).join("\n");
        case "table":
          return [...b.rows, ...(b.totals ?? [])].map((r) => r.map(textOf).join("|")).join("\n");
        case "signature":
          return b.parties.map((p) => `${p.name} ${p.signer ?? ""}`).join("\n");
        default:
          return "";
      }
    })
    .join("\n");

describe("documents from the example content", async () => {
  const docs = await renderContent();

  it("renders every kind: plan, notices, report, one agreement and one scoring sheet per unit", () => {
    const kinds = docs.map((d) => d.doc.meta.kind);
    expect(kinds.filter((k) => k === "agreement")).toHaveLength(12);
    expect(kinds.filter((k) => k === "scoring-sheet")).toHaveLength(12);
    expect(kinds.filter((k) => k === "notice")).toHaveLength(4);
    expect(kinds).toContain("plan");
    expect(kinds).toContain("report");
  });

  it("keeps the classified plan among rendered documents, marked with its 密级", () => {
    expect(byId(docs, "plan-2025-key-period").doc.meta.secret).toEqual({
      level: "秘密",
      term: "1年",
    });
  });

  it("numbers headings 一、（一） and prints dates without leading zeros", () => {
    const plan = byId(docs, "plan-2025-annual").doc;
    const headings = plan.body
      .filter((b) => b.type === "heading")
      .map((b) => (b.type === "heading" ? `${b.level}:${textOf(b.content)}` : ""));
    expect(headings.slice(0, 4)).toEqual([
      "1:一、指导思想",
      "1:二、工作目标",
      "1:三、组织领导",
      "1:四、主要任务",
    ]);
    expect(headings).toContain("2:（一）抓好矛盾纠纷排查");
    expect(allText(plan.body)).toContain("（2025年1月1日至2025年2月28日）");
  });

  it("ends with a signature and an attachment generated from the rules", () => {
    const plan = byId(docs, "plan-2025-annual").doc;
    expect(plan.body.at(-1)).toMatchObject({
      type: "signature",
      date: "2025-01-20",
      parties: [{ name: "青禾镇人民政府" }],
    });
    expect(plan.attachments.map((a) => a.title)).toEqual(["2025年度村（社区）信访工作考评细则"]);
  });

  it("the agreement carries both parties with their signers", () => {
    const sig = byId(docs, "agreement-2025-beiling").doc.body.at(-1);
    expect(sig).toMatchObject({
      type: "signature",
      parties: [
        { role: "甲方", name: "青禾镇人民政府", signer: "宋文斌" },
        { role: "乙方", name: "北岭村", signer: "金宝山" },
      ],
    });
  });

  it("the scoring sheet's 扣分 column adds up to the computed deduction; its events are dated, not filed", () => {
    const sheet = byId(docs, "scoring-sheet-2025-nanwan").doc;
    const tables = sheet.body.filter((b) => b.type === "table");
    expect(tables).toHaveLength(1);
    const table = tables[0];
    if (table?.type !== "table") throw new Error("no table");
    expect(table.columns.map((c) => c.title)).toEqual(["考评项目", "分值", "扣分", "得分", "事项"]);
    const deducted = table.rows
      .map((r) => Number(textOf(r[2] ?? []) || 0))
      .reduce((a, b) => a + b, 0);
    expect(deducted).toBe(18);
    expect(textOf(table.totals?.[0]?.[2] ?? [])).toBe("18");
    expect(textOf(table.totals?.[0]?.[3] ?? [])).toBe("82");
    expect(textOf(table.totals?.[0]?.[4] ?? [])).toBe("第10名（共12个村（社区））");
    const notes = table.rows.map((r) => textOf(r[4] ?? [])).join("");
    expect(notes).toContain("3月12日赴县个访");
    expect(table.rows.flat().map(textOf).join("")).not.toMatch(
      /ledger|\.yaml|P-2025|:\d|\d{4}-\d\d/,
    );
  });
});

describe("the 考评方法 and 奖惩办法 follow the rules file", () => {
  it("a changed point value changes the clause text of plans and agreements", async () => {
    const docs = await renderContent((files) => {
      const rules = files.get("rules/2025.yaml") as string;
      files.set(
        "rules/2025.yaml",
        rules
          .replace(
            "when: { status: absent }, points: -5 }",
            "when: { status: absent }, points: -8 }",
          )
          .replace("rank: [10000, 8000, 6000]", "rank: [12000, 8000, 6000]"),
      );
    });
    for (const id of ["plan-2025-annual", "agreement-2025-dongpo"]) {
      const text = allText(byId(docs, id).doc.body);
      expect(text).toContain("无故不参加信访工作例会的，每次扣8分");
      expect(text).not.toContain("无故不参加信访工作例会的，每次扣5分");
      expect(text).toContain("第一名的奖励1.2万元");
    }
  });
});

describe("points stay exact until printed", () => {
  it("three 赴县个访 of −0.125 each are 扣0.375分, printed 0.38 in the notice, never 0.39", async () => {
    const docs = await renderContent((files) => {
      const rules = files.get("rules/2025.yaml") as string;
      files.set("rules/2025.yaml", rules.replace("县: { 个访: -1,", "县: { 个访: -0.125,"));
    });
    // 南湾村 has three 赴县个访 without modifiers, one 赴市集访 (−10) and one late weekly report (−5).
    const notice = allText(byId(docs, "notice-2025-annual").doc.body);
    expect(notice).toContain("南湾村：赴县个访3件（扣0.38分）、赴市集访1件（扣10分）、");
    expect(notice).toContain("1次（扣5分），合计扣15.38分。");
    expect(notice).not.toContain("扣0.39分");
    const sheet = byId(docs, "scoring-sheet-2025-nanwan").doc;
    const table = sheet.body.find((b) => b.type === "table");
    expect(table?.type === "table" && textOf(table.totals?.[0]?.[2] ?? [])).toBe("15.38");
  });
});

describe("user text is text", () => {
  it("Markdown and HTML typed into YAML fields come out literally; ID and mobile numbers are masked", async () => {
    const docs = await renderContent((files) => {
      const units = files.get("units.yaml") as string;
      files.set(
        "units.yaml",
        units.replace("name: 北岭村", 'name: "北岭村<script>alert(1)</script>**粗**"'),
      );
      const plan = files.get("plans/2025-annual.yaml") as string;
      files.set(
        "plans/2025-annual.yaml",
        plan
          .replace("title: 指导思想", 'title: "指导思想 [链接](http://example.com) # 1. <b>x</b>"')
          .replace("制定本方案。", "制定本方案。联系电话13812345678，身份证110101199003071234。"),
      );
    });
    const agreement = byId(docs, "agreement-2025-beiling").doc;
    expect(agreement.meta.title).toBe(
      "北岭村<script>alert(1)</script>**粗**2025年度信访工作目标责任书",
    );
    const body = agreement.body;
    expect(allText(body)).toContain("乙方：北岭村<script>alert(1)</script>**粗**");
    expect(JSON.stringify(body)).not.toContain('"strong"');
    const plan = byId(docs, "plan-2025-annual").doc;
    const first = plan.body.find((b) => b.type === "heading");
    expect(first?.type === "heading" && textOf(first.content)).toBe(
      "一、指导思想 [链接](http://example.com) # 1. <b>x</b>",
    );
    expect(JSON.stringify(plan.body)).not.toContain('"link"');
    const text = allText(plan.body);
    expect(text).toContain("联系电话138****5678，身份证110101********1234。");
    expect(text).not.toContain("13812345678");
  });
});
