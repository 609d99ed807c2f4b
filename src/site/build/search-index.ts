// The site's search index (format in lib/search-index-format.ts), made from the pages as the build
// reads them back once Astro has written them (render-site.ts reads each file once for the web
// fonts and the offline check; each page goes on here too). Pure: HTML in, the index's files out.
//
// What a page gives the index: the text inside its element marked `data-search-body` (a page
// without one, such as the search page, is not indexed), leaving out elements marked
// `data-search-ignore` (table heads repeated on every page of a table, a document's 版头 and 版记,
// tools), and what is not running text (scripts, style sheets, navigation, forms, drawings); its meta (`data-search-meta="title:…"`) and filters
// (`data-search-filter="unit:桃花村"`, any number a page) wherever they are in the page. Elements
// other than inline ones (span, a, strong …, and <wbr>) end a word, so that the texts of two table
// cells never run into one word. Pages are numbered in the order they are added: the build adds
// them in the order of their paths, so the index depends on the site alone.
import {
  SEARCH_FORMAT,
  SEARCH_PAGES_FILE,
  gramFile,
  gramShard,
  normalize,
  pageUrl,
  shardCount,
  textFile,
} from "../lib/search-index-format.ts";
import type {
  GramFile,
  IndexedPage,
  PageTextFile,
  SearchManifest,
} from "../lib/search-index-format.ts";

export { SEARCH_INDEX_DIR } from "../lib/search-index-format.ts";

/** What a page gives the search index. */
export interface PageSearchText {
  /** Its text: each block (paragraph, heading, table cell, line) on a line of its own. */
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

const VOID = new Set([
  "area",
  "base",
  "br",
  "col",
  "embed",
  "hr",
  "img",
  "input",
  "link",
  "meta",
  "source",
  "track",
  "wbr",
]);
/** Elements inside a word: no space between their text and what is around them. */
const INLINE = new Set([
  "a",
  "abbr",
  "b",
  "bdi",
  "bdo",
  "cite",
  "code",
  "data",
  "dfn",
  "em",
  "i",
  "kbd",
  "mark",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "time",
  "tspan",
  "u",
  "var",
  "wbr",
]);
/**
 * Elements whose content is not the page's text: not shown (scripts, style sheets, templates) or
 * not running text (navigation such as the breadcrumbs, forms, drawings: a chart's labels are in
 * its table or text too).
 */
const HIDDEN_CONTENT = new Set([
  "audio",
  "button",
  "canvas",
  "form",
  "iframe",
  "nav",
  "noscript",
  "object",
  "script",
  "select",
  "style",
  "svg",
  "template",
  "textarea",
  "title",
  "video",
]);
/** Of those, the ones whose content is not markup: read up to their end tag as it stands. */
const RAW_TEXT = new Set(["script", "style", "textarea", "title"]);

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  mdash: "\u2014",
  ndash: "\u2013",
  hellip: "\u2026",
  middot: "\u00b7",
  times: "\u00d7",
  ldquo: "\u201c",
  rdquo: "\u201d",
  lsquo: "\u2018",
  rsquo: "\u2019",
  copy: "\u00a9",
};

/** Text with its character references decoded (an unknown one is left as it is). */
export function decodeEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replace(
    /&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/g,
    (whole, ref: string) => {
      if (ref[0] === "#") {
        const code =
          ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
        return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
          ? String.fromCodePoint(code)
          : "\ufffd";
      }
      return NAMED[ref] ?? whole;
    },
  );
}

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Its `data-search-…` attributes (the first of a name), or null when it has none. */
  attrs: Record<string, string> | null;
  /** Index just past the tag's `>`. */
  end: number;
}

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isNameChar = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 58;
/** HTML's white space: tab, line feed, form feed, carriage return, space. */
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
const GT = 62;
const SEARCH_ATTR = "data-search-";
const SLASH = 47;
const EQUALS = 61;

