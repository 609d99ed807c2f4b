// The content-stream writer of paint.ts: its bytes are the text the operators were once joined
// as (a county's PDFs are byte-identical to that), numbers exactly as `n2` writes them.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ContentWriter } from "../../src/pdf/paint.ts";

/** How paint.ts writes a number in a content stream: hundredths, never "-0". */
const n2 = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? "0" : String(r);
};
const written = (w: ContentWriter) => Buffer.from(w.bytes()).toString("latin1");

describe("ContentWriter", () => {
  it("writes every number as n2 does", () => {
    const numbers = fc.oneof(
      fc.double({ noNaN: false }),
      fc.double({ min: -2000, max: 2000, noNaN: true }),
      fc.integer({ min: -100_000, max: 100_000 }).map((k) => k / 100),
      fc.integer({ min: -100_000, max: 100_000 }).map((k) => k / 100 + 0.005),
      fc.constantFrom(0, -0, 0.004, -0.004, 0.005, -0.005, 1e15, -1e21, 1e-7, Infinity, -Infinity),
    );
    fc.assert(
      fc.property(fc.array(numbers, { maxLength: 20 }), (vs) => {
        const w = new ContentWriter();
        for (const v of vs) {
          w.num(v);
          w.text(" ");
        }
        expect(written(w)).toBe(vs.map((v) => `${n2(v)} `).join(""));
      }),
      { numRuns: 2000 },
    );
  });

  it("writes text, hex codes and a repeat, growing past its first buffer", () => {
    const w = new ContentWriter();
    let expected = "";
    for (let i = 0; i < 20_000; i++) {
      w.text("[<");
      w.hex4(i * 7);
      w.text(">] TJ\n");
      expected += `[<${((i * 7) & 0xffff).toString(16).padStart(4, "0")}>] TJ\n`;
    }
    const from = w.length;
    w.text("1 0 0 -1 12.5 30 Tm");
    w.again(from, w.length);
    expected += "1 0 0 -1 12.5 30 Tm".repeat(2);
    expect(written(w)).toBe(expected);
    w.reset();
    w.text("BT\n");
    expect(written(w)).toBe("BT\n");
  });
});
