// `node test/bench/build.ts [example|county …]`: times `xinfang build` end to end (a fresh
// process per run, as a user runs it) on the example content and on a generated county of 300
// units with the example office's documents (plans, agreements for every unit, notices,
// reports). Prints pages, seconds and pages per second. Target: county under 60 s.
import { spawnSync } from "node:child_process";
import { cp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { displayWidth, padEnd } from "../../src/cli/text-width.ts";
import { generateContent, writeContent } from "../support/generate.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CACHE = join(ROOT, ".bench");
const BIN = join(ROOT, "bin/xinfang.mjs");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const EXAMPLE = join(ROOT, "content");
/** The example office's document files (not its MDX pages, which name example villages). */
const OFFICE_FILES = [
  "office.yaml",
  "leadership.yaml",
  "plans",
  "agreements",
  "notices",
  "reports",
];

interface Dataset {
  name: string;
  dir: string;
  prepare?: () => Promise<void>;
}

const county = join(CACHE, "site-county-300u-20000p");
const datasets: Dataset[] = [
  { name: "example", dir: EXAMPLE },
  {
    name: "county",
    dir: county,
    prepare: async () => {
      if (existsSync(join(county, "units.yaml"))) return;
      process.stderr.write("生成 county 数据集（300 个村（社区），20000 件信访）……\n");
      const opts = {
        seed: 2025,
        year: 2025,
        units: 300,
        petitions: 20_000,
        rules: "spec" as const,
      };
      await writeContent(county, generateContent(opts));
      for (const f of OFFICE_FILES)
        await cp(join(EXAMPLE, f), join(county, f), { recursive: true });
    },
  },
];

const only = process.argv.slice(2);
const selected = only.length ? datasets.filter((d) => only.includes(d.name)) : datasets;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const rows: string[][] = [];
for (const d of selected) {
  await d.prepare?.();
  const out = join(CACHE, "site-out", d.name);
  const times: number[] = [];
  let pages = 0;
  let documents = 0;
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`构建 ${d.name}（第 ${i + 1}/${RUNS} 次）……\n`);
    const t = performance.now();
    const r = spawnSync(process.execPath, [BIN, "build", "--content", d.dir, "--out", out], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`xinfang build failed on ${d.name}:\n${r.stderr}`);
    const m = /文书 (\d+) 份，页面 (\d+) 个/.exec(r.stderr);
    documents = Number(m?.[1] ?? 0);
    pages = Number(m?.[2] ?? 0);
  }
  await rm(out, { recursive: true, force: true });
  const seconds = median(times) / 1000;
  rows.push([
    d.name,
    String(documents),
    String(pages),
    `${seconds.toFixed(1)} s`,
    (pages / seconds).toFixed(0),
    d.name === "county" ? (seconds < 60 ? "< 60 s ✓" : "< 60 s ✗") : "",
  ]);
}

const header = ["数据集", "文书", "页面", "用时（中位数）", "页面/秒", "目标"];
const widths = header.map((h, i) =>
  Math.max(...[h, ...rows.map((r) => r[i] ?? "")].map(displayWidth)),
);
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => padEnd(c, widths[i] ?? 0)).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
console.log(
  `\n（xinfang build 端到端，每项 ${RUNS} 次取中位数；含校验、计算、渲染、网站、搜索索引。）`,
);
