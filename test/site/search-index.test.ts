// The site's own search index: what a page gives it (text, meta, filters), and that the pages it
// gives for a term are every page holding the term, whatever the texts; the same pages give the
// same files.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SearchIndexBuilder, pageSearchText } from "../../src/site/build/search-index.ts";
import {
  SEARCH_PAGES_FILE,
  gramShard,
  normalize,
  pageUrl,
  shardCount,
  termGrams,
} from "../../src/site/lib/search-index-format.ts";
import type { GramFile, SearchManifest } from "../../src/site/lib/search-index-format.ts";
import { SearchIndexError, openSearchIndex } from "../../src/site/scripts/search-index-client.ts";
import { matchPositions } from "../../src/site/scripts/search-rank.ts";
import { decodeCharacterReferences } from "../../src/text/html-tags.ts";

const page = (body: string, head = "") =>
  `<!DOCTYPE html><html lang="zh-CN"><head><title>标题不算</title>${head}</head><body>` +
  `<header><p>网站名称</p></header><main id="main" data-search-body>${body}</main>` +
  `<footer><p>页脚不算</p></footer></body></html>`;

/** The text a page with `body` (and `head`) gives the index. */
const contentOf = (body: string, head = "") => pageSearchText(page(body, head))?.content;

/** The index's files as the search page reads them. */
const loaderOf = (files: [string, string][]) => {
  const byPath = new Map(files);
  return async (path: string): Promise<unknown> => {
    const text = byPath.get(path);
    if (text === undefined) throw new Error(`no ${path}`);
    return JSON.parse(text) as unknown;
  };
};

describe("what a page gives the search index", () => {
  it("is nothing without an element marked for it", () => {
    expect(pageSearchText("<html><body><main><p>信访</p></main></body></html>")).toBeNull();
    expect(pageSearchText("")).toBeNull();
  });

  it("is the marked element's text, a block a line, inline elements inside their words", () => {
    expect(
      contentOf(
        '<h1>东坡村<span class="tag" data-search-ignore>村</span></h1>' +
          '<p>信访<wbr>工作<strong>重点</strong>是<a href="/x/">化解</a>矛盾</p>' +
          "<table><thead data-search-ignore><tr><th>表头</th></tr></thead>" +
          "<tbody><tr><td>甲</td><td>乙</td></tr><tr><td>第一行<br>第二行</td></tr></tbody></table>" +
          "<ul><li>一</li><li>二　三</li></ul>",
      ),
    ).toBe("东坡村\n信访工作重点是化解矛盾\n甲\n乙\n第一行\n第二行\n一\n二 三");
  });

  it("leaves out scripts, style sheets, comments and whatever is outside the marked element", () => {
    expect(
      contentOf(
        '<p>正文</p><script>const s = "<p>脚本</p>";</script><style>p::after{content:"样式"}</style>' +
          "<!-- <p>注释</p> --><template><p>模板</p></template><p>结尾</p>",
        "<script>head()</script>",
      ),
    ).toBe("正文\n结尾");
  });

  it("leaves out ignored parts, however deep, and goes on after them", () => {
    expect(
      contentOf(
        '<header class="gw-head" data-search-ignore><p>版头<span>文号</span></p>' +
          "<div data-search-ignore><p>更深</p></div><p>还在版头</p></header>" +
          "<p>正文</p><footer data-search-ignore><p>版记</p></footer><p>附注</p>",
      ),
    ).toBe("正文\n附注");
  });

  it("leaves out navigation, forms and drawings", () => {
    expect(
      contentOf(
        '<nav class="crumbs"><a href="/units/">考评排名</a> › 东坡村</nav><h1>东坡村</h1>' +
          "<form><label>年度<select><option>2025年</option></select></label><button>查询</button></form>" +
          '<svg class="rank-chart"><title>逐月累计排名</title><text>北岭村</text></svg><p>正文</p>',
      ),
    ).toBe("东坡村\n正文");
  });

  it("decodes character references and reads attributes holding > and quotes", () => {
    expect(
      decodeCharacterReferences(
        "&amp;&lt;&gt;&quot;&#39;&#x4E00;&#19968;&nbsp;&mdash;&unknown;&#0;",
      ),
    ).toBe("&<>\"'一一\u00a0\u2014&unknown;&#0;");
    expect(
      contentOf(
        '<p title="a > b" data-x=\'c"d\'>甲&amp;乙</p><svg viewBox="0 0 1 1"><rect x="1"/>' +
          "<text>图中<tspan>文字</tspan></text></svg><p>x < y<img src='a.png'/>z</p>",
      ),
    ).toBe("甲&乙\nx < y\nz");
  });

  it("collects meta (the first of a name) and filters (each value once) anywhere in the page", () => {
    const got = pageSearchText(
      page(
        '<span data-search-meta="title:东坡村" hidden></span>' +
          '<span data-search-meta="title:别的" hidden></span>' +
          '<span data-search-meta="subjects:东坡村|集访：赴市" hidden></span>' +
          '<span data-search-filter="unit:东坡村" hidden></span>' +
          '<span data-search-filter="unit:东坡村" hidden></span>' +
          '<span data-search-filter="year:2025" hidden></span>' +
          '<span data-search-filter="year:2024" hidden></span>' +
          '<span data-search-filter="nokey" hidden></span><p>正文</p>',
      ),
    );
    expect(got?.meta).toEqual({ title: "东坡村", subjects: "东坡村|集访：赴市" });
    expect(got?.filters).toEqual({ unit: ["东坡村"], year: ["2025", "2024"] });
    expect(got?.content).toBe("正文");
  });

  it("addresses a page by its folder", () => {
    expect(pageUrl("index.html")).toBe("");
    expect(pageUrl("units/dongpo/index.html")).toBe("units/dongpo/");
    expect(pageUrl("404.html")).toBe("404.html");
    expect(pageUrl("pages/工作 动态/index.html")).toBe(`pages/${encodeURIComponent("工作 动态")}/`);
  });
});

