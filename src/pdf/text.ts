// Text → glyphs with widths and 禁则 classes (shaping by font role with fallback), adjacent
// full-width punctuation compressed (标点挤压), and glyphs → lines (justified paragraphs, balanced
// titles). Pure: fonts come in as parsed data.
import type { Inline } from "../doc/types.ts";
import type { Item, LayoutProblem, Rgb, TextRun } from "./boxes.ts";
import type { Face, FontRole, FontSet } from "./fonts.ts";
import { CHAR, SIZE } from "./gbt9704.ts";
import { breakLines, canBreakBefore } from "./linebreak.ts";
import type { BreakItem } from "./linebreak.ts";

export interface Glyph extends BreakItem {
  face: Face;
  gid: number;
  text: string;
  size: number;
  color: Rgb;
  /** Forced line break (a `break` inline). */
  newline?: boolean;
}

export interface TextContext {
  fonts: FontSet;
  problems: LayoutProblem[];
  /** Where the text being shaped sits, for problems: 标题, 正文第3段 … */
  where: string;
}

export interface Piece {
  text: string;
  role: FontRole;
}

const NO_START = new Set([..."，。、；：？！）】」』》〕〉〗”’…—·％‰℃,.;:?!)]}%"]);
const NO_END = new Set([..."（【「『《〔〈〖“‘([{≥≤±"]);
const SOFT_AFTER = new Set([..."/\\_?&=#"]);
/** Marks set in the left half of their cell (GB style), and the opening ones set in the right. */
const INK_LEFT = new Set([..."，。、；：？！）】」』》〕〉〗”’"]);
const INK_RIGHT = new Set([..."（【「『《〔〈〖“‘"]);

/** A glyph's outline box [xMin, yMin, xMax, yMax] in font units, or null when it has none. */
export function glyphBox(face: Face, gid: number): [number, number, number, number] | null {
  const rec = face.font.glyph(gid);
  if (rec.length < 10) return null;
  const v = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
  return [v.getInt16(2), v.getInt16(4), v.getInt16(6), v.getInt16(8)];
}

const sides = new WeakMap<Face, Map<number, "left" | "right" | null>>();

/**
 * Which half of its cell a full-width mark's ink keeps: "left" for 「，。）”」, "right" for
 * 「（“」, as its class says and the face draws it (a face that centres a mark gets null).
 */
function inkSide(g: Glyph): "left" | "right" | null {
  if (g.shrink === undefined || !g.gid) return null;
  const cls = INK_LEFT.has(g.text) ? "left" : INK_RIGHT.has(g.text) ? "right" : null;
  if (!cls) return null;
  let cache = sides.get(g.face);
  if (!cache) sides.set(g.face, (cache = new Map()));
  let side = cache.get(g.gid);
  if (side === undefined) {
    const box = glyphBox(g.face, g.gid);
    const half = (g.face.advance(g.gid) / 2) * (g.face.font.unitsPerEm / 1000);
    const inHalf = box && (cls === "left" ? box[2] <= half : box[0] >= half);
    side = inHalf ? cls : null;
    cache.set(g.gid, side);
  }
  return side;
}

/**
 * 标点挤压: of two adjacent full-width marks, the half-cell blank between their inks goes — the
 * right half of a mark inked on the left (「），」「。”」「：“」「，（」), or the left half of an
 * opening mark after another (「（“」). The pair then takes one and a half characters.
 */
function compressPairs(glyphs: Glyph[]): void {
  // each glyph's side is taken before a pair changes it (as the pair it opens)
  let next = glyphs.length ? inkSide(glyphs[0] as Glyph) : null;
  for (let i = 1; i < glyphs.length; i++) {
    const a = glyphs[i - 1] as Glyph;
    const b = glyphs[i] as Glyph;
    const sa = next;
    const sb = inkSide(b);
    next = sb;
    if (!sa || !sb || a.newline) continue;
    // glyphs are shared (shape): a changed one is a copy
    if (sa === "left") {
      glyphs[i] = { ...b, kern: a.width / 2 };
      glyphs[i - 1] = { ...a, shrink: undefined };
    } else if (sb === "right") {
      glyphs[i] = { ...b, kern: b.width / 2, shrink: undefined };
    }
  }
}

