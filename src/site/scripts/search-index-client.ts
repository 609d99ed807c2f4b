// The search page's side of the site's search index (lib/search-index-format.ts): which pages may
// hold a term, read from the gram files a term needs (each read once a page view), and a page's
// text when the page is ranked. No DOM: `load` reads a file of the index as JSON (the browser's
// fetch; the unit tests read the built files).
import {
  SEARCH_FORMAT,
  SEARCH_PAGES_FILE,
  gramFile,
  gramShard,
  normalize,
  termGrams,
  textFile,
} from "../lib/search-index-format.ts";
import type {
  GramFile,
  IndexedPage,
  PageText,
  PageTextFile,
  SearchManifest,
} from "../lib/search-index-format.ts";

/** Reads a file of the index (a path inside its folder) as JSON. */
export type IndexLoader = (path: string) => Promise<unknown>;

export interface SiteSearchIndex {
  readonly pages: readonly IndexedPage[];
  /** Each filter, its values and how many pages carry each. */
  readonly filters: Record<string, Record<string, number>>;
  /** Ids of the pages carrying every chosen filter value. */
  filtered(filters: Record<string, string>): number[];
  /**
   * Pages whose text may hold `term` (every gram of it is there), among `among` when given, each
   * with how often its rarest gram occurs in it (at least the number of times the term does).
   * Every page whose text holds the term is among them.
   */
  find(term: string, among?: ReadonlySet<number>): Promise<Map<number, number>>;
  /** The page's text, address and meta. */
  text(id: number): Promise<PageText>;
}

export class SearchIndexError extends Error {}

function isManifest(v: unknown): v is SearchManifest {
  const m = v as Partial<SearchManifest> | null;
  return (
    typeof m === "object" &&
    m !== null &&
    m.format === SEARCH_FORMAT &&
    typeof m.shards === "number" &&
    m.shards >= 1 &&
    Array.isArray(m.pages) &&
    typeof m.filters === "object" &&
    m.filters !== null
  );
}

/** Opens the index: reads its table of pages (the gram and text files are read when needed). */
export async function openSearchIndex(load: IndexLoader): Promise<SiteSearchIndex> {
  const manifest = await load(SEARCH_PAGES_FILE);
  if (!isManifest(manifest)) throw new SearchIndexError("搜索索引的格式不对");
  const { pages, shards, filters } = manifest;
  const files = new Map<number, Promise<GramFile>>();
  const gramFileOf = (shard: number) => {
    let f = files.get(shard);
    if (!f) {
      f = load(gramFile(shard)).then((v) =>
        typeof v === "object" && v !== null ? (v as GramFile) : {},
      );
      files.set(shard, f);
    }
    return f;
  };
  /** The pages holding `gram`: id → count. */
  const postings = async (gram: string): Promise<Map<number, number>> => {
    const list = (await gramFileOf(gramShard(gram, shards)))[gram] ?? [];
    const out = new Map<number, number>();
    let id = 0;
    for (let k = 0; k + 1 < list.length; k += 2) {
      id += list[k] as number;
      out.set(id, list[k + 1] as number);
    }
    return out;
  };
  return {
    pages,
    filters,
    filtered(chosen) {
      const wanted = Object.entries(chosen);
      const out: number[] = [];
      pages.forEach((p, id) => {
        if (wanted.every(([name, value]) => p.filters[name]?.includes(value))) out.push(id);
      });
      return out;
    },
    async find(term, among) {
      const grams = termGrams(normalize(term));
      if (!grams.length) return new Map();
      const lists = await Promise.all(grams.map(postings));
      lists.sort((a, b) => a.size - b.size);
      const [first, ...rest] = lists;
      const out = new Map<number, number>();
      if (!first) return out;
      for (const [id, count] of first) {
        if (among && !among.has(id)) continue;
        let least = count;
        let everywhere = true;
        for (const l of rest) {
          const c = l.get(id);
          if (c === undefined) {
            everywhere = false;
            break;
          }
          if (c < least) least = c;
        }
        if (everywhere) out.set(id, least);
      }
      return out;
    },
    async text(id) {
      const t = (await load(textFile(id))) as Partial<PageTextFile> | null;
      const page = pages[id];
      return {
        url: page?.url ?? "",
        content: typeof t?.content === "string" ? t.content : "",
        meta: page?.meta ?? {},
      };
    },
  };
}
