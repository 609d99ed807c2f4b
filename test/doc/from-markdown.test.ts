import { describe, expect, it } from "vitest";
import { markdownToDoc } from "../../src/doc/from-markdown.ts";

describe("Markdown → Doc", () => {
  it("reads front matter as metadata and headings by level", () => {
    const doc = markdownToDoc(
      '---\nid: "x"\ntitle: "标题"\ndate: "2025-03-01"\n---\n\n# 一、总则\n\n## （一）目的\n\n### 1.范围\n\n#### （1）细目\n\n正文第一段。\n',
    );
    expect(doc.meta).toMatchObject({ id: "x", title: "标题", date: "2025-03-01" });
    expect(doc.body.map((b) => (b.type === "heading" ? b.level : b.type))).toEqual([
      1,
      2,
      3,
      4,
      "paragraph",
    ]);
  });

  it("turns a table's 合计 rows into totals and keeps column alignment", () => {
    const doc = markdownToDoc("| 村 | 得分 |\n|:--|--:|\n| 东山村 | 98.50 |\n| 合计 | 98.50 |\n");
    expect(doc.body[0]).toMatchObject({
      type: "table",
      columns: [
        { title: "村", align: "left" },
        { title: "得分", align: "right" },
      ],
      rows: [[[{ type: "text", text: "东山村" }], [{ type: "text", text: "98.50" }]]],
      totals: [[[{ type: "text", text: "合计" }], [{ type: "text", text: "98.50" }]]],
    });
  });

  it("takes a bold 表N paragraph right before a table as its caption", () => {
    const doc = markdownToDoc(
      "**表1　按渠道统计**\n\n| 渠道 | 件数 |\n|:--|--:|\n| 来访 | 3 |\n\n**不是表题**\n\n| a |\n|--|\n| b |\n",
    );
    expect(doc.body.map((b) => (b.type === "table" ? `table:${b.caption ?? ""}` : b.type))).toEqual(
      ["table:表1　按渠道统计", "paragraph", "table:"],
    );
  });

  it("reads signature, page break, figure and attachment blocks", () => {
    const doc = markdownToDoc(
      '正文。\n\n```signature\nparties: [{ role: 甲方, name: 青禾镇人民政府, signer: 林振华 }]\ndate: "2025-02-10"\nseal: false\n```\n\n```pagebreak\n```\n\n```figure\ncaption: 月度趋势\nalt: 折线图\ndrawing: { title: 趋势, width: 20, height: 10, shapes: [] }\n```\n\n```attachment\nlabel: 附件1\ntitle: 考评细则\n```\n\n附件正文。\n',
    );
    expect(doc.body.map((b) => b.type)).toEqual(["paragraph", "signature", "pageBreak", "figure"]);
    expect(doc.body[1]).toEqual({
      type: "signature",
      parties: [{ role: "甲方", name: "青禾镇人民政府", signer: "林振华" }],
      date: "2025-02-10",
      seal: false,
    });
    expect(doc.body[3]).toEqual({
      type: "figure",
      drawing: { title: "趋势", width: 20, height: 10, shapes: [] },
      caption: "月度趋势",
      alt: "折线图",
    });
    expect(doc.attachments).toEqual([
      {
        label: "附件1",
        title: "考评细则",
        body: [{ type: "paragraph", content: [{ type: "text", text: "附件正文。" }] }],
      },
    ]);
  });

  it("never passes HTML through and prints outside links as text", () => {
    const doc = markdownToDoc(
      '<script>alert("x")</script>\n\n见[规定](https://example.com/a)和[内部](../rules/2025/)，&amp; 符号。\n',
    );
    expect(doc.body[0]).toEqual({
      type: "paragraph",
      content: [{ type: "text", text: '<script>alert("x")</script>' }],
    });
    expect(doc.body[1]).toEqual({
      type: "paragraph",
      content: [
        { type: "text", text: "见规定（https://example.com/a）和" },
        { type: "link", href: "../rules/2025/", children: [{ type: "text", text: "内部" }] },
        { type: "text", text: "，& 符号。" },
      ],
    });
  });

  it("reads <br> in a table cell as a line break, other inline HTML as text", () => {
    const doc = markdownToDoc("| 事项 |\n|:--|\n| 6月5日<br>7月23日<b>x</b> |\n");
    expect(doc.body[0]).toMatchObject({
      type: "table",
      rows: [
        [
          [
            { type: "text", text: "6月5日" },
            { type: "break" },
            { type: "text", text: "7月23日<b>x</b>" },
          ],
        ],
      ],
    });
  });

  it("reads a ```signlines block as the rows of fields a form is signed on", () => {
    const doc = markdownToDoc(
      '```signlines\nrows:\n  - ["考评人（签字）：", "审核人（签字）："]\n  - ["日期："]\n```\n',
    );
    expect(doc.body).toEqual([
      { type: "signLines", rows: [["考评人（签字）：", "审核人（签字）："], ["日期："]] },
    ]);
  });

  it("makes a bold run-in lead bold though it ends in Chinese punctuation before a Han character", () => {
    const doc = markdownToDoc(
      "**1.坚持依法按政策办事。**严格执行信访工作条例。\n\n**（一）宣传发动阶段**（2025年1月至2月）。\n",
    );
    expect(doc.body).toEqual([
      {
        type: "paragraph",
        content: [
          { type: "strong", children: [{ type: "text", text: "1.坚持依法按政策办事。" }] },
          { type: "text", text: "严格执行信访工作条例。" },
        ],
      },
      {
        type: "paragraph",
        content: [
          { type: "strong", children: [{ type: "text", text: "（一）宣传发动阶段" }] },
          { type: "text", text: "（2025年1月至2月）。" },
        ],
      },
    ]);
  });

  it("keeps a tilde range as text and gives every table row one cell per column", () => {
    const doc = markdownToDoc(
      "1~3月和5~6月。\n\n| 村 | 得分 |\n|--|--|\n| 东山村 |\n| 西岭村 | 1 | 多余 |\n",
    );
    expect(doc.body[0]).toEqual({
      type: "paragraph",
      content: [{ type: "text", text: "1~3月和5~6月。" }],
    });
    expect(doc.body[1]).toMatchObject({
      rows: [
        [[{ type: "text", text: "东山村" }], []],
        [[{ type: "text", text: "西岭村" }], [{ type: "text", text: "1" }]],
      ],
    });
  });
});
