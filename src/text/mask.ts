// Masking of personal numbers in free text (SPEC §1, privacy by design): 18-character resident ID
// numbers keep their first 6 and last 4 characters (110101********1234), mainland mobile numbers
// their first 3 and last 4 digits (138****5678). Pure: text in, text out.
//
// What counts as a number, as offices type them:
// - digits: the decimal digits of any script (ASCII, full-width １３８ from a Chinese IME, …), and
//   the ID check character X in either width and case;
// - separators between groups of digits, a run of up to four: spaces (also U+3000 and no-break
//   spaces), tabs and line breaks, hyphens and dashes (- － ‐ – — −), dots (. ． · ・) and
//   invisible characters (zero-width space, soft hyphen);
// - a mobile number: 1[3-9] and 9 more digits, in one run or in groups of at least 3 digits
//   (138 1234 5678, 1381-234-5678), also after +86, 0086 or 86 (fused too: +8613812345678);
// - an ID number: 17 digits and a digit or X in one run (always masked), or in groups of at least
//   2 digits (110101 19900101 1234, 110101-19900101-123X) when the first digit is not 0, the
//   characters 7–14 are a birth date (19xx/20xx, month 01–12, day 01–31) and the separators are
//   of one kind (or the check character is right).
// A number is never part of a longer run of digits (12 digits in a row are not a mobile number,
// 19 not an ID number) and is made of whole groups, so 2025-01-08, 12,000, 13:45, 0571-88886666,
// 13.5 14.5 15.5 16.5 and 青政发〔2025〕3号 are left alone. The masked number is written in ASCII
// without separators; a country prefix fused to it is kept (in ASCII).
//
// Masking too much is the safe side: a 17-digit serial number with an X, or a list of numbers
// that happens to group like a mobile number, is masked too.

const SEPARATOR_CHARS =
  " \\t\\r\\n\\u00a0\\u00ad\\u2000-\\u200d\\u202f\\u205f\\u2060\\u3000\\ufeff" +
  "\\-\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff0d" +
  ".\\uff0e\\u00b7\\u30fb\\uff65";

/** Markdown may hide a separator behind emphasis, code or a backslash: 138**1234**5678. */
const MARKDOWN_SEPARATOR_CHARS = `${SEPARATOR_CHARS}*_~\`\\\\`;

/** Separators in a row between two groups of digits, at most. */
const PLAIN_RUN = 4;
const MARKDOWN_RUN = 6;

const DIGIT = /\p{Nd}/u;

/** The ASCII value of a decimal digit of any script (Unicode encodes them 0–9 in runs of ten). */
function digitValue(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  if (cp <= 0x39) return ch;
  if (cp >= 0xff10 && cp <= 0xff19) return String(cp - 0xff10);
  let start = cp;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return String((cp - start) % 10);
}

interface Group {
  /** ASCII digits of the group. */
  digits: string;
  /** Offsets in the text: the digits span [start, end). */
  start: number;
  end: number;
  /** The kind of separator before the group (see `separatorKind`); "" for the first. */
  sep: string;
  /** The chain's last group may end in the ID check character X (then at `end`, 1 unit). */
  x: boolean;
}

const kinds = new Map<string, string>();

