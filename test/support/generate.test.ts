// Self-check of the synthetic content generator and of the bundled example in content/.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fileSchemas } from "../../schemas/index.ts";
import type {
  FileSchemaName,
  MeetingRecord,
  PetitionRecord,
  Rules,
  Unit,
  WeeklyReportRecord,
} from "../../schemas/index.ts";
import { CSV_HEADER, generateContent, owedWeeks } from "./generate.ts";
import type { GenOptions } from "./generate.ts";
import { exampleFiles } from "./make-example.ts";

const ROOT = join(fileURLToPath(import.meta.url), "..", "..", "..");
const CONTENT = join(ROOT, "content");
const LEVELS = ["镇", "县", "市", "省", "京"];

function schemaFor(rel: string): FileSchemaName {
  const base = rel.split("/").pop() as string;
  if (rel.startsWith("rules/")) return "rules";
  const name = base.replace(/\.(yaml|csv)$/, "");
  if (name in fileSchemas) return name as FileSchemaName;
  throw new Error(`no schema for ${rel}`);
}

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else cell += c;
      i++;
      continue;
    }
    if (c === '"' && cell === "") quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" || c === "\n") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
    i++;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// prettier-ignore
const CSV_KEYS = [
  "id", "date", "unit", "level", "form", "headcount", "channel", "category", "issue", "summary", "early_warning", "persuaded_onsite",
  "assigned_overdue", "superior_urged", "escalated", "unfair_handling", "accepted", "due", "closed", "resolved", "satisfaction",
];
const CSV_BOOLS = new Set([
  "early_warning",
  "persuaded_onsite",
  "assigned_overdue",
  "superior_urged",
  "escalated",
  "unfair_handling",
  "resolved",
]);

function csvRecords(text: string): Record<string, unknown>[] {
  const rows = parseCsv(text);
  expect((rows[0] as string[]).join(",")).toBe(CSV_HEADER);
  return rows.slice(1).map((r) => {
    expect(r.length).toBe(CSV_KEYS.length);
    const rec: Record<string, unknown> = {};
    r.forEach((v, k) => {
      const key = CSV_KEYS[k] as string;
      if (v === "") return;
      if (CSV_BOOLS.has(key)) {
        expect(["是", "否"]).toContain(v);
        rec[key] = v === "是";
      } else if (key === "headcount") rec[key] = Number(v);
      else rec[key] = v;
    });
    return rec;
  });
}

interface Parsed {
  units: Unit[];
  rules: Rules;
  petitions: PetitionRecord[];
  meetings: MeetingRecord[];
  reports: WeeklyReportRecord[];
}

/** Parses and schema-validates every file, then checks the cross-file rules a loader enforces. */
function checkFiles(files: Map<string, string>, year: number): Parsed {
  const data = new Map<string, Record<string, unknown>>();
  for (const [rel, text] of files) {
    const name = schemaFor(rel);
    const value = rel.endsWith(".csv") ? { petitions: csvRecords(text) } : parse(text);
    const r = fileSchemas[name].safeParse(value);
    if (!r.success) throw new Error(`${rel}: ${JSON.stringify(r.error.issues.slice(0, 3))}`);
    data.set(name, r.data as Record<string, unknown>);
  }
  const p: Parsed = {
    units: data.get("units")?.units as Unit[],
    rules: data.get("rules") as Rules,
    petitions: data.get("petitions")?.petitions as PetitionRecord[],
    meetings: data.get("meetings")?.meetings as MeetingRecord[],
    reports: data.get("weekly-reports")?.weekly_reports as WeeklyReportRecord[],
  };
  expect(p.rules.year).toBe(year);

  const ids = new Set<string>();
  const awards = new Map<string, number>();
  for (const u of p.units) {
    expect(ids.has(u.id)).toBe(false);
    ids.add(u.id);
    expect(new Set(u.committee.map((c) => c.name)).size).toBe(u.committee.length);
    for (const l of u.liaisons) {
      const a = awards.get(l.name);
      if (a !== undefined) expect(l.monthly_award).toBe(a);
      awards.set(l.name, l.monthly_award);
    }
  }

  const inYear = (s: string) => s.startsWith(`${year}-`);
  const petIds = new Set<string>();
  for (const x of p.petitions) {
    expect(petIds.has(x.id)).toBe(false);
    petIds.add(x.id);
    expect(ids.has(x.unit)).toBe(true);
    expect(inYear(x.date)).toBe(true);
    expect(x.form !== undefined || x.headcount !== undefined).toBe(true);
    if (x.accepted !== undefined) {
      expect(inYear(x.accepted) && x.accepted >= x.date).toBe(true);
      if (x.due !== undefined) expect(inYear(x.due) && x.due >= x.accepted).toBe(true);
    } else {
      expect(x.due).toBeUndefined();
      expect(x.closed).toBeUndefined();
    }
    if (x.closed !== undefined)
      expect(inYear(x.closed) && x.closed >= (x.accepted ?? "9999")).toBe(true);
  }

  const meetingIds = new Set<string>();
  for (const m of p.meetings) {
    expect(meetingIds.has(m.id)).toBe(false);
    meetingIds.add(m.id);
    expect(inYear(m.date)).toBe(true);
    const all = [...m.absent, ...m.leave];
    expect(new Set(all).size).toBe(all.length); // never in both lists, never twice
    for (const u of all) expect(ids.has(u)).toBe(true);
  }

  const owed = new Set(owedWeeks(year, p.rules.weekly_report.deadline.weekday).map((w) => w.label));
  for (const r of p.reports) {
    expect(ids.has(r.unit)).toBe(true);
    expect(owed.has(r.week)).toBe(true);
    expect(r.submitted).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/);
  }
  for (const w of p.rules.weekly_report.exempt_weeks) expect(owed.has(w)).toBe(true);
  return p;
}

