/*
 * Reference implementation ("oracle") of the xinfang scoring semantics, written from
 * the product specification (SPEC.md) §3, §4, §7 and §8 only. It must not read or import anything from
 * src/ or schemas/: its value is that it is independent of the real engine.
 *
 * It validates only what it needs in order to compute (unknown units, dates outside the year,
 * as-of outside the year, a unit both absent and on leave) and throws on those; it is not a
 * validator.
 *
 * AMBIGUITIES — where SPEC.md is silent or can be read two ways, the most literal reading:
 *
 *  A1  Cross-ledger order. "Events are ordered by date, then ledger order" does not say how
 *      events of *different* ledgers on the same date are ordered. Oracle: petition, then
 *      meeting, then weekly-report (the order §3 lists the ledgers), then order within the
 *      ledger. `compareScores` therefore compares entries of different ledgers on the same date
 *      as independent sub-sequences unless `strictOrder` is set.
 *  A2  Weekly-report events of one week share one date (the deadline). Their "ledger order" is
 *      units.yaml order; weeks in chronological order.
 *  A3  Unset table cell: the event still *matches* the table item ("scores 0"), so it yields an
 *      entry with base 0, the factors of the modifiers that hold, and points 0 — whether or not a
 *      veto rule matched. That includes veto cells (省集访, 京…), which §7's table simply leaves
 *      out. A cell holding anything other than a number (null, "veto") is unset.
 *  A4  `free: N`: the first N matching events of the unit still yield an entry; its `base` is the
 *      item's points (or table cell), `factors` are the modifiers that hold, `points` is 0.
 *  A5  `factors` lists the factor of every modifier whose condition holds, in modifier order,
 *      even when the base is 0.
 *  A6  A `when` condition compares with ===, except that a number and a string with the same
 *      text are equal (CSV vs YAML). A field the event lacks matches nothing. The six flags
 *      (early_warning, persuaded_onsite, assigned_overdue, superior_urged, escalated,
 *      unfair_handling) default to false; no other field gets a default. A missing `when`
 *      matches every event of the ledger.
 *  A7  Event fields: petition = every key of the record (+ derived `form`, defaulted flags);
 *      meeting = id, unit, date, status, meeting (meeting id), title; weekly-report = id, unit,
 *      date, week, on_time.
 *  A8  Scalar parameters the spec calls "default" are defaulted when absent: base 100,
 *      collective_threshold 5, deadline {weekday 5, time "17:00"}, key_management first
 *      {level 市, form 集访}, then {form 重访, min_level 市}, count 3, months 3; yellow_card
 *      months 2/2; veto 12 months, star pay true, 12 months. Absent *sections* (items,
 *      vetoes, rewards, rewards.rank, clean_record, last_place, each sanctions.<kind>) mean
 *      "none": e.g. without `sanctions.veto` a vetoed unit gets no `veto` sanction.
 *      `appraisal` is copied from the rules and omitted when absent.
 *  A9  `min_level` is honoured in both `first` and `then` of key_management (spec: `then`).
 *      Key management only considers petitions with an `issue`; "later" = strictly after the
 *      `first` event in event order (same date but later ledger order counts).
 *  A10 Weekly weeks: every ISO week (Monday–Sunday) whose deadline day (Monday + weekday − 1) is
 *      in [Jan 1, asOf] and not exempt is owed — so with weekday 1–3 the week named
 *      `<year+1>-W01` can be owed, and `<year>-W01` may start in the previous year.
 *      Submissions are matched to owed weeks by (unit, week name); submissions for weeks that
 *      are not owed are ignored. `submitted` may carry seconds and a fraction; a space in place
 *      of `T` is accepted. Deadline time may be HH:MM or HH:MM:SS.
 *  A11 Sanction money: yellow card and key management months are added per sanction; months
 *      per person and item are summed over all units and kinds, then capped at 12; the amount
 *      is capped months × the monthly rate. A 包村领导/干部's monthly_award is taken from their
 *      first appearance in units.yaml. star_pay is lost once per 两委成员 (a member is in one
 *      unit). Losses' "first appearance" of a 包村领导/干部 is first appearance in units.yaml
 *      (units order, then list order), not first sanction.
 *  A12 Rewards: rank rewards go to unvetoed units whose rank ≤ length of `rewards.rank`;
 *      amounts are included as written (even 0). Rewards list order: rank, then clean_record.
 *      Clean-record tiers consider every petition event of the unit (accepted or not).
 *  A13 `last_place` requires `rewards.last_place` to be present in the rules and a complete
 *      year; a single-unit office has no 末位 (every unit shares one rank).
 *  A14 Coverage warnings: one per (table item, event) with an unset cell and no matching veto
 *      rule (any veto rule whose ledger is petition). Ordered by event order, then item order.
 *  A15 petitions.yaml and petitions.csv both present: the YAML file is used. CSV sources are
 *      "ledger/<year>/petitions.csv:<line>" with the physical line the row starts on (header =
 *      line 1). YAML sources are the line of the `- ` of the record. Weekly-report events:
 *      the line of the counted (earliest) submission; for a missing report the bare path
 *      "ledger/<year>/weekly-reports.yaml". Meeting events: the line of the meeting record.
 *  A16 Events dated after asOf are ignored for everything (points, vetoes, sanctions, losses,
 *      warnings). Key management's months run in full past asOf and year end.
 *  A17 Ties in ranking compare exact rationals; a vetoed unit never ties an unvetoed one.
 *  A18 Entries' `points` are each rounded for display; the unit score rounds the exact sum.
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { LineCounter, isSeq, parseDocument } from "yaml";
import { parseCsv } from "./csv.ts";
import { ZERO, add, cmp, eq, fromNumber, mul, toRoundedNumber } from "./rational.ts";
import type { Q } from "./rational.ts";

// ───────────────────────────── output types (SPEC §8) ─────────────────────────────

export interface OracleEntry {
  rule: string;
  event: string;
  date: string;
  base: number;
  factors: number[];
  points: number;
  source: string | null;
}
export interface OracleSanction {
  kind: "warning" | "yellow_card" | "key_management" | "veto";
  event: string;
  from?: string;
  months?: number;
  appraisal?: string;
}
export interface OracleUnit {
  id: string;
  name: string;
  score: number;
  rank: number;
  vetoed: boolean;
  entries: OracleEntry[];
  vetoes: { rule: string; event: string }[];
  rewards: { kind: "rank" | "clean_record"; amount: number }[];
  consequences: string[];
  sanctions: OracleSanction[];
}
export interface OracleLoss {
  person: string;
  unit: string | null;
  item: "monthly_subsidy" | "star_pay" | "monthly_award";
  months: number;
  amount: number;
}
export interface OracleWarning {
  code: "uncovered-cell";
  event: string;
  message: string;
}
export interface OracleResult {
  year: number;
  asOf: string;
  complete: boolean;
  units: OracleUnit[];
  losses: OracleLoss[];
  warnings: OracleWarning[];
}

// ───────────────────────────── input helpers ─────────────────────────────

type Rec = Record<string, unknown>;
type LedgerName = "petition" | "meeting" | "weekly-report";
const LEDGER_RANK: Record<LedgerName, number> = { petition: 0, meeting: 1, "weekly-report": 2 };

const LEVELS = ["镇", "县", "市", "省", "京"] as const;
function levelRank(v: unknown): number {
  return LEVELS.indexOf(String(v) as (typeof LEVELS)[number]);
}

const FLAGS = [
  "early_warning",
  "persuaded_onsite",
  "assigned_overdue",
  "superior_urged",
  "escalated",
  "unfair_handling",
] as const;

function isRec(v: unknown): v is Rec {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
function str(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}

interface YamlRecord {
  rec: Rec;
  line: number | null;
}

/** Read a YAML file; return its JS value and the line of each item of the top-level list `key`. */
function readYamlList(path: string, key: string): YamlRecord[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, "utf8");
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
  const js: unknown = doc.toJS();
  if (!isRec(js)) return [];
  const list = arr(js[key]);
  const node = doc.get(key, true);
  const lines: (number | null)[] = [];
  if (isSeq(node)) {
    for (const item of node.items) {
      const start = (item as { range?: [number, number, number] } | null)?.range?.[0];
      if (start === undefined) {
        lines.push(null);
        continue;
      }
      // Walk back over whitespace to the `- ` indicator of the item.
      let p = start - 1;
      while (
        p >= 0 &&
        (text[p] === " " || text[p] === "\t" || text[p] === "\n" || text[p] === "\r")
      )
        p--;
      const at = p >= 0 && text[p] === "-" ? p : start;
      lines.push(lc.linePos(at).line);
    }
  }
  return list.map((v, i) => ({ rec: isRec(v) ? v : {}, line: lines[i] ?? null }));
}

