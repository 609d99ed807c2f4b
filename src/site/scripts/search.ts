/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The search page in the browser: loads Pagefind's own bundle from the site (never another
// host), asks it for the pages holding each term of ?q= as a phrase (within the filters ?year=,
// ?kind=, ?unit=), then matches, ranks and excerpts those pages itself (search-rank.ts).
// Everything from the index is put in as text; only our own <mark> elements are made.

import { queryTerms, rankResults, resultSnippet, splitByVocabulary } from "./search-rank.ts";
import type { Candidate, PageResult, SearchResult } from "./search-rank.ts";

interface PagefindResultData {
  url: string;
  content: string;
  meta: Record<string, string | undefined>;
}

interface PagefindResult {
  id: string;
  data(): Promise<PagefindResultData>;
}

interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  filters(): Promise<Record<string, Record<string, number>>>;
  search(
    q: string | null,
    o?: { filters?: Record<string, string> },
  ): Promise<{ results: PagefindResult[] }>;
}

/** Results shown (a group counts once). */
const MAX_RESULTS = 30;
/** Pages read and ranked at most (each one is a small request for its text). */
const MAX_CANDIDATES = 300;
const FILTERS = ["year", "kind", "unit"] as const;
const SUBJECT_SEPARATOR = "|";
const UNIT_TYPE_FIRST = "村（社区）";

function append(into: HTMLElement, parts: { text: string; mark: boolean }[]): void {
  for (const p of parts) {
    if (!p.mark) into.append(p.text);
    else {
      const mark = document.createElement("mark");
      mark.textContent = p.text;
      into.append(mark);
    }
  }
}

interface Context {
  terms: string[];
  vocabulary: string[];
}

function pageItem(r: PageResult, { terms, vocabulary }: Context): HTMLLIElement {
  const li = document.createElement("li");
  const title = document.createElement("a");
  title.className = "result-title";
  title.href = r.page.url;
  title.textContent = r.page.title || r.page.url;
  li.append(title);
  if (r.page.type) {
    const type = document.createElement("span");
    type.className = "result-type tag";
    type.textContent = r.page.type;
    li.append(type);
  }
  const parts = resultSnippet(r.page, terms, vocabulary);
  if (parts.length) {
    const p = document.createElement("p");
    append(p, parts);
    li.append(p);
  }
  return li;
}

function resultItem(r: SearchResult, context: Context): HTMLLIElement {
  if (r.kind === "page") return pageItem(r, context);
  const li = document.createElement("li");
  li.className = "result-group";
  const details = document.createElement("details");
  const summary = document.createElement("summary");
  const label = document.createElement("span");
  label.className = "result-title";
  label.textContent = `${r.label}（${r.pages.length}份）`;
  const note = document.createElement("span");
  note.className = "result-type tag";
  note.textContent = "每个村（社区）一份";
  summary.append(label, note);
  const first = r.pages[0];
  const parts = first ? resultSnippet(first.page, context.terms, context.vocabulary) : [];
  if (parts.length) {
    const p = document.createElement("p");
    append(p, parts);
    summary.append(p);
  }
  details.append(summary);
  li.append(details);
  const list = document.createElement("ol");
  list.className = "group-pages";
  for (const page of r.pages) {
    const item = document.createElement("li");
    const a = document.createElement("a");
    a.href = page.page.url;
    a.textContent = page.page.title || page.page.url;
    item.append(a);
    list.append(item);
  }
  details.append(list);
  return li;
}

/**
 * Fills the filter boxes from the index (value and page count), the current choice selected;
 * returns every filter of the index.
 */
async function fillFilters(
  pagefind: Pagefind,
  form: HTMLFormElement,
  chosen: Record<string, string>,
): Promise<Record<string, Record<string, number>>> {
  const all = await pagefind.filters();
  const box = form.querySelector<HTMLElement>(".search-filters");
  if (!box) return all;
  for (const name of FILTERS) {
    const select = box.querySelector<HTMLSelectElement>(`select[name=${name}]`);
    if (!select) continue;
    const counts = all[name] ?? {};
    const values = Object.keys(counts);
    if (name === "year") values.sort((a, b) => Number(b) - Number(a));
    else if (name === "unit") values.sort((a, b) => a.localeCompare(b, "zh-CN"));
    else
      values.sort(
        (a, b) =>
          Number(b === UNIT_TYPE_FIRST) - Number(a === UNIT_TYPE_FIRST) ||
          (counts[b] ?? 0) - (counts[a] ?? 0) ||
          a.localeCompare(b, "zh-CN"),
      );
    for (const value of values) {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = `${name === "year" ? `${value}年` : value}（${counts[value] ?? 0}）`;
      option.selected = chosen[name] === value;
      select.append(option);
    }
    select.addEventListener("change", () => form.requestSubmit());
  }
  box.hidden = false;
  return all;
}

/**
 * The pages holding every term as typed (a term not found whole is split at known words), or
 * holding it as a 发文字号 (filter `number`; the number itself is not in the indexed text).
 */
