// jsonLinesYaml reads the YAML the templates write (a JSON value on each line) with JSON.parse.
// It must give exactly what both YAML readers give whenever it reads a text at all, and it must
// read the blocks the example's documents are made of.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkContent } from "../../src/index.ts";
import { jsonLinesYaml } from "../../src/load/yaml-fast.ts";
import { parseYamlFile } from "../../src/load/yaml.ts";

const CONTENT = new URL("../../content/", import.meta.url).pathname;

/** Characters that matter to YAML or to JSON, and any others. */
const TRICKY = [
  '"',
  "\\",
  "#",
  ":",
  ": ",
  " ",
  "- ",
  "{",
  "}",
  "[",
  "]",
  ",",
  "'",
  "\n",
  "\t",
  "\r",
  "\u0000",
  "\u001f",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ud800",
  "\udc00",
  "\ud83d\ude00",
  "中",
  "　",
  "&",
  "*",
  "!",
  "%",
  "@",
  "`",
  "|",
  ">",
];
const unit = fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: "binary", maxLength: 2 }));
const json = fc.jsonValue({ maxDepth: 3, stringUnit: unit });
const numbers = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, 1e21, 1e-7, 2 ** 53 + 2, -1.5),
);
const value = fc.oneof(json, numbers, fc.string({ unit, maxLength: 12 }));
const key = fc.stringMatching(/^[A-Za-z][\w-]{0,8}$/);

/** A text in the templates' shape: handlebars.ts's `{{yaml v}}` and `{{yamlBlock v}}` lines. */
const shaped = fc
  .uniqueArray(
    fc.tuple(
      key,
      fc.oneof(
        value.map((v) => ({ kind: "value" as const, v })),
        fc.array(value, { minLength: 1, maxLength: 4 }).map((v) => ({ kind: "list" as const, v })),
        fc
          .uniqueArray(
            fc.tuple(
              key,
              fc.oneof(
                value.map((v) => ({ kind: "value" as const, v })),
                fc
                  .array(value, { minLength: 1, maxLength: 4 })
                  .map((v) => ({ kind: "list" as const, v })),
              ),
            ),
            { minLength: 1, maxLength: 4, selector: ([k]) => k },
          )
          .map((v) => ({ kind: "map" as const, v })),
      ),
    ),
    { minLength: 1, maxLength: 5, selector: ([k]) => k },
  )
  .map((entries) => {
    const lines: string[] = [];
    for (const [k, e] of entries) {
      if (e.kind === "value") lines.push(`${k}: ${JSON.stringify(e.v)}`);
      else if (e.kind === "list") {
        lines.push(`${k}:`);
        for (const x of e.v) lines.push(`  - ${JSON.stringify(x)}`);
      } else {
        lines.push(`${k}:`);
        for (const [f, x] of e.v) {
          if (x.kind === "value") lines.push(`  ${f}: ${JSON.stringify(x.v)}`);
          else {
            lines.push(`  ${f}:`);
            for (const y of x.v) lines.push(`    - ${JSON.stringify(y)}`);
          }
        }
      }
    }
    return lines.join("\n");
  });

/** The text with one edit: a character put in, taken out or changed, or a line repeated. */
const edited = fc
  .tuple(shaped, fc.nat(), fc.constantFrom(...TRICKY, "0", "-0", "e5", "1.0", "  "), fc.nat(3))
  .map(([text, at, s, how]) => {
    const i = at % (text.length + 1);
    if (how === 0) return text.slice(0, i) + s + text.slice(i);
    if (how === 1) return text.slice(0, i) + text.slice(i + 1);
    if (how === 2) return text.slice(0, i) + s + text.slice(i + 1);
    const lines = text.split("\n");
    const n = at % lines.length;
    return [...lines.slice(0, n + 1), ...lines.slice(n)].join("\n");
  });

/** Both YAML readings, compared with Object.is for numbers (so that -0 is not 0). */
function expectYamlReads(text: string, read: Record<string, unknown>): void {
  for (const fast of [true, false]) {
    const file = parseYamlFile("(block)", text, fast ? {} : { fast: false });
    expect(file.diagnostics).toEqual([]);
    expect(sameValue(read, file.value)).toBe(true);
  }
}

/**
 * Runs `texts` through jsonLinesYaml: every text it reads, both YAML readers read the same. Returns
 * how many it read.
 */
function readingsLikeYaml(texts: fc.Arbitrary<string>, numRuns: number): number {
  let read = 0;
  fc.assert(
    fc.property(texts, (text) => {
      const got = jsonLinesYaml(text);
      if (got === null) return;
      read++;
      expectYamlReads(text, got);
    }),
    { numRuns },
  );
  return read;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "number" || typeof b === "number") return Object.is(a, b);
  if (Array.isArray(a))
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a !== null && typeof a === "object") {
    if (b === null || typeof b !== "object" || Array.isArray(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return (
      ka.length === kb.length &&
      ka.every(
        (k, i) =>
          kb[i] === k &&
          sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
      )
    );
  }
  return a === b;
}

describe("jsonLinesYaml", () => {
  it("reads the templates' shape as both YAML readers do", () => {
    // null leaves the text to the YAML readers: always safe (a character fastYaml does not take,
    // such as U+007F, sends it there too)
    expect(readingsLikeYaml(shaped, 2000)).toBeGreaterThan(1000);
  });

  it("reads an edited text only when both YAML readers read it the same", () => {
    expect(readingsLikeYaml(edited, 3000)).toBeGreaterThan(300);
  });

  it.each([
    ["a number not as JSON writes it", "a: 1e5"],
    ["-0", "a: -0"],
    ["a space in the JSON", "a: [1, 2]"],
    ["a repeated key", "a: 1\na: 2"],
    ["a repeated key in JSON", 'a: {"b":1,"b":2}'],
    ["a key with nothing under it", "a:\nb: 1"],
    ["a field with nothing under it", "a:\n  b:\n  c: 1"],
    ["a comment", "a: 1 # note"],
    ["a plain scalar", "a: text"],
    ["a blank line", "a: 1\n\nb: 2"],
    ["a quoted key", '"a": 1'],
    ["__proto__", 'a: {"__proto__":1}'],
    ["an empty text", ""],
    ["JSON nested deeper than the fast reader reads", `a: ${"[".repeat(70)}${"]".repeat(70)}`],
  ])("leaves %s to the YAML readers", (_, text) => {
    expect(jsonLinesYaml(text)).toBeNull();
  });

  it("reads the YAML of the example's front matter and fenced blocks", async () => {
    const checked = await checkContent(CONTENT);
    const blocks = checked.documents.flatMap(({ markdown }) => [
      /^---\n([\s\S]*?)\n---\n/.exec(markdown)?.[1] ?? "",
      ...[...markdown.matchAll(/^```(?:figure|signature|signlines)\n([\s\S]*?)\n```$/gm)].map(
        (m) => m[1] as string,
      ),
    ]);
    const figures = checked.documents.reduce(
      (n, { markdown }) => n + (markdown.match(/^```figure$/gm)?.length ?? 0),
      0,
    );
    expect(figures).toBeGreaterThan(5);
    let read = 0;
    for (const text of blocks) {
      const got = jsonLinesYaml(text);
      // every front matter and figure is read; the signature lines are written by hand in the
      // template (`["考评人（签字）：", "审核人（签字）："]`, not as JSON.stringify writes)
      if (!text.startsWith("rows:")) expect(got, text.slice(0, 200)).not.toBeNull();
      if (got === null) continue;
      read++;
      expectYamlReads(text, got);
    }
    expect(read).toBeGreaterThan(figures + checked.documents.length - 1);
  });
});
