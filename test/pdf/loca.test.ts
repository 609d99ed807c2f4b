// A TrueType font's loca table (where each glyph record lies in glyf) is checked as each record
// is read, not all at once when the font is opened: the font opens, and verifyGlyphs (which an
// office's own font goes through before it is used) refuses it for the same entry, with the same
// message, as a check of every entry up front would.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shippedFontPath } from "../../src/pdf/fonts.ts";
import { FontFormatError, parseTrueType, verifyGlyphs } from "../../src/pdf/truetype.ts";

/** The shipped 黑体 (Noto Sans SC), a CJK TrueType font with a long-format loca. */
const FONT = readFileSync(shippedFontPath("黑体"));

/** Offset and length of table `tag` in a TrueType file. */
function table(bytes: Uint8Array, tag: string): { offset: number; length: number } {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < v.getUint16(4); i++) {
    const o = 12 + 16 * i;
    if (String.fromCharCode(...bytes.subarray(o, o + 4)) === tag)
      return { offset: v.getUint32(o + 8), length: v.getUint32(o + 12) };
  }
  throw new Error(`no ${tag} table`);
}

const loca = table(FONT, "loca");
const glyfLength = table(FONT, "glyf").length;
const head = table(FONT, "head");
const long = new DataView(FONT.buffer, FONT.byteOffset).getInt16(head.offset + 50) === 1;
const entries = loca.length / (long ? 4 : 2);

/** The font with loca entry `i` set to byte offset `value` (into glyf). */
function withEntry(i: number, value: number): Uint8Array {
  const bytes = Uint8Array.from(FONT);
  const v = new DataView(bytes.buffer);
  if (long) v.setUint32(loca.offset + 4 * i, value);
  else v.setUint16(loca.offset + 2 * i, value / 2);
  return bytes;
}

/** What a check of every entry up front says (the check fonts were opened with before). */
function upFront(bytes: Uint8Array): string | null {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let previous = 0;
  for (let i = 0; i < entries; i++) {
    const o = long ? v.getUint32(loca.offset + 4 * i) : v.getUint16(loca.offset + 2 * i) * 2;
    if (o < previous || o > glyfLength) return `字体的 loca 表不正确（第 ${i} 项）`;
    previous = o;
  }
  return null;
}

/** What verifyGlyphs says of the font, or null when it passes. */
function verified(bytes: Uint8Array): string | null {
  try {
    verifyGlyphs(parseTrueType(bytes));
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(FontFormatError);
    return (e as Error).message;
  }
}

describe("a damaged loca table", () => {
  it("opens, sets type, and is refused by verifyGlyphs for its first bad entry", () => {
    const v = new DataView(FONT.buffer, FONT.byteOffset);
    const at = (i: number) =>
      long ? v.getUint32(loca.offset + 4 * i) : v.getUint16(loca.offset + 2 * i) * 2;
    const i = Math.floor(entries / 2);
    const bad = withEntry(i, at(i - 1) - 2); // before the record in front of it
    const font = parseTrueType(bad);
    expect(font.glyphOf("信".codePointAt(0)!)).toBeGreaterThan(0);
    expect(() => verifyGlyphs(font)).toThrow(`字体的 loca 表不正确（第 ${i} 项）`);
    // the record it ends is refused when read, the others read as before
    expect(() => font.glyph(i - 1)).toThrow(`字体的 loca 表不正确（第 ${i} 项）`);
    expect(font.glyph(i - 2)).toEqual(parseTrueType(FONT).glyph(i - 2));
    // the last entry past the end of glyf
    expect(verified(withEntry(entries - 1, glyfLength + 2))).toBe(
      `字体的 loca 表不正确（第 ${entries - 1} 项）`,
    );
    expect(verified(FONT)).toBeNull();
  });

  it("is refused by verifyGlyphs with the message of the check of every entry up front", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: entries - 1 }),
        fc.integer({ min: 0, max: glyfLength / 2 + 8 }),
        (i, half) => {
          const bytes = withEntry(i, 2 * half);
          const before = upFront(bytes);
          const now = verified(bytes);
          // where the entry is in order the records may still be damaged: both find it then
          if (before !== null) expect(now).toBe(before);
          else if (now !== null) expect(now).not.toMatch(/loca/);
        },
      ),
      { numRuns: 40, seed: 14 },
    );
  });
});
