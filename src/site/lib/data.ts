// Everything the pages show, derived once per build from the publication the build hands over
// (src/site/build/hand-over.ts: `xinfang build` publishes before Astro starts; under `astro dev`
// the site integration does). Pages call `siteData()` and never read content files or
// collections themselves.
import type { ScoreSheet, UnitScore } from "../../compute/scoring/types.ts";
import type { DocKind } from "../../doc/types.ts";
import { handedOver } from "../build/hand-over.ts";
import type { SiteInput } from "../build/hand-over.ts";
import type { WeeklyGrid, YearScores } from "../../compute/scoring/index.ts";
import type { PublishedDocument } from "../../render/index.ts";
import type { Publication } from "../input.ts";
import { DOC_KINDS } from "./kinds.ts";
import type { RankPoint } from "../../render/rank-chart.ts";
import { docxFile, pdfFile } from "./urls.ts";

export interface SiteData {
  publication: Publication;
  office: string;
  /** Years with scores, newest first. */
  years: number[];
  latestYear: number | null;
  /** Published documents: newest date first, then kind order, then title. */
  documents: PublishedDocument[];
  documentYears: number[];
  scores(year: number): YearScores | undefined;
  unitScore(year: number, unit: string): UnitScore | undefined;
  /** Year-to-date rank at the end of each month, January first. */
  rankHistory(year: number, unit: string): RankPoint[];
  /** The unit's rank in each published 考评结果通报 of the year, the earliest first. */
  noticeRanks(year: number, unit: string): NoticeRank[];
  /** Weekly-report punctuality of the year. */
  weekly(year: number): WeeklyGrid | undefined;
  /** The documents a filter selects, in order: the same list for the same filter (never change it). */
  documentsOf(filter: { kind?: DocKind; year?: number; unit?: string }): PublishedDocument[];
  latestNotice: PublishedDocument | null;
  /** The unit's 目标责任书 (newest year first), if one was published. */
  agreementOf(unit: string): PublishedDocument | null;
  /** Whether the build output has this file (e.g. a document's PDF). */
  hasFile(path: string): boolean;
  hasPdf(id: string): boolean;
  /** The build wrote the document's Word file. */
  hasDocx(id: string): boolean;
  unitName(id: string): string;
}

export interface NoticeRank {
  notice: PublishedDocument;
  /** The sheet the notice ranks by (year to date at the end of its month, or the whole year). */
  sheet: ScoreSheet;
  rank: number;
  vetoed: boolean;
}

/**
 * The month a 考评结果通报 ranks up to, from its id (render/index.ts names them
 * `notice-<file>-<MM>` and `notice-<file>-annual`); null for any other id.
 */
export function noticeMonth(id: string): number | null {
  const m = /^notice-.+-(\d{2}|annual)$/.exec(id);
  if (!m) return null;
  return m[1] === "annual" ? 12 : Number(m[1]);
}

/** Newest first, then kind order, then units.yaml order, then title and id. */
function compareDocs(unitOrder: Map<string, number>) {
  const unitRank = (u: string | undefined) =>
    u === undefined ? -1 : (unitOrder.get(u) ?? unitOrder.size);
  return (a: PublishedDocument, b: PublishedDocument): number => {
    const ma = a.doc.meta;
    const mb = b.doc.meta;
    if (ma.date !== mb.date) return ma.date < mb.date ? 1 : -1;
    const ka = DOC_KINDS.indexOf(ma.kind);
    const kb = DOC_KINDS.indexOf(mb.kind);
    if (ka !== kb) return ka - kb;
    const ua = unitRank(ma.unit);
    const ub = unitRank(mb.unit);
    if (ua !== ub) return ua - ub;
    if (ma.title !== mb.title) return ma.title < mb.title ? -1 : 1;
    return ma.id < mb.id ? -1 : ma.id > mb.id ? 1 : 0;
  };
}

