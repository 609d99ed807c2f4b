// The small helpers of the site: base paths, kind names, rules in words, offline check.
import { describe, expect, it } from "vitest";
import {
  findExternalReferences,
  externalReferences,
  markupReferences,
} from "../../src/site/build/offline.ts";
import { escapeHtml, h, hWords, t } from "../../src/site/lib/html.ts";
import { resolveKind } from "../../src/site/lib/kinds.ts";
import { whenText } from "../../src/site/lib/rules-view.ts";
import { link, normaliseBase, pagePath } from "../../src/site/lib/urls.ts";
import { mkdtemp, writeFile, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

describe("base paths", () => {
  it("normalises any spelling of a base to /…/", () => {
    expect(normaliseBase("")).toBe("/");
    expect(normaliseBase("/")).toBe("/");
    expect(normaliseBase("xinfang")).toBe("/xinfang/");
    expect(normaliseBase("/xinfang")).toBe("/xinfang/");
    expect(normaliseBase("/a/b/")).toBe("/a/b/");
  });

  it("joins a base and a site path", () => {
    expect(link("/", "/units/")).toBe("/units/");
    expect(link("/xinfang/", "/units/")).toBe("/xinfang/units/");
    expect(link("/xinfang/", "/")).toBe("/xinfang/");
    expect(link("/xinfang/", pagePath("办事指南"))).toBe(
      `/xinfang/pages/${encodeURIComponent("办事指南")}/`,
    );
  });
});

describe("user text", () => {
  it("h() escapes; t() passes text to Astro (which escapes); escapeHtml escapes quotes", () => {
    // Personal numbers are masked when the content is validated, not here.
    expect(h('<a href="x">138****5678</a>')).toBe(
      "&lt;a href=&quot;x&quot;&gt;138****5678&lt;/a&gt;",
    );
    expect(t("<b>138****5678</b>")).toBe("<b>138****5678</b>");
    expect(t(undefined)).toBe("");
    expect(escapeHtml("'&")).toBe("&#39;&amp;");
  });
});

describe("hWords (titles that break between words)", () => {
  it("marks breaks between words, not inside a name, a number with its unit or a suffix", () => {
    expect(hWords("青禾镇人民政府文件")).toBe("青禾镇<wbr>人民政府<wbr>文件");
    expect(hWords("青禾镇2025年度白杨村信访工作目标责任书")).toBe(
      "青禾镇<wbr>2025年度<wbr>白杨村信访<wbr>工作<wbr>目标<wbr>责任书",
    );
    expect(hWords("关于2025年1—6月考评结果的通报")).toBe(
      "关于<wbr>2025年1—6月考评<wbr>结果的<wbr>通报",
    );
  });

  it("escapes the text and keeps it whole: the marks are the only markup added", () => {
    const text = '测试<script>alert("x")</script>&方案';
    const out = hWords(text);
    expect(out.replaceAll("<wbr>", "")).toBe(escapeHtml(text));
    expect(hWords(undefined)).toBe("");
    expect(hWords("")).toBe("");
  });
});

describe("resolveKind", () => {
  it("accepts the id, the Chinese name and the short name", () => {
    expect(resolveKind("notice")).toBe("notice");
    expect(resolveKind("考评结果通报")).toBe("notice");
    expect(resolveKind("通报")).toBe("notice");
    expect(resolveKind(" 责任书 ")).toBe("agreement");
    expect(resolveKind("得分表")).toBe("scoring-sheet");
    expect(resolveKind("公告")).toBeNull();
  });
});

describe("whenText", () => {
  it("says a condition in Chinese", () => {
    expect(whenText({ level: "省", form: ["集访", "重访"] })).toBe("去向：省；形式：集访或重访");
    expect(whenText({ status: "absent" })).toBe("出勤：缺席");
    expect(whenText({ on_time: false })).toBe("按时报送：否");
    expect(whenText({ unfair_handling: true })).toBe("处理不公：是");
    expect(whenText(undefined)).toBe("所有记录");
  });
});

describe("externalReferences", () => {
  it("finds references that make a browser fetch from another host", () => {
    const text = [
      '<img src="https://cdn.example/a.png">',
      "<link href=//fonts.example/x.css>",
      'a{background:url("http://x.example/b.png")}',
      '@import "https://x.example/c.css";',
      'import x from "https://esm.example/x.js";',
      'await import("https://esm.example/y.js")',
      'fetch("https://api.example/z")',
      '<img srcset="https://a.example/1.png 2x">',
    ].join("\n");
    expect(externalReferences(text).map((r) => r.url)).toEqual([
      "https://cdn.example/a.png",
      "//fonts.example/x.css",
      "https://a.example/1.png",
      "http://x.example/b.png",
      "https://x.example/c.css",
      "https://esm.example/x.js",
      "https://esm.example/y.js",
      "https://api.example/z",
    ]);
  });

  it("accepts local references, data URLs and namespace names", () => {
    const text = [
      '<a href="/units/">',
      '<img src="data:image/svg+xml,%3Csvg">',
      '<a href="#top">',
      '<svg xmlns="http://www.w3.org/2000/svg">',
      "new URL(`https://example.com${p}`)",
      'createElementNS("http://www.w3.org/2000/svg","g")',
      "// comment https://x.example/",
    ].join("\n");
    expect(externalReferences(text)).toEqual([]);
  });

  it("reads HTML as markup: URL attributes, style, style and script elements; never the text", () => {
    const html = [
      "<p>网址写作 src=//evil.example/a.png 或 url(https://evil.example/b) 都只是文字</p>",
      '<p title="src=//evil.example/t" data-x="url(https://evil.example/u)">属性值也只是文字</p>',
      "<!-- <img src=//evil.example/comment> -->",
      '<img alt="图" src="&#47;&#47;cdn.example/a.png">',
      "<a href='java\tscript:x'>x</a><a href=HTTPS://x.example/b>y</a>",
      '<div style="background:url(//bg.example/c.png)"></div>',
      '<img srcset="/local.png 1x, https://hi.example/2.png 2x">',
      "<style>a{background:url(https://css.example/d.png)}</style>",
      '<script>fetch("https://api.example/e")</script>',
      '<svg xmlns="http://www.w3.org/2000/svg"><use xlink:href="//svg.example/s#i"/></svg>',
    ].join("\n");
    expect(markupReferences(html).map((r) => r.url)).toEqual([
      "//cdn.example/a.png",
      "HTTPS://x.example/b",
      "//bg.example/c.png",
      "https://hi.example/2.png",
      "https://css.example/d.png",
      "https://api.example/e",
      "//svg.example/s#i",
    ]);
  });

  it("scans the text files of a folder", async () => {
    const dir = await mkdtemp(join(tmpdir(), "xinfang-offline-"));
    try {
      await mkdir(join(dir, "a"));
      await writeFile(
        join(dir, "a", "index.html"),
        '<script src="https://x.example/s.js"></script>',
      );
      await writeFile(join(dir, "b.png"), 'src="https://ignored.example/"');
      expect(await findExternalReferences(dir)).toEqual([
        expect.objectContaining({ file: "a/index.html", url: "https://x.example/s.js" }),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