/** The tag beginning at `html[start] === "<"`, or null when it is not one (then it is text). */
function readTag(html: string, start: number): Tag | null {
  const n = html.length;
  let i = start + 1;
  const closing = html.charCodeAt(i) === SLASH;
  if (closing) i++;
  const nameStart = i;
  if (!isLetter(html.charCodeAt(i))) return null;
  while (i < n && isNameChar(html.charCodeAt(i))) i++;
  const name = html.slice(nameStart, i).toLowerCase();
  let attrs: Record<string, string> | null = null;
  let selfClosing = false;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === GT) return { name, closing, selfClosing, attrs, end: i + 1 };
    if (c === SLASH) {
      selfClosing = html.charCodeAt(i + 1) === GT;
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    const attrStart = i;
    for (let d = c; i < n && !isSpace(d) && d !== SLASH && d !== GT && d !== EQUALS;)
      d = html.charCodeAt(++i);
    const ours =
      i - attrStart > SEARCH_ATTR.length &&
      html.slice(attrStart, attrStart + SEARCH_ATTR.length).toLowerCase() === SEARCH_ATTR;
    const attr = ours ? html.slice(attrStart, i).toLowerCase() : "";
    while (i < n && isSpace(html.charCodeAt(i))) i++;
    let value = "";
    if (html.charCodeAt(i) === EQUALS) {
      i++;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      const q = html[i];
      if (q === '"' || q === "'") {
        const close = html.indexOf(q, i + 1);
        const stop = close === -1 ? n : close;
        value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        const valueStart = i;
        for (let d = html.charCodeAt(i); i < n && !isSpace(d) && d !== GT;)
          d = html.charCodeAt(++i);
        value = html.slice(valueStart, i);
      }
    }
    if (ours && !(attrs && attr in attrs)) (attrs ??= {})[attr] = decodeEntities(value);
  }
  return null; // never closed: the rest is text
}

/** `key:value` → [key, value]; null without a key. */
function pair(s: string): [string, string] | null {
  const colon = s.indexOf(":");
  if (colon <= 0) return null;
  return [s.slice(0, colon).trim(), s.slice(colon + 1).trim()];
}

