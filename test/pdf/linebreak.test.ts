// Chinese line breaking (禁则) with shipped fonts: what may start and end a line, squeezing and
// pulling, Latin words and numbers kept whole, long URLs still broken.
import { describe, expect, it } from "vitest";
import { CHAR } from "../../src/pdf/gbt9704.ts";
import { breakLines } from "../../src/pdf/linebreak.ts";
import type { BreakItem } from "../../src/pdf/linebreak.ts";
import { compose, shape } from "../../src/pdf/text.ts";
import type { Line } from "../../src/pdf/text.ts";
import { fonts } from "./support.ts";

const W = 28 * CHAR;
const NO_START = [..."，。、；：？！）】」』》…—"];
const NO_END = [..."（【「『《"];

function set(text: string, width = W, indent = 0): Line[] {
  const glyphs = shape({ fonts: fonts(), problems: [], where: "" }, [{ text, role: "仿宋" }], {
    size: 16,
    color: [0, 0, 0],
    grid: true,
  });
  return compose(glyphs, { width, indent });
}
const textOf = (l: Line) => l.glyphs.map((g) => g.text).join("");
const rightEdge = (l: Line) => (l.xs.at(-1) ?? 0) + (l.glyphs.at(-1)?.width ?? 0);

describe("禁则", () => {
  it("never starts a line with closing punctuation, whatever falls on the 29th cell", () => {
    for (const mark of NO_START) {
      const lines = set(`${"国".repeat(28)}${mark}${"家".repeat(40)}`);
      for (const l of lines.slice(1)) expect(NO_START).not.toContain(l.glyphs[0]!.text);
    }
  });

  it("never ends a line with opening punctuation", () => {
    for (const mark of NO_END) {
      const lines = set(`${"国".repeat(27)}${mark}社区）${"家".repeat(40)}`);
      for (const l of lines.slice(0, -1)) expect(NO_END).not.toContain(l.glyphs.at(-1)!.text);
    }
  });

  it("keeps —— and …… together and off the start of a line", () => {
    const lines = set(`${"国".repeat(27)}——${"家".repeat(30)}……${"民".repeat(30)}`);
    for (const l of lines) {
      expect(["—", "…"]).not.toContain(l.glyphs[0]!.text);
    }
    expect(lines.map(textOf).join("")).toContain("——");
  });

  it("squeezes a closing mark onto a line it overflows by at most half a character", () => {
    const lines = set(`${"国".repeat(27)}i。${"家".repeat(10)}`);
    expect(textOf(lines[0]!)).toBe(`${"国".repeat(27)}i。`);
    // the final 。 keeps its ink (the left half of its cell) inside the measure
    expect(lines[0]!.xs.at(-1)! + CHAR / 2).toBeLessThanOrEqual(W + 1e-6);
    expect(lines[0]!.xs.at(-1)!).toBeGreaterThan(W - CHAR);
  });

  it("pulls a character to the next line when squeezing cannot help, and stretches the rest", () => {
    const lines = set(`${"国".repeat(28)}。。。${"家".repeat(10)}`);
    expect(lines[1]!.glyphs[0]!.text).toBe("国");
    expect(textOf(lines[0]!)).toBe("国".repeat(27));
    expect(rightEdge(lines[0]!)).toBeCloseTo(W, 6);
  });

  it("keeps every line but the last justified to the grid", () => {
    const text =
      "各村（社区）要把信访工作摆上重要议事日程，主要负责人亲自抓、负总责，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调。".repeat(
        4,
      );
    const lines = set(text, W, 2 * CHAR);
    for (const l of lines.slice(0, -1)) {
      // a line ending in a squeezed mark may let its empty half-cell pass the edge
      expect(rightEdge(l)).toBeGreaterThan(W - 1e-3);
      expect(rightEdge(l)).toBeLessThanOrEqual(W + CHAR / 2 + 1e-3);
    }
  });
});

describe("Latin words and numbers", () => {
  it("sets digits half-width and keeps a number or word whole", () => {
    const lines = set(`${"国".repeat(25)}P-2025-0187号和2025年`);
    const all = lines.map(textOf);
    expect(all.some((t) => t.includes("P-2025-0187"))).toBe(true);
    const digit = shape(
      { fonts: fonts(), problems: [], where: "" },
      [{ text: "2", role: "仿宋" }],
      { size: 16, color: [0, 0, 0], grid: true },
    )[0]!;
    expect(digit.width).toBeLessThan(CHAR * 0.6);
  });

  it("still breaks a path or URL longer than a line, after a slash first", () => {
    const url =
      "https://example.gov.cn/xinfang/2025/notices/very-long-path/with/many/segments/index.html";
    const lines = set(`见${url}。`);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.map(textOf).join("")).toBe(`见${url}。`);
    for (const l of lines.slice(0, -1)) expect(rightEdge(l)).toBeLessThanOrEqual(W + 1e-6);
    expect(textOf(lines[0]!).endsWith("/")).toBe(true);
  });

  it("breaks anywhere in a number longer than the line", () => {
    const lines = set("1".repeat(80));
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(0, -1)) expect(rightEdge(l)).toBeLessThanOrEqual(W + 1e-6);
  });
});

describe("breakLines on abstract items", () => {
  it("fills each line to the measure and never exceeds it", () => {
    const items: BreakItem[] = Array.from({ length: 100 }, (_, i) => ({
      width: 10,
      noStart: i % 7 === 0,
    }));
    const lines = breakLines(items, { widths: () => 95, justify: true });
    for (const l of lines) {
      expect(items[l.start]!.noStart && l.start > 0).toBe(false);
      const last = l.end - 1;
      expect(l.xs.at(-1)! + items[last]!.width).toBeLessThanOrEqual(95 + 1e-9);
    }
    expect(lines.at(-1)!.end).toBe(100);
  });
});
