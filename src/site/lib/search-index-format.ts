// The site's own search index: what the build writes (build/search-index.ts) and the search page
// reads (scripts/search-index-client.ts). Pure, no DOM and no Node: both sides share the text
// normalisation, the grams and the file names, so that what is looked up is what was written.
//
// The index answers one question: which pages hold a term as typed. Every page's text (normalised
// as the search page compares it) is cut into its characters and its pairs of neighbouring
// characters (spaces end a word: no gram crosses one), and each gram lists the pages holding it
// with how often. A term of two or more characters can only be in a page holding all of its pairs;
// a term of one character, in a page holding that character. The pages so found are candidates:
// the search page reads their text and keeps those holding the term (scripts/search-rank.ts).
// Exact for Chinese, with no word segmentation to miss a village name or a two-character term.

/** The folder of the index in the site. */
export const SEARCH_INDEX_DIR = "search-index";
/** The table of pages, their meta and filters, and the number of gram files. */
export const SEARCH_PAGES_FILE = "pages.json";
export const SEARCH_FORMAT = 1;

/** The gram file holding gram `shard` (0-based) of `shards`. */
export function gramFile(shard: number): string {
  return `grams/${shard}.json`;
}

/** The text file of page `id`. */
export function textFile(id: number): string {
  return `text/${id}.json`;
}

export interface IndexedPage {
  /** Path from the site's root, percent-encoded, e.g. `units/dongpo/` (`` for the home page). */
  url: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

/** pages.json. */
export interface SearchManifest {
  format: number;
  /** Gram files (a power of two). */
  shards: number;
  pages: IndexedPage[];
  /** For each filter, each value and the number of pages carrying it. */
  filters: Record<string, Record<string, number>>;
}

/** A gram file: each gram and its pages, as [page id step, count, page id step, count, …]. */
export type GramFile = Record<string, number[]>;

/** A page's text file. */
export interface PageTextFile {
  url: string;
  content: string;
}

/** A page's text with its meta (from the table of pages), as the search page ranks it. */
export interface PageText extends PageTextFile {
  meta: Record<string, string>;
}

/** Text as compared: no zero-width characters, one space for any run of white space, lower case. */
export function normalize(s: string): string {
  return s
    .replace(/\u200b|\u200c|\u200d|\ufeff/g, "")
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/**
 * The grams a page must hold to hold normalised `term`: its character when it has one, else each
 * of its pairs; none when the term is empty or has a space (terms are split at spaces).
 */
export function termGrams(term: string): string[] {
  if (term === "" || term.includes(" ")) return [];
  if (term.length === 1) return [term];
  const out = new Set<string>();
  for (let i = 0; i + 1 < term.length; i++) out.add(term.slice(i, i + 2));
  return [...out];
}

/** Which of `shards` gram files holds `gram` (FNV-1a over its UTF-16 code units). */
export function gramShard(gram: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < gram.length; i++) {
    h ^= gram.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % shards;
}

/** Gram files for an index of `pairs` (gram, page) entries: about 8,192 entries a file. */
export function shardCount(pairs: number): number {
  let n = 1;
  while (n < 1024 && n * 8192 < pairs) n *= 2;
  return n;
}

/**
 * The page's address from its file, each part percent-encoded: `units/a/index.html` → `units/a/`,
 * `index.html` → ``, `pages/工作动态/index.html` → `pages/%E5%B7%A5…/`.
 */
export function pageUrl(file: string): string {
  const path = file === "index.html" ? "" : file.replace(/(^|\/)index\.html$/, "$1");
  return path.split("/").map(encodeURIComponent).join("/");
}
