// render: validated content + computed results → one Markdown text per document → Doc.
// Takes Content, the years' score sheets and the template sources; gives PublishedDocuments in
// a stable order (plans, notices, reports, agreements, scoring sheets). Must not read files or
// the clock: every date comes from the content.
import type { PreviousFigures, Rules } from "../../schemas/index.ts";
import type { Stats } from "../compute/stats/index.ts";
import { markdownToDoc } from "../doc/from-markdown.ts";
import type { Doc, DocMeta } from "../doc/types.ts";
import type { YearScores } from "../compute/scoring/index.ts";
import type { Content } from "../validate/content.ts";
import { noticeSlots } from "../validate/issue.ts";
import { createEnvironment } from "./handlebars.ts";
import type { Template, TemplateSources } from "./handlebars.ts";
import {
  agreementView,
  noticeView,
  planTargets,
  planView,
  reportView,
  scoringSheetView,
} from "./views.ts";

/** A rendered document: the Doc every output reads, and where it came from. */
export interface PublishedDocument {
  doc: Doc;
  /** The Markdown the templates produced (front matter + body), before it became a Doc. */
  markdown: string;
  /** The content file it is written from (null for scoring sheets, made from the ledgers). */
  source: string | null;
}

/** Report statistics of a period (SPEC §5), with last year's summary figures when given. */
export type StatisticsOf = (from: string, to: string, previous?: PreviousFigures) => Stats;

/** Front matter nulls are fields the document does not have. */
function cleanMeta(doc: Doc): Doc {
  const meta = Object.fromEntries(
    Object.entries(doc.meta).filter(([, v]) => v !== null && v !== undefined),
  ) as unknown as DocMeta;
  return { ...doc, meta };
}

function publishOne(template: Template, view: unknown, source: string | null): PublishedDocument {
  const markdown = template(view);
  return { markdown, doc: cleanMeta(markdownToDoc(markdown)), source };
}

export function renderDocuments(
  content: Content,
  scores: readonly YearScores[],
  sources: TemplateSources,
  statistics: StatisticsOf,
  /** Renders only the documents whose id passes (e.g. the one `xinfang pdf` asks for). */
  wanted: (id: string) => boolean = () => true,
  /** Receives each document as soon as it is rendered, in the order of the result. */
  rendered?: (document: PublishedDocument) => void,
): PublishedDocument[] {
  const t = createEnvironment(sources);
  const need = (name: string): Template => {
    const tpl = t[name];
    if (!tpl) throw new Error(`template ${name} is missing`);
    return tpl;
  };
  const rulesOf = (year: number): Rules | null => content.rules.get(year)?.rules ?? null;
  const sheetOf = (year: number) => scores.find((s) => s.year === year);
  const out: PublishedDocument[] = [];
  /**
   * Renders document `id` with `template` when it is wanted (the view is built only then);
   * `source` is the content file it is written from.
   */
  const emit = (id: string, template: string, source: string | null, view: () => unknown) => {
    if (!wanted(id)) return;
    const document = publishOne(need(template), view(), source);
    out.push(document);
    rendered?.(document);
  };

  for (const { file, data } of content.plans)
    emit(`plan-${data.id}`, "plan", file, () =>
      planView(data, content.office, content.leadership, rulesOf(data.rules_year ?? data.year)),
    );

  const annualDates = new Map<number, string>();
  for (const { file, data: n } of content.notices) {
    const ys = sheetOf(n.year);
    const rules = rulesOf(n.year);
    if (!ys || !rules) continue;
    for (const slot of noticeSlots(n)) {
      const month = slot.month;
      if (month === null) {
        annualDates.set(n.year, slot.date);
        emit(`notice-${n.id}-annual`, "notice", file, () =>
          noticeView(
            n,
            ys.sheet,
            content.office,
            rules,
            slot,
            statistics(`${n.year}-01-01`, `${n.year}-12-31`),
          ),
        );
        continue;
      }
      const sheet = ys.monthly[month - 1];
      if (!sheet) continue;
      emit(`notice-${n.id}-${String(month).padStart(2, "0")}`, "notice", file, () =>
        noticeView(
          n,
          sheet,
          content.office,
          rules,
          slot,
          statistics(`${n.year}-01-01`, sheet.asOf),
        ),
      );
    }
  }

  // A report weighs the targets of its year's plans (目标完成情况).
  const targetsOf = (year: number) =>
    content.plans
      .filter((p) => p.data.year === year)
      .map((p) => ({ title: p.data.title, targets: planTargets(p.data.sections) }))
      .filter((p) => p.targets.length > 0);
  for (const { file, data } of content.reports)
    emit(`report-${data.id}`, "report", file, () =>
      reportView(
        data,
        content.office,
        content.leadership,
        rulesOf(data.year),
        statistics(data.period.from, data.period.to, data.previous),
        targetsOf(data.year),
      ),
    );

  for (const { file, data: a } of content.agreements) {
    const rules = rulesOf(a.rules_year ?? a.year);
    if (!rules) continue;
    for (const unit of content.units) {
      if (a.units && !a.units.includes(unit.id)) continue;
      emit(`agreement-${a.id}-${unit.id}`, "agreement", file, () =>
        agreementView(a, unit, content.office, rules),
      );
    }
  }

  for (const ys of scores) {
    const rules = rulesOf(ys.year);
    if (!rules) continue;
    const date = annualDates.get(ys.year) ?? `${ys.year}-12-31`;
    for (const u of content.units) {
      const us = ys.sheet.units.find((x) => x.id === u.id);
      if (us)
        emit(`scoring-sheet-${ys.year}-${u.id}`, "scoring-sheet", null, () =>
          scoringSheetView(us, ys.sheet, content.office, rules, date),
        );
    }
  }
  return out;
}
