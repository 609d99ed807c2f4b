// The site renders office pages from data with its own code: whatever the data holds — even data
// that never went through validation — the HTML has only the site's own tags and attributes.
import { describe, expect, it } from "vitest";
import { internalHref } from "../../src/site/lib/doc-html.ts";
import { pageInlinesHtml, pageParts } from "../../src/site/lib/page-html.ts";
import type { PageBlock, PageInline } from "../../src/validate/content.ts";
import { tagsOf } from "./support/markup.ts";

const XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'";
const text = (t: string): PageInline => ({ type: "text", text: t });

/** Page data as an attacker would write it if validation let everything through. */
const HOSTILE: PageBlock[] = [
  { type: "heading", depth: "1 onclick=alert(1)" as never, content: [text(XSS)] },
  {
    type: "paragraph",
    content: [
      text(XSS),
      { type: "link", href: "javascript:alert(1)", children: [text("a")] },
      { type: "link", href: " java\tscript:alert(1)", children: [text("b")] },
      { type: "link", href: "/\\evil.example/x", children: [text("c")] },
      { type: "link", href: '/units/" onmouseover="alert(1)', children: [text("d")] },
      { type: "image", src: "data:image/svg+xml,<svg onload=alert(1)>", alt: XSS },
      { type: "image", src: '/a.png" onerror="alert(1)', alt: XSS },
      { type: "code", text: XSS },
      { type: "strong", children: [{ type: "emphasis", children: [text(XSS)] }] },
    ],
  },
  {
    type: "list",
    ordered: true,
    start: '1" onclick="alert(1)' as never,
    tight: true,
    items: [{ checked: null, children: [{ type: "paragraph", content: [text(XSS)] }] }],
  },
  {
    type: "table",
    align: ['center" onclick="alert(1)' as never],
    head: [[text(XSS)]],
    rows: [[[text(XSS)]]],
  },
  { type: "blockquote", children: [{ type: "code", text: XSS }] },
  { type: "component", component: { name: "ScoreTable", caption: XSS } },
];

const OUR_TAGS = new Set([
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "p",
  "a",
  "span",
  "img",
  "code",
  "pre",
  "strong",
  "em",
  "del",
  "br",
  "ol",
  "ul",
  "li",
  "blockquote",
  "div",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
  "hr",
]);
const OUR_ATTRIBUTES = new Set(["href", "src", "alt", "loading", "id", "class", "start", "scope"]);

/** Tags and attributes of an HTML text, as a browser reads them. */
function markup(html: string): { tags: string[]; attributes: [string, string][] } {
  const tags = tagsOf(html);
  return { tags: tags.map((t) => t.name), attributes: tags.flatMap((t) => t.attributes) };
}

