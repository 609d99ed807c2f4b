// The search page's own matching, ranking and snippets, on the pages the site's search index
// gave (pure: no DOM, no index; the browser and the unit tests run the same code).
//
// Matching: every term of the query must occur in a page as typed — 集访 matches 集访, never a
// page whose only match is 访 or 访问 (the index finds pages by characters and pairs) — and
// not across a word of the domain vocabulary: 访问 does not match the 访问 of 信访问题, where 信访
// is the word (`matchPositions`).
// Ranking: a page whose subjects (lib/search-meta.ts: a unit's name and what happened to it) hold
// a term comes first — a unit's own page before its documents — then the title, then how often
// the terms occur. Pages of one result group (the 12 目标责任书, identical but for the village)
// that are not about a term of the query become one result, ranked at half its best page.

import { normalize } from "../lib/search-index-format.ts";

export interface Candidate {
  url: string;
  title: string;
  /** Result label: 村（社区）, 考评结果通报 … */
  type: string;
  /** Indexed text: each block (paragraph, heading, table cell, line) on a line of its own. */
  content: string;
  subjects: readonly string[];
  /** What happened to the page's unit, counted: 赴市集访1次, 黄牌警告1次, 一票否决. */
  facts?: readonly string[];
  group?: string;
}

export interface PageResult {
  kind: "page";
  page: Candidate;
  score: number;
}

export interface GroupResult {
  kind: "group";
  label: string;
  pages: PageResult[];
  score: number;
}

export type SearchResult = PageResult | GroupResult;

/** Result type of a unit's own page (lib/search-meta.ts and the unit page's `searchType`). */
export const UNIT_TYPE = "村（社区）";

const SUBJECT_UNIT = 100;
const SUBJECT_OTHER = 60;
const TITLE_EXACT = 30;
const TITLE_CONTAINS = 15;
const PER_OCCURRENCE_LOG = 5;
/** A group ranks at this share of its best page's score (unless the query names the group). */
export const GROUP_FACTOR = 0.5;

// Text as compared (no zero-width characters, one space, lower case): the index is made of the
// same text, so that the pages it gives are the pages these functions match.
export { normalize };

/**
 * The terms of a query: split at spaces and at punctuation (Chinese or not), quotes dropped,
 * each term once.
 */
