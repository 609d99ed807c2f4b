// `npm run bench:pdf`: xinfang against Typst 0.14 (the npm package
// @myriaddreamin/typst-ts-node-compiler) on the same documents, in one run: the 21 variants of an
// 11-page county notice in shared/bench/vs-typst/ (Typst sources and xinfang plans; its README).
//
//   warm  one process, both engines loaded; doc-00 untimed, then doc-01 … doc-20 alternating
//         (which engine goes first alternates too). Typst memoizes, so no document is rendered
//         twice. xinfang from the plan file to PDF bytes (read, validate, render, typeset,
//         paint: what `xinfang pdf` does once its modules are loaded), against Typst's
//         compile + pdf of the .typ file; xinfang's layout + paint alone is shown too.
//   cold  a new process per document (`xinfang pdf plan-bench-NN` through bin/xinfang.mjs, as
//         users run it, against a script that loads the Typst compiler, compiles doc-NN and
//         writes its PDF), alternating, after one untimed warm-up of each.
//
// The xinfang plans go into a copy of the example content whose office.yaml names the county
// (清溪县人民政府, 清政发) and whose only documents are the bench plans. Prints pages/s, ms and
// bytes of each and the two ratios. Targets (issue 14): warm ≥ 2.5×, cold ≥ 1.2× Typst.
// BENCH_COLD_RUNS sets the number of cold documents per engine (default 10), BENCH_WARM_ROUNDS
// the number of warm rounds over doc-01 … doc-20 (default 3). Then start-up: `xinfang check`,
// `score` and `pdf` on the example content against `node -e 0`, BENCH_COLD_RUNS times each, in
// turn (target for check and score: within 200 ms of it).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { printTable } from "./table.ts";
import { paintDocument, renderPdf, typeset } from "../../src/pdf/index.ts";
import type { Doc } from "../../src/doc/types.ts";
import { publish } from "../../src/index.ts";
import { pdfFonts } from "../../src/pdf/index.ts";
// @ts-expect-error plain JavaScript without declarations (also run on its own for cold compiles)
import { compileTypst, typstCompiler } from "./typst.mjs";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BENCH = join(ROOT, "../shared/bench/vs-typst");
const BENCH_DIR = existsSync(BENCH) ? BENCH : "/work/shared/bench/vs-typst";
const TYPST = join(BENCH_DIR, "typst");
const LAUNCHER = join(ROOT, "bin/xinfang.mjs");
const TYPST_SCRIPT = join(ROOT, "test/bench/typst.mjs");
const COLD_RUNS = Math.min(20, Number(process.env.BENCH_COLD_RUNS ?? 10));
const WARM_ROUNDS = Math.max(1, Number(process.env.BENCH_WARM_ROUNDS ?? 3));

const variants = readdirSync(join(BENCH_DIR, "plans"))
  .filter((f) => /^bench-\d+\.yaml$/.test(f))
  .sort()
  .map((f) => f.slice("bench-".length, -".yaml".length));
if (variants.length < 3) throw new Error(`too few bench documents in ${BENCH_DIR}`);

// The content: the example's office, units, rules and ledgers, the county's name, the bench plans.
const tmp = mkdtempSync(join(tmpdir(), "xinfang-bench-pdf-"));
const content = join(tmp, "content");
cpSync(join(ROOT, "content"), content, { recursive: true });
for (const folder of ["plans", "agreements", "notices", "reports"])
  rmSync(join(content, folder), { recursive: true, force: true });
mkdirSync(join(content, "plans"));
for (const v of variants)
  cpSync(join(BENCH_DIR, "plans", `bench-${v}.yaml`), join(content, "plans", `bench-${v}.yaml`));
writeFileSync(
  join(content, "office.yaml"),
  [
    "name: 清溪县人民政府",
    "short_name: 清溪县",
    "level: 县",
    "issuers:",
    "  - { name: 清溪县人民政府, code: 清政发 }",
    "fonts: bundled",
    "",
  ].join("\n"),
);
const out = join(tmp, "out");
mkdirSync(out);

/** Milliseconds of wall time and of processor time since `start()`. */
const clock = () => {
  const t = performance.now();
  const c = process.cpuUsage();
  return () => {
    const d = process.cpuUsage(c);
    return { ms: performance.now() - t, cpu: (d.user + d.system) / 1000 };
  };
};
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

interface Sample {
  ms: number;
  /** Processor time of this process in that span, all its threads (warm only). */
  cpu?: number;
  pages: number;
  bytes: number;
}

