// What layout gives paint: pages of positioned glyph runs, rules and paths, in points from the
// page's top-left corner. Nothing here knows about PDF objects.
import type { Face } from "./fonts.ts";

export type Rgb = readonly [number, number, number];

/**
 * Glyphs of one face, size and colour on one baseline, left to right: glyph `i` is `gids[i]`, its
 * origin (the left end of its advance) at page x `xs[i]`, standing for the text `texts[i]`
 * (usually one character, for extraction). Three arrays rather than an object per glyph: a
 * county's layouts hold some 1.4 million glyphs until its bundles are made, and an object and a
 * boxed number each were half of that memory and of what the garbage collector walks.
 */
export interface TextRun {
  type: "text";
  face: Face;
  size: number;
  /** Baseline, page y. */
  y: number;
  gids: number[];
  xs: number[];
  texts: string[];
  color: Rgb;
  /** Horizontal scaling, 1 = none (the 发文机关标志 may be condensed). */
  hScale?: number;
  /** A band of `color` stroked around the glyphs under them, `width` wide in total. */
  halo?: { color: Rgb; width: number };
}

export interface Rule {
  type: "rule";
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: Rgb;
}

export type PathOp =
  | { op: "M" | "L"; x: number; y: number }
  | { op: "C"; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: "Z" };

export interface PathShape {
  type: "path";
  ops: PathOp[];
  fill: Rgb | null;
  stroke: Rgb | null;
  strokeWidth: number;
  /** Dash of the stroke: on and off lengths. Solid without. */
  dash?: readonly [number, number];
  /** Rounded corners where segments meet (mitred without). */
  roundJoin?: boolean;
}

/** Items drawn through a transformation (a landscape table, a figure, turned text in a figure). */
export interface Group {
  type: "group";
  /** [a b c d e f] mapping group coordinates to page coordinates (both y-down). */
  matrix: readonly [number, number, number, number, number, number];
  items: Item[];
}

export type Item = TextRun | Rule | PathShape | Group;

export interface Page {
  items: Item[];
  /** The printed page number, or null for pages that carry none. */
  number: number | null;
}

export interface OutlineEntry {
  title: string;
  /** Index into the document's pages. */
  page: number;
  /** Page y of the target (top of the heading). */
  y: number;
  children: OutlineEntry[];
}

export interface LayoutProblem {
  code: "pdf/missing-glyph";
  /** The character no configured font has. */
  char: string;
  /** Where it occurs, in words: 标题, 正文第3段, 附件1第2段, 表格第2行第3列 … */
  where: string;
}

export interface LaidOutDoc {
  pages: Page[];
  outline: OutlineEntry[];
  problems: LayoutProblem[];
  /** Choices the layout made that the DOCX output repeats. */
  facts?: LayoutFacts;
}

/**
 * Where the 版记 went — on the page the text ends on (`with-body`), or on a page of its own (the
 * next even page for 文件/报告, the next page for 信函), or nowhere (`null`) — and each table's
 * type size and orientation, keyed by its block.
 */
export interface LayoutFacts {
  colophon: "with-body" | "own-page" | null;
  tables: ReadonlyMap<object, { size: number; landscape: boolean }>;
}
