// Office pages are content, not code: every attack a hostile or careless page can make is refused
// with its own code at its own line and column, and what passes is plain data.
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import type { PageBlock } from "../../src/validate/content.ts";
import { validateContent } from "../../src/validate/index.ts";
import { refusedScheme, urlScheme } from "../../src/validate/page-links.ts";
import { isSafeSlug, pageSlugs, slugOf } from "../../src/validate/page-slugs.ts";
import { MAX_NESTING, readPage, validatePages } from "../../src/validate/pages.ts";
import type { PageContext } from "../../src/validate/pages.ts";

const CTX: PageContext = { knownUnits: new Set(["dongpo", "xishan"]), rulesYears: new Set([2025]) };
const FILE = "pages/x.mdx";

function check(text: string, ctx: PageContext = CTX) {
  const out: Diagnostic[] = [];
  const page = readPage(FILE, text, ctx, out);
  return {
    page,
    problems: out.map((d) => `${d.position?.line}:${d.position?.col} ${d.code}`),
    out,
  };
}

/** Each attack of issue 8 (and the ways around a first check), with its code and position. */
const HOSTILE: [string, string, string[]][] = [
  ["import of fs", 'import fs from "node:fs"\n\n正文', ["1:1 page/code"]],
  [
    "import of child_process after text",
    '# 标题\n\nimport { execSync } from "child_process"\n',
    ["3:1 page/code"],
  ],
  ["export", "export const title = 1\n", ["1:1 page/code"]],
  ["process.exit() as a block", "正文\n\n{process.exit(1)}\n", ["3:1 page/code"]],
  [
    "file read inside a sentence",
    '文件内容：{fs.readFileSync("/etc/passwd", "utf8")}。',
    ["1:6 page/code"],
  ],
  ["expression in a heading", "## 第{1 + 1}部分", ["1:5 page/code"]],
  ["expression in a list item", "- 一\n- 二{globalThis.x}\n", ["2:4 page/code"]],
  ["comment-looking expression with code", "{/* */ process.exit()}", ["1:1 page/code"]],
  ["<script>", "<script>alert(1)</script>", ["1:1 page/html"]],
  ["<script> with src", '<script src="/x.js" />', ["1:1 page/html"]],
  ["<style>", "<style>{`body{display:none}`}</style>", ["1:1 page/html", "1:8 page/code"]],
  ["<iframe srcdoc>", '<iframe srcdoc="<script>alert(1)</script>" />', ["1:1 page/html"]],
  ["<object>", '<object data="/x.swf" />', ["1:1 page/html"]],
  ["<embed>", '<embed src="/x.swf" />', ["1:1 page/html"]],
  ["<form>", '<form action="/x"><input name="a" /></form>', ["1:1 page/html", "1:19 page/html"]],
  ["onclick on an element", '<div onclick="alert(1)">点我</div>', ["1:1 page/html"]],
  ["<img onerror> in a sentence", '图<img src="x" onerror="alert(1)" />', ["1:2 page/html"]],
  [
    "a tag inside a component",
    "<ScoreTable><b>粗</b></ScoreTable>",
    ["1:1 page/prop", "1:13 page/html"],
  ],
  ["unknown component", "<Foo />", ["1:1 page/html"]],
  ["member expression as a tag", "<ScoreTable.x />", ["1:1 page/html"]],
  ["fragment", "<>文字</>", ["1:1 page/html"]],
  ["onClick on a component", '<ScoreTable onClick="alert(1)" />', ["1:13 page/attribute"]],
  ["onload on a component", '<RankChart unit="dongpo" onload={alert} />', ["1:26 page/attribute"]],
  ["spread props", '<RankChart unit="dongpo" {...props} />', ["1:26 page/attribute"]],
  ["expression as a prop value", "<ScoreTable year={2024 + 1} />", ["1:13 page/attribute"]],
  ["call as a prop value", "<ScoreTable caption={process.exit()} />", ["1:13 page/attribute"]],
  ["string expression as a prop value", '<ScoreTable caption={"x"} />', ["1:13 page/attribute"]],
  [
    "props over several lines",
    '<DocumentList\n  kind="通报"\n  empty={globalThis.x}\n/>',
    ["3:3 page/attribute"],
  ],
  ["javascript: link", "[点此](javascript:alert(1))", ["1:1 page/url"]],
  ["javascript: link, upper case and a space", "见[此处]( JavaScript:alert(1))", ["1:2 page/url"]],
  ["javascript: behind a character reference", "[x](jav&#x61;script:alert(1))", ["1:1 page/url"]],
  ["javascript: behind a tab", "[x](<java\tscript:alert(1)>)", ["1:1 page/url"]],
  ["vbscript: link", "[x](vbscript:msgbox(1))", ["1:1 page/url"]],
  ["data: link", "[x](data:text/html;base64,PHNjcmlwdD4=)", ["1:1 page/url"]],
  ["data: image", "正文\n\n![图](data:image/svg+xml,<svg/onload=alert(1)>)", ["3:1 page/url"]],
  ["javascript: in a reference definition", "[x][a]\n\n[a]: javascript:alert(1)", ["3:1 page/url"]],
  ["javascript: in a prop", '<DocumentList empty="javascript:alert(1)" />', ["1:15 page/url"]],
  ["HTML comment", "正文\n\n<!-- 注释 -->", ["3:1 page/syntax"]],
  ["unclosed brace", "正文 {未闭合", ["1:4 page/syntax"]],
  ["unclosed tag", "<ScoreTable year={2025}>\n", ["1:1 page/syntax"]],
  ["unquoted prop", "<ScoreTable year=2025 />", ["1:1 page/syntax"]],
  ["component inside a list", '- 项目\n\n  <RankChart unit="dongpo" />', ["3:3 page/syntax"]],
  ["component inside a sentence", "排名见 <ScoreTable /> 。", ["1:5 page/syntax"]],
  ["TOML front matter", '+++\ntitle = "x"\n+++\n\n正文', ["1:1 page/syntax"]],
  ["unclosed front matter", "---\ntitle: 标题\n\n正文", ["1:1 page/syntax"]],
  ["front matter that is not YAML", "---\ntitle: [标题\n---\n\n正文", ["2:11 page/syntax"]],
  ["unknown front matter key", "---\ntitle: 标题\nlayout: x\n---\n", ["3:1 page/syntax"]],
  ["title that is not text", "---\ntitle: [1, 2]\n---\n", ["2:8 page/syntax"]],
  ["block quotes nested too deep", `${">".repeat(MAX_NESTING + 1)} 深`, ["1:35 page/syntax"]],
  [
    "lists nested too deep",
    Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i)}- a`).join("\n"),
    ["17:35 page/syntax"],
  ],
];

describe("hostile office pages", () => {
  for (const [name, text, expected] of HOSTILE) {
    it(`${name}: ${expected.join(", ")}`, () => {
      const { page, problems } = check(text);
      expect(problems.sort()).toEqual([...expected].sort());
      expect(page).toBeNull();
    });
  }

  it("refuses a quote bomb before parsing it", () => {
    expect(check(`正文\n\n${"> ".repeat(100_000)}深`).problems).toEqual(["3:1 page/syntax"]);
  });

  it("refuses a paragraph of emphasis marks before parsing it, at its first mark", () => {
    expect(check(`正文\n\n开头${"*a".repeat(50_000)}`).problems).toEqual(["3:3 page/syntax"]);
  });

  it("refuses list bombs before parsing them, at the line that nests too deep", () => {
    expect(check(`正文\n\n${"- ".repeat(100_000)}深`).problems).toEqual(["3:1 page/syntax"]);
    expect(check(`${"- > 1. ".repeat(5_000)}深`).problems).toEqual(["1:1 page/syntax"]);
    const stairs = Array.from({ length: 2_000 }, (_, i) => `${"  ".repeat(i)}- a`).join("\n");
    expect(check(stairs).problems).toEqual(["17:35 page/syntax"]);
  });

  it("takes a list item indented far to the right for the one item it is", () => {
    const { page, problems } = check(`${" ".repeat(200)}- 一项`);
    expect(problems).toEqual([]);
    expect(page?.blocks).toMatchObject([{ type: "list", items: [{ checked: null }] }]);
  });

  it("takes text that reads like markup for the text it is", () => {
    const { page, problems } = check(
      "图片地址 src=//evil.example/x.png，背景 url(https://x.example/)",
    );
    expect(problems).toEqual([]);
    expect(page).not.toBeNull();
  });

  it("counts columns in UTF-16 units and after a byte order mark", () => {
    expect(check("中文😀 {x}").problems).toEqual(["1:6 page/code"]);
    expect(check("\uFEFF{x}").problems).toEqual(["1:2 page/code"]);
    expect(check("\uFEFF---\ntitle: 标题\nlayout: x\n---\n").problems).toEqual(["3:1 page/syntax"]);
    expect(check("\uFEFF正文 {未闭合").problems).toEqual(["1:5 page/syntax"]);
  });

  it("writes messages in Chinese, naming what was found", () => {
    const { out } = check('import fs from "node:fs"\n\n<script>x</script>\n\n[a](javascript:b)');
    expect(out.map((d) => d.message)).toEqual([
      '页面中不能写 import 或 export 语句（“import fs from "node:fs"”）',
      "页面中不能写 HTML 标签 <script>",
      "不能使用 javascript: 地址（javascript:b）",
    ]);
    const syntax = check("<ScoreTable year=2025 />").out[0];
    expect(syntax?.message).toMatch(/^“<”后面不是完整的组件标签/);
  });

  it("reports every problem of a page in one run", () => {
    const text = [
      'import fs from "fs"',
      "",
      "{fs.rmSync('/')}",
      "",
      '<ScoreTable year={2024} caption={x} {...p} foo="1" />',
      "",
      '<RankChart unit="nope" />',
      "",
      '<DocumentList kind="公告" limit={0} year="2025" />',
    ].join("\n");
    expect(check(text).problems).toEqual([
      "1:1 page/code",
      "3:1 page/code",
      "5:25 page/attribute",
      "5:37 page/attribute",
      "5:44 page/prop",
      "5:13 page/prop",
      "7:12 page/prop",
      "9:35 page/prop",
      "9:15 page/prop",
      "9:25 page/prop",
    ]);
  });
});

describe("component props", () => {
  const props = (text: string, ctx = CTX) => check(text, ctx);

  it("checks units, kinds, years and limits against the content", () => {
    expect(props('<RankChart unit="nosuch" />').problems).toEqual(["1:12 page/prop"]);
    expect(props("<RankChart />").problems).toEqual(["1:1 page/prop"]);
    expect(props("<ScoreTable year={2024} />").problems).toEqual(["1:13 page/prop"]);
    expect(props('<ScoreTable year="2025" />').problems).toEqual(["1:13 page/prop"]);
    expect(props("<ScoreTable year={2025.5} />").problems).toEqual(["1:13 page/prop"]);
    expect(props('<DocumentList kind="公告" />').problems).toEqual(["1:15 page/prop"]);
    expect(props("<DocumentList limit={0} />").problems).toEqual(["1:15 page/prop"]);
    expect(props("<DocumentList limit={1.5} />").problems).toEqual(["1:15 page/prop"]);
    expect(props("<DocumentList year={99} />").problems).toEqual(["1:15 page/prop"]);
    expect(props("<DocumentList empty />").problems).toEqual(["1:15 page/prop"]);
    expect(props('<DocumentList kind="通报" kind="方案" />').problems).toEqual(["1:25 page/prop"]);
    expect(props('<RankChart unit="dongpo" id="1x" />').problems).toEqual(["1:26 page/prop"]);
    expect(props("<ScoreTable yaer={2025} />").problems).toEqual(["1:13 page/prop"]);
    expect(props("<ScoreTable>表</ScoreTable>").problems).toEqual(["1:1 page/prop"]);
  });

  it("points at each attribute where it stands, whatever the values before it hold", () => {
    expect(props('<DocumentList empty="a>b}{" unit="nosuch" />').problems).toEqual([
      "1:29 page/prop",
    ]);
    expect(
      props('<ScoreTable caption={"}"} year={2024}\n  yaer={2025} />').problems.sort(),
    ).toEqual(["1:13 page/attribute", "1:27 page/prop", "2:3 page/prop"]);
  });

  it("needs rules for a table or chart of the latest year", () => {
    const none = { knownUnits: CTX.knownUnits, rulesYears: new Set<number>() };
    expect(props("<ScoreTable />", none).problems).toEqual(["1:1 page/prop"]);
    expect(props("<DocumentList />", none).problems).toEqual([]);
  });

  it("does not check units when units.yaml itself is invalid", () => {
    const unknown = { knownUnits: null, rulesYears: CTX.rulesYears };
    expect(props('<RankChart unit="anything" />', unknown).problems).toEqual([]);
  });

  it("gives the props as data, kinds by id and texts masked", () => {
    const { page } = check(
      [
        "<ScoreTable year={2025} caption='年度排名，电话13812345678' />",
        "",
        '<RankChart unit="dongpo" id="r1" />',
        "",
        '<DocumentList kind="通报" year={2025} unit="xishan" limit={5} empty="暂无" />',
      ].join("\n"),
    );
    expect(page?.blocks).toEqual([
      {
        type: "component",
        component: { name: "ScoreTable", year: 2025, caption: "年度排名，电话138****5678" },
      },
      { type: "component", component: { name: "RankChart", unit: "dongpo", id: "r1" } },
      {
        type: "component",
        component: {
          name: "DocumentList",
          kind: "notice",
          year: 2025,
          unit: "xishan",
          limit: 5,
          empty: "暂无",
        },
      },
    ]);
  });
});

describe("what a page may contain", () => {
  it("turns Markdown into blocks: headings, lists, quotes, tables, code, rules, links", () => {
    const text = [
      "---",
      "title: 办事指南",
      "---",
      "",
      "## 怎样反映",
      "",
      "1. **说清楚**：写明*事项*。",
      "2. ~~旧~~新",
      "",
      "> 引用，见[排名](/units/)",
      "",
      "| 项目 | 时限 |",
      "|:--|--:|",
      "| 受理 | `15`日 |",
      "",
      "```",
      "<script>不执行</script>",
      "```",
      "",
      "***",
      "",
      "[外网](https://example.org) ![图](/logo.png) 换行  ",
      "下一行 \\{ 花括号 \\} 与 \\<",
      "",
      "- [x] 已办",
      "",
      "{/* 注释不显示 */}",
    ].join("\n");
    const { page, problems } = check(text);
    expect(problems).toEqual([]);
    expect(page?.title).toBe("办事指南");
    const blocks: PageBlock[] = [
      { type: "heading", depth: 2, content: [{ type: "text", text: "怎样反映" }] },
      {
        type: "list",
        ordered: true,
        start: 1,
        tight: true,
        items: [
          {
            checked: null,
            children: [
              {
                type: "paragraph",
                content: [
                  { type: "strong", children: [{ type: "text", text: "说清楚" }] },
                  { type: "text", text: "：写明" },
                  { type: "emphasis", children: [{ type: "text", text: "事项" }] },
                  { type: "text", text: "。" },
                ],
              },
            ],
          },
          {
            checked: null,
            children: [
              {
                type: "paragraph",
                content: [
                  { type: "delete", children: [{ type: "text", text: "旧" }] },
                  { type: "text", text: "新" },
                ],
              },
            ],
          },
        ],
      },
      {
        type: "blockquote",
        children: [
          {
            type: "paragraph",
            content: [
              { type: "text", text: "引用，见" },
              { type: "link", href: "/units/", children: [{ type: "text", text: "排名" }] },
            ],
          },
        ],
      },
      {
        type: "table",
        align: ["left", "right"],
        head: [[{ type: "text", text: "项目" }], [{ type: "text", text: "时限" }]],
        rows: [
          [
            [{ type: "text", text: "受理" }],
            [
              { type: "code", text: "15" },
              { type: "text", text: "日" },
            ],
          ],
        ],
      },
      { type: "code", text: "<script>不执行</script>" },
      { type: "rule" },
      {
        type: "paragraph",
        content: [
          {
            type: "link",
            href: "https://example.org",
            children: [{ type: "text", text: "外网" }],
          },
          { type: "text", text: " " },
          { type: "image", src: "/logo.png", alt: "图" },
          { type: "text", text: " 换行" },
          { type: "break" },
          { type: "text", text: "下一行 { 花括号 } 与 <" },
        ],
      },
      {
        type: "list",
        ordered: false,
        start: null,
        tight: true,
        items: [
          {
            checked: true,
            children: [{ type: "paragraph", content: [{ type: "text", text: "已办" }] }],
          },
        ],
      },
    ];
    expect(page?.blocks).toEqual(blocks);
  });

  it("masks ID and mobile numbers in text, titles, link targets and image texts", () => {
    const id = "110101199003071234";
    const mobile = "13912345678";
    const { page } = check(
      [
        "---",
        `title: 联系${mobile}`,
        "---",
        "",
        `证件${id}，电话**${mobile}**，[查询](/search/?q=${mobile})，![${mobile}](/a.png)`,
        "",
        "```",
        mobile,
        "```",
      ].join("\n"),
    );
    const json = JSON.stringify(page);
    expect(json).not.toContain(id);
    expect(json).not.toContain(mobile);
    expect(json).toContain("110101********1234");
    expect(json).toContain("139****5678");
    expect(page?.title).toBe("联系139****5678");
  });

  it("resolves reference links by their first definition, checking every one", () => {
    const { page } = check("[排名][a]\n\n[a]: /units/\n[a]: /documents/");
    expect(page?.blocks).toEqual([
      {
        type: "paragraph",
        content: [{ type: "link", href: "/units/", children: [{ type: "text", text: "排名" }] }],
      },
    ]);
    expect(check("[排名][a]\n\n[a]: /units/\n[a]: javascript:x").problems).toEqual([
      "4:1 page/url",
    ]);
  });

  it("masks numbers in messages too", () => {
    const { out } = check("{'13812345678'}");
    expect(out[0]?.message).toContain("138****5678");
    expect(out[0]?.message).not.toContain("13812345678");
  });

  it("takes the title from the file name when the page has none", () => {
    const out: Diagnostic[] = [];
    expect(readPage("pages/工作 动态.mdx", "正文", CTX, out)?.title).toBe("工作 动态");
    expect(out).toEqual([]);
  });
});

