// View models: what each template sees. Everything computed (numbering, figures, sentences built
// from data) is prepared here; the wording around it lives in templates/. Every string that came
// from the user is escaped for Markdown here or by the template's `md` helper — bodies the office
// writes in Markdown are the only text passed through as Markdown.
import type {
  AgreementFile,
  NoticeFile,
  Office,
  PlanFile,
  PlanSection,
  ReportFile,
  Target,
  Unit,
} from "../../schemas/index.ts";
import type { Leadership, Rules } from "../../schemas/index.ts";
import { ZERO, add } from "../compute/decimal.ts";
import type { Dec } from "../compute/decimal.ts";
import { unitLosses } from "../compute/scoring/index.ts";
import type { ScoreSheet, UnitScore } from "../compute/scoring/index.ts";
import type { DocKind, DocMeta, SignatureParty } from "../doc/types.ts";
import { DOC_KIND_NAMES } from "../doc/types.ts";
import { headingNumber, zhDate } from "../text/zh.ts";
import { resolveIssue } from "../validate/issue.ts";
import type { Issue, NoticeSlot } from "../validate/issue.ts";
import type { Stats } from "../compute/stats/index.ts";
import { ruleClauses } from "./clauses.ts";
import { figuresView } from "./figure-view.ts";
import type { FiguresView } from "./figure-view.ts";
import type { RuleClauses } from "./clauses.ts";
import { escapeMarkdown as md } from "./markdown-escape.ts";
import {
  SANCTION_NAMES,
  deductionSummary,
  lossesSummary,
  noticeOutcomes,
  noticeRewards,
  periodText,
  points2,
  pointsShort,
  rankAmong,
  resultsTitle,
  rewardTotal,
  rulesTitle,
  scoringSheetTitle,
  scoringSheetsTitle,
  sheetEntryText,
  sheetItemName,
  sheetItemValue,
  lossText,
  sheetLastPlaceText,
  sheetRewardText,
  sheetSanctionLines,
  sheetVetoText,
} from "./wording.ts";

/** Every DocMeta key present (null when absent): templates run in strict mode. */
export type MetaView = { [K in keyof Required<DocMeta>]: DocMeta[K] | null };

/** The header fields a document prints as they are written (the rest come from its Issue). */
interface OwnHeader {
  recipients?: string | undefined;
  copy?: string | undefined;
  secret?: { level: "秘密" | "机密" | "绝密"; term?: string | undefined } | undefined;
  urgency?: "特急" | "加急" | undefined;
  note?: string | undefined;
}

export function metaView(
  kind: DocKind,
  id: string,
  year: number,
  title: string,
  date: string,
  issue: Issue,
  h: OwnHeader,
  extra: { unit?: string; subject?: string } = {},
): MetaView {
  return {
    id,
    kind,
    year,
    title,
    date,
    format: issue.format,
    issuerMark: issue.mark,
    issuer: issue.issuer?.name ?? null,
    number: issue.number,
    signer: issue.signer,
    copy: h.copy ?? null,
    secret: h.secret
      ? { level: h.secret.level, ...(h.secret.term ? { term: h.secret.term } : {}) }
      : null,
    urgency: h.urgency ?? null,
    recipients: h.recipients ?? null,
    note: h.note ?? null,
    cc: issue.cc.length ? issue.cc : null,
    printer: issue.printer,
    printDate: issue.printDate,
    unit: extra.unit ?? null,
    subject: extra.subject ?? `${DOC_KIND_NAMES[kind]}：${title}`,
  };
}

export interface SignatureView {
  parties: SignatureParty[];
  date: string;
  seal: boolean;
}

/** The 署名: the issuing body, as its 标志 and 代字 name it. */
function issuerSignature(issue: Issue, date: string, seal: boolean): SignatureView {
  return { parties: [{ name: issue.issuer?.name ?? "" }], date, seal };
}

/** 初信初访办结率≥98% / 集体访批次同比下降20% */
export function targetText(t: Target, i: number): string {
  const op = t.op === "下降" || t.op === "上升" ? `同比${t.op}` : t.op;
  return `${i + 1}\\. ${md(t.name)}${md(op)}${t.value}${md(t.unit)}${t.note ? `（${md(t.note)}）` : ""}。`;
}

export interface SectionView {
  hashes: string;
  number: string;
  title: string;
  body: string | null;
  paragraphs: string[];
  leadership: LeadershipView | null;
  clauses: RuleClauses | null;
  figures: FiguresView | null;
  subHashes: string;
  subNumbers: [string, string];
  sections: SectionView[];
}

export interface LeadershipView {
  name: string;
  leader: string;
  deputies: string[];
  members: string[];
  office: string | null;
}

function person(p: { name: string; title?: string | undefined }): string {
  return p.title ? `${p.name}（${p.title}）` : p.name;
}

