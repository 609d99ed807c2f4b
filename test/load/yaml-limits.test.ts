// Bounded work when reading YAML: an alias is refused where it stands and never expanded, and
// nesting is limited. Both readers (the fast one and the general one) must give the same located
// diagnostics on the same text, whatever else the file holds (a tab sends a file to the general
// reader), and no input may overflow the stack.
import { describe, expect, it } from "vitest";
import { markdownToDoc } from "../../src/doc/from-markdown.ts";
import { FAST_MAX_DEPTH, YAML_MAX_DEPTH } from "../../src/load/limits.ts";
import { fastYaml } from "../../src/load/yaml-fast.ts";
import { parseYamlFile } from "../../src/load/yaml.ts";

type Seen = [code: string, line: number | undefined, col: number | undefined];

/** Reads `text` with both readers, asserts they agree in every respect, and gives the reading. */
function read(text: string): { seen: Seen[]; value: unknown } {
  const quick = parseYamlFile("x.yaml", text);
  const general = parseYamlFile("x.yaml", text, { fast: false });
  expect(quick.diagnostics).toEqual(general.diagnostics);
  expect(quick.value).toEqual(general.value);
  return {
    seen: general.diagnostics.map((d) => [d.code, d.position?.line, d.position?.col]),
    value: general.value,
  };
}

/** `levels` block mappings, each one space deeper than the last (the smallest text for it). */
const blockMaps = (levels: number): string =>
  Array.from({ length: levels }, (_, i) => `${" ".repeat(i)}a:\n`).join("");

/** `levels` block sequences, one `-` per line, each one space deeper. */
const blockSeqLines = (levels: number): string =>
  Array.from({ length: levels }, (_, i) => `${" ".repeat(i)}-\n`).join("");

/** `levels` block mappings under sequence items: `- a:`, two levels per line. */
const seqMaps = (lines: number): string =>
  Array.from({ length: lines }, (_, i) => `${" ".repeat(2 * i)}- a:\n`).join("");

const flowSeqs = (levels: number): string => `${"[".repeat(levels)}${"]".repeat(levels)}\n`;
const flowMaps = (levels: number): string => `${"{a: ".repeat(levels)}1${"}".repeat(levels)}\n`;
const compactSeqs = (levels: number): string => `${"- ".repeat(levels)}x\n`;

/** A tab after the deep part: the fast reader then leaves the whole file to the general one. */
const withTab = (text: string): string => `${text}#\there the office wrote a tab\n`;

describe("YAML aliases", () => {
  it("refuses every alias of a billion laughs at the alias, without expanding anything", () => {
    const laughs = [
      'a: &a ["哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈", "哈"]',
      ...["b", "c", "d", "e", "f", "g", "h", "i"].map(
        (name, i) =>
          `${name}: &${name} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
    ].join("\n");
    expect(laughs.length).toBeLessThan(1024);
    // Before comparing the readers' values (a deep comparison would walk the explosion).
    expect(parseYamlFile("x.yaml", `${laughs}\n`, { fast: false }).value).toBeUndefined();
    const { seen, value } = read(`${laughs}\n`);
    expect(value).toBeUndefined();
    expect(seen).toHaveLength(8 * 9);
    expect(seen.slice(0, 3)).toEqual([
      ["yaml/alias", 2, 8],
      ["yaml/alias", 2, 12],
      ["yaml/alias", 2, 16],
    ]);
    expect(seen.at(-1)).toEqual(["yaml/alias", 9, 40]);
    expect(parseYamlFile("x.yaml", laughs).diagnostics[0]?.message).toBe(
      "内容文件中不能使用 YAML 别名 *a",
    );
  });

  it("refuses a merge key's alias and an alias to no anchor alike", () => {
    expect(read("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n").seen).toEqual([
      ["yaml/alias", 3, 7],
    ]);
    expect(read("petitions:\n  - *missing\n").seen).toEqual([["yaml/alias", 2, 5]]);
  });

  it("leaves the file's value unusable even when the alias points at a scalar", () => {
    const { seen, value } = read("name: &n 东山村\nalso: *n\nyear: 2025\n");
    expect(seen).toEqual([["yaml/alias", 2, 7]]);
    expect(value).toBeUndefined();
  });

  it("keeps anchors without aliases harmless", () => {
    expect(read("x: &v [1, 2]\ny: &w 3\n")).toEqual({ seen: [], value: { x: [1, 2], y: 3 } });
  });

  it("keeps aliases out of fenced YAML blocks in Markdown too", () => {
    const doc = markdownToDoc(
      "```signature\nparties: &p [{ name: 甲 }, { name: 乙 }]\nmore: [*p, *p, *p]\n```\n",
    );
    expect(doc.body).toMatchObject([{ type: "signature", parties: [] }]);
  });
});

describe("YAML nesting depth", () => {
  it(`reads ${YAML_MAX_DEPTH} levels of mappings and of flow lists`, () => {
    for (const text of [blockMaps(YAML_MAX_DEPTH), flowSeqs(YAML_MAX_DEPTH)]) {
      const { seen, value } = read(text);
      expect(seen).toEqual([]);
      expect(value).not.toBeUndefined();
    }
  });

  it("leaves documents deeper than its limit to the general reader", () => {
    expect(fastYaml(blockMaps(FAST_MAX_DEPTH))).not.toBeNull();
    expect(fastYaml(blockMaps(FAST_MAX_DEPTH + 1))).toBeNull();
    expect(fastYaml(`x: ${flowSeqs(FAST_MAX_DEPTH - 1)}`)).not.toBeNull();
    expect(fastYaml(`x: ${flowSeqs(FAST_MAX_DEPTH)}`)).toBeNull();
  });

  const cases: [name: string, make: (n: number) => string, levels: number[], at: Seen][] = [
    ["block mappings", blockMaps, [65, 150, 3_000], ["yaml/too-deep", 65, 65]],
    ["block lists, one per line", blockSeqLines, [66, 150, 3_000], ["yaml/too-deep", 66, 66]],
    ["mappings in list items", seqMaps, [33, 75, 2_000], ["yaml/too-deep", 33, 67]],
    ["flow lists", flowSeqs, [65, 150, 1_000, 10_000, 100_000], ["yaml/too-deep", 1, 65]],
    ["flow mappings", flowMaps, [64, 150, 10_000, 100_000], ["yaml/too-deep", 1, 254]],
    ["compact block lists", compactSeqs, [66, 150, 10_000, 100_000], ["yaml/too-deep", 1, 131]],
  ];
  for (const [name, make, levels, at] of cases) {
    it(`refuses ${name} nested too deeply at the same place in both readers, tab or not`, () => {
      for (const n of levels) {
        const text = make(n);
        for (const variant of [text, withTab(text)]) {
          const { seen, value } = read(variant);
          expect(seen, `${name}, ${n} levels`).toEqual([at]);
          expect(value).toBeUndefined();
        }
      }
    });
  }

  it("says what the limit is", () => {
    expect(parseYamlFile("x.yaml", flowSeqs(1000)).diagnostics[0]?.message).toBe(
      `嵌套层数超过上限（${YAML_MAX_DEPTH} 层）`,
    );
  });

  it("keeps deep fenced YAML blocks in Markdown from overflowing", () => {
    const doc = markdownToDoc(`\`\`\`figure\ncaption: ${flowSeqs(100_000)}\`\`\`\n`);
    expect(doc.body.map((b) => b.type)).toEqual(["figure"]);
  });
});
