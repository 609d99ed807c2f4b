// The site's search index (format in lib/search-index-format.ts), made from the pages as the build
// reads them back once Astro has written them (render-site.ts reads each file once for the web
// fonts and the offline check; each page goes on here too). Pure: HTML in, the index's files out.
//
// What a page gives the index: the text inside its element marked `data-search-body` (a page
// without one, such as the search page, is not indexed), leaving out elements marked
// `data-search-ignore` (table heads repeated on every page of a table, a document's 版头 and 版记,
// tools) and what is not running text (scripts, style sheets, navigation, forms, drawings); its
// meta (`data-search-meta="title:…"`) and filters (`data-search-filter="unit:桃花村"`, any number
// a page) wherever they are in the page. Elements other than inline ones (span, a, strong …, and
// <wbr>) end a block, so that the texts of two table cells never run into one word. Pages are
// numbered in the order they are added: the build adds them in the order of their paths, so the
// index depends on the site alone.
import {
  decodeCharacterReferences,
  endTag,
  endTagName,
  readStartTag,
} from "../../text/html-tags.ts";
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

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const ours = (attribute: string) => attribute.startsWith("data-search-");

/**
 * `s` as a string of its own. V8 makes a slice of 13 or more characters a view into the string it
 * was cut from, so a page's meta and filters, kept for the whole build, would keep the whole page
 * (a county's 918 pages, some 47 MB, copied and promoted by the garbage collector for nothing).
 */
const detach = (s: string): string =>
  s.length < 13 ? s : Buffer.from(s, "utf16le").toString("utf16le");
/** `key:value` → [key, value]; null without a key. */
function pair(s: string): [string, string] | null {
  const colon = s.indexOf(":");
  if (colon <= 0) return null;
  return [detach(s.slice(0, colon).trim()), detach(s.slice(colon + 1).trim())];
}

/** What an open element began (pageSearchText). */
const BODY = 1;
const IGNORE = 2;
const HIDDEN = 4;

/** What the page gives the search index, or null when it has no element marked for it. */
export function pageSearchText(html: string): PageSearchText | null {
  const meta: Record<string, string> = {};
  const filters: Record<string, string[]> = {};
  const parts: string[] = [];
  // open elements: their names, and whether each began the body, an ignored part or hidden
  // content (BODY, IGNORE, HIDDEN), in two stacks
  const names: string[] = [];
  const kinds: number[] = [];
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
      parts.push(decodeCharacterReferences(html.slice(i, textEnd)).replace(/\s+/g, " "));
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
    const next = html.charCodeAt(lt + 1);
    if (next === 0x2f && isLetter(html.charCodeAt(lt + 2))) {
      // an end tag: closes the innermost open element of its name and those inside it
      const gt = html.indexOf(">", lt);
      i = gt === -1 ? html.length : gt + 1;
      const name = endTagName(html, lt);
      let k = names.length - 1;
      while (k >= 0 && names[k] !== name) k--;
      if (k < 0) continue; // a stray end tag
      while (names.length > k) {
        const open = names.pop() as string;
        const kind = kinds.pop() as number;
        if (!INLINE.has(open)) sep();
        if (kind & BODY) body--;
        if (kind & IGNORE) ignore--;
        if (kind & HIDDEN) hidden--;
      }
      continue;
    }
    if (!isLetter(next)) {
      if (body > 0 && ignore === 0 && hidden === 0) parts.push("<");
      i = lt + 1;
      continue;
    }
    const tag = readStartTag(html, lt, ours);
    i = tag.end;
    let attrs: Record<string, string> | null = null;
    if (tag.attributes.length > 0)
      for (const a of tag.attributes)
        if (!(attrs && a.name in attrs)) (attrs ??= {})[a.name] = a.value;
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
    const kind =
      (attrs !== null && "data-search-body" in attrs ? BODY : 0) |
      (attrs !== null && "data-search-ignore" in attrs ? IGNORE : 0) |
      (HIDDEN_CONTENT.has(tag.name) ? HIDDEN : 0);
    if (kind & BODY) {
      body++;
      marked = true;
    }
    if (kind & IGNORE) ignore++;
    if (kind & HIDDEN) {
      hidden++;
      // raw text: nothing inside is markup
      if (RAW_TEXT.has(tag.name)) {
        const end = endTag(html, tag.name, i);
        i = end === -1 ? html.length : end;
      }
    }
    names.push(tag.name);
    kinds.push(kind);
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
    return this.addText(file, pageSearchText(html));
  }

  /** Adds what pageSearchText found in the page in `file`; false if nothing (not indexed). */
  addText(file: string, found: PageSearchText | null): boolean {
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