export function leadershipView(l: Leadership | null, office: Office | null): LeadershipView | null {
  if (!l) return null;
  const o = l.office;
  let officeText: string | null = null;
  if (o) {
    const where = o.location ? `，办公室设在${md(o.location)}` : "";
    const who = o.director ? `，${md(person(o.director))}兼任办公室主任` : "";
    const duties = o.duties ? `，${md(o.duties)}` : "";
    officeText = `领导小组下设办公室${where}${who}${duties}。`;
  }
  return {
    name: l.name ?? `${office?.short_name ?? office?.name ?? ""}信访工作领导小组`,
    leader: person(l.leader),
    deputies: l.deputies.map(person),
    members: l.members.map(person),
    office: officeText,
  };
}

interface SectionContext {
  rules: Rules | null;
  leadership: LeadershipView | null;
  figures?: FiguresView | null;
}

function sectionViews(
  sections: readonly PlanSection[],
  depth: 1 | 2 | 3 | 4,
  ctx: SectionContext,
): SectionView[] {
  return sections.map((s, i) => {
    const paragraphs: string[] = [];
    (s.targets ?? []).forEach((t, j) => paragraphs.push(targetText(t, j)));
    (s.schedule ?? []).forEach((st, j) => {
      paragraphs.push(
        `**${headingNumber(Math.min(4, depth + 1) as 1 | 2 | 3 | 4, j + 1)}${md(st.name)}**（${zhDate(st.from)}至${zhDate(st.to)}）。${st.tasks.trim()}`,
      );
    });
    const sub = Math.min(4, depth + 1) as 1 | 2 | 3 | 4;
    return {
      hashes: "#".repeat(depth),
      number: headingNumber(depth, i + 1),
      title: s.title,
      body: s.body?.trim() || null,
      paragraphs,
      leadership: s.leadership ? ctx.leadership : null,
      clauses: s.rules && ctx.rules ? ruleClauses(ctx.rules) : null,
      figures: s.figures ? (ctx.figures ?? null) : null,
      subHashes: "#".repeat(sub),
      subNumbers: [headingNumber(sub, 1), headingNumber(sub, 2)],
      sections: sectionViews(s.sections, sub, ctx),
    };
  });
}

export function planView(
  p: PlanFile,
  office: Office | null,
  leadership: Leadership | null,
  rules: Rules | null,
) {
  const lv = leadershipView(leadership, office);
  const issue = resolveIssue(office, "plan", p, p.date);
  return {
    meta: metaView("plan", `plan-${p.id}`, p.year, p.title, p.date, issue, p),
    preamble: p.preamble?.trim() || null,
    sections: sectionViews(p.sections, 1, { rules, leadership: lv }),
    signature: issuerSignature(issue, p.date, p.seal),
    rulesAttachment:
      p.rules_attachment && rules
        ? {
            title: rulesTitle(p.year, rules.title),
            clauses: ruleClauses(rules),
          }
        : null,
  };
}

export function agreementView(a: AgreementFile, unit: Unit, office: Office | null, rules: Rules) {
  const issue = resolveIssue(office, "agreement", a, a.date);
  const partyA = a.party_a.name ?? issue.issuer?.name ?? office?.name ?? "";
  const title = `${unit.name}${a.title}`;
  const officials = {
    书记: unit.officials.书记 ?? null,
    主任: unit.officials.主任 ?? null,
    分管副职: unit.officials.分管副职 ?? null,
  };
  return {
    meta: metaView("agreement", `agreement-${a.id}-${unit.id}`, a.year, title, a.date, issue, a, {
      unit: unit.id,
      subject: `${unit.name}与${partyA}签订的信访工作目标责任书`,
    }),
    year: a.year,
    partyA,
    unitName: unit.name,
    term: a.term,
    preamble: a.preamble?.trim() || null,
    targets: a.targets.map(targetText),
    duties: a.duties.map((d) => d.trim()),
    officials:
      officials.书记 || officials.分管副职
        ? { 书记: officials.书记 ?? "—", 分管副职: officials.分管副职 ?? "—" }
        : null,
    informants: unit.informants ?? [],
    clauses: ruleClauses(rules),
    closing: a.closing?.trim() || null,
    signature: {
      parties: [
        { role: "甲方", name: partyA, signer: a.party_a.signer },
        { role: "乙方", name: unit.name, signer: unit.officials[a.party_b_signer] ?? "" },
      ],
      date: a.date,
      seal: a.seal,
    } satisfies SignatureView,
  };
}

export interface SheetRow {
  item: string;
  value: string;
  deducted: string;
  score: string;
  notes: string;
}

export interface SheetFormView {
  unitName: string;
  rows: SheetRow[];
  total: { deducted: string; score: string; notes: string };
}

const absDec = (d: Dec): Dec => (d.n < 0n ? { n: -d.n, scale: d.scale } : d);

/**
 * The 考评得分表 as offices fill it in: the 基础分, one row per rule item (what one event costs,
 * the points it took, each event in a few words), then the 一票否决 (once), 奖励, 处理 and 经济处理
 * when there are any, and the total with the rank.
 */
