// A bold run-in lead written the way offices write it — `**1.坚持依法按政策办事。**严格执行…`, the
// closing `**` between 「。」 and a Han character — is bold from the plan's YAML to the page and the
// PDF, with no asterisk left in either.
import { describe, expect, it } from "vitest";
import type { Block } from "../../src/doc/types.ts";
import { layoutDoc } from "../../src/pdf/layout.ts";
import { docToHtml } from "../../src/site/lib/doc-html.ts";
import { fonts, placed, runs } from "../pdf/support.ts";
import { byId, renderContent } from "./render-content.ts";

const LEAD = "1.坚持依法按政策办事。";
const REST = "严格执行受理、交办、办理、答复、回访各环节时限要求。";

describe("a bold run-in lead in a plan", async () => {
  const docs = await renderContent((files) => {
    const file = "plans/2025-annual.yaml";
    const yaml = files.get(file) as string;
    const body = "严格执行受理、交办、办理、答复、回访各环节时限要求，";
    expect(yaml).toContain(body);
    files.set(file, yaml.replace(body, `**${LEAD}**${REST}`));
  });
  const { doc } = byId(docs, "plan-2025-annual");
  const paragraph = doc.body.find(
    (b): b is Extract<Block, { type: "paragraph" }> =>
      b.type === "paragraph" && b.content[0]?.type === "strong",
  );

  it("is a strong node in the Doc, followed by the plain text", () => {
    expect(paragraph?.content[0]).toEqual({
      type: "strong",
      children: [{ type: "text", text: LEAD }],
    });
    expect(paragraph?.content[1]).toMatchObject({ type: "text" });
    expect((paragraph?.content[1] as { text: string }).text.startsWith(REST)).toBe(true);
  });

  it("is <strong> on the site", () => {
    const html = docToHtml(doc, { base: "/" });
    expect(html).toContain(`<strong>${LEAD}</strong>${REST}`);
    expect(html).not.toContain("**");
  });

  it("is set in the bold face (黑体) in the PDF, the text after it in 仿宋", () => {
    const f = fonts();
    const laid = layoutDoc(doc, f);
    const glyphs = laid.pages.flatMap((p) =>
      runs(p.items).flatMap((r) => placed(r).map((g) => ({ text: g.text, face: r.face }))),
    );
    const n = [...LEAD].length;
    const at = glyphs.findIndex((_, i) =>
      glyphs
        .slice(i, i + n + 4)
        .map((g) => g.text)
        .join("")
        .startsWith(LEAD + REST.slice(0, 4)),
    );
    expect(at).toBeGreaterThanOrEqual(0);
    for (const g of glyphs.slice(at, at + n)) expect(g.face).toBe(f.roles.黑体[0]);
    expect(glyphs[at + n]?.face).toBe(f.roles.仿宋[0]);
    expect(glyphs.some((g) => g.text.includes("*"))).toBe(false);
  });
});
