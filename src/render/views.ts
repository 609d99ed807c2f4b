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
import type { ScoreSheet, UnitScore } from "../compute/scoring/index.ts";
import type { DocKind, DocMeta, SignatureParty } from "../doc/types.ts";
import { DOC_KIND_NAMES } from "../doc/types.ts";
import { headingNumber, zhDate } from "../text/zh.ts";
import { resolveIssue } from "../validate/issue.ts";
import type { Issue, NoticeSlot } from "../validate/issue.ts";
import type { Stats } from "../compute/stats/index.ts";
import { weighTargets } from "../compute/stats/targets.ts";
import { ruleClauses, ruleRows, weeklyDutySentence } from "./clauses.ts";
import { sheetFormView } from "./sheet-form.ts";
import { appendixView, figuresView } from "./figure-view.ts";
import type { FiguresView } from "./figure-view.ts";
import type { RuleClauses } from "./clauses.ts";
import { targetText, targetsParagraph } from "./figures.ts";
import { escapeMarkdown as md } from "./markdown-escape.ts";
import {
  deductionSummary,
  lossRows,
  lossTotal,
  lossesLead,
  noticeOutcomes,
  noticeRewards,
  periodText,
  points2,
  rankingTitle,
  resultsTitle,
  rewardTotal,
  rewardsTotalText,
  rulesTitle,
  scoringSheetTitle,
  scoringSheetsTitle,
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

/** `1\. 初信初访按期办结率达到98%以上。` / `4\. 集体访批次同比下降20%。` */
export function targetLine(t: Target, i: number): string {
  return `${i + 1}\\. ${targetText(t, md)}。`;
}

/** Every target of a plan's sections, in order. */
export function planTargets(sections: readonly PlanSection[]): Target[] {
  return sections.flatMap((s) => [...(s.targets ?? []), ...planTargets(s.sections)]);
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
  /** The 目标完成情况 paragraph, after the figures of a report. */
  targets: string | null;
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

/**
 * A run-in head (the lead of a paragraph that stands for a heading of `level`) in its level's
 * face, as every output sets headings: 一、 in 黑体 (strong), （一） in 楷体 (emphasis), 1. and （1）
 * in 仿宋 like the text around them.
 */
export function runInHead(level: 1 | 2 | 3 | 4, text: string): string {
  return level === 1 ? `**${text}**` : level === 2 ? `*${text}*` : text;
}

interface SectionContext {
  rules: Rules | null;
  leadership: LeadershipView | null;
  figures?: FiguresView | null;
  targets?: string | null;
}

function sectionViews(
  sections: readonly PlanSection[],
  depth: 1 | 2 | 3 | 4,
  ctx: SectionContext,
): SectionView[] {
  return sections.map((s, i) => {
    const paragraphs: string[] = [];
    (s.targets ?? []).forEach((t, j) => paragraphs.push(targetLine(t, j)));
    const sub = Math.min(4, depth + 1) as 1 | 2 | 3 | 4;
    (s.schedule ?? []).forEach((st, j) => {
      const head = runInHead(sub, `${headingNumber(sub, j + 1)}${md(st.name)}`);
      paragraphs.push(`${head}（${zhDate(st.from)}至${zhDate(st.to)}）。${st.tasks.trim()}`);
    });
    return {
      hashes: "#".repeat(depth),
      number: headingNumber(depth, i + 1),
      title: s.title,
      body: s.body?.trim() || null,
      paragraphs,
      leadership: s.leadership ? ctx.leadership : null,
      clauses: s.rules && ctx.rules ? ruleClauses(ctx.rules) : null,
      figures: s.figures ? (ctx.figures ?? null) : null,
      targets: s.figures ? (ctx.targets ?? null) : null,
      subHashes: "#".repeat(sub),
      subNumbers: [headingNumber(sub, 1), headingNumber(sub, 2)],
      sections: sectionViews(s.sections, sub, ctx),
    };
  });
}

/** The top-level section that holds the 考评和奖惩 clauses: `六、考评和奖惩`; null when none. */
function rulesSectionName(sections: readonly PlanSection[]): string | null {
  const has = (s: PlanSection): boolean => Boolean(s.rules) || s.sections.some(has);
  const i = sections.findIndex(has);
  const s = sections[i];
  return s ? `${headingNumber(1, i + 1)}${s.title}` : null;
}

/** A Markdown table; cells are Markdown already. */
function mdTable(caption: string | null, head: string[], align: string[], rows: string[][]) {
  return [
    ...(caption ? [`**${md(caption)}**`, ""] : []),
    `| ${head.join(" | ")} |`,
    `|${align.join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ].join("\n");
}

export function planView(
  p: PlanFile,
  office: Office | null,
  leadership: Leadership | null,
  rules: Rules | null,
) {
  const lv = leadershipView(leadership, office);
  const issue = resolveIssue(office, "plan", p, p.date);
  const clauses = rules ? ruleClauses(rules) : null;
  const inBody = rulesSectionName(p.sections);
  return {
    meta: metaView("plan", `plan-${p.id}`, p.year, p.title, p.date, issue, p),
    preamble: p.preamble?.trim() || null,
    sections: sectionViews(p.sections, 1, { rules, leadership: lv }),
    signature: issuerSignature(issue, p.date, p.seal),
    rulesAttachment:
      p.rules_attachment && rules && clauses
        ? {
            title: rulesTitle(p.year, rules.title),
            basis: clauses.basis,
            duty: weeklyDutySentence(rules),
            table: mdTable(
              null,
              ["序号", "考评项目", "分值", "评分标准"],
              ["--:", ":--", ":--", ":--"],
              ruleRows(rules).map((r, i) => [
                String(i + 1),
                md(r.item),
                md(r.points),
                md(r.standard),
              ]),
            ),
            // The rewards and sanctions are in the body when it has them; else here, in full.
            rewardsIn: inBody ? `奖励、处理和经济处理按本方案“${inBody}”执行。` : null,
            clauses: inBody ? null : clauses,
          }
        : null,
  };
}

/** 村（社区） in text written for every village, said of the one that signs: 本村, 本社区. */
function ofUnit(text: string, unit: Unit): string {
  return text
    .replace(/该村（社区）/g, "乙方")
    .replace(/本村（社区）/g, `本${unit.kind}`)
    .replace(/(?<!各|全镇|其他|其余|每个|镇)村（社区）/g, `本${unit.kind}`);
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
    preamble: a.preamble?.trim() ? ofUnit(a.preamble.trim(), unit) : null,
    targets: a.targets.map((t, i) =>
      targetLine(
        { ...t, name: ofUnit(t.name, unit), ...(t.note ? { note: ofUnit(t.note, unit) } : {}) },
        i,
      ),
    ),
    duties: a.duties.map((d) => ofUnit(d.trim(), unit)),
    officials:
      officials.书记 || officials.分管副职
        ? { 书记: officials.书记 ?? "—", 分管副职: officials.分管副职 ?? "—" }
        : null,
    informants: unit.informants ?? [],
    clauses: ruleClauses(rules, { party: "乙方" }),
    closing: a.closing?.trim() ? ofUnit(a.closing.trim(), unit) : null,
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
  const ranking = mdTable(
    `表1\u3000${rankingTitle(covered)}`,
    ["排名", "村（社区）", "得分", "扣分", "一票否决", ...(annual ? ["奖励（元）"] : [])],
    ["--:", ":--", "--:", "--:", ":-:", ...(annual ? ["--:"] : [])],
    sheet.units.map((u) => [
      String(u.rank),
      md(u.name),
      points2(u.score),
      points2(u.deducted),
      u.vetoed ? "是" : "否",
      ...(annual ? [rewardTotal(u) ? String(rewardTotal(u)) : "—"] : []),
    ]),
  );
  const deductions = sheet.units
    .filter((u) => u.entries.some((e) => e.points.n !== 0n))
    .map((u) => deductionSummary(u, md));
  const lossTable = "表2";
  const losses =
    sheet.losses.length > 0
      ? {
          lead: lossesLead(sheet.losses, lossTable) as string,
          table: mdTable(
            `${lossTable}\u3000经济处理明细`,
            ["序号", "村（社区）", "姓名", "职务", "扣除项目", "月数", "金额（元）"],
            ["--:", ":--", ":--", ":--", ":--", "--:", "--:"],
            [
              ...lossRows(sheet).map((r, i) => [
                String(i + 1),
                md(r.units),
                md(r.person),
                md(r.role),
                r.item,
                r.months,
                String(r.amount),
              ]),
              ["合计", "", "", "", "", "", String(lossTotal(sheet.losses))],
            ],
          ),
        }
      : null;
  const id = `notice-${n.id}-${annual ? "annual" : String(slot.month).padStart(2, "0")}`;
  const closing = (annual ? (n.annual_closing ?? n.closing) : n.closing)?.trim() || null;
  return {
    meta: metaView("notice", id, sheet.year, title, slot.date, issue, n),
    rulesTitle: rulesTitle(sheet.year, rules.title),
    assessor: `${office?.short_name ?? office?.name ?? ""}信访工作领导小组办公室`,
    periodText: period,
    annual,
    figures: figuresView(stats, { tables: false, charts: true }),
    ranking,
    deductions,
    outcomes: noticeOutcomes(sheet, md),
    losses,
    rewards: annual ? noticeRewards(sheet, md) : [],
    rewardsTotal: annual ? rewardsTotalText(sheet) : null,
    closing,
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

/** A plan whose targets a report weighs. */
export interface PlanTargets {
  title: string;
  targets: Target[];
}

export function reportView(
  r: ReportFile,
  office: Office | null,
  leadership: Leadership | null,
  rules: Rules | null,
  stats: Stats,
  plans: readonly PlanTargets[] = [],
) {
  const issue = resolveIssue(office, "report", r, r.date);
  const whole = stats.from.slice(5) === "01-01" && stats.to.slice(5) === "12-31";
  const targets = plans
    .map((p) =>
      targetsParagraph(p.title, weighTargets(p.targets, stats), { to: stats.to, whole }, md),
    )
    .filter((t) => t !== null);
  return {
    meta: metaView("report", `report-${r.id}`, r.year, r.title, r.date, issue, r),
    preamble: r.preamble?.trim() || null,
    sections: sectionViews(r.sections, 1, {
      rules,
      leadership: leadershipView(leadership, office),
      figures: figuresView(stats, { tables: false, charts: false }),
      targets: targets.length ? targets.join("\n\n") : null,
    }),
    appendix: appendixView(stats),
    signature: issuerSignature(issue, r.date, r.seal),
  };
}
