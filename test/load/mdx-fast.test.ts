// The fast reader of office pages must give exactly the tree MDX's parser gives (positions, and
// the estree of an integer prop, included) for every page it takes, refuse every page it cannot
// read or MDX refuses, and take the example's pages (then `check` never loads the parser).
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastMdx } from "../../src/load/markdown-fast.ts";
import { parseMdx, parseMdxWithMicromark } from "../../src/load/markdown.ts";

const PAGES = fileURLToPath(new URL("../../content/pages/", import.meta.url));

/** A tree as plain data: acorn's nodes are class instances, the fast reader's plain objects. */
const plain = (tree: unknown): unknown => JSON.parse(JSON.stringify(tree)) as unknown;

let taken = 0;
/** Whether the fast reader agrees with micromark on `text` (or refuses it). */
function agrees(text: string): boolean {
  const fast = fastMdx(text);
  if (fast) taken++;
  const reference = parseMdxWithMicromark(text);
  if (fast && !reference.root) return false; // MDX refuses what the fast reader took
  const both = parseMdx(text);
  return (
    (fast === null || isDeepStrictEqual(plain(fast), plain(reference.root))) &&
    isDeepStrictEqual(plain(both), plain(reference))
  );
}

describe("fast MDX page reader", () => {
  it("reads the example's pages as MDX does, every one itself", () => {
    const files = readdirSync(PAGES).filter((f) => f.endsWith(".mdx"));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      const text = readFileSync(PAGES + file, "utf8");
      const fast = fastMdx(text);
      expect(fast, file).not.toBeNull();
      expect(plain(fast)).toStrictEqual(plain(parseMdxWithMicromark(text).root));
    }
  });

  it("reads front matter, lists, links and components", () => {
    const text = [
      "---",
      "title: 办事指南",
      "---",
      "",
      "## 到[哪里](/units/)反映",
      "",
      "1. **说清楚事情**：写明[考评排名](/units/?y=2025#a)。",
      "2. 留下联系方式",
      "",
      "- 当场答复",
      "- *注意*时限",
      "",
      "<ScoreTable year={2025} />",
      "",
      '<DocumentList kind="通报" empty="" />',
      "",
      "<RankChart />",
      "",
      "| 村 | 链接 |",
      "|-|-|",
      "| 东山村 | [页面](/units/dongshan/) |",
    ].join("\n");
    expect(fastMdx(text)).not.toBeNull();
    expect(agrees(text)).toBe(true);
  });

  it("refuses what it does not read", () => {
    for (const text of [
      "<ScoreTable year={2025}/>",
      "<ScoreTable year={x} />",
      "<ScoreTable year={007} />",
      '<A b="&amp;" />',
      "<A>文字</A>",
      "文字 <A />",
      "段落\n<A />",
      "<A />\n段落",
      "{1 + 1}",
      "import A from 'a'",
      "export const a = 1",
      "~~删除~~",
      "见 www.example.cn",
      "见 https://example.cn",
      "写信到 a@example.cn",
      "![图](/a.png)",
      "[链接]",
      "[链接](/a b)",
      "[链接](</a>)",
      '[链接](/a "题")',
      "[[链接]](/a)",
      "- [ ] 任务",
      "- 项\n续行",
      "- 项\n\n- 项",
      "1. 项\n- 项",
      "1) 项",
      "-  项",
      "---\ntitle: 未闭合",
      "+++\ntitle = 1\n+++",
      "文字*强调*文字",
      "<br>",
    ])
      expect(fastMdx(text), text).toBeNull();
  });

  it("agrees with MDX on random near-page text", () => {
    const numRuns = Number(process.env.MD_RUNS ?? 1000);
    taken = 0;
    fc.assert(fc.property(randomPage, agrees), { numRuns });
    // The generator must reach the fast path often, or the test proves little.
    expect(taken).toBeGreaterThan(numRuns / 5);
    if (process.env.MD_RUNS) console.log(`fast path took ${taken} of ${numRuns} pages`);
  }, 600_000);
});

