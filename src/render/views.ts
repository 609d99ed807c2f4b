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
import { add, toFixed2 } from "../compute/decimal.ts";
import type { ScoreSheet, UnitScore } from "../compute/scoring/index.ts";
import type { DocKind, DocMeta, SignatureParty } from "../doc/types.ts";
import { DOC_KIND_NAMES } from "../doc/types.ts";
import { PAY_ITEM_NAMES, REWARD_NAMES, SANCTION_NAMES, headingNumber, zhDate } from "../text/zh.ts";
import type { Stats } from "../compute/stats/index.ts";
import { ruleClauses } from "./clauses.ts";
import { figuresView } from "./figure-view.ts";
import type { FiguresView } from "./figure-view.ts";
import type { RuleClauses } from "./clauses.ts";
import { escapeMarkdown as md } from "./markdown-escape.ts";

/** Every DocMeta key present (null when absent): templates run in strict mode. */
export type MetaView = { [K in keyof Required<DocMeta>]: DocMeta[K] | null };

interface HeaderFields {
  number?: string | undefined;
  issuer_mark?: string | undefined;
  recipients?: string | undefined;
  signer?: string | undefined;
  copy?: string | undefined;
  secret?: { level: "秘密" | "机密" | "绝密"; term?: string | undefined } | undefined;
  urgency?: "特急" | "加急" | undefined;
  note?: string | undefined;
  cc: string[];
  printer?: string | undefined;
  print_date?: string | undefined;
}

export function metaView(
  kind: DocKind,
  id: string,
  year: number,
  title: string,
  date: string,
  office: Office | null,
  h: Partial<HeaderFields>,
  extra: { unit?: string; subject?: string } = {},
): MetaView {
  const issuer = office?.signatory ?? office?.name ?? null;
  return {
    id,
    kind,
    year,
    title,
    date,
    issuerMark: h.issuer_mark ?? (office ? `${office.name}文件` : null),
    issuer,
    number: h.number ?? null,
    signer: h.signer ?? null,
    copy: h.copy ?? null,
    secret: h.secret
      ? { level: h.secret.level, ...(h.secret.term ? { term: h.secret.term } : {}) }
      : null,
    urgency: h.urgency ?? null,
    recipients: h.recipients ?? null,
    note: h.note ?? null,
    cc: h.cc && h.cc.length ? h.cc : null,
    printer: h.printer ?? null,
    printDate: h.print_date ?? null,
    unit: extra.unit ?? null,
    subject: extra.subject ?? `${DOC_KIND_NAMES[kind]}：${title}`,
  };
}

export interface SignatureView {
  parties: SignatureParty[];
  date: string;
  seal: boolean;
}

function officeSignature(
  office: Office | null,
  date: string,
  seal: boolean,
  name?: string,
): SignatureView {
  return { parties: [{ name: name ?? office?.signatory ?? office?.name ?? "" }], date, seal };
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
  return {
    meta: metaView("plan", `plan-${p.id}`, p.year, p.title, p.date, office, p),
    preamble: p.preamble?.trim() || null,
    sections: sectionViews(p.sections, 1, { rules, leadership: lv }),
    signature: officeSignature(office, p.date, p.seal),
    rulesAttachment:
      p.rules_attachment && rules
        ? {
            title: rules.title ?? `${p.year}年度村（社区）信访工作考评细则`,
            clauses: ruleClauses(rules),
          }
        : null,
  };
}

