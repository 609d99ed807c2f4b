// Chinese line breaking (禁则) on abstract items with widths. Pure: no fonts, no pages.
// - No line starts with closing punctuation (，。、；：？！）】」』》…… ——), none ends with an
//   opening one (（【「『《): the line is squeezed (full-width punctuation gives up to half its
//   width) to keep the closing mark, or a character is pulled to the next line and the rest
//   stretched, so every line but the last is justified to the full measure.
// - A Latin word or number is one unit; it breaks only after `/` and similar marks, or anywhere
//   when it is longer than a whole line.

export interface BreakItem {
  /** Natural width in points. */
  width: number;
  /** A line may not start with this item. */
  noStart?: boolean;
  /** A line may not end with this item. */
  noEnd?: boolean;
  /** Part of a Latin word or number: no break between two such neighbours… */
  word?: boolean;
  /** …except after this one (`/`, `-`, `_`, `.` inside paths and URLs). */
  softAfter?: boolean;
  /** How much the item may shrink when a line is squeezed (full-width punctuation: half). */
  shrink?: number;
  /** The ink sits on the right (opening punctuation): shrinking eats its left side. */
  inkRight?: boolean;
  /** A space: hangs at the end of a line, stretches with the gaps. */
  space?: boolean;
}

export interface BrokenLine {
  /** Items [start, end) are on this line (trailing spaces included, but not measured). */
  start: number;
  end: number;
  /** Origin of each item relative to the line's start, in points. */
  xs: number[];
  /** Width actually occupied after justification or squeezing. */
  width: number;
  /** The paragraph's last line (not justified). */
  last: boolean;
}

export interface BreakOptions {
  /** Available width of line `i` (0-based). */
  widths: (line: number) => number;
  /** Stretch lines other than the last to the full width. */
  justify: boolean;
}

const EPS = 1e-6;

/** Whether a line may break between items i-1 and i. */
export function canBreakBefore(items: readonly BreakItem[], i: number): boolean {
  const a = items[i - 1];
  const b = items[i];
  if (!a || !b) return true;
  if (b.noStart || a.noEnd || b.space) return false;
  if (a.word && b.word && !a.softAfter) return false;
  return true;
}

function trimmedEnd(items: readonly BreakItem[], start: number, end: number): number {
  let e = end;
  while (e > start && items[e - 1]?.space) e--;
  return e;
}

export function breakLines(items: readonly BreakItem[], options: BreakOptions): BrokenLine[] {
  const n = items.length;
  const lines: BrokenLine[] = [];
  let start = 0;
  while (start < n) {
    while (start < n && items[start]?.space) start++;
    if (start >= n) break;
    const W = options.widths(lines.length);
    let acc = 0;
    let e = start;
    while (e < n) {
      const it = items[e] as BreakItem;
      if (!it.space && acc + it.width > W + EPS) break;
      acc += it.width;
      e++;
    }
    let end: number;
    if (e >= n) end = n;
    else if (e > start && canBreakBefore(items, e)) end = e;
    else {
      end = -1;
      // push in: keep the next mark(s) on this line if the punctuation can absorb the overflow
      let e2 = e + 1;
      while (e2 < n && !canBreakBefore(items, e2)) e2++;
      if (e > start && e2 - e <= 2) {
        let width = 0;
        let shrink = 0;
        let most = 0;
        const t = trimmedEnd(items, start, e2);
        for (let i = start; i < t; i++) {
          const it = items[i] as BreakItem;
          width += it.width;
          shrink += it.shrink ?? 0;
          most = Math.max(most, it.shrink ?? 0);
        }
        // at most half a character in all: more squeezing shows, pulling spreads thinly
        if (width - W <= Math.min(shrink, most) + EPS) end = e2;
      }
      // pull out: break earlier and stretch
      if (end < 0) {
        let e3 = e - 1;
        while (e3 > start && !canBreakBefore(items, e3)) e3--;
        // a unit longer than a whole line (a long number or URL) breaks where the line is full
        let unit = 0;
        for (let i = Math.max(e3, start); i < e2; i++) unit += (items[i] as BreakItem).width;
        end = e3 > start && unit <= W + EPS ? e3 : Math.max(e, start + 1);
      }
    }
    lines.push(place(items, start, end, W, end >= n, options.justify));
    start = end;
  }
  return lines;
}

function place(
  items: readonly BreakItem[],
  start: number,
  end: number,
  W: number,
  last: boolean,
  justify: boolean,
): BrokenLine {
  const t = trimmedEnd(items, start, end);
  let natural = 0;
  let shrinkable = 0;
  for (let i = start; i < t; i++) {
    natural += (items[i] as BreakItem).width;
    shrinkable += (items[i] as BreakItem).shrink ?? 0;
  }
  const xs: number[] = [];
  if (natural > W + EPS && shrinkable > 0) {
    const f = Math.min(1, (natural - W) / shrinkable);
    let x = 0;
    for (let i = start; i < end; i++) {
      const it = items[i] as BreakItem;
      const s = (it.shrink ?? 0) * f;
      xs.push(it.inkRight ? x - s : x);
      x += it.width - s;
    }
    return { start, end, xs, width: Math.min(natural, W), last };
  }
  let gaps = 0;
  if (justify && !last && natural < W)
    for (let i = start + 1; i < t; i++) if (canStretch(items, i)) gaps++;
  const extra = gaps > 0 ? (W - natural) / gaps : 0;
  let x = 0;
  for (let i = start; i < end; i++) {
    if (i > start && i < t && extra && canStretch(items, i)) x += extra;
    xs.push(x);
    x += (items[i] as BreakItem).width;
  }
  return { start, end, xs, width: gaps > 0 ? W : natural, last };
}

/** Justification space goes between characters, never inside a Latin word or number. */
function canStretch(items: readonly BreakItem[], i: number): boolean {
  const a = items[i - 1] as BreakItem;
  const b = items[i] as BreakItem;
  return !(a.word && b.word);
}
