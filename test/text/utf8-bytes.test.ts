// The byte-level trim and length used by the CSV reader must agree with String#trim and
// String#length for every text, whatever spaces, line breaks and characters surround it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { trimmedEnd, trimmedStart, utf16Length } from "../../src/text/utf8-bytes.ts";

/** Every character String#trim removes, and neighbours that share their lead bytes. */
const SPACES = [
  ..."\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff",
  ...Array.from({ length: 11 }, (_, i) => String.fromCharCode(0x2000 + i)),
];
const LOOKALIKES = [
  ..."\u0085\u00a1\u00c2\u1681\u200b\u200c\u2027\u202a\u2060\u3001\u3002\ufeffa\ufe0f\uff09中a,é",
];
const char = fc.oneof(
  fc.constantFrom(...SPACES, ...LOOKALIKES, "😀", "𠀀"),
  fc.string({ unit: "grapheme", maxLength: 1 }),
);
const text = fc.array(char, { maxLength: 12 }).map((cs) => cs.join(""));

describe("UTF-8 bytes: trim and length", () => {
  it("trims as String#trim does and counts UTF-16 units as String#length does", () => {
    fc.assert(
      fc.property(text, text, text, (before, s, after) => {
        const pre = Buffer.from(before);
        const b = Buffer.concat([pre, Buffer.from(s), Buffer.from(after)]);
        const start = pre.length;
        const end = start + Buffer.byteLength(s);
        const ts = trimmedStart(b, start, end);
        const te = trimmedEnd(b, ts, end);
        expect(b.toString("utf8", ts, te)).toBe(s.trim());
        expect(utf16Length(b, start, end)).toBe(s.length);
      }),
      { numRuns: 3000 },
    );
  });
});
