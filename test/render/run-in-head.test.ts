// The run-in heads of a plan's 工作步骤 (（一）动员部署阶段（…）。tasks) are set as headings of
// their level are: （一） in 楷体 like the （一） headings, not in the bold 黑体 of a bold lead —
// in the Doc (emphasis), on the site (<em>, styled 楷体) and in the PDF (the 楷体 face).
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/doc/types.ts";
import { layoutDoc } from "../../src/pdf/layout.ts";
import { runInHead } from "../../src/render/views.ts";
import { docToHtml } from "../../src/site/lib/doc-html.ts";
import { fonts, placed, runs } from "../pdf/support.ts";
import { byId, renderContent } from "./render-content.ts";

describe("a run-in head", () => {
  it("is marked as its heading level is set: 一、 黑体 (strong), （一） 楷体 (emphasis), 1. and （1） 仿宋", () => {
    expect(runInHead(1, "一、准备阶段")).toBe("**一、准备阶段**");
    expect(runInHead(2, "（一）准备阶段")).toBe("*（一）准备阶段*");
    expect(runInHead(3, "1.准备阶段")).toBe("1.准备阶段");
    expect(runInHead(4, "（1）准备阶段")).toBe("（1）准备阶段");
  });
});

describe("the plan's 工作步骤", async () => {
  const docs = await renderContent((files) => {
    const file = "plans/2025-annual.yaml";
    const yaml = files.get(file) as string;
    // a second schedule one level down: its heads are 1. 2. (仿宋, unmarked)
    const anchor = "  - title: 工作要求\n    sections:\n";
    expect(yaml).toContain(anchor);
    files.set(
      file,
      yaml.replace(
        anchor,
        `${anchor}      - title: 分步推进\n        schedule:\n          - name: 试点阶段\n            from: 2025-03-01\n            to: 2025-03-31\n            tasks: 在两个村先行试点。\n`,
      ),
    );
  });
  const { doc } = byId(docs, "plan-2025-annual");
  const lead = (text: string) =>
    doc.body.find(
      (b): b is Extract<Block, { type: "paragraph" }> =>
        b.type === "paragraph" && JSON.stringify(b.content).includes(text),
    );

  it("has （一） heads as emphasis in the Doc, the dates and tasks after them plain", () => {
    const p = lead("动员部署阶段");
    expect(p?.content[0]).toEqual({
      type: "emphasis",
      children: [{ type: "text", text: "（一）动员部署阶段" }],
    });
    expect(p?.content[1]).toMatchObject({ type: "text" });
    expect((p?.content[1] as { text: string }).text).toMatch(
      /^（2025年1月1日至2025年2月28日）。召开/,
    );
  });

  it("has 1. heads one level down unmarked, as 仿宋 headings are", () => {
    expect(lead("试点阶段")?.content).toEqual([
      { type: "text", text: "1.试点阶段（2025年3月1日至2025年3月31日）。在两个村先行试点。" },
    ]);
  });

  it("is <em> on the site, never <strong>", () => {
    const html = docToHtml(doc, { base: "/" });
    expect(html).toContain("<em>（一）动员部署阶段</em>（2025年1月1日至2025年2月28日）。");
    expect(html).not.toContain("<strong>（一）动员部署阶段");
  });

  it("is set in the 楷体 face in the PDF, as the （一） headings, the text after it in 仿宋", () => {
    const f = fonts();
    const laid = layoutDoc(doc, f);
    const glyphs = laid.pages.flatMap((p) =>
      runs(p.items).flatMap((r) => placed(r).map((g) => ({ text: g.text, face: r.face }))),
    );
    const text = glyphs.map((g) => g.text).join("");
    const faceAt = (s: string) => glyphs[[...text.slice(0, text.indexOf(s))].length]?.face;
    for (const s of ["动员部署阶段", "全面实施阶段", "抓好矛盾纠纷排查"])
      expect(faceAt(s), s).toBe(f.roles.楷体[0]);
    expect(faceAt("召开全镇信访工作会议")).toBe(f.roles.仿宋[0]);
    expect(faceAt("试点阶段")).toBe(f.roles.仿宋[0]);
  });
});