describe("page slugs", () => {
  it("keeps letters (Chinese too), digits, - and _; replaces every other run by -", () => {
    expect(slugOf("办事指南")).toBe("办事指南");
    expect(slugOf("工作 动态")).toBe("工作-动态");
    expect(slugOf("问答#1?第2版")).toBe("问答-1-第2版");
    expect(slugOf("100% 完成")).toBe("100-完成");
    expect(slugOf("a&b=c'd\"e<f>g|h*i:j\\k")).toBe("a-b-c-d-e-f-g-h-i-j-k");
    expect(slugOf("..说明..")).toBe("说明");
    expect(slugOf("#?%")).toBe("page");
    expect(slugOf("CON")).toBe("CON-page");
    expect(slugOf("lpt1")).toBe("lpt1-page");
    expect(slugOf("e\u0301te")).toBe("éte");
    expect(Array.from(slugOf("长".repeat(300))).length).toBe(64);
  });

  it("knows a safe slug when it sees one", () => {
    for (const name of ["办事指南", "a b", "..", "#?%", "CON", "长".repeat(300), "../x"])
      expect(isSafeSlug(slugOf(name)), name).toBe(true);
    for (const slug of ["", "..", "../x", "a/b", "a b", "a\\b", "con", "x.html"])
      expect(isSafeSlug(slug), slug).toBe(false);
  });

  it("makes slugs unique ignoring case, keeping already safe names as they are", () => {
    expect(pageSlugs(["a b", "a-b", "a#b", "A-B"])).toEqual(["a-b-3", "a-b", "a-b-4", "A-B-2"]);
    expect(pageSlugs(["x", "X"])).toEqual(["x", "X-2"]);
    expect(pageSlugs(["说明", "说明 "])).toEqual(["说明", "说明-2"]);
  });

  it("gives every page of a folder its slug, in file-name order", () => {
    const files = new Map([
      ["pages/工作 动态.mdx", "正文"],
      ["pages/工作-动态.mdx", "正文"],
      ["pages/问答#1?.mdx", "正文"],
      ["units.yaml", "units: []"],
    ]);
    const out: Diagnostic[] = [];
    const pages = validatePages(files, CTX, out);
    expect(out).toEqual([]);
    expect(pages.map((p) => [p.file, p.slug])).toEqual([
      ["pages/工作 动态.mdx", "工作-动态-2"],
      ["pages/工作-动态.mdx", "工作-动态"],
      ["pages/问答#1?.mdx", "问答-1"],
    ]);
  });
});

