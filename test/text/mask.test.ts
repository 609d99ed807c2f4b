// maskPersonal: the forms offices type personal numbers in are masked, the numbers of ordinary
// office text are not. Tables for the named forms, fast-check properties for both directions.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mayHoldPersonalNumber, maskPersonal, maskPersonalMarkdown } from "../../src/text/mask.ts";

const FULL = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));

/** The digits of a text in ASCII, everything else dropped: how a reader would copy a number. */
function digitsOf(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFKC")) {
    if (/[0-9]/.test(ch)) out += ch;
    else if (/[Xx]/.test(ch)) out += "X";
  }
  return out;
}

describe("maskPersonal: the forms offices type", () => {
  it.each([
    ["身份证号110101199003071234。", "身份证号110101********1234。"],
    ["11010119900307123X", "110101********123X"],
    ["11010119900307123x", "110101********123X"],
    ["联系电话13812345678", "联系电话138****5678"],
    ["甲13912345678，乙15000001111", "甲139****5678，乙150****1111"],
    ["Tel13812345678", "Tel138****5678"],
    ["ID110101199003071234", "ID110101********1234"],
    // full-width digits and X, as a Chinese IME types them
    [FULL("电话13812345678"), "电话138****5678"],
    [`${FULL("11010119900307123")}Ｘ`, "110101********123X"],
    [`${FULL("11010119900307123")}ｘ`, "110101********123X"],
    // mobile numbers in groups
    ["138 1234 5678", "138****5678"],
    ["138-1234-5678", "138****5678"],
    ["138－1234－5678", "138****5678"],
    ["138–1234–5678", "138****5678"],
    ["138—1234—5678", "138****5678"],
    ["138　1234　5678", "138****5678"],
    ["138.1234.5678", "138****5678"],
    ["138 - 1234 - 5678", "138****5678"],
    ["1381 234 5678", "138****5678"],
    ["1381234 5678", "138****5678"],
    ["138\u200b1234\u200b5678", "138****5678"],
    ["138\n1234\n5678", "138****5678"],
    [FULL("138 1234 5678"), "138****5678"],
    // country prefixes
    ["+8613812345678", "+86138****5678"],
    ["＋8613812345678", "＋86138****5678"],
    ["+86 138 1234 5678", "+86 138****5678"],
    ["+86-138-1234-5678", "+86-138****5678"],
    ["008613812345678", "0086138****5678"],
    ["0086 13812345678", "0086 138****5678"],
    ["8613812345678", "86138****5678"],
    ["（+86）13812345678", "（+86）138****5678"],
    // ID numbers in groups
    ["110101 19900101 1234", "110101********1234"],
    ["110101-19900101-123X", "110101********123X"],
    ["110101－19900101－123Ｘ", "110101********123X"],
    ["110101　19900101　1234", "110101********1234"],
    ["110101 1990 0101 1234", "110101********1234"],
    ["110 101 1990 0101 1234", "110101********1234"],
    ["1101 0119 9001 0112 34", "110101********1234"],
    [FULL("110101 19900101 1234"), "110101********1234"],
    // mixed separators are masked when the check character is right (GB 11643)
    ["110101 19900307-1233", "110101********1233"],
    // numbers followed by more text, words or another number
    ["电话13812345678 7件", "电话138****5678 7件"],
    ["13812345678X", "138****5678X"],
    ["13812345678 110101199003071234", "138****5678 110101********1234"],
  ])("%s → %s", (input, expected) => {
    expect(maskPersonal(input)).toBe(expected);
  });
});

describe("maskPersonal: ordinary numbers stay", () => {
  it.each([
    "12345678901", // starts with 12: not a mobile prefix
    "1381234567", // 10 digits
    "138123456789", // 12 digits in a row
    "1101011990030712345", // 19 digits in a row
    "13 8123 45678", // a 2-digit group
    "110101 19900307-1234", // mixed separators, wrong check character
    "110101 19901301 1234", // month 13: not a birth date
    "010101 19900101 1234", // leading 0
    "2025-01-08",
    "2025-01-08 至 2025-12-31",
    "2025.01.08",
    "2025年1月8日",
    "2025-10-05 2020-03-08 2025-04-01",
    "- 2025-10-05\n- 2020-03-08\n- 2025-04-01",
    "12,000",
    "1,234,567.89元",
    "13,812,345,678元",
    "青政发〔2025〕3号",
    "P-2025-0001",
    "0571-88886666",
    "(0571) 8888 6666",
    "13:45",
    "2025-01-10T16:30",
    "得分 96.50，金额 10000元",
    "13.5 14.5 15.5 16.5",
    "2025-W02",
    "第13、14、15条",
    "192.168.100.200",
  ])("%s", (text) => {
    expect(maskPersonal(text)).toBe(text);
  });
});