export function queryTerms(query: string): string[] {
  const parts = normalize(query)
    .split(/[\s"'“”‘’「」『』《》〈〉（）()【】[\]，,。．、；;：:！!？?…]+/u)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return [...new Set(parts)];
}

/**
 * Splits a term typed without spaces at the words of `vocabulary` (longest first, left to
 * right): 桃花村集访 → 桃花村, 集访. Text between words stays one term. A term with no word of
 * the vocabulary, or that is one word, comes back as it is.
 */
export function splitByVocabulary(term: string, vocabulary: readonly string[]): string[] {
  const words = [...new Set(vocabulary.map(normalize).filter((w) => w !== ""))].sort(
    (a, b) => b.length - a.length,
  );
  const out: string[] = [];
  let rest = "";
  let i = 0;
  while (i < term.length) {
    const word = words.find((w) => term.startsWith(w, i));
    if (word) {
      if (rest) out.push(rest);
      rest = "";
      out.push(word);
      i += word.length;
    } else {
      rest += term[i];
      i++;
    }
  }
  if (rest) out.push(rest);
  return [...new Set(out)];
}

/**
 * Where `term` occurs in `text` (not overlapping), leaving out the places where a word of the
 * vocabulary crosses the term's edge: in 信访问题 the vocabulary word 信访 takes the 访 of 访问.
 * A word that holds the term (赴市集访 for 集访) or that the term holds does not count.
 */
export function matchPositions(
  text: string,
  term: string,
  vocabulary: readonly string[] = [],
): number[] {
  if (!term) return [];
  const words = vocabulary.filter(
    (w) =>
      w.length > 1 &&
      !w.includes(term) &&
      !term.includes(w) &&
      [...w].some((c) => term.includes(c)),
  );
  const out: number[] = [];
  const end = term.length;
  for (let i = text.indexOf(term); i !== -1; i = text.indexOf(term, i + end)) {
    const crossed = words.some((w) => {
      for (let s = i - w.length + 1; s < i + end; s++) {
        if (s < 0) continue;
        const e = s + w.length;
        const crosses = (s < i && e > i && e < i + end) || (s > i && s < i + end && e > i + end);
        if (crosses && text.startsWith(w, s)) return true;
      }
      return false;
    });
    if (!crossed) out.push(i);
  }
  return out;
}

/** The page's score for the terms, or null when some term is nowhere in it. */
export function scorePage(
  page: Candidate,
  terms: readonly string[],
  vocabulary: readonly string[] = [],
): number | null {
  const title = normalize(page.title);
  const content = normalize(page.content);
  const subjects = new Set(page.subjects.map(normalize));
  let score = 0;
  for (const term of terms) {
    const inSubjects = subjects.has(term);
    // Part of a subject (青信办 of the 发文字号 青信办〔2025〕4号): found, no more.
    const inSubject =
      inSubjects || [...subjects].some((s) => matchPositions(s, term, vocabulary).length > 0);
    const inTitle = matchPositions(title, term, vocabulary).length > 0;
    const count = matchPositions(content, term, vocabulary).length;
    if (!inSubject && !inTitle && count === 0) return null;
    if (inSubjects) score += page.type === UNIT_TYPE ? SUBJECT_UNIT : SUBJECT_OTHER;
    else if (inSubject) score += TITLE_CONTAINS;
    if (title === term) score += TITLE_EXACT;
    else if (inTitle) score += TITLE_CONTAINS;
    score += PER_OCCURRENCE_LOG * Math.log2(1 + count);
    if (inSubjects) score += PER_OCCURRENCE_LOG * Math.log2(1 + factCount(page, term));
  }
  return score;
}

/** How many times the page's facts count what `term` names (赴市集访1次 and 到镇集访2次: 3 for 集访). */
export function factCount(page: Pick<Candidate, "facts">, term: string): number {
  let n = 0;
  for (const fact of page.facts ?? []) {
    const f = normalize(fact);
    if (!f.includes(term)) continue;
    const m = /(\d+)次$/.exec(f);
    n += m ? Number(m[1]) : 1;
  }
  return n;
}

/** Whether a term of the query is one of the page's subjects. */
function aboutQuery(page: Candidate, terms: readonly string[]): boolean {
  const subjects = new Set(page.subjects.map(normalize));
  return terms.some((t) => subjects.has(t));
}

const byScore = (a: { score: number; key: string }, b: { score: number; key: string }) =>
  b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export interface RankOptions {
  /** Words that a match may not cut through (see matchPositions). */
  vocabulary?: readonly string[];
  /** Fold groups into one result (not when the reader chose a kind or a unit). Default true. */
  group?: boolean;
}

/**
 * The pages that match every term, best first, with the pages of a group that are not about a
 * term of the query folded into one result (a group of one stays a page). Without terms (a
 * filter only), every page in its order by type and title.
 */
export function rankResults(
  pages: readonly Candidate[],
  terms: readonly string[],
  options: RankOptions = {},
): SearchResult[] {
  const { vocabulary = [], group = true } = options;
  const scored: PageResult[] = [];
  for (const page of pages) {
    const score = terms.length ? scorePage(page, terms, vocabulary) : 0;
    if (score !== null) scored.push({ kind: "page", page, score });
  }
  const groups = new Map<string, PageResult[]>();
  const singles: PageResult[] = [];
  for (const r of scored) {
    if (group && r.page.group && !(terms.length && aboutQuery(r.page, terms))) {
      const list = groups.get(r.page.group) ?? [];
      list.push(r);
      groups.set(r.page.group, list);
    } else singles.push(r);
  }
  const keyOf = (r: SearchResult) =>
    r.kind === "page"
      ? `${r.page.type}\u0000${r.page.title}\u0000${r.page.url}`
      : `\u0001${r.label}`;
  const out: SearchResult[] = [...singles];
  for (const [label, list] of groups) {
    const sorted = list
      .map((r) => ({ r, score: r.score, key: keyOf(r) }))
      .sort(byScore)
      .map((x) => x.r);
    if (sorted.length === 1) out.push(sorted[0] as PageResult);
    else
      out.push({
        kind: "group",
        label,
        pages: sorted,
        score:
          (sorted[0]?.score ?? 0) *
          (terms.some((t) => normalize(label).includes(t)) ? 1 : GROUP_FACTOR),
      });
  }
  return out
    .map((r) => ({ r, score: r.score, key: keyOf(r) }))
    .sort(byScore)
    .map((x) => x.r);
}

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/gu;
/** 发文字号 such as 青信办〔2025〕4号: never in a snippet (it belongs to the 版头). */
export const DOC_NUMBER = /[\u3400-\u9fff]{1,12}[〔[]\d{4}[〕\]]\d+号/u;

/**
 * A piece of indexed text a reader can use: some Chinese, no bare number, id or file path, no
 * 发文字号, not a table's header row (several short words in a row: 处理 日期 事件 条款).
 */
export function readable(segment: string): boolean {
  if ((segment.match(CJK)?.length ?? 0) < 2 || DOC_NUMBER.test(segment)) return false;
  const words = segment.trim().split(" ");
  return !(words.length >= 4 && words.every((w) => w.length <= 5));
}

/** A passage of running text rather than a table cell. */
const prose = (segment: string) => readable(segment) && segment.length >= 16;

/** The text as a reader sees it: no zero-width characters, one space between words, blocks kept. */
function plain(content: string): string {
  return content.replace(/\u200b|\u200c|\u200d|\ufeff/g, "").replace(/[^\S\n]+/g, " ");
}

/** The blocks of indexed text (one a line), sentences of a block apart. */
function segmentsOf(text: string): string[] {
  return text
    .split(/\n|(?<=。) /)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * A short passage of the page's text around the first place a term occurs, the terms marked:
 * the block it occurs in, and when that is a short table cell (not a sentence), the readable cells beside it
 * joined with " · " (numbers, ids, file paths, table heads and 发文字号 left out). Running text
 * is preferred to a table cell. Empty when no term occurs in the text.
 */
export function snippet(
  content: string,
  terms: readonly string[],
  max = 80,
  vocabulary: readonly string[] = [],
): SnippetPart[] {
  const segments = segmentsOf(plain(content));
  const holds = (segment: string) =>
    terms.some((t) => matchPositions(segment.toLowerCase(), t, vocabulary).length > 0);
  let hit = -1;
  for (const fits of [prose, readable, () => true]) {
    hit = segments.findIndex((segment) => fits(segment) && holds(segment));
    if (hit !== -1) break;
  }
  if (hit === -1) return [];
  let passage = withoutDocNumbers(segments[hit] ?? "");
  if (passage.length < max / 2 && !/[。；！？]$/.test(passage)) {
    // A table cell (a short block that is not a sentence): add the readable cells around it.
    const before: string[] = [];
    const after: string[] = [];
    let length = passage.length;
    for (let d = 1; d <= 3 && length < max; d++) {
      const prev = segments[hit - d];
      if (prev && readable(prev) && prev.length < max / 2) {
        before.unshift(prev);
        length += prev.length + 3;
      }
      const next = segments[hit + d];
      if (next && readable(next) && next.length < max / 2 && length < max) {
        after.push(next);
        length += next.length + 3;
      }
    }
    passage = [...before, passage, ...after].join(" · ");
  }
  // A window of `max` characters around the first term.
  const low = passage.toLowerCase();
  const first = Math.min(
    ...terms.flatMap((t) => matchPositions(low, t, vocabulary).slice(0, 1)),
    Number.POSITIVE_INFINITY,
  );
  let from = 0;
  if (Number.isFinite(first) && passage.length > max)
    from = Math.max(0, Math.min(first - Math.floor(max / 3), passage.length - max));
  let window = passage.slice(from, from + max);
  if (from > 0) window = `…${window}`;
  if (from + max < passage.length) window = `${window}…`;
  return markTerms(window, terms, vocabulary);
}

/** The text with every 发文字号 taken out (and the separators it leaves doubled, joined). */
export function withoutDocNumbers(text: string): string {
  return text
    .replace(new RegExp(DOC_NUMBER.source, "gu"), "")
    .replace(/(\s*·\s*){2,}/g, " · ")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/** Splits `text` into marked (a term, as matchPositions finds it) and unmarked parts. */
export function markTerms(
  text: string,
  terms: readonly string[],
  vocabulary: readonly string[] = [],
): SnippetPart[] {
  const lower = text.toLowerCase();
  const marked = new Array<boolean>(text.length).fill(false);
  for (const t of terms)
    for (const i of matchPositions(lower, t, vocabulary))
      for (let j = i; j < i + t.length; j++) marked[j] = true;
  const parts: SnippetPart[] = [];
  for (let i = 0; i < text.length; i++) {
    const mark = marked[i] ?? false;
    const last = parts[parts.length - 1];
    if (last && last.mark === mark) last.text += text[i];
    else parts.push({ text: text[i] ?? "", mark });
  }
  return parts;
}

/**
 * The excerpt of a result: from its text; for a unit's page whose text does not hold the terms
 * (the events are in a table the index leaves out), from its facts — 考评记录：到镇集访1次; for
 * a page found by a subject alone, its first passage of running text, unmarked; without terms
 * (a list by filter), its first passage of running text other than its title.
 */
export function resultSnippet(
  page: Candidate,
  terms: readonly string[],
  vocabulary: readonly string[] = [],
): SnippetPart[] {
  if (!terms.length) {
    // A list by filter alone: the first running text that is not the title.
    const title = normalize(page.title);
    const first = segmentsOf(plain(page.content)).find((s) => prose(s) && normalize(s) !== title);
    return first ? clip(withoutDocNumbers(first)) : [];
  }
  const fromText = snippet(page.content, terms, 80, vocabulary);
  if (fromText.some((p) => p.mark)) return fromText;
  const facts = (page.facts ?? []).filter((f) =>
    terms.some((t) => matchPositions(normalize(f), t, vocabulary).length > 0),
  );
  if (facts.length) return markTerms(`考评记录：${facts.join("、")}`, terms, vocabulary);
  if (fromText.length) return fromText;
  const first = segmentsOf(plain(page.content)).find(prose);
  return first ? clip(withoutDocNumbers(first)) : [];
}

function clip(text: string, max = 80): SnippetPart[] {
  return [{ text: text.length > max ? `${text.slice(0, max)}…` : text, mark: false }];
}