describe("URLs", () => {
  it("reads the scheme as a browser does", () => {
    expect(urlScheme("JavaScript:x")).toBe("javascript");
    expect(urlScheme(" \u0001javascript:x")).toBe("javascript");
    expect(urlScheme("java\tscr\nipt:x")).toBe("javascript");
    expect(urlScheme("/units/")).toBeNull();
    expect(urlScheme("./a:b")).toBeNull();
    expect(urlScheme("java%0ascript:x")).toBeNull();
    expect(refusedScheme("https://example.org")).toBeNull();
    expect(refusedScheme("DATA:text/html,x")).toBe("data");
  });
});

describe("pages in the content", () => {
  it("validated pages become part of the Content, as data", () => {
    const v = validateContent(
      new Map([
        ["units.yaml", "units:\n  - id: dongpo\n    name: 东坡村\n"],
        ["pages/说明.mdx", "---\ntitle: 说明\n---\n\n正文\n"],
      ]),
    );
    expect(v.diagnostics).toEqual([]);
    expect(v.content?.pages).toEqual([
      {
        file: "pages/说明.mdx",
        slug: "说明",
        title: "说明",
        blocks: [{ type: "paragraph", content: [{ type: "text", text: "正文" }] }],
      },
    ]);
  });

  it("an invalid page leaves no Content", () => {
    const v = validateContent(
      new Map([
        ["units.yaml", "units:\n  - id: dongpo\n    name: 东坡村\n"],
        ["pages/说明.mdx", "{process.exit()}\n"],
      ]),
    );
    expect(v.content).toBeNull();
    expect(v.diagnostics.map((d) => `${d.position?.file}:${d.position?.line} ${d.code}`)).toEqual([
      "pages/说明.mdx:1 page/code",
    ]);
  });
});
