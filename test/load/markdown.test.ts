// The one Markdown parser: CJK-friendly emphasis in both grammars, MDX read as MDX compilers read
// it, syntax errors placed at the construct that fails, and nesting bombs found before parsing.
import { describe, expect, it } from "vitest";
import {
  MAX_EMPHASIS_MARKS,
  MAX_MARKDOWN_NESTING,
  deepNestingLine,
  markdownLimit,
  parseMarkdown,
  parseMdx,
} from "../../src/load/markdown.ts";

const types = (text: string) => {
  const { root, error } = parseMdx(text);
  if (error) throw new Error(error.reason);
  return root.children.map((n) => n.type);
};

describe("both grammars", () => {
  it("close ** between Chinese punctuation and a Han character", () => {
    for (const root of [
      parseMarkdown("**1.坚持依法按政策办事。**严格执行"),
      parseMdx("**1.坚持依法按政策办事。**严格执行").root,
    ])
      expect(root?.children[0]).toMatchObject({
        type: "paragraph",
        children: [
          { type: "strong", children: [{ type: "text", value: "1.坚持依法按政策办事。" }] },
          { type: "text", value: "严格执行" },
        ],
      });
  });

  it("differ where documents and pages differ: pages have MDX, strikethrough and bare links", () => {
    expect(parseMarkdown("<b>粗</b> ~~删~~ www.example.org").children[0]).toMatchObject({
      children: [
        { type: "html", value: "<b>" },
        { type: "text", value: "粗" },
        { type: "html", value: "</b>" },
        { type: "text", value: " ~~删~~ www.example.org" },
      ],
    });
    expect(parseMdx("~~删~~ www.example.org").root?.children[0]).toMatchObject({
      children: [
        { type: "delete" },
        { type: "text", value: " " },
        { type: "link", url: "http://www.example.org" },
      ],
    });
  });
});

describe("office pages", () => {
  it("read a line of only components and expressions as blocks, as MDX compilers do", () => {
    expect(types("<ScoreTable>表</ScoreTable>")).toEqual(["mdxJsxFlowElement"]);
    expect(types('<ScoreTable /> <RankChart unit="x" />')).toEqual([
      "mdxJsxFlowElement",
      "mdxJsxFlowElement",
    ]);
    expect(types("排名见 <ScoreTable /> 。")).toEqual(["paragraph"]);
  });

  it("place a syntax error at the tag, expression or import that fails", () => {
    const at = (text: string) => {
      const { error } = parseMdx(text);
      return error && [error.offset, error.kind];
    };
    expect(at("全年 <ScoreTable year=2025 />")).toEqual([3, "tag"]);
    expect(at("正文 {未闭合")).toEqual([3, "expression"]);
    expect(at("  <A\n  b=1 />")).toEqual([2, "tag"]);
    expect(at("<ScoreTable>\n\n正文")).toEqual([0, "tag"]);
    expect(at("正文 </b>")).toEqual([3, "tag"]);
    expect(at("正文\n\nimport x from\n\n正文")).toEqual([4, "esm"]);
    expect(at("正文")).toBeNull();
  });
});

describe("nesting bombs", () => {
  it("are found on the line that opens the limit-th container", () => {
    expect(deepNestingLine(`正文\n\n${"> ".repeat(100_000)}深`, 64)).toBe(4);
    expect(deepNestingLine(`${"- ".repeat(64)}x`, 64)).toBe(0);
    expect(deepNestingLine(`${"- > 1. ".repeat(30)}x`, 64)).toBe(0);
    const stairs = Array.from({ length: 100 }, (_, i) => `${"  ".repeat(i)}- a`);
    expect(deepNestingLine(stairs.join("\n"), 64)).toBe(stairs.slice(0, 63).join("\n").length + 1);
  });

  it("are not what is shallower, a thematic break, indentation alone or fenced code", () => {
    expect(deepNestingLine(`${"- ".repeat(63)}x`, 64)).toBeNull();
    expect(deepNestingLine(`正文\n\n${"- ".repeat(100)}\n`, 64)).toBeNull();
    expect(deepNestingLine(`${" ".repeat(500)}- 缩进很深的一项`, 64)).toBeNull();
    expect(deepNestingLine(`\`\`\`\n${"> ".repeat(100)}\n\`\`\`\n`, 64)).toBeNull();
    expect(deepNestingLine(`\`\`\`\n代码\n\`\`\`\n\n${"> ".repeat(100)}`, 64)).toBe(12);
  });
});

describe("the limits on Markdown written by an office", () => {
  it("let through a thousand emphasis marks in a paragraph, not one more", () => {
    expect(markdownLimit(`${"*甲".repeat(1000)}`)).toBeNull();
    expect(markdownLimit(`正文。${"*甲".repeat(1001)}`)).toEqual({
      offset: 3,
      kind: "emphasis",
      max: MAX_EMPHASIS_MARKS,
    });
    expect(markdownLimit(`${"_".repeat(1001)}`)?.kind).toBe("emphasis");
  });

  it("count the marks of each paragraph on their own", () => {
    const paragraph = "**加粗**".repeat(200);
    expect(markdownLimit([paragraph, paragraph, paragraph].join("\n\n"))).toBeNull();
    expect(markdownLimit([paragraph, paragraph].join("\n"))?.kind).toBe("emphasis");
    expect(markdownLimit([paragraph, paragraph].join("\n  \t\n"))).toBeNull();
  });

  it("refuse containers nested as deep as the parser's limit", () => {
    expect(markdownLimit(`${"> ".repeat(70)}引用`)).toEqual({
      offset: 0,
      kind: "nesting",
      max: MAX_MARKDOWN_NESTING,
    });
    expect(markdownLimit("> 引用\n> > 两层")).toBeNull();
  });
});
