// Column widths of a Word table, fixed in the file (WPS sizes a table by its stated widths, not
// by its content): estimated from the text in ems — a Chinese character or full-width mark is one
// em, anything else half — since the DOCX is laid out by the office suite, not by our fonts.
import type { Block, Inline } from "../doc/types.ts";

type TableBlock = Extract<Block, { type: "table" }>;

/** The text of inline content, without markup; a line break is a newline. */
export function plainText(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => (i.type === "text" ? i.text : i.type === "break" ? "\n" : plainText(i.children)))
    .join("");
}

/** Wide (CJK) code units: Hangul Jamo, CJK punctuation and ideographs, kana, Hangul, full-width forms. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
];

const isWide = (c: number): boolean => {
  for (const [lo, hi] of WIDE) {
    if (c < lo) return false;
    if (c <= hi) return true;
  }
  return false;
};

/** Width of a string in ems: wide (CJK) characters 1, others `narrow` (½ in 仿宋). */
export function ems(text: string, narrow = 0.5): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // a character beyond the BMP (a surrogate pair) is one narrow character
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      w += narrow;
      continue;
    }
    w += isWide(c) ? 1 : narrow;
  }
  return w;
}

/**
 * Digits and letters in a table cell count 0.6 em: the office's 仿宋 sets them in half an em, but
 * a machine without it falls back to a face whose digits are wider (Noto Sans: 0.55–0.6), and a
 * cell that is a hair too narrow breaks 3.75 into two lines.
 */
const cellEms = (text: string) => ems(text, 0.6);

/** Cells at most this wide (ems) are kept on one line. */
const SHORT = 5;

/** The widest line of a cell, in ems. */
function natural(text: string): number {
  return Math.max(0, ...text.split("\n").map(cellEms));
}

/**
 * Long cells already measured: the same rules' texts come back in every unit's agreement (a
 * county's 300), and splitting one is the dearest part of a Word table. Cleared when full.
 */
const measured = new Map<string, number>();

/** The widest piece a cell cannot be broken inside: a run of Latin letters and digits, or one wide character. */
function unbreakable(text: string): number {
  // short cells (序号, 扣3分, a date) stay on one line
  const whole = natural(text);
  if (whole <= SHORT) return whole;
  const known = measured.get(text);
  if (known !== undefined) return known;
  let best = 0;
  for (const piece of text.split(/(?<=[\s\p{sc=Han}，。、；：！？）])|(?=[\p{sc=Han}（])/u))
    best = Math.max(best, cellEms(piece.trim()));
  if (measured.size >= 10_000) measured.clear();
  measured.set(text, best);
  return best;
}

/**
 * Column widths (in the same unit as `total`) that add up to `total`: columns get what their
 * widest line needs; when everything does not fit, each gets its longest unbreakable piece (and
 * its header's) and the rest is shared by what each needs beyond that. `size` is the table's font
 * size and `pad` a cell's left and right padding together, in the unit of `total` per em / per cell.
 */
export function columnWidths(t: TableBlock, total: number, em: number, pad: number): number[] {
  const rows = [...t.rows, ...(t.totals ?? [])];
  const texts = t.columns.map((c, i) => [c.title, ...rows.map((r) => plainText(r[i] ?? []))]);
  const want = texts.map((col) => Math.max(...col.map(natural)) * em + pad);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sum(want) <= total) {
    const extra = total - sum(want);
    widths = want.map((w) => w + (extra * w) / sum(want));
  } else {
    const least = texts.map((col) => Math.max(...col.map(unbreakable)) * em + pad);
    const base = least.map((l) => Math.min(l, total / t.columns.length));
    const room = Math.max(0, total - sum(base));
    const more = want.map((w, i) => Math.max(0, w - (base[i] as number)));
    const m = sum(more);
    widths = base.map(
      (b, i) => b + (m > 0 ? (room * (more[i] as number)) / m : room / base.length),
    );
  }
  // whole units that add up exactly: the last column takes the rounding
  const rounded = widths.map((w) => Math.floor(w));
  rounded[rounded.length - 1] = total - sum(rounded.slice(0, -1));
  return rounded;
}