/**
 * The grams of normalised text and how often each occurs, plainly (the builder counts them its
 * own faster way): every character but a space, and every
 * pair of neighbouring characters neither of which is a space.
 */
function textGrams(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i] as string;
    if (c === " ") continue;
    out.set(c, (out.get(c) ?? 0) + 1);
    const d = text[i + 1];
    if (d === undefined || d === " ") continue;
    const pair = c + d;
    out.set(pair, (out.get(pair) ?? 0) + 1);
  }
  return out;
}

/** Texts over a few characters (some Chinese, a space, a capital) so that terms recur. */
const ALPHABET = ["信", "访", "集", "村", "A", "a", "1", " ", "。"];
const textArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 40 }).map((cs) => cs.join(""));
const blocksArb = fc.array(textArb, { minLength: 1, maxLength: 4 });
const termArb = fc
  .array(fc.constantFrom(...ALPHABET.filter((c) => c !== " ")), { minLength: 1, maxLength: 4 })
  .map((cs) => normalize(cs.join("")));
const html = (blocks: readonly string[]) =>
  page(blocks.map((b) => `<p>${b.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`).join(""));

function built(sites: readonly (readonly string[])[]): [string, string][] {
  const builder = new SearchIndexBuilder();
  sites.forEach((blocks, i) => builder.add(`p/${i}/index.html`, html(blocks)));
  return builder.files();
}