const formOf = (x: PetitionRecord, threshold: number): string =>
  x.form ?? ((x.headcount ?? 0) >= threshold ? "集访" : "个访");

/** Per (unit, issue) with a first 市 集访: the number of that unit's later 重访 at 市 or above. */
function keyManagementCounts(petitions: PetitionRecord[], threshold: number): number[] {
  const order = petitions
    .map((x, i) => ({ x, i }))
    .sort((a, b) => (a.x.date < b.x.date ? -1 : a.x.date > b.x.date ? 1 : a.i - b.i));
  const groups = new Map<string, PetitionRecord[]>();
  for (const { x } of order) {
    if (x.issue === undefined) continue;
    const k = `${x.unit}\u0000${x.issue}`;
    const g = groups.get(k) ?? [];
    g.push(x);
    groups.set(k, g);
  }
  const counts: number[] = [];
  for (const g of groups.values()) {
    const f = g.findIndex((x) => x.level === "市" && formOf(x, threshold) === "集访");
    if (f < 0) continue;
    counts.push(
      g.slice(f + 1).filter((x) => x.form === "重访" && LEVELS.indexOf(x.level) >= 2).length,
    );
  }
  return counts;
}

const configs: GenOptions[] = [
  { seed: 1, year: 2025, units: 40, petitions: 1500 },
  { seed: 2, year: 2025, units: 40, petitions: 1500, petitionFormat: "csv" },
  { seed: 3, year: 2026, units: 25, petitions: 800, rules: "random", meetings: 24 },
  {
    seed: 4,
    year: 2027,
    units: 25,
    petitions: 800,
    rules: "random",
    petitionFormat: "csv",
    lateRate: 0.2,
    missingRate: 0.1,
  },
  { seed: 5, year: 2024, units: 12, petitions: 300, rules: "random", meetings: 5 },
  { seed: 6, year: 2028, units: 3, petitions: 10, rules: "random" },
  { seed: 7, year: 2025, units: 1, petitions: 0, meetings: 0 },
  { seed: 8, year: 2025, units: 1, petitions: 40 },
];