async function findPages(
  pagefind: Pagefind,
  query: string,
  vocabulary: string[],
  filters: Record<string, string>,
  numbers: string[],
): Promise<{ terms: string[]; results: PagefindResult[] }> {
  const options = Object.keys(filters).length ? { filters } : {};
  const typed = queryTerms(query);
  if (!typed.length) return { terms: [], results: (await pagefind.search(null, options)).results };
  const pagesWith = async (term: string) => {
    const found = (await pagefind.search(`"${term}"`, options)).results;
    for (const number of numbers.filter((n) => n.toLowerCase().includes(term)))
      found.push(...(await pagefind.search(null, { filters: { ...filters, number } })).results);
    return found;
  };
  const terms: string[] = [];
  const hits: PagefindResult[][] = [];
  for (const term of typed) {
    const found = await pagesWith(term);
    const parts = found.length ? [term] : splitByVocabulary(term, vocabulary);
    if (parts.length === 1) {
      terms.push(term);
      hits.push(found);
    } else
      for (const part of parts) {
        terms.push(part);
        hits.push(await pagesWith(part));
      }
  }
  // Pagefind's ranked search adds pages its phrase matching may miss; all are checked later.
  const ranked = (await pagefind.search(terms.join(" "), options)).results;
  const [first, ...others] = hits;
  const inAll = (r: PagefindResult) => others.every((h) => h.some((x) => x.id === r.id));
  const seen = new Set<string>();
  const results: PagefindResult[] = [];
  for (const r of [...(first ?? []).filter(inAll), ...ranked])
    if (!seen.has(r.id)) {
      seen.add(r.id);
      results.push(r);
    }
  return { terms, results };
}

/** The vocabulary the page carries (lib/search-meta.ts), or none if it is unreadable. */
function parseVocabulary(json: string | undefined): string[] {
  try {
    const words: unknown = JSON.parse(json ?? "[]");
    return Array.isArray(words) ? words.filter((w): w is string => typeof w === "string") : [];
  } catch {
    return [];
  }
}

function toCandidate(d: PagefindResultData): Candidate {
  return {
    url: d.url,
    title: d.meta.title ?? d.url,
    type: d.meta.type ?? "",
    content: d.content,
    subjects: (d.meta.subjects ?? "").split(SUBJECT_SEPARATOR).filter((s) => s !== ""),
    facts: (d.meta.facts ?? "").split(SUBJECT_SEPARATOR).filter((s) => s !== ""),
    ...(d.meta.group ? { group: d.meta.group } : {}),
  };
}

export async function runSearchPage(): Promise<void> {
  const app = document.getElementById("search-app");
  if (!app) return;
  const form = app.querySelector<HTMLFormElement>("form");
  const input = app.querySelector<HTMLInputElement>("input[name=q]");
  const status = app.querySelector<HTMLElement>(".search-status");
  const list = app.querySelector<HTMLOListElement>(".search-results");
  if (!form || !input || !status || !list) return;
  const params = new URLSearchParams(location.search);
  const query = params.get("q")?.trim() ?? "";
  const chosen: Record<string, string> = {};
  for (const name of FILTERS) {
    const value = params.get(name)?.trim();
    if (value) chosen[name] = value;
  }
  input.value = query;
  for (const box of document.querySelectorAll<HTMLInputElement>("#site-search")) box.value = query;
  // Unchosen filters stay out of the address.
  form.addEventListener("submit", () => {
    for (const select of form.querySelectorAll<HTMLSelectElement>("select"))
      select.disabled = select.value === "";
  });
  const vocabulary = parseVocabulary(app.dataset.vocabulary);
  status.textContent = query || Object.keys(chosen).length ? "正在搜索……" : "";
  let pagefind: Pagefind;
  let numbers: string[];
  try {
    pagefind = (await import(/* @vite-ignore */ `${app.dataset.bundle}pagefind.js`)) as Pagefind;
    await pagefind.options({ baseUrl: app.dataset.base ?? "/" });
    await pagefind.init();
    numbers = Object.keys((await fillFilters(pagefind, form, chosen)).number ?? {});
  } catch (e) {
    console.warn(e);
    status.textContent = "搜索索引无法加载。请确认网站是用 xinfang build 生成的。";
    return;
  }
  if (!query && !Object.keys(chosen).length) {
    status.textContent = "请输入要搜索的内容。";
    input.focus();
    return;
  }
  const { terms, results } = await findPages(pagefind, query, vocabulary, chosen, numbers);
  const data = await Promise.all(results.slice(0, MAX_CANDIDATES).map((r) => r.data()));
  // The reader who chose a kind or a unit sees each of those pages, not a group of them.
  const group = !chosen.kind && !chosen.unit;
  const ranked = rankResults(data.map(toCandidate), terms, { vocabulary, group });
  const pages = ranked.reduce((n, r) => n + (r.kind === "page" ? 1 : r.pages.length), 0);
  const what = query ? `“${query}”` : "所选条件";
  status.textContent = ranked.length
    ? `找到 ${pages} 个页面${ranked.length > MAX_RESULTS ? `，显示前 ${MAX_RESULTS} 项` : ""}。`
    : `没有找到与${what}相关的内容。`;
  const context = { terms, vocabulary };
  list.replaceChildren(...ranked.slice(0, MAX_RESULTS).map((r) => resultItem(r, context)));
}
