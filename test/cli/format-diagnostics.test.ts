// Code frames: the source line with a caret under the offending column. A long line is cut to a
// readable width around that column (CJK characters take two columns), whatever its length.
import { describe, expect, it } from "vitest";
import { makeDiagnostic } from "../../src/diagnostics/catalog.ts";
import { FRAME_WIDTH, formatDiagnostic, frameSource } from "../../src/cli/format-diagnostics.ts";

const LINE = "abcdefghijklmnopqrstuvwxyz0123456789";

/** The frame as printed: the cut line, and the caret below it. */
function frame(line: string, col: number, width: number): string {
  const { text, caret } = frameSource(line, col, width);
  return `${text}\n${" ".repeat(caret)}^`;
}

describe("code frame of a long line", () => {
  it("shows a line that fits whole, caret under the column", () => {
    expect(frame(LINE, 19, 36)).toBe(`${LINE}\n                  ^`);
    expect(frame("单位：东山村", 4, 20)).toBe("单位：东山村\n      ^");
  });

  it("cuts around the column, with … on each side that was cut", () => {
    expect(frame(LINE, 19, 20)).toBe("…jklmnopqrstuvwxyz0…\n          ^");
  });

  it("gives the room a line's end leaves over to the text before the column", () => {
    expect(frame(LINE, 35, 20)).toBe("…stuvwxyz0123456789\n                 ^");
    expect(frame(LINE, 37, 20)).toBe("…stuvwxyz0123456789\n                   ^");
  });

  it("gives the room a line's start leaves over to the text after the column", () => {
    expect(frame(LINE, 3, 20)).toBe("abcdefghijklmnopqr…\n  ^");
  });

  it("counts CJK characters as two columns and never splits a surrogate pair", () => {
    const cjk = "一二三四五六七八九十".repeat(3);
    expect(frame(cjk, 16, 20)).toBe("…二三四五六七八九十…\n         ^");
    const astral = "𠀀".repeat(30);
    expect(frame(astral, 21, 20)).toBe(`…${"𠀀".repeat(9)}…\n         ^`);
  });

  it("prints a short frame of a 50 MB line with the error near its end", () => {
    const line = `${"x".repeat(50_000_000 - 10)}0123456789`;
    const d = makeDiagnostic("yaml/syntax", {
      position: { file: "reports/2025.yaml", line: 1, col: 50_000_000 - 4 },
      path: "",
      params: { problem: "unclosed-quote" },
    });
    const out = formatDiagnostic(d, { texts: new Map([["reports/2025.yaml", `${line}\n`]]) });
    expect(out.split("\n").slice(1, 3)).toEqual([
      `  1 | …${"x".repeat(108)}0123456789`,
      `    | ${" ".repeat(114)}^`,
    ]);
    expect(out.split("\n")[1]?.length).toBeLessThanOrEqual(FRAME_WIDTH + 6);
  });
});

describe("a diagnostic that points at a second place", () => {
  const text = [
    "petitions:",
    "  - { id: P-1, unit: dongshan }",
    "  - { id: P-1, unit: xishan }",
    "",
  ];
  const file = "ledger/2025/petitions.yaml";
  const d = makeDiagnostic("ref/duplicate-id", {
    position: { file, line: 3, col: 11 },
    path: "petitions.1.id",
    params: { id: "P-1", of: "record", first: { file, line: 2, col: 11 } },
  });

  it("shows both places, each with its code frame, the first occurrence named", () => {
    const out = formatDiagnostic(d, {
      prefix: "content/",
      texts: new Map([[file, text.join("\n")]]),
    });
    expect(out.split("\n")).toEqual([
      "content/ledger/2025/petitions.yaml:3:11  ref/duplicate-id  petitions.1.id  错误：编号“P-1”与第 2 行的记录重复",
      "  3 |   - { id: P-1, unit: xishan }",
      "    |           ^",
      "  首次出现：content/ledger/2025/petitions.yaml:2:11",
      "  2 |   - { id: P-1, unit: dongshan }",
      "    |           ^",
      `  提示：${d.hint}`,
    ]);
  });

  it("keeps to one line when compact (the message names the line)", () => {
    expect(formatDiagnostic(d, { compact: true }).split("\n")).toHaveLength(1);
  });
});