describe("the pages the index gives for a term", () => {
  it("are every page holding it, each with at least as many of its rarest gram", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(blocksArb, { maxLength: 8 }), termArb, async (sites, term) => {
        const index = await openSearchIndex(loaderOf(built(sites)));
        const found = await index.find(term);
        for (const [id, blocks] of sites.entries()) {
          const text = normalize((pageSearchText(html(blocks))?.content ?? "").replace(/\n/g, " "));
          const holds = matchPositions(text, term).length;
          if (holds > 0) {
            expect(found.has(id), `${term} in ${text}`).toBe(true);
            expect(found.get(id) ?? 0).toBeGreaterThanOrEqual(holds);
          }
          // one or two characters: a page holding the grams holds the term
          if (term.length <= 2) expect(found.has(id)).toBe(text.includes(term));
        }
      }),
    );
  });

  it("hold each of their grams as the text does (the builder against textGrams)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(blocksArb, { minLength: 1, maxLength: 6 }), async (sites) => {
        const files = built(sites);
        const manifest = JSON.parse(files[0]?.[1] ?? "{}") as SearchManifest;
        const grams = new Map<string, Map<number, number>>();
        for (const [path, text] of files) {
          if (!path.startsWith("grams/")) continue;
          const shard = Number(/(\d+)/.exec(path)?.[1]);
          for (const [gram, list] of Object.entries(JSON.parse(text) as GramFile)) {
            expect(gramShard(gram, manifest.shards)).toBe(shard);
            const pages = new Map<number, number>();
            let id = 0;
            for (let k = 0; k < list.length; k += 2) {
              id += list[k] ?? 0;
              pages.set(id, list[k + 1] ?? 0);
            }
            grams.set(gram, pages);
          }
        }
        const expected = new Map<string, Map<number, number>>();
        sites.forEach((blocks, id) => {
          const content = pageSearchText(html(blocks))?.content ?? "";
          for (const [gram, n] of textGrams(normalize(content))) {
            const pages = expected.get(gram) ?? new Map<number, number>();
            pages.set(id, n);
            expected.set(gram, pages);
          }
        });
        expect(grams).toEqual(expected);
      }),
    );
  });

  it("are found among the pages carrying the chosen filters, counted per value", async () => {
    const builder = new SearchIndexBuilder();
    const tagged = (unit: string, year: string, text: string) =>
      page(
        `<span data-search-filter="unit:${unit}" hidden></span>` +
          `<span data-search-filter="year:${year}" hidden></span><p>${text}</p>`,
      );
    builder.add("a/index.html", tagged("东坡村", "2025", "赴市集访"));
    builder.add("b/index.html", tagged("北岭村", "2025", "集访"));
    builder.add("c/index.html", tagged("东坡村", "2024", "到镇集访"));
    builder.add("search/index.html", "<main><p>集访</p></main>"); // not indexed
    expect(builder.size).toBe(3);
    const index = await openSearchIndex(loaderOf(builder.files()));
    expect(index.filters).toEqual({
      unit: { 东坡村: 2, 北岭村: 1 },
      year: { "2025": 2, "2024": 1 },
    });
    expect(index.filtered({ unit: "东坡村" })).toEqual([0, 2]);
    expect(index.filtered({ unit: "东坡村", year: "2025" })).toEqual([0]);
    expect([...(await index.find("集访")).keys()]).toEqual([0, 1, 2]);
    expect([
      ...(await index.find("集访", new Set(index.filtered({ year: "2025" })))).keys(),
    ]).toEqual([0, 1]);
    expect(await index.find("")).toEqual(new Map());
    expect(await index.text(2)).toEqual({ url: "c/", content: "到镇集访", meta: {} });
    expect(JSON.parse(builder.files().find(([f]) => f === "text/2.json")?.[1] ?? "")).toEqual({
      url: "c/",
      content: "到镇集访",
    });
  });

  it("come from files that depend on the pages alone", () => {
    const sites = [["信访工作"], ["集访", "村"], ["A1 a"]];
    expect(built(sites)).toEqual(built(sites));
    expect(built(sites).map(([f]) => f)).toEqual([
      SEARCH_PAGES_FILE,
      "grams/0.json",
      "text/0.json",
      "text/1.json",
      "text/2.json",
    ]);
  });
});

describe("the index format", () => {
  it("cuts a term into its pairs, or its character", () => {
    expect(termGrams("集访")).toEqual(["集访"]);
    expect(termGrams("赴市集访")).toEqual(["赴市", "市集", "集访"]);
    expect(termGrams("访")).toEqual(["访"]);
    expect(termGrams("")).toEqual([]);
    expect(termGrams("a b")).toEqual([]);
    expect(textGrams("集访 访")).toEqual(
      new Map([
        ["集", 1],
        ["集访", 1],
        ["访", 2],
      ]),
    );
  });

  it("spreads a big index over more files (powers of two, at most 1,024)", () => {
    expect(shardCount(0)).toBe(1);
    expect(shardCount(8192)).toBe(1);
    expect(shardCount(8193)).toBe(2);
    expect(shardCount(600_000)).toBe(128);
    expect(shardCount(1e12)).toBe(1024);
  });

  it("is checked when opened", async () => {
    await expect(openSearchIndex(async () => ({ format: 99 }))).rejects.toThrow(SearchIndexError);
    await expect(openSearchIndex(async () => null)).rejects.toThrow(SearchIndexError);
  });
});
