// `node test/bench/build.ts [example|county …]`: times `xinfang build` end to end (a fresh
// process per run, as a user runs it) on the example content and on a generated county of 300
// units with the example office's documents (plans, agreements for every unit, notices,
// reports). Prints pages, seconds and pages per second, and when each step ended (from the
// build's progress lines: the PDF and Word files are made on a worker thread while the site is
// built, so those steps overlap), and the processor time the build took (on Linux: with its
// search-index process, from the kernel's count of ended children), which is steadier than the
// wall clock on a shared machine and bounds it: on n processors a build takes at least its
// processor time / n. Target (issue 14): county within 10 s.
import { spawn } from "node:child_process";
import { cp, rm } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { printTable } from "./table.ts";
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

/** When each step of a build ends: the progress line that says so (the first line matching). */
const STEPS: [RegExp, string, string][] = [
  [/^生成PDF……/, "check", "检查、计算、渲染"],
  [/^ {2}PDF：/, "pdf", "PDF"],
  [/^ {2}Word 文件：/, "docx", "Word"],
  [/^ {2}工作簿：/, "xlsx", "工作簿"],
  [/^建立全文搜索索引/, "pages", "网站页面"],
  [/^已生成网站/, "search", "搜索索引"],
];

/**
 * Processor seconds (user and system) of this process's ended children and theirs, from
 * /proc/self/stat (cutime, cstime; clock ticks of 1/100 s); null where there is no /proc.
 */
function childrenCpu(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

/**
 * One build in a new process; the milliseconds at which each STEPS line was printed, and the
 * processor seconds it took (null: not known here).
 */
function timedBuild(
  dir: string,
  out: string,
): Promise<{
  ms: number;
  cpu: number | null;
  code: number | null;
  stderr: string;
  marks: Map<string, number>;
}> {
  return new Promise((resolve) => {
    const cpu0 = childrenCpu();
    const t = performance.now();
    const marks = new Map<string, number>();
    let stderr = "";
    let pending = "";
    const child = spawn(process.execPath, [BIN, "build", "--content", dir, "--out", out], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      const now = performance.now() - t;
      stderr += chunk;
      const lines = (pending + chunk).split("\n");
      pending = lines.pop() ?? "";
      for (const l of lines)
        for (const [re, key] of STEPS) if (!marks.has(key) && re.test(l)) marks.set(key, now);
    });
    child.on("close", (code) => {
      const ms = performance.now() - t;
      const cpu1 = childrenCpu();
      const cpu = cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
      resolve({ ms, cpu, code, stderr, marks });
    });
  });
}

/** The median time at which step `k` ended, in seconds from the start of the build. */
function stepCell(marks: Map<string, number>[], k: number): string {
  const key = STEPS[k]?.[1] ?? "";
  const at = marks.map((m) => m.get(key)).filter((x): x is number => x !== undefined);
  return at.length ? `${(median(at) / 1000).toFixed(1)} s` : "—";
}

const rows: string[][] = [];
const steps: string[][] = [];
for (const d of selected) {
  await d.prepare?.();
  const out = join(CACHE, "site-out", d.name);
  const times: number[] = [];
  const cpu: (number | null)[] = [];
  let pages = 0;
  let documents = 0;
  const marks: Map<string, number>[] = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`构建 ${d.name}（第 ${i + 1}/${RUNS} 次）……\n`);
    const r = await timedBuild(d.dir, out);
    times.push(r.ms);
    cpu.push(r.cpu);
    if (r.code !== 0) throw new Error(`xinfang build failed on ${d.name}:\n${r.stderr}`);
    const m = /文书 (\d+) 份，页面 (\d+) 个/.exec(r.stderr);
    documents = Number(m?.[1] ?? 0);
    pages = Number(m?.[2] ?? 0);
    marks.push(r.marks);
  }
  steps.push([d.name, ...STEPS.map(([, , label]) => label).map((_, k) => stepCell(marks, k))]);
  await rm(out, { recursive: true, force: true });
  const seconds = median(times) / 1000;
  const known = cpu.filter((c): c is number => c !== null);
  const cpuSeconds = known.length === cpu.length ? median(known) : null;
  rows.push([
    d.name,
    String(documents),
    String(pages),
    `${seconds.toFixed(1)} s`,
    cpuSeconds === null ? "—" : `${cpuSeconds.toFixed(1)} s`,
    cpuSeconds === null ? "—" : `${(cpuSeconds / cpus().length).toFixed(1)} s`,
    (pages / seconds).toFixed(0),
    d.name === "county" ? (seconds <= 10 ? "≤ 10 s ✓" : "≤ 10 s ✗") : "",
  ]);
}

printTable(
  [
    "数据集",
    "文书",
    "页面",
    "用时（中位数）",
    "CPU 时间",
    `CPU 时间 / ${cpus().length} 核`,
    "页面/秒",
    "目标",
  ],
  rows,
);
console.log(
  `\n（xinfang build 端到端，每项 ${RUNS} 次取中位数；含校验、计算、渲染、网站、搜索索引。` +
    `CPU 时间是构建进程（连同它的各个线程）用的处理器时间（中位数），除以本机处理器核数即端到端用时的下限。）\n`,
);
printTable(["各步骤结束于", ...STEPS.map(([, , label]) => label)], steps);
console.log(
  "\n（从开始生成算起，各次的中位数。PDF 和 Word 文件在工作线程中与网站页面同时生成；主线程在生成网站页面的同时取下各页的搜索文字和用到的字，页面写完后建立搜索索引和网页字体，再生成工作簿。）",
);
