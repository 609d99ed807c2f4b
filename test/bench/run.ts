// `npm run bench`: scoring at example, county, large and province scale. Generates the datasets
// once into .bench/ (git-ignored), measures each phase in a fresh process, times `xinfang score
// --json` and `xinfang stats --json` (the whole year) end to end under /usr/bin/time (wall time
// and peak resident memory of the process), and
// prints a table with rows per second and bytes of peak memory per row, so that growth with size
// shows: the province year (2,000 units, 500,000 to 2,000,000 petitions in CSV) must score within
// 20 s and 2 GiB at 2,000,000 rows (issue 14); likewise its 1,000,000 rows as a workbook (a sheet's
// limit is 1,048,576 rows).
//
// `node test/bench/run.ts province` measures only the datasets whose name starts so.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { printTable } from "./table.ts";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateContent, writeContent } from "../support/generate.ts";
import type { GenOptions } from "../support/generate.ts";
import { ensureXlsxDataset } from "./xlsx-dataset.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CACHE = join(ROOT, ".bench");
const NODE = process.execPath;
const BIN = join(ROOT, "bin/xinfang.mjs");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TIME = "/usr/bin/time";
const hasTime = existsSync(TIME);

interface Dataset {
  name: string;
  dir: string;
  gen?: GenOptions;
  /** The CSV dataset whose petitions this one holds as petitions.xlsx. */
  xlsxOf?: string;
}

/** The CSV dataset `units`, `petitions` as a folder of .bench/. */
const csvDir = (units: number, petitions: number) => join(CACHE, `${units}u-${petitions}p-csv`);

const datasets: Dataset[] = [
  { name: "example (content/)", dir: join(ROOT, "content") },
  ...[
    { name: "county", units: 300, petitions: 20_000, petitionFormat: "yaml" as const },
    { name: "large ¼", units: 1_250, petitions: 125_000, petitionFormat: "csv" as const },
    { name: "large ½", units: 2_500, petitions: 250_000, petitionFormat: "csv" as const },
    { name: "large", units: 5_000, petitions: 500_000, petitionFormat: "csv" as const },
    { name: "province ¼", units: 2_000, petitions: 500_000, petitionFormat: "csv" as const },
    { name: "province ½", units: 2_000, petitions: 1_000_000, petitionFormat: "csv" as const },
    { name: "province", units: 2_000, petitions: 2_000_000, petitionFormat: "csv" as const },
  ].map(({ name, ...o }) => {
    const gen: GenOptions = { seed: 2025, year: 2025, rules: "spec", ...o };
    return { name, gen, dir: join(CACHE, `${o.units}u-${o.petitions}p-${o.petitionFormat}`) };
  }),
  // The province's petitions in a workbook: a sheet holds at most 1,048,576 rows (Excel, WPS).
  {
    name: "province ½ XLSX",
    dir: join(CACHE, "2000u-1000000p-xlsx"),
    xlsxOf: csvDir(2_000, 1_000_000),
  },
];

const only = process.argv.slice(2);
const selected = only.length
  ? datasets.filter((d) => only.some((o) => d.name.startsWith(o)))
  : datasets;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

interface Phases {
  units: number;
  petitions: number;
  weeklyReports: number;
  read: number;
  parse: number;
  validate: number;
  compute: number;
  total: number;
  peakMB: number;
}

const rows: string[][] = [];
for (const d of selected) {
  if (d.gen && !existsSync(join(d.dir, "units.yaml"))) {
    process.stderr.write(`生成数据集 ${d.name} …\n`);
    await writeContent(d.dir, generateContent(d.gen));
  }
  if (d.xlsxOf) {
    const of = datasets.find((x) => x.dir === d.xlsxOf);
    if (of?.gen && !existsSync(join(of.dir, "units.yaml")))
      await writeContent(of.dir, generateContent(of.gen));
    await ensureXlsxDataset(d.xlsxOf, d.dir);
  }
  process.stderr.write(`测量 ${d.name} …\n`);
  const phases: Phases[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(NODE, [join(ROOT, "test/bench/score-phases.ts"), d.dir], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`score-phases failed on ${d.name}: ${r.stderr}`);
    phases.push(JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}") as Phases);
  }
  /** Wall times (ms) and peak resident memories (bytes) of `xinfang <args> --json`, RUNS times. */
  const endToEnd = (args: string[]) => {
    const times: number[] = [];
    const peaks: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const argv = [BIN, ...args, "--content", d.dir, "--json"];
      const t = performance.now();
      const r = hasTime
        ? spawnSync(TIME, ["-f", "\n%e %M", NODE, ...argv], {
            stdio: ["ignore", "ignore", "pipe"],
            encoding: "utf8",
            maxBuffer: 1 << 30,
          })
        : spawnSync(NODE, argv, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
      const wall = performance.now() - t;
      if (r.status !== 0) throw new Error(`xinfang ${args[0]} failed on ${d.name}: ${r.stderr}`);
      const timed = /^([\d.]+) (\d+)$/.exec(r.stderr.trimEnd().split("\n").at(-1) ?? "");
      times.push(timed ? Number(timed[1]) * 1000 : wall);
      if (timed) peaks.push(Number(timed[2]) * 1024);
    }
    return { times, peaks };
  };
  const { times: e2e, peaks: e2ePeak } = endToEnd(["score", "--year", "2025"]);
  const stats = endToEnd(["stats", "--from", "2025-01-01", "--to", "2025-12-31"]);
  const m = (k: keyof Phases) => median(phases.map((p) => p[k]));
  const p0 = phases[0] as Phases;
  const records = Math.max(1, p0.petitions + p0.weeklyReports);
  const seconds = median(e2e) / 1000;
  const peak = e2ePeak.length ? median(e2ePeak) : NaN;
  rows.push([
    d.name,
    String(p0.units),
    String(p0.petitions),
    String(p0.weeklyReports),
    fmt(m("read")),
    fmt(m("parse")),
    fmt(m("validate")),
    fmt(m("compute")),
    fmt(m("total")),
    fmt(median(e2e)),
    `${Math.round(m("peakMB"))} MB`,
    Number.isNaN(peak) ? "—" : `${Math.round(peak / (1 << 20))} MB`,
    `${Math.round(records / seconds).toLocaleString("en")}`,
    Number.isNaN(peak) ? "—" : `${Math.round(peak / records)} B`,
    `${((m("total") / records) * 1000).toFixed(1)} µs`,
    fmt(median(stats.times)),
    stats.peaks.length ? `${Math.round(median(stats.peaks) / (1 << 20))} MB` : "—",
  ]);
}

const head = [
  "数据集",
  "村（社区）",
  "信访事项",
  "周报记录",
  "读取",
  "解析",
  "校验",
  "计算+JSON",
  "进程内合计",
  "score 端到端",
  "峰值内存",
  "score 峰值内存",
  "每秒记录",
  "每条记录内存",
  "每条记录",
  "stats 端到端",
  "stats 峰值内存",
];
printTable(head, rows);
console.log(
  `\n中位数，每项 ${RUNS} 次，Node ${process.version}。记录为信访事项加周报记录；“峰值内存”为分阶段测量进程的，“score 峰值内存”为 xinfang score --json 进程的常驻内存峰值（/usr/bin/time），“stats”两列为 xinfang stats --json（全年）的。目标：county 端到端 < 1.5 s；large（50 万件）< 30 s 且 < 4 GB；province（2,000 个村、200 万件）score 与 stats 各 < 20 s 且 < 2 GiB；时间与内存随规模线性增长（看“每秒记录”与“每条记录内存”列）。`,
);