/** Pieces of what pages say. */
const CLEAN = ["信访", "事项", "abc 12", "2025年", "。", "，", "（一）", "　", " ", "!", "#", ":"];
const CLEAN_LINKS = ["[考评排名](/units/)", "[文书](/documents/2025/)", "[a](#x)", "]", "(x)"];
/** Near misses: each may change how MDX reads a line. */
const NOISE = [
  "<",
  "<A />",
  "{",
  "}",
  "{1}",
  "~",
  "~~",
  "@",
  "www.a.cn",
  "http://a",
  "*",
  "**",
  "_",
  "[",
  "[x]",
  "[x](",
  "[x]( /a)",
  "![x](/a)",
  "&",
  "&amp;",
  "`",
  "|",
  "\\",
  "  ",
  "\t",
  "1.",
  "- ",
  "=",
  "-",
];

function page(noisy: boolean): fc.Arbitrary<string> {
  const pick = (clean: string[], noise: string[]) =>
    fc.constantFrom(...clean, ...(noisy ? noise : []));
  const inline = fc
    .array(pick([...CLEAN, ...CLEAN_LINKS], NOISE), { maxLength: 6 })
    .map((a) => a.join(""));
  const text = inline.map((t) => `文${t}文`);
  const heading = fc
    .tuple(fc.integer({ min: 1, max: 6 }), pick([" "], ["", "  "]), inline)
    .map(([n, sp, c]) => `${"#".repeat(n)}${sp}${c || "题"}`);
  const paragraph = fc.array(text, { minLength: 1, maxLength: 3 }).map((ls) => ls.join("\n"));
  const emphasis = fc
    .tuple(pick(["**", "*"], ["__", "***"]), inline, inline)
    .map(([m, c, rest]) => `${m}${c || "要"}${m}${rest}`);
  const itemText = fc.oneof(text, emphasis);
  const list = fc
    .tuple(
      pick(["- ", "1. ", "3. "], ["* ", "+ ", "1) ", "-  ", "- [ ] ", "01. "]),
      fc.array(fc.tuple(itemText, pick(["\n"], ["\n\n", "\n  ", "\n续"])), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([m, items]) =>
      items
        .map(([t, sep], i) => `${m.replace("3", String(3 + i))}${t}${sep}`)
        .join("")
        .replace(/\n+$/, ""),
    );
  const props = fc
    .array(
      fc.tuple(
        pick(["year", "unit", "kind", "empty"], ["Year", "on-click", "1a"]),
        pick(
          ['="通报"', '="dongpo"', '=""', "={2025}", "={0}"],
          ["={x}", "={01}", "='a'", "", '="&amp;"'],
        ),
      ),
      { maxLength: 3 },
    )
    .map((ps) => ps.map(([n, v]) => ` ${n}${v}`).join(""));
  const component = fc
    .tuple(
      pick(["ScoreTable", "RankChart", "DocumentList"], ["div", "A.B"]),
      props,
      pick([" />"], ["/>", ">", " >"]),
    )
    .map(([n, p, end]) => `<${n}${p}${end}`);
  const table = fc
    .tuple(inline, inline)
    .map(([a, b]) => `| 村 | ${a.replaceAll("|", "")} |\n|-|-|\n| ${b.replaceAll("|", "")} | 1 |`);
  const block = fc.oneof(heading, paragraph, emphasis, list, component, table);
  const front = pick(
    ["", "---\ntitle: 页面\n---\n\n", "---\n---\n"],
    ["---\ntitle: 页\n", "---\ntitle: 页\n--- \n"],
  );
  return fc
    .tuple(
      front,
      fc.array(fc.tuple(block, pick(["\n\n"], ["\n", "\n\n\n"])), { maxLength: 6 }),
      pick(["", "\n"], ["\n\n"]),
    )
    .map(
      ([f, bs, end]) =>
        f +
        bs
          .map(([b, sep]) => b + sep)
          .join("")
          .replace(/\n+$/, "") +
        end,
    );
}

/** Page text, noisy page text, and page text with one near miss anywhere. */
const randomPage = fc.oneof(
  page(false),
  page(false),
  page(true),
  fc
    .tuple(page(false), fc.constantFrom(...NOISE, "\n", "\n\n", "|", "-", "#"), fc.nat())
    .map(([t, n, at]) => t.slice(0, at % (t.length + 1)) + n + t.slice(at % (t.length + 1))),
);