function readYaml(path: string): Rec {
  const text = readFileSync(path, "utf8");
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
  const js: unknown = doc.toJS();
  return isRec(js) ? js : {};
}

const CSV_COLUMNS: Record<string, string> = {
  编号: "id",
  日期: "date",
  "村（社区）": "unit",
  去向: "level",
  形式: "form",
  人数: "headcount",
  渠道: "channel",
  类别: "category",
  问题编号: "issue",
  事由: "summary",
  提前报送: "early_warning",
  劝离: "persuaded_onsite",
  交办逾期: "assigned_overdue",
  上级催办: "superior_urged",
  事态扩大: "escalated",
  处理不公: "unfair_handling",
  受理日期: "accepted",
  办理期限: "due",
  办结日期: "closed",
  化解: "resolved",
  满意度: "satisfaction",
};
const CSV_BOOLEAN = new Set([...FLAGS, "resolved"]);

function readPetitionsCsv(path: string): YamlRecord[] {
  const rows = parseCsv(readFileSync(path, "utf8"));
  if (rows.length === 0) return [];
  const header = rows[0]!.cells.map((h) => CSV_COLUMNS[h.trim()] ?? null);
  return rows.slice(1).map((row) => {
    const rec: Rec = {};
    header.forEach((key, i) => {
      if (key === null) return;
      const raw = (row.cells[i] ?? "").trim();
      if (raw === "") return; // empty cell = absent
      if (CSV_BOOLEAN.has(key)) {
        if (raw === "是") rec[key] = true;
        else if (raw === "否") rec[key] = false;
        else throw new Error(`${path}:${row.line}: ${key}: expected 是/否, got ${raw}`);
      } else if (key === "headcount") {
        const n = Number(raw);
        if (!Number.isFinite(n))
          throw new Error(`${path}:${row.line}: 人数 is not a number: ${raw}`);
        rec[key] = n;
      } else rec[key] = raw;
    });
    return { rec, line: row.line };
  });
}

