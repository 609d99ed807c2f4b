// `node test/bench/generate.ts [county|large …]`: how long the synthetic content generator
// (test/support/generate.ts, which the benches and the fuzz feed on) takes for a county (300 units,
// 20,000 petitions, YAML) and for the large dataset (5,000 units, 500,000 petitions, CSV, random
// rules), in this process, the median of BENCH_RUNS runs (default 3). Prints a table with the
// targets: county under 5 s, large under 30 s. (These were wall-clock assertions in the unit
// tests; a shared machine made them flaky there, and a bench is where timing belongs.)
import { printTable } from "./table.ts";
import { parseCsv } from "../oracle/csv.ts";
import { generateContent } from "../support/generate.ts";
import type { GenOptions } from "../support/generate.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Dataset {
  name: string;
  options: GenOptions;
  /** Target in seconds (median). */
  target: number;
  /** What the run must have made (a check that it did its work), or why not. */
  check: (files: Map<string, string>) => string | null;
}

const datasets: Dataset[] = [
  {
    name: "county",
    options: { seed: 10, year: 2025, units: 300, petitions: 20_000 },
    target: 5,
    check: (files) =>
      (files.get("ledger/2025/petitions.yaml")?.length ?? 0) > 1_000_000
        ? null
        : "petitions.yaml is under 1 MB",
  },
  {
    name: "large",
    options: {
      seed: 11,
      year: 2025,
      units: 5_000,
      petitions: 500_000,
      petitionFormat: "csv",
      rules: "random",
    },
    target: 30,
    check: (files) => {
      const rows = parseCsv(files.get("ledger/2025/petitions.csv") ?? "").length;
      return rows === 500_001 ? null : `petitions.csv has ${rows} rows, not a header and 500,000`;
    },
  },
];

const only = process.argv.slice(2);
const selected = only.length ? datasets.filter((d) => only.includes(d.name)) : datasets;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const rows: string[][] = [];
for (const d of selected) {
  const times: number[] = [];
  let files = 0;
  let chars = 0;
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`生成 ${d.name}（第 ${i + 1}/${RUNS} 次）……\n`);
    const t = performance.now();
    const generated = generateContent(d.options);
    times.push(performance.now() - t);
    files = generated.size;
    chars = [...generated.values()].reduce((n, v) => n + v.length, 0);
    const wrong = d.check(generated);
    if (wrong !== null) throw new Error(`${d.name}: ${wrong}`);
  }
  const seconds = median(times) / 1000;
  rows.push([
    d.name,
    String(d.options.units),
    String(d.options.petitions),
    String(files),
    `${(chars / 1e6).toFixed(1)} M`,
    `${seconds.toFixed(2)} s`,
    `< ${d.target} s ${seconds < d.target ? "✓" : "✗"}`,
  ]);
}

const header = ["数据集", "村（社区）", "信访事项", "文件", "字符", "用时（中位数）", "目标"];
printTable(header, rows);
console.log(`\n（generateContent 在本进程内，每项 ${RUNS} 次取中位数，Node ${process.version}。）`);
