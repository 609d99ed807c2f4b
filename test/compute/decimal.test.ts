import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DecSum,
  add,
  cmp,
  dec,
  mul,
  round,
  toFixed2,
  toNumber2,
  toText,
} from "../../src/compute/decimal.ts";

describe("exact decimals", () => {
  it("adds without binary error: 0.1 + 0.2 = 0.3", () => {
    expect(toText(add(dec(0.1), dec(0.2)))).toBe("0.3");
  });
  it("multiplies factors exactly", () => {
    expect(toText(mul(mul(mul(dec(-3), dec(0.5)), dec(0.5)), dec(2)))).toBe("-1.5");
    expect(toText(mul(dec("1.1"), dec("1.1")))).toBe("1.21");
  });
  it("reads exponent notation", () => {
    expect(toText(dec(1e-7))).toBe("0.0000001");
    expect(toText(dec("2.5e3"))).toBe("2500");
  });
  it("rounds half away from zero, at two decimals", () => {
    expect(toFixed2(dec("99.995"))).toBe("100.00");
    expect(toFixed2(dec("-0.005"))).toBe("-0.01");
    expect(toFixed2(dec("0.004"))).toBe("0.00");
    expect(toFixed2(dec("-0.004"))).toBe("0.00");
    expect(toNumber2(dec("2.675"))).toBe(2.68);
    expect(toText(round(dec("-1.125"), 2))).toBe("-1.13");
  });
  it("compares exact values", () => {
    expect(cmp(dec("99.995"), dec(100))).toBe(-1);
    expect(cmp(dec("1.50"), dec(1.5))).toBe(0);
  });
  it("sums many values as adding them one by one does, past the safe integers too", () => {
    const value = fc.oneof(
      fc.tuple(fc.integer({ min: -20000, max: 20000 }), fc.integer({ min: 0, max: 4 })),
      fc.tuple(fc.constantFrom(2 ** 53 - 1, -(2 ** 53) + 1, 2 ** 52, 2 ** 60), fc.nat(3)),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (xs) => {
        const ds = xs.map(([n, scale]) => dec(`${BigInt(n)}e-${scale}`));
        const sum = new DecSum();
        let expected = dec(0);
        for (const d of ds) {
          sum.add(d);
          expected = add(expected, d);
        }
        expect(sum.value()).toEqual(expected);
      }),
    );
  });
});