/** What the page gives the search index, or null when it has no element marked for it. */
export function pageSearchText(html: string): PageSearchText | null {
  const meta: Record<string, string> = {};
  const filters: Record<string, string[]> = {};
  const parts: string[] = [];
  // open elements: name, and whether it began the body, an ignored part or hidden content
  const stack: { name: string; body: boolean; ignore: boolean; hidden: boolean }[] = [];
  let body = 0;
  let ignore = 0;
  let hidden = 0;
  let marked = false;
  const sep = () => {
    if (body > 0 && ignore === 0 && hidden === 0) parts.push("\n");
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    const textEnd = lt === -1 ? html.length : lt;
    if (textEnd > i && body > 0 && ignore === 0 && hidden === 0)
      parts.push(decodeEntities(html.slice(i, textEnd)).replace(/\s+/g, " "));
    if (lt === -1) break;
    if (html.startsWith("<!--", lt)) {
      const close = html.indexOf("-->", lt + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    if (html[lt + 1] === "!" || html[lt + 1] === "?") {
      const close = html.indexOf(">", lt);
      i = close === -1 ? html.length : close + 1;
      continue;
    }
    const tag = readTag(html, lt);
    if (!tag) {
      if (body > 0 && ignore === 0 && hidden === 0) parts.push("<");
      i = lt + 1;
      continue;
    }
    i = tag.end;
    if (tag.closing) {
      let k = stack.length - 1;
      while (k >= 0 && stack[k]?.name !== tag.name) k--;
      if (k < 0) continue; // a stray end tag
      while (stack.length > k) {
        const open = stack.pop();
        if (!open) break;
        if (!INLINE.has(open.name)) sep();
        if (open.body) body--;
        if (open.ignore) ignore--;
        if (open.hidden) hidden--;
      }
      continue;
    }
    const attrs = tag.attrs;
    const metaAttr = attrs?.["data-search-meta"];
    if (metaAttr !== undefined) {
      const kv = pair(metaAttr);
      if (kv && !(kv[0] in meta)) meta[kv[0]] = kv[1];
    }
    const filterAttr = attrs?.["data-search-filter"];
    if (filterAttr !== undefined) {
      const kv = pair(filterAttr);
      if (kv && kv[1] !== "") {
        const values = (filters[kv[0]] ??= []);
        if (!values.includes(kv[1])) values.push(kv[1]);
      }
    }
    if (!INLINE.has(tag.name)) sep();
    if (VOID.has(tag.name) || tag.selfClosing) continue;
    const open = {
      name: tag.name,
      body: attrs !== null && "data-search-body" in attrs,
      ignore: attrs !== null && "data-search-ignore" in attrs,
      hidden: HIDDEN_CONTENT.has(tag.name),
    };
    if (open.body) {
      body++;
      marked = true;
    }
    if (open.ignore) ignore++;
    if (open.hidden) {
      hidden++;
      // raw text: nothing inside is markup
      if (RAW_TEXT.has(tag.name)) {
        const end = new RegExp(`</${tag.name}`, "gi");
        end.lastIndex = i;
        i = end.exec(html)?.index ?? html.length;
      }
    }
    stack.push(open);
  }
  if (!marked) return null;
  const content = parts
    .join("")
    .replace(/ *\n[\n ]*/g, "\n")
    .replace(/ {2,}/g, " ")
    .trim();
  return { content, meta, filters };
}

/** The index of a site, page by page (see the header); `files` gives what to write. */
export class SearchIndexBuilder {
  private readonly pages: IndexedPage[] = [];
  private readonly texts: string[] = [];
  // Grams are counted through small numbers: each UTF-16 unit met gets an id (in the order met),
  // a character gram is -(id + 1) and a pair a·65536 + b, which V8 keeps unboxed while there are
  // fewer than 32,768 distinct units. Each gram has a slot: its text, the last page that had it
  // and its pages and counts, flat: [id, count, id, count, …].
  private readonly unitIds = new Int32Array(65536).fill(-1);
  private units = 0;
  private readonly slots = new Map<number, number>();
  private readonly gramText: string[] = [];
  private readonly lastPage: number[] = [];
  private readonly postings: number[][] = [];
  private pairs = 0;

  /** Pages indexed so far. */
  get size(): number {
    return this.pages.length;
  }

  private unitId(c: number): number {
    let u = this.unitIds[c] as number;
    if (u < 0) this.unitIds[c] = u = this.units++;
    return u;
  }

  /** Counts gram `key` (the text's `length` units at `at`) for `page`. */
  private count(key: number, text: string, at: number, length: number, page: number): void {
    let slot = this.slots.get(key);
    if (slot === undefined) {
      slot = this.gramText.length;
      this.slots.set(key, slot);
      this.gramText.push(text.slice(at, at + length));
      this.lastPage.push(-1);
      this.postings.push([]);
    }
    const list = this.postings[slot] as number[];
    if (this.lastPage[slot] !== page) {
      this.lastPage[slot] = page;
      list.push(page, 1);
      this.pairs++;
    } else (list[list.length - 1] as number)++;
  }

  /** Adds the page in `file` (relative to the site, `/` between folders); false if not indexed. */
  add(file: string, html: string): boolean {
    const found = pageSearchText(html);
    if (!found) return false;
    const id = this.pages.length;
    const url = pageUrl(file);
    this.pages.push({ url, meta: found.meta, filters: found.filters });
    this.texts.push(JSON.stringify({ url, content: found.content } satisfies PageTextFile));
    const text = normalize(found.content);
    const n = text.length;
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(k);
      if (c === 32) continue;
      const a = this.unitId(c);
      this.count(-(a + 1), text, k, 1, id);
      const d = k + 1 < n ? text.charCodeAt(k + 1) : 32;
      if (d === 32) continue;
      this.count(a * 65536 + this.unitId(d), text, k, 2, id);
    }
    return true;
  }

  /** The index's files (paths relative to its folder) and their text, in a fixed order. */
  files(): [string, string][] {
    const shards = shardCount(this.pairs);
    const grams: GramFile[] = Array.from({ length: shards }, () => ({}));
    const order = this.gramText
      .map((gram, slot) => ({ gram, slot }))
      .sort((x, y) => (x.gram < y.gram ? -1 : x.gram > y.gram ? 1 : 0));
    for (const { gram, slot } of order) {
      const list = this.postings[slot] as number[];
      // page ids ascending, each as the step from the one before
      const out: number[] = [];
      let last = 0;
      for (let k = 0; k < list.length; k += 2) {
        const id = list[k] as number;
        out.push(id - last, list[k + 1] as number);
        last = id;
      }
      (grams[gramShard(gram, shards)] as GramFile)[gram] = out;
    }
    const filters: Record<string, Record<string, number>> = {};
    for (const page of this.pages)
      for (const [name, values] of Object.entries(page.filters)) {
        const counts = (filters[name] ??= {});
        for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
      }
    const manifest: SearchManifest = {
      format: SEARCH_FORMAT,
      shards,
      pages: this.pages,
      filters,
    };
    return [
      [SEARCH_PAGES_FILE, JSON.stringify(manifest)],
      ...grams.map((g, k): [string, string] => [gramFile(k), JSON.stringify(g)]),
      ...this.texts.map((t, id): [string, string] => [textFile(id), t]),
    ];
  }
}