describe("maskPersonal: long and hostile texts", () => {
  it("reads a long text in one linear pass (no backtracking, no stack overflow)", () => {
    const spaced = "1 ".repeat(1_000_000);
    expect(maskPersonal(spaced)).toBe(spaced);
    const grouped = "138 ".repeat(300_000);
    expect(maskPersonal(grouped)).toBe(grouped);
    const numbers = "13812345678，".repeat(100_000);
    expect(maskPersonal(numbers)).toBe("138****5678，".repeat(100_000));
  });

  it("masks a number a mask's kept digits would form with the next groups", () => {
    // 13812341385 is masked first; 1385 1234 567 is a second reading of the same digits
    const out = maskPersonal("13812341385 1234 567");
    expect(digitsOf(out)).not.toContain("13851234567");
    expect(maskPersonal(out)).toBe(out);
  });
});

describe("maskPersonalMarkdown", () => {
  it("escapes the mask's asterisks so they print as asterisks", () => {
    expect(maskPersonalMarkdown("电话13812345678和13912345678。")).toBe(
      "电话138\\*\\*\\*\\*5678和139\\*\\*\\*\\*5678。",
    );
    expect(maskPersonalMarkdown("证件110101199003071234")).toBe(
      "证件110101\\*\\*\\*\\*\\*\\*\\*\\*1234",
    );
  });

  it("sees through emphasis, code marks, escapes and character references inside a number", () => {
    for (const md of [
      "138**1234**5678",
      "138_1234_5678",
      "`138`12345678",
      "138\\-1234\\-5678",
      "&#49;3812345678",
      "&#x31;&#x33;812345678",
      "138&nbsp;1234&nbsp;5678",
    ])
      expect(maskPersonalMarkdown(md), md).toContain("138\\*\\*\\*\\*5678");
  });

  it("leaves Markdown without personal numbers as it is", () => {
    for (const md of ["**2025年**共受理13件", "1. 第一项\n2. 第二项", "&#49;2件", "a_b_c"])
      expect(maskPersonalMarkdown(md)).toBe(md);
  });
});

// --- properties ------------------------------------------------------------------------------

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const digits = (n: number) =>
  fc.array(digit, { minLength: n, maxLength: n }).map((a) => a.join(""));

const mobileNumber = fc
  .tuple(fc.integer({ min: 3, max: 9 }), digits(9))
  .map(([b, rest]) => `1${b}${rest}`);