// warm
const compiler = typstCompiler(TYPST);
const fonts = pdfFonts({ contentDir: content, fonts: "bundled" }).set;
const xinfangWhole = async (v: string): Promise<Sample & { doc: Doc }> => {
  const stop = clock();
  const { publication } = await publish(content, { only: `plan-bench-${v}` });
  const doc = publication?.documents[0]?.doc;
  if (!doc) throw new Error(`plan-bench-${v} does not publish`);
  const r = await renderPdf(doc, { contentDir: content, fonts: "bundled" });
  if (r.problems.length) throw new Error(`plan-bench-${v}: ${r.problems[0]?.message}`);
  return { ...stop(), pages: r.pages, bytes: r.bytes.length, doc };
};
const xinfangPaint = async (doc: Doc): Promise<Sample> => {
  const stop = clock();
  const set = typeset(doc, fonts);
  const bytes = await paintDocument(set);
  return { ...stop(), pages: set.laid.pages.length, bytes: bytes.length };
};
const typstWarm = (v: string): Sample => {
  const stop = clock();
  const r = compileTypst(compiler, join(TYPST, `doc-${v}.typ`)) as {
    bytes: Uint8Array;
    pages: number;
  };
  return { ...stop(), pages: r.pages, bytes: r.bytes.length };
};

const [first, ...rest] = variants as [string, ...string[]];
await xinfangPaint(structuredClone((await xinfangWhole(first)).doc));
typstWarm(first);
const warm = { whole: [] as Sample[], paint: [] as Sample[], typst: [] as Sample[] };
// Each round takes every variant once; a variant comes back only after all the others, by when
// Typst's cache has let go of it (evictCache(10) after each document).
const warmRounds = Array.from({ length: WARM_ROUNDS }, () => rest).flat();
for (const [i, v] of warmRounds.entries()) {
  const x = async () => {
    const whole = await xinfangWhole(v);
    warm.whole.push(whole);
    // the same document again, layout and paint only (the fonts' caches are warm either way), as
    // a copy: layoutDoc gives the last layout again for the same Doc object
    warm.paint.push(await xinfangPaint(structuredClone(whole.doc)));
  };
  // who goes first alternates, and changes for each variant from one round to the next
  if ((i + Math.floor(i / rest.length)) % 2 === 0) {
    await x();
    warm.typst.push(typstWarm(v));
  } else {
    warm.typst.push(typstWarm(v));
    await x();
  }
}