/** Separators that look alike are one kind: " - " is "-", 138 1234  5678 uses one kind. */
function separatorKind(sep: string): string {
  const known = kinds.get(sep);
  if (known !== undefined) return known;
  const kind = sep
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, "")
    .replace(/[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g, "-")
    .replace(/[.\uff0e\u00b7\u30fb\uff65]/g, ".")
    .replace(/[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, " ")
    .replace(/^ (?=.)|(?<=.) $/gs, "");
  if (kinds.size < 1000) kinds.set(sep, kind);
  return kind;
}

const MOBILE = /^1[3-9]\d{9}$/;

function plausibleBirthDate(id: string): boolean {
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  return /^(19|20)$/.test(id.slice(6, 8)) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The check character of GB 11643 (ISO 7064 MOD 11-2) is right. */
function checksumOk(id: string): boolean {
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += Number(id[k]) * (WEIGHTS[k] as number);
  return "10X98765432"[sum % 11] === id[17];
}

interface Hit {
  /** Index of the last group of the number. */
  last: number;
  start: number;
  end: number;
  text: string;
}

/** An ID number beginning with group i: 18 characters over whole groups. */
function idFrom(groups: readonly Group[], i: number, mask: Mask): Hit | null {
  let digits = "";
  for (let j = i; j < groups.length; j++) {
    const g = groups[j] as Group;
    digits += g.digits;
    const check = digits.length === 17 && g.x;
    // In groups, every group has 2 digits or more (the last may be 1 and the X).
    if (digits.length < 18 && g.digits.length < 2 && !check) return null;
    if (digits.length < 17 || (digits.length === 17 && !check)) continue;
    if (digits.length > 18) return null;
    const id = check ? `${digits}X` : digits;
    if (j > i) {
      if (!/^[1-9]/.test(id) || !plausibleBirthDate(id)) return null;
      const sep = (groups[i + 1] as Group).sep;
      let oneKind = true;
      for (let k = i + 2; k <= j; k++) oneKind &&= (groups[k] as Group).sep === sep;
      if (!oneKind && !checksumOk(id)) return null;
    }
    return {
      last: j,
      start: (groups[i] as Group).start,
      end: g.end + (check ? 1 : 0),
      text: mask(`${id.slice(0, 6)}********${id.slice(14)}`),
    };
  }
  return null;
}

/** A mobile number beginning with group i, possibly after a fused 86 or 0086 prefix. */
function mobileFrom(groups: readonly Group[], i: number, mask: Mask): Hit | null {
  // A number starts 1[3-9], 86 or 0086; in groups, every group has 3 digits or more.
  const first = (groups[i] as Group).digits;
  if (first.length < 3 || !/^(?:1[3-9]|86|00)/.test(first)) return null;
  let digits = "";
  for (let j = i; j < groups.length; j++) {
    const g = groups[j] as Group;
    if (g.digits.length < 3) return null;
    digits += g.digits;
    if (digits.length > 15) return null;
    if (digits.length < 11) continue;
    for (const prefix of ["", "86", "0086"]) {
      if (digits.length !== 11 + prefix.length || !digits.startsWith(prefix)) continue;
      // the digits of the first group after a fused prefix
      const own = first.length - prefix.length;
      if (own <= 0 || (j > i && own < 3)) continue;
      const number = digits.slice(prefix.length);
      if (!MOBILE.test(number)) continue;
      return {
        last: j,
        start: (groups[i] as Group).start,
        end: g.end,
        text: prefix + mask(`${number.slice(0, 3)}****${number.slice(7)}`),
      };
    }
  }
  return null;
}

type Mask = (masked: string) => string;

/** How a UTF-16 code unit can take part in a number (bits of the lookup table). */
const DIGIT_UNIT = 1;
const SEPARATOR_UNIT = 2;
const MARKDOWN_SEPARATOR_UNIT = 4;
/** A digit of another script, or half of a surrogate pair: only the full scan can tell. */
const UNKNOWN_UNIT = 8;

let units: Uint8Array | null = null;

function unitTable(): Uint8Array {
  if (units) return units;
  const table = new Uint8Array(0x10000);
  // Every BMP code unit once (surrogates stand in as "a"), classified by one regex pass each.
  const codes = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) codes[c] = c >= 0xd800 && c <= 0xdfff ? 0x61 : c;
  const bmp = new TextDecoder("utf-16le").decode(codes);
  const mark = (re: RegExp, bits: number) => {
    for (const m of bmp.matchAll(re)) table[m.index] = (table[m.index] as number) | bits;
  };
  mark(/\p{Nd}/gu, UNKNOWN_UNIT);
  mark(new RegExp(`[${SEPARATOR_CHARS}]`, "g"), SEPARATOR_UNIT | MARKDOWN_SEPARATOR_UNIT);
  mark(new RegExp(`[${MARKDOWN_SEPARATOR_CHARS}]`, "g"), MARKDOWN_SEPARATOR_UNIT);
  table.fill(UNKNOWN_UNIT, 0xd800, 0xe000);
  table.fill(DIGIT_UNIT, 0x30, 0x3a);
  table.fill(DIGIT_UNIT, 0xff10, 0xff1a);
  return (units = table);
}

/**
 * Whether `text` may hold a personal number, in one pass over the code units, so that the many
 * short texts of a large ledger (ids such as P-2025-0000001) cost little. Read as `maskOnce` reads
 * chains of digit groups, a chain can hold a number only if it has 17 digits or more (an ID
 * number), or 11 digits or more from the start of a group that begins 0, 1 or 8 (a mobile number
 * starts 1[3-9], 86 or 0086). A digit of another script or a surrogate answers yes.
 */
function mayHoldNumber(text: string, separatorUnit: number, run: number): boolean {
  const table = unitTable();
  /** Digits of the chain so far. */
  let total = 0;
  /** Digits of the chain before its first group that begins 0, 1 or 8; -1 while none has. */
  let keyAt = -1;
  let separators = 0;
  let inGroup = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const t = table[c] as number;
    if (t & DIGIT_UNIT) {
      if (!inGroup) {
        const v = c <= 0x39 ? c - 0x30 : c - 0xff10;
        if (keyAt < 0 && (v === 0 || v === 1 || v === 8)) keyAt = total;
        inGroup = true;
      }
      total++;
      if (total >= 17 || (keyAt >= 0 && total - keyAt >= 11)) return true;
      separators = 0;
    } else if (t & UNKNOWN_UNIT) return true;
    else if (t & separatorUnit && ++separators <= run) inGroup = false;
    else {
      total = separators = 0;
      keyAt = -1;
      inGroup = false;
    }
  }
  return false;
}