// ───────────────────────────── dates ─────────────────────────────

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(t);
  if (
    back.getUTCFullYear() !== Number(m[1]) ||
    back.getUTCMonth() !== Number(m[2]) - 1 ||
    back.getUTCDate() !== Number(m[3])
  )
    throw new Error(`impossible date: ${date}`);
  return t / 86400000;
}
function dateOf(day: number): string {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}
/** ISO weekday 1 = Monday … 7 = Sunday */
function isoWeekday(day: number): number {
  const w = new Date(day * 86400000).getUTCDay();
  return w === 0 ? 7 : w;
}
function isoWeekName(monday: number): string {
  const thursday = monday + 3;
  const y = new Date(thursday * 86400000).getUTCFullYear();
  const jan1 = Date.UTC(y, 0, 1) / 86400000;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${y}-W${String(week).padStart(2, "0")}`;
}
/** Seconds since epoch (local wall clock treated as UTC; only comparisons matter). */
function submittedSeconds(s: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/.exec(s.trim());
  if (!m) throw new Error(`weekly-reports: bad submitted time: ${s}`);
  return (
    dayNumber(m[1]!) * 86400 +
    Number(m[2]) * 3600 +
    Number(m[3]) * 60 +
    Number(m[4] ?? 0) +
    Number(m[5] ?? 0)
  );
}
function timeSeconds(s: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s.trim());
  if (!m) throw new Error(`rules: bad deadline time: ${s}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

// ───────────────────────────── events ─────────────────────────────

interface Ev {
  ledger: LedgerName;
  id: string;
  unit: string;
  date: string;
  fields: Rec;
  source: string | null;
  seq: number; // ledger order
  order: number; // global event order, set after sorting
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    (typeof a === "number" && typeof b === "string") ||
    (typeof a === "string" && typeof b === "number")
  )
    return String(a) === String(b);
  return false;
}

