// `npm run bench:xlsx`: a 500,000-row petitions.xlsx against the same rows as petitions.csv —
// read, parse, validate and score (score-phases.ts, each in a fresh process) and `xinfang score`
// end to end, with peak memory. The workbook is written once into .bench/ with exceljs's
// streaming writer (date cells, shared strings, as Excel saves). `-- --exceljs` also times
// exceljs reading the same workbook (its streaming reader, and loading it whole), the library
// the lean reader (src/load/xlsx.ts) replaced for this path. `-- 100000` for another size.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateContent, writeContent } from "../support/generate.ts";
import { printTable } from "./table.ts";
import { CSV_LEDGER, XLSX_LEDGER, ensureXlsxDataset } from "./xlsx-dataset.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CACHE = join(ROOT, ".bench");
const NODE = process.execPath;
const BIN = join(ROOT, "bin/xinfang.mjs");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const args = process.argv.slice(2);
const withExceljs = args.includes("--exceljs");
const petitions = Number(args.find((a) => /^\d+$/.test(a)) ?? 500_000);
const units = Math.max(12, Math.round(petitions / 100));

const csvDir = join(CACHE, `${units}u-${petitions}p-csv`);
const xlsxDir = join(CACHE, `${units}u-${petitions}p-xlsx`);
const CSV = CSV_LEDGER;
const XLSX = XLSX_LEDGER;

if (!existsSync(join(csvDir, "units.yaml"))) {
  process.stderr.write(`生成数据集（${petitions} 件，CSV）…\n`);
  await writeContent(
    csvDir,
    generateContent({
      seed: 2025,
      year: 2025,
      rules: "spec",
      units,
      petitions,
      petitionFormat: "csv",
    }),
  );
}

await ensureXlsxDataset(csvDir, xlsxDir);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

interface Phases {
  petitions: number;
  read: number;
  parse: number;
  validate: number;
  compute: number;
  total: number;
  peakMB: number;
}

interface Measured {
  phases: Phases[];
  e2e: number[];
}

function once(dir: string, label: string, into: Measured): void {
  const r = spawnSync(NODE, [join(ROOT, "test/bench/score-phases.ts"), dir], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) throw new Error(`score-phases failed on ${label}: ${r.stderr}`);
  into.phases.push(JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}") as Phases);
  const t = performance.now();
  const s = spawnSync(NODE, [BIN, "score", "--content", dir, "--year", "2025", "--json"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  into.e2e.push(performance.now() - t);
  if (s.status !== 0) throw new Error(`xinfang score failed on ${label}: ${s.stderr}`);
}

function summary(m: Measured, dir: string, label: string) {
  const med = (k: keyof Phases) => median(m.phases.map((p) => p[k]));
  const file = label === "CSV" ? CSV : XLSX;
  return {
    total: med("total"),
    e2e: median(m.e2e),
    peak: med("peakMB"),
    row: [
      label,
      String(m.phases[0]?.petitions ?? 0),
      mb(statSync(join(dir, file)).size),
      fmt(med("read")),
      fmt(med("parse")),
      fmt(med("validate")),
      fmt(med("compute")),
      fmt(med("total")),
      fmt(median(m.e2e)),
      `${Math.round(med("peakMB"))} MB`,
    ],
  };
}

// CSV and XLSX alternate, so a busy machine slows both alike.
const runsCsv: Measured = { phases: [], e2e: [] };
const runsXlsx: Measured = { phases: [], e2e: [] };
for (let i = 0; i < RUNS; i++) {
  process.stderr.write(`测量第 ${i + 1} 次（CSV、XLSX）…\n`);
  once(csvDir, "CSV", runsCsv);
  once(xlsxDir, "XLSX", runsXlsx);
}
const csv = summary(runsCsv, csvDir, "CSV");
const xlsx = summary(runsXlsx, xlsxDir, "XLSX");
const rows = [
  [...csv.row, "1.0×"],
  [
    ...xlsx.row,
    `${(xlsx.e2e / csv.e2e).toFixed(1)}×（内存 ${(xlsx.peak / csv.peak).toFixed(1)}×）`,
  ],
];

if (withExceljs) {
  // exceljs on the same workbook, only reading rows (no parsing to records, no validation).
  for (const mode of ["stream", "load"] as const) {
    process.stderr.write(`测量 exceljs ${mode} …\n`);
    const script = `
      import ExcelJS from "exceljs";
      const f = ${JSON.stringify(join(xlsxDir, XLSX))};
      const t = performance.now(); let rows = 0;
      if (${JSON.stringify(mode)} === "load") {
        const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(f);
        wb.worksheets[0].eachRow(() => rows++);
      } else {
        const r = new ExcelJS.stream.xlsx.WorkbookReader(f, { sharedStrings: "cache", styles: "cache", worksheets: "emit", hyperlinks: "ignore", entries: "ignore" });
        for await (const ws of r) for await (const row of ws) rows++;
      }
      console.log(JSON.stringify({ ms: performance.now() - t, rows, peakMB: process.resourceUsage().maxRSS / 1024 }));`;
    const r = spawnSync(NODE, ["--max-old-space-size=8000", "--input-type=module", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const out =
      r.status === 0 ? (JSON.parse(r.stdout.trim()) as { ms: number; peakMB: number }) : null;
    rows.push([
      `exceljs ${mode === "load" ? "整体读入" : "流式读取"}（只读行）`,
      String(petitions),
      mb(statSync(join(xlsxDir, XLSX)).size),
      out ? fmt(out.ms) : `失败（${r.status}）`,
      "—",
      "—",
      "—",
      "—",
      "—",
      out ? `${Math.round(out.peakMB)} MB` : "—",
      out ? `读取即 ${(out.ms / csv.total).toFixed(1)}× CSV 全程` : "—",
    ]);
  }
}

const head = [
  "台账",
  "信访事项",
  "文件",
  "读取",
  "解析",
  "校验",
  "计算+JSON",
  "进程内合计",
  "score 端到端",
  "峰值内存",
  "与 CSV 之比",
];
printTable(head, rows);
console.log(
  `\n中位数，每项 ${RUNS} 次，Node ${process.version}。目标：XLSX 端到端在 CSV 的 3 倍以内。`,
);