interface Scan {
  /** The bit of the lookup table that marks a separator. */
  separatorUnit: number;
  /** Separators in a row between two groups, at most. */
  run: number;
}

const PLAIN: Scan = { separatorUnit: SEPARATOR_UNIT, run: PLAIN_RUN };
const MARKDOWN: Scan = { separatorUnit: MARKDOWN_SEPARATOR_UNIT, run: MARKDOWN_RUN };

/** Whether plain (or Markdown) `text` passes the quick test before masking (for tests). */
export function mayHoldPersonalNumber(text: string, markdown = false): boolean {
  const scan = markdown ? MARKDOWN : PLAIN;
  return mayHoldNumber(text, scan.separatorUnit, scan.run);
}

/** The digit at `i` as [ASCII value, code units], or null. */
function digitAt(text: string, i: number, table: Uint8Array): [string, number] | null {
  const c = text.charCodeAt(i);
  const t = table[c] as number;
  if (t & DIGIT_UNIT) return [String(c <= 0x39 ? c - 0x30 : c - 0xff10), 1];
  if (!(t & UNKNOWN_UNIT)) return null;
  const ch = String.fromCodePoint(text.codePointAt(i) as number);
  return DIGIT.test(ch) ? [digitValue(ch), ch.length] : null;
}

const isCheckX = (c: number) => c === 0x58 || c === 0x78 || c === 0xff38 || c === 0xff58;

/** A group longer than this is no part of any number; its digits need not be kept. */
const LONGEST = 19;

/**
 * One pass of masking: the text read left to right as chains of digit groups joined by
 * separators, each chain searched for numbers over whole groups (an ID number first). Linear in
 * the text; a chain is searched as it is read, keeping only the groups a number could still use.
 * The digits a mask keeps can form a new number with the digits after it (13812341385 1234 567
 * leaves 1385 1234 567), so `maskWith` repeats until nothing changes.
 */
