// What the search index learns about a page beyond its text (meta and filters, written
// as hidden spans by components/SearchMeta.astro), and the vocabulary the search page splits a
// query with. The ranking itself runs in the browser (scripts/search-rank.ts); it reads these
// fields by the names below.
import { FORMS } from "../../../schemas/common.ts";
import type { UnitScore } from "../../compute/scoring/types.ts";
import type { PublishedDocument } from "../../render/index.ts";
import { LAST_PLACE, SANCTION_NAMES, cellText } from "../../render/wording.ts";
import { DOC_KIND_NAMES } from "../../text/kinds.ts";
import type { SiteData } from "./data.ts";
import { docToHtml } from "./doc-html.ts";

/** Filter names (the query string of the search page uses the same names); `kind` is set for
 * every page by layouts/Base.astro from its result type. */
export const FILTER_YEAR = "year";
export const FILTER_KIND = "kind";
export const FILTER_UNIT = "unit";
/** A document's 发文字号: not shown as a filter; the search page finds a document by it. */
export const FILTER_NUMBER = "number";
/** Meta: the terms a page is about (separated by SUBJECT_SEPARATOR), and its result group. */
export const META_SUBJECTS = "subjects";
export const META_GROUP = "group";
/** Meta: what happened to the unit the page is about (赴市集访1次|黄牌警告1次), SUBJECT_SEPARATOR between. */
export const META_FACTS = "facts";
export const SUBJECT_SEPARATOR = "|";