// cold
const run = (command: string, args: string[], file: string): Sample => {
  const t = performance.now();
  const r = spawnSync(command, args, { encoding: "utf8" });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${r.stderr}`);
  return { ms, pages: 0, bytes: statSync(file).size };
};
const xinfangCold = (v: string) => {
  const file = join(out, `x-${v}.pdf`);
  const s = run(
    process.execPath,
    [LAUNCHER, "pdf", `plan-bench-${v}`, "--content", content, "--out", file],
    file,
  );
  return { ...s, pages: warm.whole[0]?.pages ?? 0 };
};
const typstCold = (v: string) => {
  const file = join(out, `t-${v}.pdf`);
  const s = run(process.execPath, [TYPST_SCRIPT, join(TYPST, `doc-${v}.typ`), file], file);
  return { ...s, pages: warm.typst[0]?.pages ?? 0 };
};
xinfangCold(first);
typstCold(first);
const cold = { xinfang: [] as Sample[], typst: [] as Sample[] };
for (const [i, v] of rest.slice(0, COLD_RUNS).entries()) {
  if (i % 2 === 0) {
    cold.xinfang.push(xinfangCold(v));
    cold.typst.push(typstCold(v));
  } else {
    cold.typst.push(typstCold(v));
    cold.xinfang.push(xinfangCold(v));
  }
}

// start-up: `check` and `score` on the example content against `node -e 0` (issue 14: within
// 200 ms), each a new process, in turn, after one untimed run of each
const EXAMPLE = join(ROOT, "content");
const startups: { what: string; args: string[] }[] = [
  { what: "node -e 0", args: ["-e", "0"] },
  { what: "xinfang check（示例）", args: [LAUNCHER, "check", "--content", EXAMPLE] },
  {
    what: "xinfang score（示例）",
    args: [LAUNCHER, "score", "--year", "2025", "--content", EXAMPLE],
  },
  {
    what: "xinfang pdf（示例工作方案）",
    args: [
      LAUNCHER,
      "pdf",
      "plan-2025-annual",
      "--content",
      EXAMPLE,
      "--out",
      join(out, "plan.pdf"),
    ],
  },
];
const startupMs = startups.map(() => [] as number[]);
const startup = (args: string[]) => {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  // `check` and `score` end 1 when there are warnings only with --strict: 0 here
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return performance.now() - t;
};
for (const s of startups) startup(s.args);
for (let i = 0; i < COLD_RUNS; i++)
  for (const [k, s] of startups.entries()) startupMs[k]?.push(startup(s.args));
rmSync(tmp, { recursive: true, force: true });

// report
interface Row {
  what: string;
  samples: Sample[];
}
const rows: Row[] = [
  { what: "xinfang 热（方案文件 → PDF）", samples: warm.whole },
  { what: "xinfang 热（仅排版 + 绘制）", samples: warm.paint },
  { what: "Typst 热（compile + pdf）", samples: warm.typst },
  { what: "xinfang pdf 冷启动（整个进程）", samples: cold.xinfang },
  { what: "Typst 冷启动（整个进程）", samples: cold.typst },
];
const perSecond = (s: Sample[]) =>
  (median(s.map((x) => x.pages)) / median(s.map((x) => x.ms))) * 1000;
const range = (s: Sample[]) => {
  const ms = s.map((x) => x.ms);
  return `${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}`;
};
const header = ["方式", "份数", "页数", "中位用时", "范围（ms）", "中位 CPU", "页/秒", "字节"];
const cpuOf = (s: Sample[]) =>
  s.every((x) => x.cpu !== undefined) ? `${median(s.map((x) => x.cpu ?? 0)).toFixed(1)} ms` : "—";
const table = rows.map((r) => [
  r.what,
  String(r.samples.length),
  String(median(r.samples.map((s) => s.pages))),
  `${median(r.samples.map((s) => s.ms)).toFixed(1)} ms`,
  range(r.samples),
  cpuOf(r.samples),
  perSecond(r.samples).toFixed(0),
  String(median(r.samples.map((s) => s.bytes))),
]);
printTable(header, table);
console.log();
// Ratios of pages per second pair by pair (the same variant, measured next to each other), then
// their median. xinfang's document has one page more (its 版记 falls on the back of the last
// sheet, an even page: shared/GBT9704.md), so the time per document is compared too.
const ratio = (a: Sample[], b: Sample[], perDocument = false) =>
  median(
    a.map((x, i) => {
      const y = b[i] as Sample;
      return perDocument ? y.ms / x.ms : x.pages / x.ms / (y.pages / y.ms);
    }),
  );
// the same on processor time (Typst's threads counted): steadier than wall time on a busy machine
const cpuRatio = (a: Sample[], b: Sample[]) =>
  median(
    a.map((x, i) => {
      const y = b[i] as Sample;
      return x.pages / (x.cpu ?? NaN) / (y.pages / (y.cpu ?? NaN));
    }),
  );
const warmRatio = ratio(warm.whole, warm.typst);
const paintRatio = ratio(warm.paint, warm.typst);
const coldRatio = ratio(cold.xinfang, cold.typst);
const mark = (ok: boolean) => (ok ? " ✓" : " ✗");
const perDoc = (a: Sample[], b: Sample[]) => `每份文书快 ${ratio(a, b, true).toFixed(2)} 倍`;
console.log(
  `热（排版 + 绘制）：xinfang 每秒页数是 Typst 的 ${paintRatio.toFixed(2)} 倍（目标 ≥ 2.5）${mark(paintRatio >= 2.5)}，${perDoc(warm.paint, warm.typst)}`,
);
console.log(
  `热，按 CPU 时间：排版 + 绘制 ${cpuRatio(warm.paint, warm.typst).toFixed(2)} 倍，方案文件 → PDF ${cpuRatio(warm.whole, warm.typst).toFixed(2)} 倍`,
);
console.log(`热（方案文件 → PDF）：${warmRatio.toFixed(2)} 倍，${perDoc(warm.whole, warm.typst)}`);
console.log(
  `冷：xinfang pdf 每秒页数是 Typst 冷启动的 ${coldRatio.toFixed(2)} 倍（目标 ≥ 1.2）${mark(coldRatio >= 1.2)}，${perDoc(cold.xinfang, cold.typst)}`,
);
console.log(
  `（每对同一份文书相邻测得，比值取各对的中位数；热 ${warmRounds.length} 份，冷 ${cold.xinfang.length} 份；机器：${cpus().length} 核，Node ${process.version}）`,
);
console.log();
const base = median(startupMs[0] ?? []);
printTable(
  ["启动（整个进程）", "次数", "中位用时", "范围（ms）", "比 node -e 0 多", "目标"],
  startups.map((s, k) => {
    const ms = startupMs[k] ?? [];
    const over = median(ms) - base;
    const target =
      k === 0 || s.what.startsWith("xinfang pdf") ? "—" : `≤ 200 ms${mark(over <= 200)}`;
    return [
      s.what,
      String(ms.length),
      `${median(ms).toFixed(1)} ms`,
      `${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)}`,
      k === 0 ? "—" : `${over.toFixed(0)} ms`,
      target,
    ];
  }),
);
