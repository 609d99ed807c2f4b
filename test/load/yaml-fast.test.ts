// The fast reader must give exactly what the general reader gives (values and item lines), and
// must actually be used for the ledgers it exists for.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { SourceFile } from "../../src/load/source-file.ts";
import { fastYaml } from "../../src/load/yaml-fast.ts";
import { parseYamlFile } from "../../src/load/yaml.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : p.endsWith(".yaml") ? [p] : [];
  });
}

/** Item lines of every sequence, in document order, for comparing two readings. */
function itemLines(src: SourceFile): number[] {
  const out: number[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push(src.itemLine(v, i));
        walk(x);
      });
    } else if (v !== null && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  walk(src.value);
  return out;
}

/** Every path of a value, plus one missing child per collection. */
function paths(
  v: unknown,
  base: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(base);
  if (Array.isArray(v)) {
    v.forEach((x, i) => paths(x, [...base, i], out));
    out.push([...base, v.length]);
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) paths(x, [...base, k], out);
    out.push([...base, "没有的字段"]);
  }
  return out;
}

function sameReading(text: string): boolean {
  const fast = fastYaml(text);
  if (fast === null) return false;
  const quick = parseYamlFile("x.yaml", text);
  const general = parseYamlFile("x.yaml", text, { fast: false });
  expect(general.diagnostics).toEqual([]);
  expect(quick.value).toEqual(general.value);
  expect(itemLines(quick)).toEqual(itemLines(general));
  for (const path of paths(general.value)) {
    expect(quick.locate(path), JSON.stringify(path)).toEqual(general.locate(path));
    expect(quick.locate(path, "key"), JSON.stringify(path)).toEqual(general.locate(path, "key"));
  }
  return true;
}

describe("fast YAML reader", () => {
  it("reads every ledger of the example content, exactly as the general reader does", () => {
    for (const f of yamlFiles(join(ROOT, "content", "ledger")))
      expect(sameReading(readFileSync(f, "utf8")), f).toBe(true);
  });

  it("reads a plain scalar with a comment after it, as offices annotate their files", () => {
    for (const text of [
      "unset_cells: zero                # empty cells score 0\n",
      "a: 1 # one\nb: 县   # 补录\n",
      "items:\n  - x  # first\n  - y\n",
      "a:\n  b: c d   # e #f\n  g: h#i\n",
    ])
      expect(sameReading(text), JSON.stringify(text)).toBe(true);
  });

  it("agrees with the general reader on every YAML file of the repository it accepts", () => {
    const files = [...yamlFiles(join(ROOT, "content")), ...yamlFiles(join(ROOT, "test"))];
    let read = 0;
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      const general = parseYamlFile("x.yaml", text, { fast: false });
      if (general.diagnostics.length > 0) {
        expect(fastYaml(text), `${f} has problems: the general reader must report them`).toBeNull();
        continue;
      }
      if (sameReading(text)) read++;
    }
    expect(read).toBeGreaterThan(files.length / 2);
  });

  it("hands tricky documents to the general reader", () => {
    for (const text of [
      "a: >\n  folded\n",
      "a: |+\n  kept\n\n",
      "a: |2\n  indicated\n",
      "a: | # note\n  block\n",
      "a: |\n  no line break at the end",
      "a: |\n\n  leading blank\n",
      "- |\n  in a sequence\n",
      "a: b\n  continued\n",
      "a: &x 1\nb: *x\n",
      "a: !!str 1\n",
      "a: 1\na: 2\n",
      "---\na: 1\n",
      "a:\tb\n",
      "a: [1,\n  2]\n",
      'a: "x\\q"\n',
      "? complex\n: key\n",
      "a: b: c\n",
      "",
      "# only a comment\n",
    ]) {
      expect(fastYaml(text), JSON.stringify(text)).toBeNull();
    }
  });

  it("reads what it accepts exactly like the general reader (random documents)", () => {
    const scalar = fc.oneof(
      fc.constantFrom(
        "2025-01-08",
        "17:00",
        "县",
        "P-2025-0001",
        "a: b",
        "x #y",
        "#c",
        "-",
        "-5",
        "0.5",
        "true",
        "null",
        "~",
        "'q'",
        '"q"',
        "[x]",
        "{x}",
        "a,b",
        "",
        " lead",
        "trail ",
        "it's",
        "C:\\dir",
        "東山村",
        // multi-line: written as block scalars (`|`, `|-`, `|+`) where the writer can
        "一、总体要求\n二、工作任务\n",
        "第一段\n\n第二段",
        "  缩进的行\n顶格的行\n",
        "line\n  more indented\n# not a comment\n",
        "ends with blanks\n\n\n",
        "x\n",
        "\nstarts blank\n",
        "a: b\n- c\n",
      ),
      fc.string({ maxLength: 8 }),
      fc.integer({ min: -5, max: 50 }),
      fc.double({ noNaN: true, min: -10, max: 10 }),
      fc.boolean(),
      fc.constant(null),
    );
    const key = fc.constantFrom(
      "id",
      "date",
      "unit",
      "level",
      "form",
      "absent",
      "a b",
      "2025",
      "x:y",
      "true",
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        scalar,
        tie("list"),
        tie("map"),
      ),
      list: fc.array(tie("node"), { maxLength: 4 }),
      map: fc.dictionary(key, tie("node"), { maxKeys: 5 }),
    })).node;
    const options = fc.record({
      collectionStyle: fc.constantFrom("any", "block", "flow") as fc.Arbitrary<
        "any" | "block" | "flow"
      >,
      defaultStringType: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE") as fc.Arbitrary<
        "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE"
      >,
      indentSeq: fc.boolean(),
      lineWidth: fc.constant(0),
      comment: fc.boolean(),
    });
    let accepted = 0;
    fc.assert(
      fc.property(fc.dictionary(key, value, { minKeys: 1, maxKeys: 6 }), options, (doc, o) => {
        let text = stringify(doc, {
          collectionStyle: o.collectionStyle,
          defaultStringType: o.defaultStringType,
          indentSeq: o.indentSeq,
          lineWidth: o.lineWidth,
        });
        if (o.comment) text = `# 注释\n${text.replace(/\n/, "  # 行尾注释\n")}`;
        const general = parseYamlFile("x.yaml", text, { fast: false });
        if (general.diagnostics.length > 0) expect(fastYaml(text)).toBeNull();
        else if (sameReading(text)) accepted++;
      }),
      { numRuns: Number(process.env.FAST_YAML_RUNS ?? 1500) },
    );
    expect(accepted).toBeGreaterThan(300);
  });
});