function maskOnce(text: string, scan: Scan, mask: Mask): string {
  const table = unitTable();
  const out: string[] = [];
  let at = 0;
  let groups: Group[] = [];
  /** Searches the groups read so far; all of them at the end of a chain. */
  const search = (final: boolean) => {
    let i = 0;
    const until = final ? groups.length : groups.length - LONGEST;
    while (i < until) {
      const hit = idFrom(groups, i, mask) ?? mobileFrom(groups, i, mask);
      if (hit) {
        out.push(text.slice(at, hit.start), hit.text);
        at = hit.end;
        i = hit.last + 1;
      } else i++;
    }
    groups = final ? [] : groups.slice(i);
  };
  const n = text.length;
  let pos = 0;
  while (pos < n) {
    if (!digitAt(text, pos, table)) {
      pos++;
      continue;
    }
    let sep = "";
    for (;;) {
      const start = pos;
      let digits = "";
      for (let d = digitAt(text, pos, table); d; d = digitAt(text, pos, table)) {
        if (digits.length < LONGEST) digits += d[0];
        pos += d[1];
      }
      groups.push({ digits, start, end: pos, sep: separatorKind(sep), x: false });
      if (groups.length > 4 * LONGEST) search(false);
      let q = pos;
      while (
        q < n &&
        q - pos < scan.run &&
        (table[text.charCodeAt(q)] as number) & scan.separatorUnit
      )
        q++;
      if (q > pos && q < n && digitAt(text, q, table)) {
        sep = text.slice(pos, q);
        pos = q;
        continue;
      }
      if (pos < n && isCheckX(text.charCodeAt(pos))) (groups[groups.length - 1] as Group).x = true;
      break;
    }
    search(true);
  }
  if (out.length === 0) return text;
  out.push(text.slice(at));
  return out.join("");
}

function maskWith(text: string, scan: Scan, mask: Mask): string {
  if (text.length < 11 || !mayHoldNumber(text, scan.separatorUnit, scan.run)) return text;
  let out = text;
  // Realistic text settles in one or two passes; the bound keeps a hostile text linear.
  for (let pass = 0, previous = ""; pass < 8 && previous !== out; pass++) {
    previous = out;
    out = maskOnce(out, scan, mask);
  }
  return out;
}

/** Masks every resident ID number and mobile phone number in plain `text`. */
export function maskPersonal(text: string): string {
  return maskWith(text, PLAIN, (s) => s);
}

/** Digits, X, plus signs and separators written as character references (&#49; is 1). */
const CHARACTER_REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(nbsp|shy|ZeroWidthSpace));/g;
const NAMED: Record<string, string> = { nbsp: "\u00a0", shy: "\u00ad", ZeroWidthSpace: "\u200b" };
const REFERENCED = new RegExp(`^(?:\\p{Nd}|[XxＸｘ+＋${SEPARATOR_CHARS}])$`, "u");

/**
 * Masks personal numbers in Markdown source: also when emphasis, code marks, backslashes or
 * character references sit inside the number, and with the mask's asterisks escaped
 * (138\*\*\*\*5678) so that they print as asterisks, never as emphasis.
 */
export function maskPersonalMarkdown(markdown: string): string {
  if (markdown.length < 11) return markdown;
  const decoded = markdown.replace(
    CHARACTER_REFERENCE,
    (m, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      const cp =
        dec !== undefined ? Number(dec) : hex !== undefined ? Number.parseInt(hex, 16) : -1;
      const ch =
        name !== undefined ? (NAMED[name] ?? "") : cp <= 0x10ffff ? String.fromCodePoint(cp) : "";
      return REFERENCED.test(ch) ? ch : m;
    },
  );
  const masked = maskWith(decoded, MARKDOWN, (s) => s.replaceAll("*", "\\*"));
  return masked === decoded ? markdown : masked;
}