/** Inline content → text pieces by font role: strong 黑体, emphasis 楷体. */
export function pieces(inlines: readonly Inline[], role: FontRole, out: Piece[] = []): Piece[] {
  for (const i of inlines) {
    switch (i.type) {
      case "text":
        out.push({ text: i.text, role });
        break;
      case "strong":
        pieces(i.children, "黑体", out);
        break;
      case "emphasis":
        pieces(i.children, "楷体", out);
        break;
      case "link":
        pieces(i.children, role, out);
        break;
      case "break":
        out.push({ text: "\n", role });
        break;
      default: {
        const never: never = i;
        throw new Error(`unknown inline ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

export function plainText(inlines: readonly Inline[]): string {
  return pieces(inlines, "仿宋")
    .map((p) => p.text)
    .join("");
}

export interface ShapeOptions {
  size: number;
  color: Rgb;
  /** Full-width characters take the grid pitch (body text on the 28-character grid). */
  grid?: boolean;
}

/** What shaping a character with a chain of faces finds, whatever the size. */
interface CharInfo {
  face: Face;
  gid: number;
  /** Advance in thousandths of an em (1000 for a missing glyph). */
  adv: number;
  full: boolean;
  space: boolean;
  noStart: boolean;
  noEnd: boolean;
  /** Full-width CJK punctuation that may give up half its width when a line is squeezed. */
  squeezable: boolean;
  word: boolean;
  softAfter: boolean;
}

/** Each face chain's characters as shaped so far (a document set uses a few thousand). */
const charCache = new WeakMap<readonly Face[], Map<number, CharInfo>>();

/** Shapes `ch` (code point `cp`) with `chain` and remembers it in the chain's `cache`. */
function charInfo(
  chain: readonly Face[],
  cache: Map<number, CharInfo>,
  ch: string,
  cp: number,
): CharInfo {
  let face = chain[0] as Face;
  let gid = 0;
  for (const f of chain) {
    const g = f.glyph(cp);
    if (g) {
      face = f;
      gid = g;
      break;
    }
  }
  const adv = gid ? face.advance(gid) : 1000;
  // full-width: CJK and the wide marks of CJK fonts (— … “ ” ≥); Latin "m" is wide but not full
  const full =
    cp >= 0x2e80 || cp === 0x2014 || cp === 0x2015 || cp === 0x2026 || (cp >= 0x2000 && adv >= 900);
  const space = cp === 0x20 || cp === 0xa0;
  const noStart = !space && NO_START.has(ch);
  const noEnd = !space && NO_END.has(ch);
  const word = !space && !full && cp < 0x2e80;
  const info: CharInfo = {
    face,
    gid,
    adv,
    full,
    space,
    noStart,
    noEnd,
    squeezable:
      !space && full && (noStart || noEnd) && /[\u2018-\u201f\u3000-\u303f\uff00-\uffef]/.test(ch),
    word,
    softAfter: word && SOFT_AFTER.has(ch),
  };
  cache.set(cp, info);
  return info;
}

/**
 * The glyphs shaped so far, by face chain, colour (the very object: text runs split where it
 * changes), size (negative on the character grid) and code point. A glyph is never changed once
 * made, so every occurrence of a character in the same setting is the same object: a county's
 * documents are some 2.5 million characters but a few thousand distinct glyphs.
 */
const glyphCache = new WeakMap<readonly Face[], WeakMap<Rgb, Map<number, Map<number, Glyph>>>>();

function glyphTable(chain: readonly Face[], color: Rgb, sizeKey: number): Map<number, Glyph> {
  let byColor = glyphCache.get(chain);
  if (!byColor) glyphCache.set(chain, (byColor = new WeakMap()));
  let bySize = byColor.get(color);
  if (!bySize) byColor.set(color, (bySize = new Map()));
  let glyphs = bySize.get(sizeKey);
  if (!glyphs) bySize.set(sizeKey, (glyphs = new Map()));
  return glyphs;
}

/** Shapes text pieces into glyphs; a character no font of its role has is a problem. */
export function shape(ctx: TextContext, input: readonly Piece[], options: ShapeOptions): Glyph[] {
  const { size, color } = options;
  const fullWidth = options.grid ? (CHAR * size) / SIZE.三号 : size;
  const out: Glyph[] = [];
  for (const piece of input) {
    const chain = ctx.fonts.roles[piece.role];
    let cache = charCache.get(chain);
    if (!cache) charCache.set(chain, (cache = new Map()));
    const glyphs = glyphTable(chain, color, options.grid ? -size : size);
    // by code point, as `for … of` reads a string, without a string per character
    const text = piece.text;
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      const from = i;
      if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low < 0xe000) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
          i++;
        }
      }
      if (cp === 0x0a) {
        const prev = out.at(-1);
        if (prev) out[out.length - 1] = { ...prev, newline: true };
        continue;
      }
      if (cp === 0x0d || cp === 0x200b) continue;
      let g = glyphs.get(cp);
      if (g === undefined) {
        const ch = text.slice(from, i + 1);
        const c = cache.get(cp) ?? charInfo(chain, cache, ch, cp);
        const width = c.full ? fullWidth : (c.adv * size) / 1000;
        // every glyph gets every field (unset ones undefined): one object shape for line breaking
        g = {
          face: c.face,
          gid: c.gid,
          text: ch,
          size,
          color,
          width,
          space: c.space || undefined,
          noStart: c.noStart || undefined,
          noEnd: c.noEnd || undefined,
          shrink: c.squeezable ? width / 2 : undefined,
          inkRight: (c.squeezable && c.noEnd) || undefined,
          word: c.word || undefined,
          softAfter: c.softAfter || undefined,
          kern: undefined,
          newline: undefined,
        };
        glyphs.set(cp, g);
      }
      if (!g.gid && cp > 0x20)
        ctx.problems.push({ code: "pdf/missing-glyph", char: g.text, where: ctx.where });
      out.push(g);
    }
  }
  compressPairs(out);
  return out;
}

export interface Line {
  glyphs: Glyph[];
  /** x of each glyph relative to the line's left edge (indent included). */
  xs: number[];
  width: number;
}

export interface ComposeOptions {
  width: number;
  /** Indent of the first line and of the others, in points. */
  indent?: number;
  hang?: number;
  justify?: boolean;
  align?: "left" | "center" | "right";
}

/** Breaks glyphs into lines of `width` with 禁则, justified or aligned. */
export function compose(glyphs: readonly Glyph[], options: ComposeOptions): Line[] {
  const indent = options.indent ?? 0;
  const hang = options.hang ?? 0;
  const align = options.align ?? "left";
  const justify = (options.justify ?? true) && align === "left";
  const out: Line[] = [];
  // forced breaks split the text into paragraphs that break independently
  let from = 0;
  for (let i = 0; i <= glyphs.length; i++) {
    if (i < glyphs.length && !(glyphs[i] as Glyph).newline) continue;
    const end = Math.min(i + 1, glyphs.length);
    const part = from === 0 && end === glyphs.length ? glyphs : glyphs.slice(from, end);
    from = i + 1;
    const first = out.length;
    const lines = breakLines(part, {
      widths: (n) => options.width - (first + n === 0 ? indent : hang),
      justify,
    });
    for (const l of lines) {
      const off = out.length === 0 ? indent : hang;
      const avail = options.width - off;
      const shift =
        align === "center" ? (avail - l.width) / 2 : align === "right" ? avail - l.width : 0;
      // the line's own positions (breakLines makes them fresh), moved in place
      const xs = l.xs;
      for (let k = 0; k < xs.length; k++) xs[k] = (xs[k] as number) + off + shift;
      out.push({ glyphs: part.slice(l.start, l.end), xs, width: l.width });
    }
  }
  return out;
}

/**
 * Chinese word boundaries, made once and only when a title needs more than one line: a segmenter
 * takes longer to make than to use (20–30 ms, which every command importing this module paid).
 */
let words: Intl.Segmenter | undefined;

/**
 * A title broken into balanced lines (a trapezoid or diamond), only between words: the line
 * count is the fewest that fit, and breaks minimise the spread of line widths.
 */
export function balancedLines(glyphs: readonly Glyph[], width: number): Line[] {
  const total = setWidth(glyphs);
  const k = Math.max(1, Math.ceil(total / width - 1e-9));
  if (k === 1) return [centred(glyphs, width)];
  const text = glyphs.map((g) => g.text).join("");
  // word boundaries (in glyph indices); a boundary between two one-character "words" is weak
  const starts = new Map<number, number>();
  const segs = [...(words ??= new Intl.Segmenter("zh", { granularity: "word" })).segment(text)];
  let gi = 0;
  let ci = 0;
  const glyphAt = new Map<number, number>();
  for (const g of glyphs) {
    glyphAt.set(ci, gi++);
    ci += g.text.length;
  }
  segs.forEach((s, i) => {
    const at = glyphAt.get(s.index);
    if (at === undefined || at === 0) return;
    const prev = segs[i - 1]?.segment ?? "";
    const weak = [...prev].length === 1 && [...s.segment].length === 1;
    starts.set(at, weak ? 40 : 0);
  });
  const cands = [...starts.keys()].filter((i) => canBreakBefore(glyphs, i)).sort((a, b) => a - b);
  const prefix = [0];
  glyphs.forEach((g, i) =>
    prefix.push((prefix.at(-1) as number) + g.width - (i > 0 ? (g.kern ?? 0) : 0)),
  );
  // a line's first glyph keeps its full width: no neighbour to compress with
  const w = (a: number, b: number) =>
    (prefix[b] as number) - (prefix[a] as number) + (a > 0 ? (glyphs[a]?.kern ?? 0) : 0);
  const target = total / k;
  // dynamic programming over break positions: cost = squared deviation from the mean width
  const points = [0, ...cands, glyphs.length];
  const best = new Map<string, { cost: number; prev: number }>();
  best.set(`0:0`, { cost: 0, prev: -1 });
  for (let line = 1; line <= k; line++) {
    for (let j = 1; j < points.length; j++) {
      const end = points[j] as number;
      if (line === k && end !== glyphs.length) continue;
      for (let i = 0; i < j; i++) {
        const from = best.get(`${line - 1}:${i}`);
        if (!from) continue;
        const lw = w(points[i] as number, end);
        if (lw > width + 1e-6) continue;
        const penalty = (starts.get(points[i] as number) ?? 0) * (line > 1 ? 1 : 0);
        const cost = from.cost + (lw - target) ** 2 + penalty * penalty;
        const key = `${line}:${j}`;
        const cur = best.get(key);
        if (!cur || cost < cur.cost - 1e-9) best.set(key, { cost, prev: i });
      }
    }
  }
  const last = best.get(`${k}:${points.length - 1}`);
  if (!last) return compose(glyphs, { width, justify: false, align: "center" });
  const cuts: number[] = [glyphs.length];
  let j = points.length - 1;
  for (let line = k; line > 0; line--) {
    const e = best.get(`${line}:${j}`) as { prev: number };
    j = e.prev;
    cuts.unshift(points[j] as number);
  }
  const lines: Line[] = [];
  for (let i = 0; i + 1 < cuts.length; i++)
    lines.push(centred(glyphs.slice(cuts[i] as number, cuts[i + 1] as number), width));
  return lines;
}

function centred(glyphs: readonly Glyph[], width: number): Line {
  const total = setWidth(glyphs);
  const xs: number[] = [];
  let x = (width - total) / 2;
  glyphs.forEach((g, i) => {
    if (i > 0) x -= g.kern ?? 0;
    xs.push(x);
    x += g.width;
  });
  return { glyphs: [...glyphs], xs, width: total };
}

/**
 * Text runs for a line placed with its left edge at `left` and baseline `y`. Each run's arrays are
 * made at their final length (a county's layouts keep 135,000 runs until the bundles are made:
 * arrays grown by pushing would keep room for 17 or more glyphs each).
 */
export function runsOf(line: Line, left: number, y: number, out: Item[]): void {
  const { glyphs, xs } = line;
  for (let i = 0; i < glyphs.length;) {
    const g = glyphs[i] as Glyph;
    if (g.space) {
      i++;
      continue;
    }
    // the glyphs of this run: up to the next one of another face, size or colour
    let n = 1;
    let end = i + 1;
    for (; end < glyphs.length; end++) {
      const h = glyphs[end] as Glyph;
      if (h.space) continue;
      if (h.face !== g.face || h.size !== g.size || h.color !== g.color) break;
      n++;
    }
    const run: TextRun = {
      type: "text",
      face: g.face,
      size: g.size,
      y,
      gids: new Array<number>(n),
      xs: new Array<number>(n),
      texts: new Array<string>(n),
      color: g.color,
    };
    for (let k = 0; i < end; i++) {
      const h = glyphs[i] as Glyph;
      if (h.space) continue;
      run.gids[k] = h.gid;
      run.xs[k] = left + (xs[i] as number);
      run.texts[k] = h.text;
      k++;
    }
    out.push(run);
  }
}

/** Width of shaped glyphs laid end to end, each at its full width (labels, marks, figures). */
export function widthOf(glyphs: readonly Glyph[]): number {
  let w = 0;
  for (const g of glyphs) w += g.width;
  return w;
}

/** Width of glyphs set on one line, adjacent punctuation compressed. */
function setWidth(glyphs: readonly Glyph[]): number {
  let w = 0;
  glyphs.forEach((g, i) => (w += g.width - (i > 0 ? (g.kern ?? 0) : 0)));
  return w;
}
