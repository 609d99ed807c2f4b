// Chinese line breaking (禁则) on abstract items with widths. Pure: no fonts, no pages.
// - No line starts with closing punctuation (，。、；：？！）】」』》…… ——), none ends with an
//   opening one (（【「『《): the line is squeezed (full-width punctuation gives up to half its
//   width, at most half a character in all) to keep the closing mark, or a character is pulled
//   to the next line and the rest stretched, so every line but the last is justified to the full
//   measure.
// - Adjacent full-width punctuation is compressed (标点挤压): an item with `kern` moves left by
//   that much when it follows its neighbour on the same line (「），」 takes one and a half
//   characters, not two); justification never opens such a pair again.
// - No paragraph ends with a line of one character (「元。」 alone): the last lines are broken
//   again with a tighter squeeze (up to one character per line, punctuation only) so that the
//   lone character fits on the lines above; where that cannot work, the line above gives its
//   last character (or number, up to three characters wide) to the last line and is stretched.
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
  /** Moves left by this much after its neighbour on the same line (adjacent punctuation). */
  kern?: number;
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
  /** Mend a last line of one character (default true). */
  mendLast?: boolean;
}

const EPS = 1e-6;
/** Lines re-broken, at most, to take a lone last character up. */
const MEND_LINES = 4;
/** The widest unit, in characters, the line above gives to a lone last character. */
const PULL_MOST = 3;

/** Whether a line may break between items i-1 and i. */
export function canBreakBefore(items: readonly BreakItem[], i: number): boolean {
  const a = items[i - 1];
  const b = items[i];
  if (!a || !b) return true;
  if (b.noStart || a.noEnd || b.space) return false;
  if (a.word && b.word && !a.softAfter) return false;
  return true;
}

/**
 * Whether items [start, end) hold a single character besides punctuation and spaces: 「元。」,
 * 「账）。」, 「5。」 — a line no paragraph should end with.
 */
export function isLoneCharacter(
  items: readonly BreakItem[],
  start = 0,
  end = items.length,
): boolean {
  let core = 0;
  for (let i = start; i < end; i++) {
    const it = items[i] as BreakItem;
    if (it.space || it.noStart || it.noEnd) continue;
    if (++core > 1) return false;
  }
  return core === 1;
}

function trimmedEnd(items: readonly BreakItem[], start: number, end: number): number {
  let e = end;
  while (e > start && items[e - 1]?.space) e--;
  return e;
}

/** Natural width of items [start, end) on one line (trailing spaces hang), pairs compressed. */
function measure(items: readonly BreakItem[], start: number, end: number): number {
  const t = trimmedEnd(items, start, end);
  let w = 0;
  for (let i = start; i < t; i++) {
    const it = items[i] as BreakItem;
    w += it.width - (i > start ? (it.kern ?? 0) : 0);
  }
  return w;
}

function shrinkOf(items: readonly BreakItem[], start: number, end: number): number {
  const t = trimmedEnd(items, start, end);
  let s = 0;
  for (let i = start; i < t; i++) s += (items[i] as BreakItem).shrink ?? 0;
  return s;
}

/** Where the line starting at `start` ends, by the ordinary rules (squeeze ≤ half a character). */
function nextEnd(items: readonly BreakItem[], start: number, W: number): number {
  const n = items.length;
  let acc = 0;
  let e = start;
  while (e < n) {
    const it = items[e] as BreakItem;
    const w = it.width - (e > start ? (it.kern ?? 0) : 0);
    if (!it.space && acc + w > W + EPS) break;
    acc += w;
    e++;
  }
  if (e >= n) return n;
  if (e > start && canBreakBefore(items, e)) return e;
  // push in: keep the next mark(s) on this line if the punctuation can absorb the overflow
  let e2 = e + 1;
  while (e2 < n && !canBreakBefore(items, e2)) e2++;
  if (e > start && e2 - e <= 2) {
    const t = trimmedEnd(items, start, e2);
    let most = 0;
    for (let i = start; i < t; i++) most = Math.max(most, (items[i] as BreakItem).shrink ?? 0);
    // at most half a character in all: more squeezing shows, pulling spreads thinly
    if (measure(items, start, e2) - W <= Math.min(shrinkOf(items, start, e2), most) + EPS)
      return e2;
  }
  // pull out: break earlier and stretch
  let e3 = e - 1;
  while (e3 > start && !canBreakBefore(items, e3)) e3--;
  // a unit longer than a whole line (a long number or URL) breaks where the line is full
  let unit = 0;
  for (let i = Math.max(e3, start); i < e2; i++) unit += (items[i] as BreakItem).width;
  return e3 > start && unit <= W + EPS ? e3 : Math.max(e, start + 1);
}

