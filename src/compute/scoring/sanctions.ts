// Sanctions (处理) and the pay they cost (SPEC §3): warnings, yellow cards, key management,
// veto; months per person and pay item add up and are capped at 12.
import { labelOf } from "../../../schemas/index.ts";
import type { Rules, Unit } from "../../../schemas/index.ts";
import { compileWhen } from "./match.ts";
import { sourceText } from "./types.ts";
import type { Appraisal, Loss, PayItem, Sanction, ScoreEvent, VetoHit } from "./types.ts";

const CAP = 12;

/** Warning, yellow-card and key-management sanctions of each unit, in SPEC order. */
export function eventSanctions(
  events: readonly ScoreEvent[],
  rules: Rules,
  unitIds: readonly string[],
): Map<string, Sanction[]> {
  const s = rules.sanctions;
  const warnings = new Map<string, Sanction[]>(unitIds.map((id) => [id, []]));
  const yellows = new Map<string, Sanction[]>(unitIds.map((id) => [id, []]));
  const keys = new Map<string, Sanction[]>(unitIds.map((id) => [id, []]));
  const warn = s.warning ? compileWhen(s.warning.when, "petition") : null;
  const yellow = s.yellow_card ? compileWhen(s.yellow_card.when, "petition") : null;
  const km = s.key_management;
  const first = km ? compileWhen(km.first, "petition") : null;
  const then = km ? compileWhen(km.then, "petition") : null;
  // Per unit, then issue: absent before the first event, then 1 + the follow-ups since, -1 when
  // done (a number, not an object: a large ledger has an issue for almost every petition).
  const tracks = new Map<string, Map<string, number>>(unitIds.map((id) => [id, new Map()]));

  for (const ev of events) {
    if (ev.ledger !== "petition") continue;
    if (warn && s.warning && warn(ev.fields))
      warnings.get(ev.unit)?.push({
        kind: "warning",
        clause: s.warning.clause,
        label: labelOf(s.warning),
        ...eventPart(ev),
      });
    if (yellow && s.yellow_card && yellow(ev.fields))
      yellows.get(ev.unit)?.push({
        kind: "yellow_card",
        clause: s.yellow_card.clause,
        label: labelOf(s.yellow_card),
        ...eventPart(ev),
      });
    if (!km || !first || !then) continue;
    // An event that is neither a first event nor a follow-up changes no track: its issue is not
    // looked up (most of a large year's petitions).
    const isFirst = first(ev.fields);
    const isThen = then(ev.fields);
    if (!isFirst && !isThen) continue;
    const issue = ev.fields.issue;
    if (issue === undefined || issue === null) continue;
    const unitTracks = tracks.get(ev.unit);
    if (unitTracks === undefined) continue;
    const key = String(issue);
    const t = unitTracks.get(key);
    if (t === -1) continue;
    if (t === undefined) {
      if (isFirst) unitTracks.set(key, 1);
      continue;
    }
    if (isThen) {
      // t − 1 follow-ups so far, this one makes t.
      if (t < km.count) unitTracks.set(key, t + 1);
      else {
        unitTracks.set(key, -1);
        keys.get(ev.unit)?.push({
          kind: "key_management",
          clause: km.clause,
          label: labelOf(km),
          ...eventPart(ev),
          issue: String(issue),
          from: ev.date,
          months: km.months,
          appraisal: km.appraisal,
        });
      }
    }
  }
  const out = new Map<string, Sanction[]>();
  for (const id of unitIds)
    out.set(id, [...(warnings.get(id) ?? []), ...(yellows.get(id) ?? []), ...(keys.get(id) ?? [])]);
  return out;
}

/** The event's part of a sanction. */
function eventPart(ev: ScoreEvent) {
  return { event: ev.id, date: ev.date, source: sourceText(ev.at), facts: ev.facts };
}

export function vetoSanction(hits: readonly VetoHit[]): Sanction | null {
  const first = hits[0];
  if (!first) return null;
  return {
    kind: "veto",
    clause: first.clause,
    label: first.label,
    event: first.event,
    date: first.date,
    source: first.source,
    facts: first.facts,
  };
}

interface Tally {
  person: string;
  unit: string | null;
  role: string;
  item: PayItem;
  monthly: number;
  months: number;
}

/** Pay lost per person and item after the cap, and the liaisons' year-end appraisals. */
export function computeLosses(
  units: readonly Unit[],
  sanctions: ReadonlyMap<string, readonly Sanction[]>,
  rules: Rules,
): { losses: Loss[]; appraisals: Appraisal[] } {
  const s = rules.sanctions;
  const committee: Tally[] = [];
  const liaisons = new Map<string, Tally>();
  const starPay = new Map<Tally, number>();
  const appraisals = new Map<string, Appraisal>();

  for (const u of units) {
    const list = sanctions.get(u.id) ?? [];
    let subsidyMonths = 0;
    let awardMonths = 0;
    let losesStarPay = false;
    for (const x of list) {
      if (x.kind === "yellow_card" && s.yellow_card) {
        subsidyMonths += s.yellow_card.committee_subsidy_months;
        awardMonths += s.yellow_card.liaison_award_months;
      } else if (x.kind === "key_management") {
        subsidyMonths += x.months ?? 0;
        awardMonths += x.months ?? 0;
      } else if (x.kind === "veto" && s.veto) {
        const v = s.veto;
        subsidyMonths += v.committee_subsidy_months;
        awardMonths += v.liaison_award_months;
        losesStarPay ||= v.committee_star_pay;
      }
    }
    for (const m of u.committee) {
      const t: Tally = {
        person: m.name,
        unit: u.id,
        role: m.role ?? "两委成员",
        item: "monthly_subsidy",
        monthly: m.monthly_subsidy,
        months: subsidyMonths,
      };
      committee.push(t);
      if (losesStarPay) starPay.set(t, m.star_pay);
    }
    for (const l of u.liaisons) {
      let t = liaisons.get(l.name);
      if (!t)
        liaisons.set(
          l.name,
          (t = {
            person: l.name,
            unit: null,
            role: l.role,
            item: "monthly_award",
            monthly: l.monthly_award,
            months: 0,
          }),
        );
      t.months += awardMonths;
      for (const x of list) {
        if (x.kind !== "key_management" || !x.appraisal) continue;
        const a = appraisals.get(l.name) ?? {
          person: l.name,
          role: l.role,
          rating: x.appraisal,
          units: [],
        };
        if (!a.units.includes(u.id)) a.units.push(u.id);
        appraisals.set(l.name, a);
      }
    }
  }

  const losses: Loss[] = [];
  const push = (t: Tally, item: PayItem, months: number, amount: number, uncapped: number) => {
    if (amount > 0 && months > 0)
      losses.push({
        person: t.person,
        unit: t.unit,
        role: t.role,
        item,
        months,
        amount,
        uncappedMonths: uncapped,
      });
  };
  for (const t of committee) {
    const months = Math.min(CAP, t.months);
    push(t, "monthly_subsidy", months, months * t.monthly, t.months);
    const star = starPay.get(t);
    if (star !== undefined) push(t, "star_pay", 12, star, 12);
  }
  for (const t of liaisons.values()) {
    const months = Math.min(CAP, t.months);
    push(t, "monthly_award", months, months * t.monthly, t.months);
  }
  return { losses, appraisals: [...appraisals.values()] };
}