export function deriveSiteData(input: SiteInput): SiteData {
  const p = input.publication;
  const years = [...p.years].sort((a, b) => b - a);
  const byYear = new Map(p.scores.map((s) => [s.year, s]));
  const unitIndex = new Map<ScoreSheet, Map<string, UnitScore>>();
  const indexOf = (sheet: ScoreSheet) => {
    let m = unitIndex.get(sheet);
    if (!m) unitIndex.set(sheet, (m = new Map(sheet.units.map((u) => [u.id, u]))));
    return m;
  };
  const unitOrder = new Map(p.units.map((u, i) => [u.id, i]));
  const documents = [...p.documents].sort(compareDocs(unitOrder));
  const documentYears = [...new Set(documents.map((d) => d.doc.meta.year))].sort((a, b) => b - a);
  const names = new Map(p.units.map((u) => [u.id, u.name]));
  const hasFile = (path: string) => input.files.has(path);
  // asked for on every page (a county's 900 pages, 600 documents): each selection made once and
  // shared, so no caller may change the list it gets
  const selections = new Map<string, PublishedDocument[]>();
  // a unit's documents, in order: each unit's page selects from its own few
  const byUnit = new Map<string, PublishedDocument[]>();
  for (const d of documents) {
    const unit = d.doc.meta.unit;
    if (unit === undefined) continue;
    const list = byUnit.get(unit);
    if (list) list.push(d);
    else byUnit.set(unit, [d]);
  }
  const documentsOf: SiteData["documentsOf"] = (f) => {
    const key = `${f.kind ?? ""}|${f.year ?? ""}|${f.unit ?? ""}`;
    let list = selections.get(key);
    if (!list)
      selections.set(
        key,
        (list = (f.unit === undefined ? documents : (byUnit.get(f.unit) ?? [])).filter(
          (d) =>
            (f.kind === undefined || d.doc.meta.kind === f.kind) &&
            (f.year === undefined || d.doc.meta.year === f.year),
        )),
      );
    return list;
  };
  return {
    publication: p,
    office: p.office?.short_name ?? p.office?.name ?? "信访工作",
    years,
    latestYear: years[0] ?? null,
    documents,
    documentYears,
    scores: (year) => byYear.get(year),
    unitScore: (year, unit) => {
      const s = byYear.get(year);
      return s ? indexOf(s.sheet).get(unit) : undefined;
    },
    rankHistory: (year, unit) => {
      const s = byYear.get(year);
      if (!s) return [];
      const byMonth = new Map(s.monthly.map((m) => [Number(m.asOf.slice(5, 7)), m]));
      return Array.from({ length: 12 }, (_, i) => {
        const sheet = byMonth.get(i + 1);
        const u = sheet ? indexOf(sheet).get(unit) : undefined;
        return { label: `${i + 1}月`, rank: u?.rank ?? null, vetoed: u?.vetoed ?? false };
      });
    },
    noticeRanks: (year, unit) => {
      const s = byYear.get(year);
      if (!s) return [];
      const byMonth = new Map(s.monthly.map((m) => [Number(m.asOf.slice(5, 7)), m]));
      return documentsOf({ kind: "notice", year })
        .flatMap((notice) => {
          const month = noticeMonth(notice.doc.meta.id);
          if (month === null) return [];
          const annual = notice.doc.meta.id.endsWith("-annual");
          const sheet = annual ? s.sheet : byMonth.get(month);
          const u = sheet ? indexOf(sheet).get(unit) : undefined;
          return sheet && u ? [{ notice, sheet, rank: u.rank, vetoed: u.vetoed, month }] : [];
        })
        .sort((a, b) => a.month - b.month || a.sheet.asOf.localeCompare(b.sheet.asOf))
        .map(({ notice, sheet, rank, vetoed }) => ({ notice, sheet, rank, vetoed }));
    },
    weekly: (year) => p.weekly.find((w) => w.year === year),
    documentsOf,
    latestNotice: documentsOf({ kind: "notice" })[0] ?? null,
    agreementOf: (unit) => documentsOf({ kind: "agreement", unit })[0] ?? null,
    hasFile,
    hasPdf: (id) => hasFile(pdfFile(id)),
    hasDocx: (id) => hasFile(docxFile(id)),
    unitName: (id) => names.get(id) ?? id,
  };
}

let cached: SiteData | undefined;

/** The site's data, derived once per process from what the build handed over. */
export async function siteData(): Promise<SiteData> {
  if (cached) return cached;
  const handed = handedOver();
  if (!handed)
    throw new Error(
      "网站数据没有交给页面：请用 xinfang build（或 astro.config.mjs 中的配置）生成网站。",
    );
  cached = deriveSiteData(handed);
  return cached;
}