export function agreementView(a: AgreementFile, unit: Unit, office: Office | null, rules: Rules) {
  const partyA = a.party_a.name ?? office?.name ?? "";
  const title = `${unit.name}${a.title}`;
  const officials = {
    书记: unit.officials.书记 ?? null,
    主任: unit.officials.主任 ?? null,
    分管副职: unit.officials.分管副职 ?? null,
  };
  return {
    meta: metaView(
      "agreement",
      `agreement-${a.id}-${unit.id}`,
      a.year,
      title,
      a.date,
      office,
      { ...a, recipients: a.recipients },
      { unit: unit.id, subject: `${unit.name}与${partyA}签订的信访工作目标责任书` },
    ),
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

function factorText(u: UnitScore["entries"][number]): string {
  if (u.free) return "首次不扣分";
  if (u.factors.length === 0) return "—";
  return u.factors.map((f) => `×${toFixed2(f).replace(/\.?0+$/, "")}`).join("");
}

function itemText(e: UnitScore["entries"][number]): string {
  if (e.cell)
    return `${e.clause}（${e.cell.level}级${e.cell.form}${e.cell.unset ? "，未设分值" : ""}）`;
  return e.clause;
}

function outcomeSentences(
  u: UnitScore,
  sheet: ScoreSheet,
): { rewards: string[]; sanctions: string[]; losses: string[] } {
  const rewards = u.rewards.map(
    (r) => `${REWARD_NAMES[r.kind]}：${md(r.clause)}，奖励${r.amount}元。`,
  );
  const sanctions = u.sanctions.map((s) => {
    const extra =
      s.kind === "key_management"
        ? `，自${zhDate(s.from ?? s.date)}起重点管理${s.months}个月，包村领导、包村干部年终考核定为${md(s.appraisal ?? "")}`
        : "";
    return `${SANCTION_NAMES[s.kind]}：${md(s.clause)}（${md(s.event)}，${zhDate(s.date)}${extra}）。`;
  });
  if (u.consequences.includes("last_place"))
    sanctions.push(`末位：年终考评排名末位，${md(sheet.lastPlaceClause ?? "")}。`);
  const losses = sheet.losses
    .filter(
      (l) =>
        l.unit === u.id ||
        (l.unit === null && (sheet.liaisonUnits.get(l.person) ?? []).includes(u.id)),
    )
    .map(
      (l) =>
        `经济处理：${md(l.person)}（${md(l.role)}）扣除${PAY_ITEM_NAMES[l.item]}${l.item === "star_pay" ? "（全年）" : `${l.months}个月`}，计${l.amount}元。`,
    );
  return { rewards, sanctions, losses };
}

export function scoringSheetView(
  u: UnitScore,
  sheet: ScoreSheet,
  office: Office | null,
  rules: Rules,
  date: string,
) {
  const periodText = sheet.complete
    ? `${sheet.year}年度`
    : `${sheet.year}年1月1日至${zhDate(sheet.asOf)}`;
  const outcomes = outcomeSentences(u, sheet);
  return {
    meta: metaView(
      "scoring-sheet",
      `scoring-sheet-${sheet.year}-${u.id}`,
      sheet.year,
      `${u.name}${sheet.year}年度信访工作考评得分表`,
      date,
      office,
      { cc: [] },
      { unit: u.id },
    ),
    unitName: u.name,
    periodText,
    rulesTitle: rules.title ?? `${sheet.year}年度村（社区）信访工作考评细则`,
    base: sheet.base,
    deducted: u.deducted,
    added: u.added,
    score: u.score,
    total: add(u.deducted, u.added),
    rank: u.rank,
    unitCount: sheet.units.length,
    vetoed: u.vetoed,
    // Entries that count or explain something: points, a free event, an unset table cell.
    entries: u.entries
      .filter((e) => e.points.n !== 0n || e.free || e.cell?.unset)
      .map((e) => ({
        day: e.date,
        event: e.event,
        item: itemText(e),
        base: toFixed2(e.base),
        factors: factorText(e),
        points: toFixed2(e.points),
        source: e.source,
      })),
    vetoes: u.vetoes.map((v) => ({ clause: v.clause, event: v.event, date: v.date })),
    ...outcomes,
    hasOutcomes:
      u.vetoes.length +
        outcomes.rewards.length +
        outcomes.sanctions.length +
        outcomes.losses.length >
      0,
    signature: officeSignature(
      office,
      date,
      true,
      office?.office_name ?? office?.signatory ?? office?.name,
    ),
  };
}

/** 县级个访2件（扣2分）、未按时报送周排查报告或零报告的1次（扣5分） */
function deductionSummary(u: UnitScore): string {
  const groups = new Map<string, { label: string; count: number; points: number }>();
  for (const e of u.entries) {
    if (e.points.n === 0n) continue;
    const label = e.cell ? `${e.cell.level}级${e.cell.form}` : e.clause.replace(/的$/, "");
    const g = groups.get(label) ?? { label, count: 0, points: 0 };
    g.count++;
    g.points += Number(toFixed2(e.points));
    groups.set(label, g);
  }
  const parts = [...groups.values()].map(
    (g) =>
      `${md(g.label)}${g.count}${g.label.includes("级") ? "件" : "次"}（${g.points < 0 ? "扣" : "加"}${Math.abs(Number(g.points.toFixed(2)))}分）`,
  );
  return `${md(u.name)}：${parts.join("、")}，合计${Number(toFixed2(u.deducted)) < 0 ? "扣" : "加"}${toFixed2(u.deducted).replace("-", "")}分。`;
}

export function noticeView(
  n: NoticeFile,
  sheet: ScoreSheet,
  office: Office | null,
  rules: Rules,
  slot: { key: string; month: number | null; date: string },
  stats: Stats,
) {
  const annual = slot.month === null;
  const periodText = annual
    ? `${sheet.year}年度`
    : slot.month === 1
      ? `${sheet.year}年1月`
      : `${sheet.year}年1—${slot.month}月`;
  const title = `关于${periodText}村（社区）信访工作考评结果的通报`;
  const rows = sheet.units.map((u) => ({
    rank: u.rank,
    name: u.name,
    score: toFixed2(u.score),
    deducted: toFixed2(u.deducted),
    vetoed: u.vetoed,
    reward: u.rewards.reduce((s, r) => s + r.amount, 0) || "—",
  }));
  const deductions = sheet.units
    .filter((u) => u.entries.some((e) => e.points.n !== 0n))
    .map((u) => `${deductionSummary(u)}`);
  const outcomes: string[] = [];
  for (const u of sheet.units) {
    for (const s of u.sanctions)
      outcomes.push(
        `${md(u.name)}：${SANCTION_NAMES[s.kind]}。${md(s.clause)}（${md(s.event)}，${zhDate(s.date)}）${s.kind === "key_management" ? `，自${zhDate(s.from ?? s.date)}起重点管理${s.months}个月` : ""}。`,
      );
    if (u.consequences.includes("last_place"))
      outcomes.push(`${md(u.name)}：年终考评排名末位，${md(sheet.lastPlaceClause ?? "")}。`);
  }
  if (sheet.losses.length) {
    const total = sheet.losses.reduce((s, l) => s + l.amount, 0);
    outcomes.push(
      `按照奖惩办法，共扣除${sheet.losses.length}项补贴、工资和奖金，合计${total}元：${sheet.losses.map((l) => `${md(l.person)}（${md(l.role)}）${PAY_ITEM_NAMES[l.item]}${l.item === "star_pay" ? "全年" : `${l.months}个月`}${l.amount}元`).join("；")}。`,
    );
  }
  const rewards = annual
    ? sheet.units.flatMap((u) =>
        u.rewards.map(
          (r) => `${md(u.name)}：${REWARD_NAMES[r.kind]}（${md(r.clause)}）${r.amount}元。`,
        ),
      )
    : [];
  const key = annual ? "annual" : String(slot.month);
  const id = `notice-${n.id}-${annual ? "annual" : String(slot.month).padStart(2, "0")}`;
  return {
    meta: metaView("notice", id, sheet.year, title, slot.date, office, {
      ...n,
      number: n.numbers[key],
      recipients: n.recipients,
    }),
    rulesTitle: rules.title ?? `${sheet.year}年度村（社区）信访工作考评细则`,
    assessor: `${office?.short_name ?? office?.name ?? ""}信访工作领导小组办公室`,
    periodText,
    annual,
    figures: figuresView(stats, { tables: false, charts: true }),
    rows,
    deductions,
    outcomes,
    rewards,
    closing: n.closing?.trim() || null,
    signature: officeSignature(office, slot.date, n.seal),
  };
}

export function reportView(
  r: ReportFile,
  office: Office | null,
  leadership: Leadership | null,
  rules: Rules | null,
  stats: Stats,
) {
  return {
    meta: metaView("report", `report-${r.id}`, r.year, r.title, r.date, office, r),
    sections: sectionViews(r.sections, 1, {
      rules,
      leadership: leadershipView(leadership, office),
      figures: figuresView(stats),
    }),
    signature: officeSignature(office, r.date, r.seal),
  };
}
