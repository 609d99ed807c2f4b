import { describe, expect, it } from "vitest";
import { maskPersonal } from "../../src/text/mask.ts";

describe("maskPersonal", () => {
  it("masks an 18-digit ID number, keeping the first 6 and last 4 characters", () => {
    expect(maskPersonal("身份证号110101199003071234。")).toBe("身份证号110101********1234。");
  });

  it("masks an ID number ending in X or x", () => {
    expect(maskPersonal("11010119900307123X")).toBe("110101********123X");
    expect(maskPersonal("11010119900307123x")).toBe("110101********123x");
  });

  it("masks a mobile number, keeping the first 3 and last 4 digits", () => {
    expect(maskPersonal("联系电话13812345678")).toBe("联系电话138****5678");
  });

  it("masks mobile numbers written with spaces, hyphens or a country code", () => {
    expect(maskPersonal("138 1234 5678")).toBe("138 **** 5678");
    expect(maskPersonal("138-1234-5678")).toBe("138-****-5678");
    expect(maskPersonal("+8613812345678")).toBe("+86138****5678");
    expect(maskPersonal("+86 138 1234 5678")).toBe("+86 138 **** 5678");
  });

  it("masks every occurrence in one text", () => {
    expect(maskPersonal("甲13912345678，乙15000001111，证件110101199003071234")).toBe(
      "甲139****5678，乙150****1111，证件110101********1234",
    );
  });

  it("leaves numbers that are not ID or mobile numbers alone", () => {
    for (const text of [
      "12345678901", // starts with 12: not a mobile prefix
      "1381234567", // 10 digits
      "138123456789", // 12 digits
      "1101011990030712345", // 19 digits
      "青政发〔2025〕7号",
      "P-2025-0001",
      "0571-88886666", // a landline
      "得分 96.50，金额 10000元",
      "2025-W02",
    ]) {
      expect(maskPersonal(text)).toBe(text);
    }
  });

  it("masks numbers written right after letters", () => {
    expect(maskPersonal("Tel13812345678")).toBe("Tel138****5678");
    expect(maskPersonal("ID110101199003071234")).toBe("ID110101********1234");
  });

  it("is idempotent", () => {
    const once = maskPersonal("13812345678 110101199003071234");
    expect(maskPersonal(once)).toBe(once);
  });
});
