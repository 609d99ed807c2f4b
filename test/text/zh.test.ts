import { describe, expect, it } from "vitest";
import { cnNumber, headingNumber, percent, percentDigits, zhDate } from "../../src/text/zh.ts";

describe("Chinese formatting", () => {
  it("dates without leading zeros", () => {
    expect(zhDate("2025-03-01")).toBe("2025年3月1日");
    expect(zhDate("2025-12-31")).toBe("2025年12月31日");
  });
  it("Chinese numerals for numbering", () => {
    expect([1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 115].map(cnNumber)).toEqual([
      "一",
      "九",
      "十",
      "十一",
      "十九",
      "二十",
      "二十一",
      "九十九",
      "一百",
      "一百零五",
      "一百一十",
      "一百一十五",
    ]);
  });
  it("heading numbers of the four levels", () => {
    expect([
      headingNumber(1, 3),
      headingNumber(2, 3),
      headingNumber(3, 3),
      headingNumber(4, 3),
    ]).toEqual(["三、", "（三）", "3.", "（3）"]);
  });
  it("rates with one decimal, half away from zero on the exact value", () => {
    expect(percent(184, 187)).toBe("98.4%");
    expect(percent(1, 8)).toBe("12.5%");
    expect(percent(1, 16)).toBe("6.3%"); // 6.25 → 6.3
    expect(percent(-1, 16)).toBe("-6.3%");
    expect(percent(0, 5)).toBe("0.0%");
    expect(percent(3, 0)).toBe("—");
  });
  it("rates with any number of decimals, rounded once on the exact fraction", () => {
    expect(percentDigits(184, 187, 0)).toBe("98");
    expect(percentDigits(184, 187, 2)).toBe("98.40");
    expect(percentDigits(1, 8, 0)).toBe("13"); // 12.5 → 13
    expect(percentDigits(1, 16, 2)).toBe("6.25");
    expect(percentDigits(1, 3, 2)).toBe("33.33");
    expect(percentDigits(2, 3, 2)).toBe("66.67");
    expect(percentDigits(-1, 8, 0)).toBe("-13");
    expect(percentDigits(1, 0)).toBeNull();
  });
});
