import { describe, expect, it } from "vitest";
import { resolveCoreScalar } from "../../src/load/core-schema.ts";
import { parseYamlFile } from "../../src/load/yaml.ts";

describe("YAML with positions", () => {
  it("reads dates quoted or unquoted as the same string (YAML 1.2 core schema)", () => {
    const f = parseYamlFile("a.yaml", "a: 2025-01-08\nb: '2025-01-08'\nt: 17:00\nq: \"17:00\"\n");
    expect(f.value).toEqual({ a: "2025-01-08", b: "2025-01-08", t: "17:00", q: "17:00" });
  });
  it("resolves core-schema scalars like the yaml package", () => {
    expect([
      resolveCoreScalar("true"),
      resolveCoreScalar("False"),
      resolveCoreScalar("~"),
      resolveCoreScalar(""),
    ]).toEqual([true, false, null, null]);
    expect([
      resolveCoreScalar("-3"),
      resolveCoreScalar("0.5"),
      resolveCoreScalar("0x1F"),
      resolveCoreScalar("1e3"),
    ]).toEqual([-3, 0.5, 31, 1000]);
    expect([
      resolveCoreScalar("yes"),
      resolveCoreScalar("on"),
      resolveCoreScalar("2025-W02"),
      resolveCoreScalar("县"),
    ]).toEqual(["yes", "on", "2025-W02", "县"]);
  });
  it("locates values and keys by path, and a missing field at its parent", () => {
    const text = "list:\n  - id: a\n    unit: 东山\n  - { id: b, unit: 西山 }\n";
    const f = parseYamlFile("x.yaml", text);
    expect(f.locate(["list", 0, "unit"])).toEqual({ file: "x.yaml", line: 3, col: 11 });
    expect(f.locate(["list", 0, "unit"], "key")).toEqual({ file: "x.yaml", line: 3, col: 5 });
    expect(f.locate(["list", 1, "unit"])).toEqual({ file: "x.yaml", line: 4, col: 20 });
    expect(f.locate(["list", 1, "level"])).toEqual({ file: "x.yaml", line: 4, col: 5 });
    const list = (f.value as { list: unknown[] }).list;
    expect([f.itemLine(list, 0), f.itemLine(list, 1)]).toEqual([2, 4]);
  });
  it("reports duplicate keys and syntax errors with positions", () => {
    expect(
      parseYamlFile("d.yaml", "a: 1\na: 2\n").diagnostics.map((d) => [d.code, d.position?.line]),
    ).toEqual([["yaml/duplicate-key", 2]]);
    const bad = parseYamlFile("s.yaml", "a:\n  - 1\n - 2\n");
    expect(bad.value).toBeUndefined();
    expect(bad.diagnostics[0]?.code).toBe("yaml/syntax");
  });
  it("ignores anchors and refuses aliases (test/load/yaml-limits.test.ts has the details)", () => {
    expect(parseYamlFile("a.yaml", "x: &v [1, 2]\ny: 3\n").value).toEqual({ x: [1, 2], y: 3 });
    const aliased = parseYamlFile("a.yaml", "x: &v [1, 2]\ny: *v\n");
    expect(aliased.value).toBeUndefined();
    expect(aliased.diagnostics.map((d) => d.code)).toEqual(["yaml/alias"]);
  });
});
