// escapeMarkdown returns most field values as they are (nothing in them could change): it must
// give exactly what its replacements give (replaceAll), for any text. A replacement added without
// loosening MAY_CHANGE to match fails here.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeMarkdown, replaceAll as reference } from "../../src/render/markdown-escape.ts";

/** Characters that matter to one replacement or another, and ones that matter to none. */
const PIECES = [
  ..."\r\n\t \u3000\u00a0\\`*_[]<>|~&:/#+-=>.)(0123456789wWxa信访，。",
  "://",
  "www.",
  "WWW.",
  "Www.",
  "1.",
  "12)",
  "  #",
  "\r\n",
];

describe("escapeMarkdown", () => {
  it("gives what the replacements give, for any text of the characters they look at", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((a) => a.join("")),
        (text) => {
          expect(escapeMarkdown(text)).toBe(reference(text));
        },
      ),
      { numRuns: 20_000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        expect(escapeMarkdown(text)).toBe(reference(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it("returns plain values as they are and escapes the rest", () => {
    for (const plain of [
      "青禾镇人民政府",
      "2025年度",
      "P-2025-0001",
      "共12.5分",
      "a www b",
      "Ａ：／／",
    ])
      expect(escapeMarkdown(plain)).toBe(plain);
    expect(escapeMarkdown("1. 第一")).toBe("1\\. 第一");
    expect(escapeMarkdown("# 标题")).toBe("\\# 标题");
    expect(escapeMarkdown("见 https://x 和 www.y")).toBe("见 https\\://x 和 www\\.y");
    expect(escapeMarkdown("a\r\nb\rc\nd")).toBe("a b\rc d");
    expect(escapeMarkdown("<script>*&")).toBe("\\<script\\>\\*&amp;");
  });
});