export interface PageSearchInfo {
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

const clean = (s: string) => s.replaceAll(SUBJECT_SEPARATOR, " ").trim();

/** Distinct non-empty terms, first occurrence first. */
function distinct(terms: Iterable<string>): string[] {
  return [...new Set([...terms].map(clean).filter((s) => s !== ""))];
}

export interface UnitEvents {
  /** Search terms: 集访, 赴市集访, 例会请假, 黄牌警告, 一票否决, 末位 … */
  terms: string[];
  /** What happened, counted, as a reader says it: 赴市集访1次, 黄牌警告1次, 一票否决. */
  facts: string[];
}

/**
 * What happened to a unit in the years given: the forms and destinations of its petitions
 * (集访, 赴市集访), the short names of the items it lost points on, its sanctions (黄牌警告), a
 * veto (一票否决) and the last place (末位).
 */
export function unitEvents(scores: readonly UnitScore[]): UnitEvents {
  const terms: string[] = [];
  const counts = new Map<string, number>();
  const count = (what: string) => {
    const key = clean(what);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  const once: string[] = [];
  for (const u of scores) {
    for (const e of u.entries) {
      if (e.cell) {
        terms.push(e.cell.form, cellText(e.cell));
        count(cellText(e.cell));
      } else if (e.label) count(e.label);
      if (e.label) terms.push(e.label);
    }
    for (const v of u.vetoes) terms.push(v.label);
    if (u.vetoed) {
      terms.push(SANCTION_NAMES.veto);
      once.push(SANCTION_NAMES.veto);
    }
    for (const s of u.sanctions) {
      terms.push(SANCTION_NAMES[s.kind], s.label);
      if (s.kind !== "veto") count(SANCTION_NAMES[s.kind]);
    }
    if (u.consequences.includes("last_place")) {
      terms.push(LAST_PLACE);
      once.push(LAST_PLACE);
    }
  }
  const facts = [...[...counts].map(([what, n]) => `${what}${n}次`), ...once];
  return { terms: distinct(terms), facts: distinct(facts) };
}

function info(
  filters: Record<string, (string | number)[]>,
  subjects: string[],
  group?: string,
  facts: string[] = [],
): PageSearchInfo {
  const f: Record<string, string[]> = {};
  for (const [k, vs] of Object.entries(filters)) {
    const values = distinct(vs.map(String));
    if (values.length) f[k] = values;
  }
  const meta: Record<string, string> = {};
  const s = distinct(subjects);
  if (s.length) meta[META_SUBJECTS] = s.join(SUBJECT_SEPARATOR);
  if (group) meta[META_GROUP] = clean(group);
  if (facts.length) meta[META_FACTS] = distinct(facts).join(SUBJECT_SEPARATOR);
  return { filters: f, meta };
}

/** A unit's own page: about its name and what happened to it; filtered by its years and name. */
export function unitSearchInfo(data: SiteData, unitId: string): PageSearchInfo {
  const name = data.unitName(unitId);
  const years = data.years.filter((y) => data.unitScore(y, unitId) !== undefined);
  const scores = years.map((y) => data.unitScore(y, unitId)).filter((u) => u !== undefined);
  const events = unitEvents(scores);
  return info(
    { [FILTER_YEAR]: years, [FILTER_UNIT]: [name] },
    [name, ...events.terms],
    undefined,
    events.facts,
  );
}

/**
 * A document: filtered by its year, kind and unit, found by its 发文字号 (which the index leaves
 * out with the 版头, so that it never shows in an excerpt). A unit's document is about the unit's
 * name; the unit's 考评得分表 also about what happened to the unit that year, where it says so. Documents
 * of one kind and year made for every unit (the 目标责任书, identical but for the unit) form a
 * result group, so that they never crowd a result list. `html` is the document as its page shows
 * it (docToHtml), where the page has it already; otherwise it is rendered here when needed.
 */
export function documentSearchInfo(
  data: SiteData,
  doc: PublishedDocument,
  html?: string,
): PageSearchInfo {
  const m = doc.doc.meta;
  // The kind filter of every page is its result type (layouts/Base.astro, `searchType`).
  const number = m.number ? [m.number] : [];
  if (!m.unit) return info({ [FILTER_YEAR]: [m.year], [FILTER_NUMBER]: number }, number);
  const name = data.unitName(m.unit);
  const score = m.kind === "scoring-sheet" ? data.unitScore(m.year, m.unit) : undefined;
  // What happened to the unit, as far as the document shows it (a 集访 at the town that cost no
  // points is not on the 得分表: the sheet is not found by it).
  const all = score ? unitEvents([score]) : { terms: [], facts: [] };
  const text =
    all.terms.length || all.facts.length ? (html ?? docToHtml(doc.doc, { base: "/" })) : "";
  const events = {
    terms: all.terms.filter((t) => text.includes(t)),
    facts: all.facts.filter((f) => text.includes(f.replace(/\d+次$/, ""))),
  };
  const perUnit = data.documentsOf({ kind: m.kind, year: m.year }).filter((d) => d.doc.meta.unit);
  return info(
    {
      [FILTER_YEAR]: [m.year],
      [FILTER_UNIT]: [name],
      [FILTER_NUMBER]: number,
    },
    [name, ...number, ...events.terms],
    perUnit.length > 1 ? `${m.year}年${DOC_KIND_NAMES[m.kind]}` : undefined,
    events.facts,
  );
}

/**
 * Words of the trade a term may not be cut out of: 访问 is not found in 信访问题.
 */
export const DOMAIN_WORDS = ["信访", "上访", "来访", "接访", "下访", "走访", "回访", "越级"];

/**
 * Words a query typed without spaces is split into when it is not found as a whole (桃花村集访 →
 * 桃花村, 集访), and that a match may not cut through: the words of the trade, unit names, petition
 * forms and destinations, sanctions, document kinds and the short names of the rules' items.
 */
export function searchVocabulary(data: SiteData): string[] {
  const words: string[] = [...DOMAIN_WORDS, ...FORMS, LAST_PLACE, ...Object.values(SANCTION_NAMES)];
  words.push(...Object.values(DOC_KIND_NAMES));
  for (const u of data.publication.units) words.push(u.name);
  for (const year of data.years)
    for (const u of data.scores(year)?.sheet.units ?? []) words.push(...unitEvents([u]).terms);
  return distinct(words).sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
}
