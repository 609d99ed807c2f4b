/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The search page in the browser: reads the site's own search index (never another host) for
// the pages that may hold each term of ?q= (within the filters ?year=, ?kind=, ?unit=), then
// matches, ranks and excerpts those pages itself (search-rank.ts). Everything from the index is
// put in as text; only our own <mark> elements are made.

import { normalize } from "../lib/search-index-format.ts";
import type { PageText } from "../lib/search-index-format.ts";
import { openSearchIndex } from "./search-index-client.ts";
import type { SiteSearchIndex } from "./search-index-client.ts";
import { queryTerms, rankResults, resultSnippet, splitByVocabulary } from "./search-rank.ts";
import type { Candidate, PageResult, SearchResult } from "./search-rank.ts";

/** Results shown (a group counts once). */
const MAX_RESULTS = 30;
/** Pages read and ranked at most (each one is a small request for its text). */
const MAX_CANDIDATES = 300;
/** Before the pages are read: one whose title, subjects or 发文字号 hold a term comes first. */
const ABOUT = 1_000_000;
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

/** Fills the filter boxes from the index (value and page count), the current choice selected. */
function fillFilters(
  all: Record<string, Record<string, number>>,
  form: HTMLFormElement,
  chosen: Record<string, string>,
): void {
  const box = form.querySelector<HTMLElement>(".search-filters");
  if (!box) return;
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
}

/**
 * The pages that may hold every term as typed (a term found nowhere is split at known words),
 * or whose title, subjects or 发文字号 (filter `number`: not in the page's text) hold it; the
 * likeliest first: those about a term, then by how often the terms may occur.
 */
async function findPages(
  index: SiteSearchIndex,
  query: string,
  vocabulary: string[],
  filters: Record<string, string>,
): Promise<{ terms: string[]; ids: number[] }> {
  const among = Object.keys(filters).length ? new Set(index.filtered(filters)) : undefined;
  const typed = queryTerms(query);
  if (!typed.length) return { terms: [], ids: among ? [...among] : index.pages.map((_, id) => id) };
  const about = index.pages.map((p) =>
    [
      p.meta.title ?? "",
      ...(p.meta.subjects ?? "").split(SUBJECT_SEPARATOR),
      ...(p.filters.number ?? []),
    ]
      .filter((s) => s !== "")
      .map(normalize),
  );
  const pagesWith = async (term: string) => {
    const found = await index.find(term, among);
    about.forEach((texts, id) => {
      if ((!among || among.has(id)) && texts.some((t) => t.includes(term)))
        found.set(id, (found.get(id) ?? 0) + ABOUT);
    });
    return found;
  };
  const terms: string[] = [];
  const hits: Map<number, number>[] = [];
  for (const term of typed) {
    const found = await pagesWith(term);
    const parts = found.size ? [term] : splitByVocabulary(term, vocabulary);
    if (parts.length === 1) {
      terms.push(term);
      hits.push(found);
    } else
      for (const part of parts) {
        terms.push(part);
        hits.push(await pagesWith(part));
      }
  }
  const [first, ...others] = hits;
  const scored: { id: number; score: number }[] = [];
  for (const [id, n] of first ?? []) {
    let score = n;
    for (const h of others) {
      const m = h.get(id);
      if (m === undefined) {
        score = -1;
        break;
      }
      score += m;
    }
    if (score >= 0) scored.push({ id, score });
  }
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  return { terms, ids: scored.map((x) => x.id) };
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

function toCandidate(d: PageText, base: string): Candidate {
  const url = `${base}${d.url}`;
  return {
    url,
    title: d.meta.title ?? url,
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
  const base = app.dataset.base ?? "/";
  const root = app.dataset.index ?? `${base}search-index/`;
  let index: SiteSearchIndex;
  let found: { terms: string[]; ids: number[] };
  let data: PageText[];
  try {
    index = await openSearchIndex(async (path) => {
      const r = await fetch(`${root}${path}`);
      if (!r.ok) throw new Error(`${r.status} ${path}`);
      return r.json();
    });
    fillFilters(index.filters, form, chosen);
    if (!query && !Object.keys(chosen).length) {
      status.textContent = "请输入要搜索的内容。";
      input.focus();
      return;
    }
    found = await findPages(index, query, vocabulary, chosen);
    data = await Promise.all(found.ids.slice(0, MAX_CANDIDATES).map((id) => index.text(id)));
  } catch (e) {
    console.warn(e);
    status.textContent = "搜索索引无法加载。请确认网站是用 xinfang build 生成的。";
    return;
  }
  const { terms } = found;
  // The reader who chose a kind or a unit sees each of those pages, not a group of them.
  const group = !chosen.kind && !chosen.unit;
  const ranked = rankResults(
    data.map((d) => toCandidate(d, base)),
    terms,
    { vocabulary, group },
  );
  const pages = ranked.reduce((n, r) => n + (r.kind === "page" ? 1 : r.pages.length), 0);
  const what = query ? `“${query}”` : "所选条件";
  status.textContent = ranked.length
    ? `找到 ${pages} 个页面${ranked.length > MAX_RESULTS ? `，显示前 ${MAX_RESULTS} 项` : ""}。`
    : `没有找到与${what}相关的内容。`;
  const context = { terms, vocabulary };
  list.replaceChildren(...ranked.slice(0, MAX_RESULTS).map((r) => resultItem(r, context)));
}