function matchWhen(when: unknown, fields: Rec, allowMinLevel = false): boolean {
  if (!isRec(when)) return true;
  for (const [k, v] of Object.entries(when)) {
    if (allowMinLevel && k === "min_level") {
      const need = levelRank(v);
      const have = levelRank(fields["level"]);
      if (need < 0 || have < 0 || have < need) return false;
      continue;
    }
    const actual = fields[k];
    if (actual === undefined || actual === null) return false;
    const allowed = Array.isArray(v) ? v : [v];
    if (!allowed.some((a) => sameValue(a, actual))) return false;
  }
  return true;
}

function num(v: unknown, dflt: number): number {
  return typeof v === "number" ? v : dflt;
}

// ───────────────────────────── the oracle ─────────────────────────────

export function oracleScore(
  contentDir: string,
  opts: { year: number; asOf?: string },
): OracleResult {
  const year = opts.year;
  const yearStart = `${year}-01-01`;
  const yearEnd = `${year}-12-31`;
  const asOf = opts.asOf ?? yearEnd;
  dayNumber(asOf);
  if (asOf < yearStart || asOf > yearEnd) throw new Error(`as-of ${asOf} is outside ${year}`);
  const complete = asOf === yearEnd;

  // units
  const unitsDoc = readYaml(join(contentDir, "units.yaml"));
  const units = arr(unitsDoc["units"]).filter(isRec);
  const unitIds = units.map((u) => str(u["id"]));
  const unitIndex = new Map(unitIds.map((id, i) => [id, i]));

  // rules
  const rules = readYaml(join(contentDir, "rules", `${year}.yaml`));
  const base = fromNumber(num(rules["base"], 100));
  const threshold = num(rules["collective_threshold"], 5);
  const items = arr(rules["items"]).filter(isRec);
  const vetoRules = arr(rules["vetoes"]).filter(isRec);
  const rewardsCfg = isRec(rules["rewards"]) ? rules["rewards"] : {};
  const sanctionsCfg = isRec(rules["sanctions"]) ? rules["sanctions"] : {};

  const checkEvent = (what: string, unit: string, date: string): void => {
    if (!unitIndex.has(unit)) throw new Error(`${what}: unknown unit ${unit}`);
    dayNumber(date);
    if (date < yearStart || date > yearEnd)
      throw new Error(`${what}: date ${date} outside ${year}`);
  };

  const events: Ev[] = [];
  const ledgerDir = join(contentDir, "ledger", String(year));
  const rel = (f: string): string => `ledger/${year}/${f}`;

  // petitions
  let petitionRecords: YamlRecord[];
  let petitionFile: string;
  if (
    existsSync(join(ledgerDir, "petitions.yaml")) ||
    !existsSync(join(ledgerDir, "petitions.csv"))
  ) {
    petitionFile = "petitions.yaml";
    petitionRecords = readYamlList(join(ledgerDir, petitionFile), "petitions");
  } else {
    petitionFile = "petitions.csv";
    petitionRecords = readPetitionsCsv(join(ledgerDir, petitionFile));
  }
  petitionRecords.forEach(({ rec, line }, i) => {
    const fields: Rec = { ...rec };
    const id = str(rec["id"]);
    const unit = str(rec["unit"]);
    const date = str(rec["date"]);
    checkEvent(`petition ${id}`, unit, date);
    fields["id"] = id;
    fields["unit"] = unit;
    fields["date"] = date;
    for (const f of FLAGS) if (fields[f] === undefined || fields[f] === null) fields[f] = false;
    if (fields["form"] === undefined || fields["form"] === null) {
      const hc = fields["headcount"];
      if (typeof hc !== "number") throw new Error(`petition ${id}: neither form nor headcount`);
      fields["form"] = hc >= threshold ? "集访" : "个访";
    }
    events.push({
      ledger: "petition",
      id,
      unit,
      date,
      fields,
      source: line === null ? null : `${rel(petitionFile)}:${line}`,
      seq: i,
      order: 0,
    });
  });

  // meetings
  let seq = 0;
  for (const { rec, line } of readYamlList(join(ledgerDir, "meetings.yaml"), "meetings")) {
    const mid = str(rec["id"]);
    const date = str(rec["date"]);
    const absent = arr(rec["absent"]).map(str);
    const leave = arr(rec["leave"]).map(str);
    for (const u of absent)
      if (leave.includes(u)) throw new Error(`meeting ${mid}: ${u} both absent and on leave`);
    for (const [status, list] of [
      ["absent", absent],
      ["leave", leave],
    ] as const) {
      for (const u of list) {
        checkEvent(`meeting ${mid}`, u, date);
        const id = `${mid}:${u}`;
        events.push({
          ledger: "meeting",
          id,
          unit: u,
          date,
          fields: { id, unit: u, date, status, meeting: mid, title: rec["title"] },
          source: line === null ? null : `${rel("meetings.yaml")}:${line}`,
          seq: seq++,
          order: 0,
        });
      }
    }
  }

  // weekly reports
  const wr = isRec(rules["weekly_report"]) ? rules["weekly_report"] : {};
  const dl = isRec(wr["deadline"]) ? wr["deadline"] : {};
  const weekday = num(dl["weekday"], 5);
  const dlTime = timeSeconds(str(dl["time"] ?? "17:00"));
  const exempt = new Set(arr(wr["exempt_weeks"]).map(str));
  const submissions = readYamlList(join(ledgerDir, "weekly-reports.yaml"), "weekly_reports");
  // earliest submission per (unit, week)
  const earliest = new Map<string, { t: number; line: number | null }>();
  for (const { rec, line } of submissions) {
    const key = `${str(rec["unit"])}\u0000${str(rec["week"])}`;
    const t = submittedSeconds(str(rec["submitted"]));
    const prev = earliest.get(key);
    if (!prev || t < prev.t) earliest.set(key, { t, line });
  }
  const firstDay = dayNumber(yearStart);
  const asOfDay = dayNumber(asOf);
  let monday = firstDay - 7;
  while (isoWeekday(monday) !== 1) monday--;
  seq = 0;
  for (; monday <= dayNumber(yearEnd); monday += 7) {
    const deadlineDay = monday + weekday - 1;
    if (deadlineDay < firstDay || deadlineDay > asOfDay) continue;
    const week = isoWeekName(monday);
    if (exempt.has(week)) continue;
    const date = dateOf(deadlineDay);
    const deadline = deadlineDay * 86400 + dlTime;
    for (const u of unitIds) {
      const sub = earliest.get(`${u}\u0000${week}`);
      const onTime = sub !== undefined && sub.t <= deadline;
      const id = `${u}:${week}`;
      events.push({
        ledger: "weekly-report",
        id,
        unit: u,
        date,
        fields: { id, unit: u, date, week, on_time: onTime },
        source:
          sub && sub.line !== null
            ? `${rel("weekly-reports.yaml")}:${sub.line}`
            : rel("weekly-reports.yaml"),
        seq: seq++,
        order: 0,
      });
    }
  }

  // as-of filter and event order
  const live = events
    .filter((e) => e.date <= asOf)
    .sort((a, b) =>
      a.date < b.date
        ? -1
        : a.date > b.date
          ? 1
          : LEDGER_RANK[a.ledger] - LEDGER_RANK[b.ledger] || a.seq - b.seq,
    );
  live.forEach((e, i) => (e.order = i));

  // ── items, vetoes, warnings
  interface UnitState {
    score: Q;
    entries: OracleEntry[];
    vetoes: { rule: string; event: string; order: number }[];
    sanctions: (OracleSanction & { order: number; k: number })[];
  }
  const state = new Map<string, UnitState>(
    unitIds.map((id) => [id, { score: base, entries: [], vetoes: [], sanctions: [] }]),
  );
  const warnings: OracleWarning[] = [];
  const freeUsed = new Map<string, number>();

  for (const ev of live) {
    const st = state.get(ev.unit)!;
    const vetoHits = vetoRules.filter(
      (r) => str(r["ledger"]) === ev.ledger && matchWhen(r["when"], ev.fields),
    );
    for (const r of vetoHits) st.vetoes.push({ rule: str(r["id"]), event: ev.id, order: ev.order });

    for (const item of items) {
      if (str(item["ledger"]) !== ev.ledger) continue;
      if (!matchWhen(item["when"], ev.fields)) continue;
      let baseNum: number;
      if (isRec(item["table"])) {
        const row = item["table"][str(ev.fields["level"])];
        const cell = isRec(row) ? row[str(ev.fields["form"])] : undefined;
        if (typeof cell === "number") baseNum = cell;
        else {
          baseNum = 0;
          const petitionVeto = vetoRules.some(
            (r) => str(r["ledger"]) === "petition" && matchWhen(r["when"], ev.fields),
          );
          if (!petitionVeto)
            warnings.push({
              code: "uncovered-cell",
              event: ev.id,
              message: `信访事项${ev.id}（${str(ev.fields["level"])}·${str(ev.fields["form"])}）在考评细则“${str(item["id"])}”的分值表中未设定分值，按0分计`,
            });
        }
      } else baseNum = num(item["points"], 0);

      const factors: number[] = [];
      let value: Q = fromNumber(baseNum);
      for (const m of arr(item["modifiers"]).filter(isRec)) {
        if (!matchWhen(m["when"], ev.fields)) continue;
        const f = num(m["factor"], 1);
        factors.push(f);
        value = mul(value, fromNumber(f));
      }
      const freeN = num(item["free"], 0);
      const fk = `${str(item["id"])}\u0000${ev.unit}`;
      const used = freeUsed.get(fk) ?? 0;
      if (used < freeN) {
        freeUsed.set(fk, used + 1);
        value = ZERO;
      }
      st.score = add(st.score, value);
      st.entries.push({
        rule: str(item["id"]),
        event: ev.id,
        date: ev.date,
        base: baseNum,
        factors,
        points: toRoundedNumber(value),
        source: ev.source,
      });
    }
  }

  // ── sanctions
  const petitions = live.filter((e) => e.ledger === "petition");
  const warnCfg = sanctionsCfg["warning"];
  const yellowCfg = sanctionsCfg["yellow_card"];
  const keyCfg = sanctionsCfg["key_management"];
  const vetoCfg = sanctionsCfg["veto"];

  for (const ev of petitions) {
    const st = state.get(ev.unit)!;
    if (isRec(warnCfg) && matchWhen(warnCfg["when"], ev.fields))
      st.sanctions.push({ kind: "warning", event: ev.id, order: ev.order, k: 0 });
    if (isRec(yellowCfg) && matchWhen(yellowCfg["when"], ev.fields))
      st.sanctions.push({ kind: "yellow_card", event: ev.id, order: ev.order, k: 1 });
  }
  if (isRec(keyCfg)) {
    const first = isRec(keyCfg["first"]) ? keyCfg["first"] : { level: "市", form: "集访" };
    const then = isRec(keyCfg["then"]) ? keyCfg["then"] : { form: "重访", min_level: "市" };
    const count = num(keyCfg["count"], 3);
    const months = num(keyCfg["months"], 3);
    for (const u of unitIds) {
      const mine = petitions.filter(
        (e) => e.unit === u && e.fields["issue"] !== undefined && e.fields["issue"] !== null,
      );
      const seen = new Set<string>();
      for (let i = 0; i < mine.length; i++) {
        const ev = mine[i]!;
        const issue = str(ev.fields["issue"]);
        if (seen.has(issue) || !matchWhen(first, ev.fields, true)) continue;
        seen.add(issue); // the unit's first `first` event of this issue
        let n = 0;
        for (let j = i + 1; j < mine.length; j++) {
          const later = mine[j]!;
          if (str(later.fields["issue"]) !== issue || !matchWhen(then, later.fields, true))
            continue;
          n++;
          if (n === count) {
            const s: OracleSanction & { order: number; k: number } = {
              kind: "key_management",
              event: later.id,
              from: later.date,
              months,
              order: later.order,
              k: 2,
            };
            if (keyCfg["appraisal"] !== undefined) s.appraisal = str(keyCfg["appraisal"]);
            state.get(u)!.sanctions.push(s);
            break;
          }
        }
      }
    }
  }
  for (const u of unitIds) {
    const st = state.get(u)!;
    if (isRec(vetoCfg) && st.vetoes.length > 0) {
      const firstVeto = st.vetoes.reduce((a, b) => (b.order < a.order ? b : a));
      st.sanctions.push({ kind: "veto", event: firstVeto.event, order: firstVeto.order, k: 3 });
    }
    st.sanctions.sort((a, b) => a.k - b.k || a.order - b.order);
    st.vetoes.sort((a, b) => a.order - b.order); // stable: rule order within one event
  }

  // ── ranking
  const ranked = unitIds
    .map((id, idx) => ({ id, idx, st: state.get(id)!, vetoed: state.get(id)!.vetoes.length > 0 }))
    .sort(
      (a, b) => Number(a.vetoed) - Number(b.vetoed) || cmp(b.st.score, a.st.score) || a.idx - b.idx,
    );
  const ranks: number[] = [];
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    ranks.push(
      prev && prev.vetoed === r.vetoed && eq(prev.st.score, r.st.score) ? ranks[i - 1]! : i + 1,
    );
  });
  const maxRank = Math.max(...ranks);
  const allShare = ranks.every((r) => r === ranks[0]);

  // ── rewards & consequences
  const rankRewards = arr(rewardsCfg["rank"]);
  const tiers = arr(rewardsCfg["clean_record"]).filter(isRec);
  const outUnits: OracleUnit[] = ranked.map((r, i) => {
    const rank = ranks[i]!;
    const unitRec = units[r.idx]!;
    const rewards: OracleUnit["rewards"] = [];
    const consequences: string[] = [];
    if (complete) {
      if (!r.vetoed) {
        const amt = rankRewards[rank - 1];
        if (typeof amt === "number") rewards.push({ kind: "rank", amount: amt });
        const mine = petitions.filter((e) => e.unit === r.id);
        for (const t of tiers) {
          const lim = levelRank(t["none_at_or_above"]);
          if (lim < 0) continue;
          if (mine.every((e) => levelRank(e.fields["level"]) < lim)) {
            rewards.push({ kind: "clean_record", amount: num(t["amount"], 0) });
            break;
          }
        }
      }
      if (
        rewardsCfg["last_place"] !== undefined &&
        rewardsCfg["last_place"] !== null &&
        !allShare &&
        rank === maxRank
      )
        consequences.push("last_place");
    }
    return {
      id: r.id,
      name: str(unitRec["name"]),
      score: toRoundedNumber(r.st.score),
      rank,
      vetoed: r.vetoed,
      entries: r.st.entries,
      vetoes: r.st.vetoes.map(({ rule, event }) => ({ rule, event })),
      rewards,
      consequences,
      sanctions: r.st.sanctions.map(({ order: _o, k: _k, ...s }) => s),
    };
  });

  // ── losses
  interface Member {
    unit: string;
    name: string;
    subsidy: number;
    star: number;
    months: number;
    lostStar: boolean;
  }
  interface Liaison {
    name: string;
    award: number;
    months: number;
  }
  const members: Member[] = [];
  const memberByKey = new Map<string, Member>();
  const liaisons: Liaison[] = [];
  const liaisonByName = new Map<string, Liaison>();
  const unitMembers = new Map<string, Member[]>();
  const unitLiaisons = new Map<string, Liaison[]>();
  for (const u of units) {
    const uid = str(u["id"]);
    const ms: Member[] = [];
    for (const c of arr(u["committee"]).filter(isRec)) {
      const key = `${uid}\u0000${str(c["name"])}`;
      let m = memberByKey.get(key);
      if (!m) {
        m = {
          unit: uid,
          name: str(c["name"]),
          subsidy: num(c["monthly_subsidy"], 0),
          star: num(c["star_pay"], 0),
          months: 0,
          lostStar: false,
        };
        memberByKey.set(key, m);
        members.push(m);
      }
      if (!ms.includes(m)) ms.push(m);
    }
    unitMembers.set(uid, ms);
    const ls: Liaison[] = [];
    for (const c of arr(u["liaisons"]).filter(isRec)) {
      const name = str(c["name"]);
      let l = liaisonByName.get(name);
      if (!l) {
        l = { name, award: num(c["monthly_award"], 0), months: 0 };
        liaisonByName.set(name, l);
        liaisons.push(l);
      }
      if (!ls.includes(l)) ls.push(l);
    }
    unitLiaisons.set(uid, ls);
  }
  for (const u of unitIds) {
    const ms = unitMembers.get(u)!;
    const ls = unitLiaisons.get(u)!;
    for (const s of state.get(u)!.sanctions) {
      let cm = 0;
      let lm = 0;
      let star = false;
      if (s.kind === "yellow_card" && isRec(yellowCfg)) {
        cm = num(yellowCfg["committee_subsidy_months"], 2);
        lm = num(yellowCfg["liaison_award_months"], 2);
      } else if (s.kind === "key_management") {
        cm = s.months ?? 0;
        lm = s.months ?? 0;
      } else if (s.kind === "veto" && isRec(vetoCfg)) {
        cm = num(vetoCfg["committee_subsidy_months"], 12);
        lm = num(vetoCfg["liaison_award_months"], 12);
        star =
          vetoCfg["committee_star_pay"] === undefined
            ? true
            : vetoCfg["committee_star_pay"] === true;
      }
      for (const m of ms) {
        m.months += cm;
        if (star) m.lostStar = true;
      }
      for (const l of ls) l.months += lm;
    }
  }
  const losses: OracleLoss[] = [];
  const money = (months: number, rate: number): number =>
    toRoundedNumber(mul(fromNumber(months), fromNumber(rate)));
  for (const m of members) {
    const months = Math.min(m.months, 12);
    const amt = money(months, m.subsidy);
    if (amt !== 0)
      losses.push({ person: m.name, unit: m.unit, item: "monthly_subsidy", months, amount: amt });
    if (m.lostStar && money(1, m.star) !== 0)
      losses.push({
        person: m.name,
        unit: m.unit,
        item: "star_pay",
        months: 12,
        amount: money(1, m.star),
      });
  }
  for (const l of liaisons) {
    const months = Math.min(l.months, 12);
    const amt = money(months, l.award);
    if (amt !== 0)
      losses.push({ person: l.name, unit: null, item: "monthly_award", months, amount: amt });
  }

  return { year, asOf, complete, units: outUnits, losses, warnings };
}