describe("generateContent", () => {
  it("is deterministic", () => {
    for (const o of configs.slice(0, 4)) {
      const a = generateContent(o);
      const b = generateContent(o);
      expect([...a.keys()]).toEqual([...b.keys()]);
      for (const [k, v] of a) expect(b.get(k)).toBe(v);
      const c = generateContent({ ...o, seed: o.seed + 100 });
      expect([...a].some(([k, v]) => c.get(k) !== v)).toBe(true);
    }
  });

  it.each(configs)("produces valid files with the requested counts (%o)", (o) => {
    const files = generateContent(o);
    const ext = o.petitionFormat === "csv" ? "csv" : "yaml";
    expect([...files.keys()]).toEqual([
      "units.yaml",
      `rules/${o.year}.yaml`,
      `ledger/${o.year}/petitions.${ext}`,
      `ledger/${o.year}/meetings.yaml`,
      `ledger/${o.year}/weekly-reports.yaml`,
    ]);
    const p = checkFiles(files, o.year);
    expect(p.units.length).toBe(o.units);
    expect(p.petitions.length).toBe(o.petitions);
    expect(p.meetings.length).toBe(o.meetings ?? 12);
  });

  it("spec rules are the SPEC §7 example", () => {
    // test/fixtures/diagnostics/_base/rules/2025.yaml is the SPEC §7 rules block, verbatim.
    const spec = readFileSync(
      join(ROOT, "test", "fixtures", "diagnostics", "_base", "rules", "2025.yaml"),
      "utf8",
    );
    const rules = generateContent({ seed: 1, year: 2025, units: 2, petitions: 0 }).get(
      "rules/2025.yaml",
    );
    expect(parse(rules as string)).toEqual(parse(spec));
    expect(parse(rules as string).items.length).toBe(4);
  });

  it("is adversarial enough", () => {
    const o: GenOptions = { seed: 42, year: 2025, units: 100, petitions: 6000 };
    const p = checkFiles(generateContent(o), 2025);
    const t = 5;
    // many events on one date; forms left to the headcount on both sides of the threshold
    const perDay = new Map<string, number>();
    for (const x of p.petitions) perDay.set(x.date, (perDay.get(x.date) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBeGreaterThan(40);
    const derived = p.petitions.filter((x) => x.form === undefined);
    expect(derived.some((x) => x.headcount === t - 1)).toBe(true);
    expect(derived.some((x) => x.headcount === t)).toBe(true);
    expect(
      p.petitions.some((x) => x.early_warning && x.persuaded_onsite && x.assigned_overdue),
    ).toBe(true);
    expect(
      p.petitions.some((x) => x.level === "市" && formOf(x, t) === "集访" && x.unfair_handling),
    ).toBe(true);
    expect(p.petitions.some((x) => x.escalated)).toBe(true);
    for (const l of LEVELS) expect(p.petitions.some((x) => x.level === l)).toBe(true);
    for (const [l, f] of [
      ["县", "重访"],
      ["市", "重访"],
      ["市", "非访"],
    ]) {
      expect(p.petitions.some((x) => x.level === l && x.form === f && !x.escalated)).toBe(true);
      expect(p.petitions.some((x) => x.level === l && x.form === f && x.escalated)).toBe(true);
    }
    // key management: triggers, and near misses with exactly count − 1
    const km = keyManagementCounts(p.petitions, t);
    expect(km.filter((n) => n >= 3).length).toBeGreaterThan(0);
    expect(km.filter((n) => n === 2).length).toBeGreaterThan(0);
    // meetings: units with two or more leaves
    const leaves = new Map<string, number>();
    for (const m of p.meetings) for (const u of m.leave) leaves.set(u, (leaves.get(u) ?? 0) + 1);
    expect([...leaves.values()].filter((n) => n >= 2).length).toBeGreaterThan(5);
    // weekly reports: deadline minute, seconds after it, a minute after it, duplicates, missing
    const times = p.reports.map((r) => r.submitted.slice(11));
    expect(times).toContain("17:00");
    expect(times).toContain("17:00:30");
    expect(times).toContain("17:01");
    const keys = p.reports.map((r) => `${r.unit} ${r.week}`);
    expect(new Set(keys).size).toBeLessThan(keys.length);
    expect(p.reports.some((r) => r.week === "2025-W40")).toBe(true);
    const owed = owedWeeks(2025, 5).length - 1;
    expect(new Set(keys.filter((k) => !k.endsWith("W40"))).size).toBeLessThan(owed * o.units);
    // units without any event (ties at the base score)
    const active = new Set([
      ...p.petitions.map((x) => x.unit),
      ...p.meetings.flatMap((m) => [...m.absent, ...m.leave]),
    ]);
    expect(p.units.filter((u) => !active.has(u.id)).length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("writes CSV with RFC 4180 quoting", () => {
    const files = generateContent({
      seed: 9,
      year: 2025,
      units: 50,
      petitions: 4000,
      petitionFormat: "csv",
    });
    const text = files.get("ledger/2025/petitions.csv") as string;
    const rows = parseCsv(text);
    expect(rows.length).toBe(4001);
    // awkward summaries: an embedded quote and an embedded line break survive the round trip
    const summaries = rows.map((r) => r[9] as string);
    expect(summaries.some((x) => x.includes('"'))).toBe(true);
    expect(summaries.some((x) => x.includes("\n"))).toBe(true);
    expect(text.startsWith(`${CSV_HEADER}\r\n`)).toBe(true);
  });

  // How long this takes is measured by `npm run bench:generate`, not asserted here; the timeout
  // only stops a hang.
  it("generates a county of 300 units and 20,000 petitions (a YAML ledger over 1 MB)", () => {
    const files = generateContent({ seed: 10, year: 2025, units: 300, petitions: 20000 });
    expect((files.get("ledger/2025/petitions.yaml") as string).length).toBeGreaterThan(1_000_000);
  }, 60_000);
});

describe("content/ (the bundled example)", () => {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(yaml|csv)$/.test(name))
        files.set(relative(CONTENT, path).split("\\").join("/"), readFileSync(path, "utf8"));
    }
  };
  walk(CONTENT);
  const mine = exampleFiles();

  it("is what make-example.ts writes", () => {
    for (const [rel, text] of mine) expect(files.get(rel), rel).toBe(text);
  });

  it("starts every YAML file with its JSON Schema line", () => {
    for (const [rel, text] of files) {
      if (!rel.endsWith(".yaml") || !mine.has(rel)) continue;
      const depth = rel.split("/").length;
      const first = text.split("\n")[0];
      expect(first).toBe(
        `# yaml-language-server: $schema=${"../".repeat(depth)}schemas/json/${schemaFor(rel)}.json`,
      );
    }
  });

  it("validates and has the expected shape", () => {
    for (const [rel, text] of files) {
      if (!mine.has(rel) || !["office.yaml", "leadership.yaml"].includes(rel)) continue;
      const name = schemaFor(rel);
      expect(fileSchemas[name].safeParse(parse(text)).success, rel).toBe(true);
    }
    const ledger = new Map(
      [...files].filter(
        ([rel]) => !["office.yaml", "leadership.yaml"].includes(rel) && mine.has(rel),
      ),
    );
    const p = checkFiles(ledger, 2025);
    expect(p.units.length).toBe(12);
    expect(p.petitions.length).toBeGreaterThanOrEqual(250);
    expect(p.petitions.length).toBeLessThanOrEqual(350);
    expect(p.meetings.length).toBe(12);
    expect(p.petitions.filter((x) => x.level === "京").length).toBe(1);
    expect(p.petitions.filter((x) => x.superior_urged).length).toBe(2);
    expect(
      p.petitions.filter((x) => x.level === "市" && formOf(x, 5) === "集访" && x.unfair_handling)
        .length,
    ).toBe(1);
    expect(keyManagementCounts(p.petitions, 5).filter((n) => n >= 3).length).toBe(1);
    // The example's rules are the SPEC §7 rules with a label on each rule, clauses that read as
    // sentences (请假的, 群众上访按去向和形式扣分, 进京), unset cells said to score 0, and no points
    // for 赴省非访, which a veto covers.
    const example = parse(files.get("rules/2025.yaml") as string);
    const spec = parse(
      generateContent({ seed: 1, year: 2025, units: 1, petitions: 0 }).get(
        "rules/2025.yaml",
      ) as string,
    );
    const unlabel = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(unlabel)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .filter(([k]) => k !== "label")
                .map(([k, x]) => [k, unlabel(x)]),
            )
          : v;
    const { unset_cells: unset, ...rest } = unlabel(example) as Record<string, unknown>;
    expect(unset).toBe("zero");
    spec.items[1].clause = "请假的";
    spec.items[3].clause = "群众上访按去向和形式扣分";
    delete spec.items[3].table["省"]["非访"];
    spec.vetoes[1].clause = "发生进京上访的";
    expect(rest).toEqual(spec);
    expect(example.items.every((i: { label?: string }) => i.label)).toBe(true);
    expect(example.vetoes.every((v: { label?: string }) => v.label)).toBe(true);
  });
});