const idNumber = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    digits(5),
    fc.integer({ min: 1900, max: 2099 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
    digits(3),
    fc.constantFrom(..."0123456789X"),
  )
  .map(
    ([a, region, y, m, d, seq, check]) =>
      `${a}${region}${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}${seq}${check}`,
  );

const SEPARATORS = [" ", "-", "－", "–", "—", "\u3000", ".", "  ", " - ", "\u200b", "\n"];
const separator = fc.constantFrom(...SEPARATORS);

/** Split `n` characters into groups of at least `min`. */
const grouping = (n: number, min: number) =>
  fc.array(fc.integer({ min, max: n }), { maxLength: 5 }).map((sizes) => {
    const out: number[] = [];
    let left = n;
    for (const s of sizes) {
      if (left - s < min) break;
      out.push(s);
      left -= s;
    }
    return [...out, left];
  });

/** Writes `number` in groups with separators, each digit ASCII or full-width. */
function written(number: string, sizes: number[], seps: string[], widths: boolean[]): string {
  const chars = [...number].map((c, i) =>
    widths[i % widths.length] ? (c === "X" ? "Ｘ" : FULL(c)) : c,
  );
  const parts: string[] = [];
  let at = 0;
  sizes.forEach((s, i) => {
    if (i > 0) parts.push(seps[(i - 1) % seps.length] as string);
    parts.push(chars.slice(at, at + s).join(""));
    at += s;
  });
  return parts.join("");
}

/** Text around a number: no digits, no X (so nothing joins it). */
const around = fc
  .array(fc.constantFrom(..."电话证件号码：，。、（）是为请联系 abcTel:"), { maxLength: 6 })
  .map((a) => a.join(""));

const widths = fc.array(fc.boolean(), { minLength: 1, maxLength: 4 });

describe("maskPersonal: properties", () => {
  it("masks every mobile number, however grouped, separated, prefixed and wide", () => {
    fc.assert(
      fc.property(
        mobileNumber,
        grouping(11, 3),
        fc.array(separator, { minLength: 1, maxLength: 4 }),
        widths,
        fc.constantFrom("", "+86", "＋86", "0086", "86", "+86 ", "0086-", "（+86）"),
        around,
        around,
        (n, sizes, seps, w, prefix, before, after) => {
          const text = `${before}${prefix}${written(n, sizes, seps, w)}${after}`;
          const out = maskPersonal(text);
          expect(out).toContain(`${n.slice(0, 3)}****${n.slice(7)}`);
          expect(digitsOf(out)).not.toContain(n);
          expect(out.slice(0, before.length)).toBe(before);
          expect(out.endsWith(after)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("masks every ID number, in one run or grouped with one kind of separator", () => {
    fc.assert(
      fc.property(
        idNumber,
        grouping(18, 2),
        separator,
        widths,
        around,
        around,
        (id, sizes, sep, w, before, after) => {
          const text = `${before}${written(id, sizes, [sep], w)}${after}`;
          const out = maskPersonal(text);
          expect(out).toContain(`${id.slice(0, 6)}********${id.slice(14)}`);
          expect(digitsOf(out)).not.toContain(id);
          expect(digitsOf(out)).not.toContain(id.slice(6, 14));
        },
      ),
      { numRuns: 2000 },
    );
  });

  const date = fc
    .tuple(
      fc.integer({ min: 1990, max: 2030 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 1, max: 28 }),
    )
    .chain(([y, m, d]) => {
      const mm = String(m).padStart(2, "0");
      const dd = String(d).padStart(2, "0");
      return fc.constantFrom(`${y}-${mm}-${dd}`, `${y}.${mm}.${dd}`, `${y}年${m}月${d}日`);
    });
  const time = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);
  const money = fc
    .integer({ min: 0, max: 2_000_000_000 })
    .map((n) => `${n.toLocaleString("en-US")}元`);
  const docNumber = fc
    .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 300 }))
    .map(([y, n]) => `青政发〔${y}〕${n}号`);
  const landline = fc
    // a local number never starts with 0 or 1
    .tuple(fc.constantFrom("010", "021", "0571", "0755"), fc.integer({ min: 2, max: 8 }), digits(7))
    .map(([a, first, n]) => `${a}-${first}${n}`);
  const decimal = fc
    .tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }))
    .map(([a, b]) => `${a}.${b}`);
  const week = fc
    .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 53 }))
    .map(([y, w]) => `${y}-W${String(w).padStart(2, "0")}`);
  const count = fc.integer({ min: 0, max: 9999 }).map((n) => `${n}件`);
  const ordinary = fc.oneof(date, time, money, docNumber, landline, decimal, week, count);

  /** GB 11643's check character, computed here independently of mask.ts. */
  const checkCharacter = (first17: string) =>
    "10X98765432"[
      [...first17].reduce((sum, d, k) => sum + Number(d) * (2 ** (17 - k) % 11), 0) % 11
    ];

  /**
   * Masks `text` and checks that it is unchanged but for at most one number: 18 digits in groups
   * with mixed separators whose check character is right. Returns whether one was masked.
   */
  const maskedOnlyAnIdShapedChain = (text: string): boolean => {
    const out = maskPersonal(text);
    if (out === text) return false;
    // the one changed span: what it was, and what it became
    let head = 0;
    while (text[head] === out[head]) head++;
    let tail = 0;
    while (tail < out.length - head && text.at(-1 - tail) === out.at(-1 - tail)) tail++;
    // widen to whole digit groups (the masked number may share digits with its neighbours)
    while (head > 0 && /\d/.test(text[head - 1] as string)) head--;
    while (tail > 0 && /\d/.test(text.at(-tail) as string)) tail--;
    const was = text.slice(head, text.length - tail);
    const id = was.replace(/\D/g, "");
    expect(id, was).toHaveLength(18);
    expect(out.slice(head, out.length - tail)).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
    expect(checkCharacter(id.slice(0, 17)), was).toBe(id[17]);
    expect(new Set(was.match(/\D/g)).size, was).toBeGreaterThan(1);
    return true;
  };

  it("leaves dates, times, money, document numbers, landlines and counts alone", () => {
    // Items joined by a space or a line break can chain into 18 digits in groups. The rule masks
    // such a chain, written with mixed separators, when its check character is right (masking
    // too much is the safe side; seen once in CI: "20 26.44 2020-04-13 0755", far fewer than
    // one text in 300,000 here). Apart from that, nothing is touched.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(ordinary, fc.constantFrom(" ", "，", "、", "\n", " 至 ", "；")), {
          minLength: 1,
          maxLength: 8,
        }),
        (items) => {
          maskedOnlyAnIdShapedChain(items.map(([item, sep]) => item + sep).join(""));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("masks a list of figures that happens to read as an ID number with the right check", () => {
    const text = "12:20 26.44 2020-04-13 0755-2345678；8件";
    expect(checkCharacter("20264420200413075")).toBe("5");
    expect(maskPersonal(text)).toBe("12:202644********0755-2345678；8件");
    expect(maskedOnlyAnIdShapedChain(text)).toBe(true);
    // one digit more or a wrong check character: left alone
    expect(maskedOnlyAnIdShapedChain("12:20 26.44 2020-04-13 07551；8件")).toBe(false);
    expect(maskedOnlyAnIdShapedChain("12:20 26.44 2020-04-13 0756；8件")).toBe(false);
  });

  it("is idempotent and changes nothing outside digits and separators", () => {
    const alphabet = fc.constantFrom(..."0123456789０１３８ -.X　电话，+");
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((a) => a.join("")),
        (text) => {
          const once = maskPersonal(text);
          expect(maskPersonal(once)).toBe(once);
          if (!/[0-9０-９]/.test(text)) expect(once).toBe(text);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("passes over no text that masking would change (the quick test before masking)", () => {
    // Chains of digit groups that often make numbers: groups of 1–12 digits starting with any
    // digit (0, 1 and 8 begin the prefixes), joined by separators or broken by other text.
    const group = fc
      .tuple(fc.constantFrom(..."0123456789１８０"), fc.array(digit, { maxLength: 11 }))
      .map(([first, rest]) => first + rest.join(""));
    const joint = fc.constantFrom(
      " ",
      "-",
      "－",
      "  ",
      " - ",
      "\u200b",
      "\n",
      "*",
      "**",
      "_",
      "电",
      "+",
      "X",
      "     ",
    );
    const texts = fc
      .array(fc.tuple(group, joint), { minLength: 1, maxLength: 6 })
      .map((parts) => parts.map(([g, j]) => g + j).join(""));
    let skippedWithDigits = 0;
    let masked = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const plain = maskPersonal(text);
        const md = maskPersonalMarkdown(text);
        if (plain !== text) masked++;
        if (!mayHoldPersonalNumber(text)) {
          expect(plain).toBe(text);
          if ((text.match(/[0-9０-９]/g) ?? []).length >= 11) skippedWithDigits++;
        }
        if (!mayHoldPersonalNumber(text, true)) expect(md).toBe(text);
      }),
      { numRuns: 20000 },
    );
    // Neither side is empty: numbers are found, and texts of 11 digits or more are passed over.
    expect(masked).toBeGreaterThan(400);
    expect(skippedWithDigits).toBeGreaterThan(1000);
    expect(mayHoldPersonalNumber("P-2025-0000001")).toBe(false);
    expect(mayHoldPersonalNumber("P-2025-138-1234-5678")).toBe(true);
  });
});