/**
 * The farthest legal end of the line starting at `start` whose overflow its punctuation absorbs
 * within `cap`, or -1 when no legal end fits.
 */
function tightEnd(items: readonly BreakItem[], start: number, W: number, cap: number): number {
  const n = items.length;
  let best = -1;
  for (let e = start + 1; e <= n; e++) {
    const over = measure(items, start, e) - W;
    if (over > cap + EPS) break;
    if (
      (e === n || canBreakBefore(items, e)) &&
      over <= Math.min(cap, shrinkOf(items, start, e)) + EPS
    )
      best = e;
  }
  return best;
}

type Span = [start: number, end: number];

function greedy(items: readonly BreakItem[], widths: (line: number) => number): Span[] {
  const n = items.length;
  const spans: Span[] = [];
  let start = 0;
  while (start < n) {
    while (start < n && items[start]?.space) start++;
    if (start >= n) break;
    const end = nextEnd(items, start, widths(spans.length));
    spans.push([start, end]);
    start = end;
  }
  return spans;
}

/** The last `k` lines again as `k - 1`, each squeezed by at most `cap`; null when impossible. */
function squeezeTail(
  items: readonly BreakItem[],
  spans: readonly Span[],
  k: number,
  widths: (line: number) => number,
  cap: number,
): Span[] | null {
  const n = items.length;
  const first = spans.length - k;
  const out = spans.slice(0, first);
  let start = (spans[first] as Span)[0];
  for (let line = first; line < spans.length - 1; line++) {
    while (start < n && items[start]?.space) start++;
    if (start >= n) break;
    const end = tightEnd(items, start, widths(line), cap);
    if (end < 0) return null;
    out.push([start, end]);
    start = end;
  }
  if (start < n || out.length !== spans.length - 1) return null;
  const [s, e] = out.at(-1) as Span;
  return isLoneCharacter(items, s, e) ? null : out;
}

/**
 * The line above gives its last unit (a character, or a number or word up to three characters
 * wide: 「计28800」「元。」 becomes 「计」「28800元。」) to the lone last line, and is stretched.
 */
function pullTail(
  items: readonly BreakItem[],
  spans: readonly Span[],
  widths: (line: number) => number,
  em: number,
): Span[] | null {
  const n = items.length;
  const [s, e] = spans.at(-2) as Span;
  for (let b = trimmedEnd(items, s, e) - 1; b > s; b--) {
    if (measure(items, b, e) > PULL_MOST * em + EPS) return null;
    if (!canBreakBefore(items, b)) continue;
    if (isLoneCharacter(items, b, n)) continue;
    if (measure(items, b, n) > widths(spans.length - 1) + EPS) return null;
    return [...spans.slice(0, -2), [s, b], [b, n]];
  }
  return null;
}

export function breakLines(items: readonly BreakItem[], options: BreakOptions): BrokenLine[] {
  const n = items.length;
  let spans = greedy(items, options.widths);
  const last = spans.at(-1);
  if ((options.mendLast ?? true) && last && spans.length >= 2 && isLoneCharacter(items, ...last)) {
    // one character: the width of the widest item that is not part of a Latin word
    let em = 0;
    for (const it of items) if (!it.word && !it.space) em = Math.max(em, it.width);
    let mended: Span[] | null = null;
    for (let k = 2; k <= Math.min(MEND_LINES, spans.length) && !mended; k++)
      mended = squeezeTail(items, spans, k, options.widths, em);
    spans = mended ?? pullTail(items, spans, options.widths, em) ?? spans;
  }
  return spans.map(([start, end], i) =>
    place(items, start, end, options.widths(i), end >= n, options.justify),
  );
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
  const natural = measure(items, start, end);
  const shrinkable = shrinkOf(items, start, end);
  const kernAt = (i: number) => (i > start ? ((items[i] as BreakItem).kern ?? 0) : 0);
  const xs: number[] = [];
  if (natural > W + EPS && shrinkable > 0) {
    const f = Math.min(1, (natural - W) / shrinkable);
    let x = 0;
    for (let i = start; i < end; i++) {
      const it = items[i] as BreakItem;
      const s = (it.shrink ?? 0) * f;
      x -= kernAt(i);
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
    x -= kernAt(i);
    xs.push(x);
    x += (items[i] as BreakItem).width;
  }
  return { start, end, xs, width: gaps > 0 ? W : natural, last };
}

/**
 * Justification space goes between characters, never inside a Latin word or number, nor into a
 * compressed pair of punctuation marks.
 */
function canStretch(items: readonly BreakItem[], i: number): boolean {
  const a = items[i - 1] as BreakItem;
  const b = items[i] as BreakItem;
  return !(a.word && b.word) && !b.kern;
}