export function sheetFormView(u: UnitScore, sheet: ScoreSheet, rules: Rules): SheetFormView {
  const vetoed = new Set(u.vetoes.map((v) => v.event));
  const rows: SheetRow[] = [
    {
      item: "基础分",
      value: pointsShort(sheet.base),
      deducted: "",
      score: pointsShort(sheet.base),
      notes: "",
    },
  ];
  let deducted = ZERO;
  for (const item of rules.items) {
    // A vetoed event is told once, in the 一票否决 row.
    const entries = u.entries.filter(
      (e) => e.rule === item.id && !(vetoed.has(e.event) && e.points.n === 0n),
    );
    let minus = ZERO;
    let sum = ZERO;
    for (const e of entries) {
      sum = add(sum, e.points);
      if (e.points.n < 0n) minus = add(minus, e.points);
    }
    deducted = add(deducted, minus);
    rows.push({
      item: sheetItemName(item.clause, md),
      value: sheetItemValue(item),
      deducted: pointsShort(absDec(minus)),
      score: pointsShort(sum),
      notes: entries
        .filter((e) => e.points.n !== 0n || e.free || e.cell?.unset)
        .map((e) => sheetEntryText(e, u, md))
        .join("<br>"),
    });
  }
  const more = (item: string, notes: string[]) => {
    if (notes.length)
      rows.push({ item, value: "", deducted: "", score: "", notes: notes.join("<br>") });
  };
  more(
    SANCTION_NAMES.veto,
    u.vetoes.map((v) => sheetVetoText(v, md)),
  );
  more("奖励", u.rewards.map(sheetRewardText));
  more("处理", [
    ...u.sanctions.filter((s) => s.kind !== "veto").flatMap((s) => sheetSanctionLines(s, md)),
    ...(u.consequences.includes("last_place")
      ? [sheetLastPlaceText(sheet.lastPlaceClause, md)]
      : []),
  ]);
  more(
    "经济处理",
    unitLosses(sheet, u.id).map((l) => lossText(l, md)),
  );
  return {
    unitName: u.name,
    rows,
    total: {
      deducted: pointsShort(absDec(deducted)),
      score: pointsShort(u.score),
      notes: rankAmong(u.rank, sheet.units.length),
    },
  };
}

export function scoringSheetView(
  u: UnitScore,
  sheet: ScoreSheet,
  office: Office | null,
  rules: Rules,
  date: string,
) {
  const issue = resolveIssue(office, "scoring-sheet", {}, date);
  return {
    meta: metaView(
      "scoring-sheet",
      `scoring-sheet-${sheet.year}-${u.id}`,
      sheet.year,
      scoringSheetTitle(u.name, sheet.year),
      date,
      issue,
      {},
      { unit: u.id },
    ),
    form: sheetFormView(u, sheet, rules),
  };
}

export function noticeView(
  n: NoticeFile,
  sheet: ScoreSheet,
  office: Office | null,
  rules: Rules,
  slot: NoticeSlot,
  stats: Stats,
) {
  const annual = slot.month === null;
  const issue = resolveIssue(office, slot.kind, slot.header, slot.date);
  // A monthly notice names its months even in December; only the annual one is 年度.
  const covered = { year: sheet.year, asOf: sheet.asOf, complete: annual };
  const period = periodText(covered);
  const title = `关于${resultsTitle(covered)}的通报`;
  const rows = sheet.units.map((u) => ({
    rank: u.rank,
    name: u.name,
    score: points2(u.score),
    deducted: points2(u.deducted),
    vetoed: u.vetoed,
    reward: rewardTotal(u) || "—",
  }));
  const deductions = sheet.units
    .filter((u) => u.entries.some((e) => e.points.n !== 0n))
    .map((u) => deductionSummary(u, md));
  const losses = lossesSummary(sheet.losses, md);
  const outcomes = [...noticeOutcomes(sheet, md), ...(losses ? [losses] : [])];
  const rewards = annual ? noticeRewards(sheet, md) : [];
  const id = `notice-${n.id}-${annual ? "annual" : String(slot.month).padStart(2, "0")}`;
  return {
    meta: metaView("notice", id, sheet.year, title, slot.date, issue, n),
    rulesTitle: rulesTitle(sheet.year, rules.title),
    assessor: `${office?.short_name ?? office?.name ?? ""}信访工作领导小组办公室`,
    periodText: period,
    annual,
    figures: figuresView(stats, { tables: false, charts: true }),
    rows,
    deductions,
    outcomes,
    rewards,
    closing: n.closing?.trim() || null,
    signature: issuerSignature(issue, slot.date, n.seal),
    // 附件: every village's scoring sheet, in the order of the ranking.
    sheets:
      annual && n.attach_sheets
        ? {
            title: scoringSheetsTitle(sheet.year),
            forms: sheet.units.map((u, i) => ({
              number: headingNumber(1, i + 1),
              ...sheetFormView(u, sheet, rules),
            })),
          }
        : null,
  };
}

export function reportView(
  r: ReportFile,
  office: Office | null,
  leadership: Leadership | null,
  rules: Rules | null,
  stats: Stats,
) {
  const issue = resolveIssue(office, "report", r, r.date);
  return {
    meta: metaView("report", `report-${r.id}`, r.year, r.title, r.date, issue, r),
    sections: sectionViews(r.sections, 1, {
      rules,
      leadership: leadershipView(leadership, office),
      figures: figuresView(stats),
    }),
    signature: issuerSignature(issue, r.date, r.seal),
  };
}
