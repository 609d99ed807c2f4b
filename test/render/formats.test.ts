// Every example document names its issuer and format as an office issues it: plans and the annual
// notice are 文件 of the town, the monthly notices letters of the petition office, the annual
// summary an upward 报告, the half-year summary, agreements and scoring sheets have no 版头; and
// the 考评得分表 is the form offices fill in.
import { describe, expect, it } from "vitest";
import type { Block, Inline } from "../../src/doc/types.ts";
import { byId, renderContent } from "./render-content.ts";

const textOf = (inl: readonly Inline[]): string =>
  inl
    .map((i) => (i.type === "text" ? i.text : i.type === "break" ? "\n" : textOf(i.children)))
    .join("");
const cells = (blocks: readonly Block[]): string[] =>
  blocks.flatMap((b) =>
    b.type === "table"
      ? [...b.rows, ...(b.totals ?? [])].flatMap((r) => r.map(textOf))
      : b.type === "paragraph" || b.type === "heading"
        ? [textOf(b.content)]
        : b.type === "signLines"
          ? b.rows.flat()
          : [],
  );

describe("issuers and formats of the example documents", async () => {
  const docs = await renderContent();
  const meta = (id: string) => byId(docs, id).doc.meta;
  const signer = (id: string) => {
    const sig = byId(docs, id).doc.body.find((b) => b.type === "signature");
    return sig?.type === "signature" ? sig.parties.map((p) => p.name) : [];
  };

  it("issues the plan and the annual notice as 文件 of the town: 标志, 代字, 署名, 印发机关 agree", () => {
    for (const id of ["plan-2025-annual", "notice-2025-annual"]) {
      const m = meta(id);
      expect([m.format, m.issuerMark, m.issuer, m.printer]).toEqual([
        "file",
        "青禾镇人民政府文件",
        "青禾镇人民政府",
        "青禾镇党政办公室",
      ]);
      expect(m.number?.startsWith("青政发〔")).toBe(true);
      expect(m.printDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(signer(id)).toEqual(["青禾镇人民政府"]);
    }
  });

  it("issues the monthly notices as letters of the petition office, under its own number", () => {
    for (const id of ["notice-2025-03", "notice-2025-06", "notice-2025-09"]) {
      const m = meta(id);
      expect([m.format, m.issuerMark, m.issuer, m.printer, m.printDate]).toEqual([
        "letter",
        "青禾镇信访工作领导小组办公室",
        "青禾镇信访工作领导小组办公室",
        undefined,
        undefined,
      ]);
      expect(m.number?.startsWith("青信办〔2025〕")).toBe(true);
      expect(signer(id)).toEqual(["青禾镇信访工作领导小组办公室"]);
    }
  });

  it("sends the annual summary up as a 报告 with 签发人; the half-year one stays internal", () => {
    const up = meta("report-2025-annual");
    expect([up.format, up.number, up.signer, up.recipients]).toEqual([
      "file",
      "青政发〔2026〕2号",
      "宋文斌",
      "县信访局",
    ]);
    const internal = meta("report-2025-half");
    expect([internal.format, internal.issuerMark, internal.number, internal.printer]).toEqual([
      "none",
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("prints agreements and scoring sheets without any 版头", () => {
    for (const d of docs.filter((x) => ["agreement", "scoring-sheet"].includes(x.doc.meta.kind))) {
      expect([d.doc.meta.format, d.doc.meta.issuerMark, d.doc.meta.number]).toEqual([
        "none",
        undefined,
        undefined,
      ]);
    }
  });
});

describe("the 考评得分表 is a form", async () => {
  const docs = await renderContent();

  it("is one table with 考评项目 / 分值 / 扣分 / 得分 / 事项, then the lines it is signed on", () => {
    const body = byId(docs, "scoring-sheet-2025-beiling").doc.body;
    expect(body.map((b) => b.type)).toEqual(["table", "signLines"]);
    const [table, lines] = body;
    expect(table?.type === "table" && table.columns.map((c) => c.title)).toEqual([
      "考评项目",
      "分值",
      "扣分",
      "得分",
      "事项",
    ]);
    expect(lines?.type === "signLines" && lines.rows.flat().join("|")).toBe(
      "考评人（签字）：|审核人（签字）：|村（社区）负责人（签字确认）：|日期：　　　　年　　月　　日",
    );
  });

  it("prints the vetoed village's 一票否决 once, and its event nowhere else", () => {
    const text = cells(byId(docs, "scoring-sheet-2025-beiling").doc.body).join("\n");
    expect(text.match(/一票否决/g)).toHaveLength(1);
    expect(text.match(/9月22日/g)).toHaveLength(1);
    expect(text).toContain("9月22日进京个访");
    expect(text).not.toMatch(/P-2025-|ledger\//);
  });

  it("is attached to the annual notice, one form per village, when the notice asks for it", async () => {
    const annual = byId(docs, "notice-2025-annual").doc;
    expect(annual.attachments.map((a) => a.title)).toEqual([
      "2025年度村（社区）信访工作考评得分表",
    ]);
    const body = annual.attachments[0]?.body ?? [];
    expect(body.filter((b) => b.type === "table")).toHaveLength(12);
    expect(body.filter((b) => b.type === "signLines")).toHaveLength(12);
    expect(body.filter((b) => b.type === "pageBreak")).toHaveLength(11);
    expect(cells(annual.body)).toContain("附件：2025年度村（社区）信访工作考评得分表");

    const without = await renderContent((files) => {
      const n = files.get("notices/2025.yaml") as string;
      files.set("notices/2025.yaml", n.replace("attach_sheets: true", "attach_sheets: false"));
    });
    const plain = byId(without, "notice-2025-annual").doc;
    expect(plain.attachments).toEqual([]);
    expect(cells(plain.body).some((t) => t.startsWith("附件"))).toBe(false);
  });
});