describe("pageParts with data that bypassed validation", () => {
  const parts = pageParts(HOSTILE, { base: "/xinfang/" });
  const html = parts.map((p) => (p.type === "html" ? p.html : "")).join("");

  it("escapes every text: no tag but the site's own", () => {
    const { tags } = markup(html);
    expect(tags.filter((t) => !OUR_TAGS.has(t))).toEqual([]);
    expect(html).not.toMatch(/<script|<iframe|<object|<embed|<form|<style|<svg/i);
    expect(html.replace(/<[^>]*>/g, "")).not.toMatch(/[<>]/);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("writes only the site's attributes, and no URL that runs or leaves the site", () => {
    const { attributes } = markup(html);
    expect(attributes.map(([n]) => n).filter((n) => !OUR_ATTRIBUTES.has(n))).toEqual([]);
    for (const [name, value] of attributes) {
      if (name !== "href" && name !== "src") continue;
      expect(value, value).toMatch(/^\/xinfang\//);
    }
    // Quotes in values are escaped: an attribute value cannot end early and start another one.
    expect(html).toContain('href="/xinfang/units/&quot; onmouseover=&quot;alert(1)"');
  });

  it("keeps components as data for the Astro page", () => {
    expect(parts.filter((p) => p.type === "component")).toEqual([
      { type: "component", component: { name: "ScoreTable", caption: XSS } },
    ]);
  });
});

describe("pageParts", () => {
  it("renders Markdown blocks as the old MDX pages did: ids on headings, tight lists, base path", () => {
    const parts = pageParts(
      [
        { type: "heading", depth: 2, content: [text("东坡村：逐月排名变化")] },
        { type: "heading", depth: 2, content: [text("东坡村：逐月排名变化")] },
        {
          type: "list",
          ordered: true,
          start: 1,
          tight: true,
          items: [
            { checked: null, children: [{ type: "paragraph", content: [text("一")] }] },
            { checked: true, children: [{ type: "paragraph", content: [text("二")] }] },
          ],
        },
        { type: "component", component: { name: "RankChart", unit: "dongpo" } },
        {
          type: "paragraph",
          content: [
            text("见"),
            { type: "link", href: "/units/", children: [text("考评排名")] },
            { type: "link", href: "https://example.org/", children: [text("外网")] },
          ],
        },
      ],
      { base: "/xinfang/" },
    );
    expect(parts).toEqual([
      {
        type: "html",
        html: [
          '<h2 id="东坡村逐月排名变化">东坡村：逐月排名变化</h2>',
          '<h2 id="东坡村逐月排名变化-1">东坡村：逐月排名变化</h2>',
          "<ol>\n<li>一</li>\n<li>☑ 二</li>\n</ol>\n",
        ].join("\n"),
      },
      { type: "component", component: { name: "RankChart", unit: "dongpo" } },
      {
        type: "html",
        html: '\n<p>见<a href="/xinfang/units/">考评排名</a><span class="external">外网</span></p>',
      },
    ]);
  });

  it("renders loose lists, quotes, tables, code and rules", () => {
    const [part] = pageParts(
      [
        {
          type: "list",
          ordered: true,
          start: 3,
          tight: false,
          items: [{ checked: null, children: [{ type: "paragraph", content: [text("三")] }] }],
        },
        { type: "blockquote", children: [{ type: "paragraph", content: [text("引")] }] },
        {
          type: "table",
          align: [null, "right"],
          head: [[text("项")], [text("分")]],
          rows: [[[text("甲")], [text("1")]]],
        },
        { type: "code", text: "a\n  b" },
        { type: "rule" },
      ],
      { base: "/" },
    );
    expect(part).toEqual({
      type: "html",
      html: [
        '<ol start="3">\n<li><p>三</p></li>\n</ol>',
        "<blockquote><p>引</p></blockquote>",
        '<div class="table-wrap"><table class="data"><thead><tr><th scope="col">项</th><th scope="col" class="al-right">分</th></tr></thead><tbody><tr><td>甲</td><td class="al-right">1</td></tr></tbody></table></div>',
        "<pre><code>a\n  b</code></pre>",
        "<hr>",
      ].join("\n"),
    });
  });

  it("shows an image that leaves the site as its text", () => {
    expect(
      pageInlinesHtml([{ type: "image", src: "https://example.org/a.png", alt: "图" }], {
        base: "/",
      }),
    ).toBe("图");
  });
});

describe("internalHref reads URLs as browsers do", () => {
  it("refuses schemes hidden by tabs, line breaks and control characters, and backslash hosts", () => {
    expect(internalHref("java\tscript:alert(1)", "/")).toBeNull();
    expect(internalHref("java\nscript:alert(1)", "/")).toBeNull();
    expect(internalHref("\u0001javascript:alert(1)", "/")).toBeNull();
    expect(internalHref("/\\evil.example/", "/")).toBeNull();
    expect(internalHref("\\\\evil.example/", "/")).toBeNull();
    expect(internalHref("\\evil", "/")).toBeNull();
    expect(internalHref("  ", "/")).toBeNull();
    expect(internalHref("/units/\t", "/x/")).toBe("/x/units/");
  });
});
