// `npm run bench:pdf`: PDF throughput of the typesetter against headless Chromium in the same
// run. Measures (1) a batch of every example document in one warm process (fonts parsed once),
// (2) the whole `writeDocumentPdfs` of the build (documents and bundles), (3) one document from a
// cold start (`xinfang pdf <id>` as a whole process), and Chromium printing the same document's
// site page (its HTML and print stylesheet) both warm (one browser, page.pdf()) and cold
// (`chromium --print-to-pdf`, a process per document, as jsreport and Quarto users run it).
// Targets (issue 4): batch ≥ 290 pages/s, ≥ 10× Chromium, cold single document ≤ 500 ms.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { displayWidth, padEnd } from "../../src/cli/text-width.ts";
import { writeDocumentPdfs } from "../../src/build/pdf-files.ts";
import { layoutDoc, loadFontSet } from "../../src/pdf/index.ts";
import { paintPdf } from "../../src/pdf/paint.ts";
import { publish } from "../../src/index.ts";
import { docToHtml } from "../../src/site/lib/doc-html.ts";
import { findTool, toolPath } from "../support/tools.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CONTENT = join(ROOT, "content");
const BIN = join(ROOT, "src/cli/bin.ts");
const CHROMIUM = findTool("chromium");
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ID = process.argv[2] ?? "plan-2025-annual";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const time = async (f: () => unknown) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const pagesOf = (file: string) =>
  Number(
    /Pages:\s+(\d+)/.exec(execFileSync(toolPath("pdfinfo"), [file], { encoding: "utf8" }))?.[1] ??
      NaN,
  );

const tmp = mkdtempSync(join(tmpdir(), "xinfang-bench-pdf-"));
const { publication } = await publish(CONTENT);
if (!publication) throw new Error("the example content does not publish");
const docs = publication.documents.map((d) => d.doc);
const single = docs.find((d) => d.meta.id === ID);
if (!single) throw new Error(`no document ${ID}`);
const fonts = loadFontSet(publication.office?.fonts ?? {}, CONTENT).set;

interface Row {
  what: string;
  pages: number;
  ms: number;
}
const rows: Row[] = [];

// 1. warm batch: every document, layout + paint, in this process
const batch = async () => {
  let pages = 0;
  for (const d of docs) {
    const laid = layoutDoc(d, fonts);
    pages += laid.pages.length;
    await paintPdf({
      pages: laid.pages,
      outline: laid.outline,
      info: { title: d.meta.title, date: d.meta.date, id: d.meta.id },
    });
  }
  return pages;
};
const batchPages = await batch();
const batchTimes: number[] = [];
for (let i = 0; i < RUNS; i++) batchTimes.push(await time(batch));
rows.push({
  what: `xinfang 批量（热进程，${docs.length} 份文书）`,
  pages: batchPages,
  ms: median(batchTimes),
});

// 2. the build's writeDocumentPdfs: documents and bundles, written to disk
let buildPages = 0;
const buildTimes: number[] = [];
for (let i = 0; i < Math.max(1, Math.min(RUNS, 3)); i++)
  buildTimes.push(
    await time(async () => {
      const r = await writeDocumentPdfs(publication, tmp, { contentDir: CONTENT });
      buildPages = [...r.documents, ...r.bundles].reduce((s, d) => s + d.pages, 0);
    }),
  );
rows.push({
  what: "writeDocumentPdfs（文书 + 3 份汇编，写盘）",
  pages: buildPages,
  ms: median(buildTimes),
});

// 3. cold: one document, a whole `xinfang pdf` process
const coldOut = join(tmp, "cold.pdf");
const coldTimes: number[] = [];
spawnSync(process.execPath, [BIN, "pdf", ID, "--content", CONTENT, "--out", coldOut]);
for (let i = 0; i < RUNS; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, [BIN, "pdf", ID, "--content", CONTENT, "--out", coldOut]);
  coldTimes.push(performance.now() - t);
  if (r.status !== 0) throw new Error(`xinfang pdf failed: ${r.stderr}`);
}
const singlePages = pagesOf(coldOut);
rows.push({
  what: `xinfang pdf ${ID}（冷启动，整个进程）`,
  pages: singlePages,
  ms: median(coldTimes),
});

// 4. Chromium printing the same document's site page
let chromeWarm: Row | null = null;
let chromeCold: Row | null = null;
if (CHROMIUM !== null) {
  const css = readFileSync(join(ROOT, "src/site/styles/site.css"), "utf8");
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${single.meta.title}</title><style>${css}</style></head><body><main>${docToHtml(single, { base: "/" })}</main></body></html>`;
  const htmlFile = join(tmp, `${ID}.html`);
  writeFileSync(htmlFile, html);
  const url = pathToFileURL(htmlFile).href;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  const page = await browser.newPage();
  const chromePdf = join(tmp, "chromium.pdf");
  const printOnce = async () => {
    await page.goto(url);
    writeFileSync(chromePdf, await page.pdf({ preferCSSPageSize: true, format: "A4" }));
  };
  await printOnce();
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await time(printOnce));
  await browser.close();
  chromeWarm = {
    what: "Chromium page.pdf()（热浏览器，同一文书的网页）",
    pages: pagesOf(chromePdf),
    ms: median(warm),
  };
  const cold: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    spawnSync(CHROMIUM, [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-pdf-header-footer",
      `--print-to-pdf=${chromePdf}`,
      url,
    ]);
    cold.push(performance.now() - t);
  }
  chromeCold = {
    what: "chromium --print-to-pdf（冷启动，整个进程）",
    pages: pagesOf(chromePdf),
    ms: median(cold),
  };
  rows.push(chromeWarm, chromeCold);
}
rmSync(tmp, { recursive: true, force: true });

const perSecond = (r: Row) => (r.pages / r.ms) * 1000;
const header = ["方式", "页数", "用时", "页/秒"];
const table = rows.map((r) => [
  r.what,
  String(r.pages),
  `${r.ms.toFixed(0)} ms`,
  perSecond(r).toFixed(0),
]);
const widths = header.map((h, i) =>
  Math.max(...[h, ...table.map((t) => t[i] ?? "")].map(displayWidth)),
);
const line = (cells: string[]) =>
  `| ${cells.map((c, i) => padEnd(c, widths[i] ?? 0)).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const t of table) console.log(line(t));
const batchRow = rows[0] as Row;
const coldRow = rows[2] as Row;
console.log();
console.log(
  `批量 ${perSecond(batchRow).toFixed(0)} 页/秒（目标 ≥ 290）${perSecond(batchRow) >= 290 ? " ✓" : " ✗"}`,
);
if (chromeWarm && chromeCold) {
  const vsWarm = perSecond(batchRow) / perSecond(chromeWarm);
  const vsCold = coldRow.ms / singlePages / (chromeCold.ms / chromeCold.pages);
  console.log(
    `批量是热 Chromium 的 ${vsWarm.toFixed(1)} 倍（目标 ≥ 10 倍）${vsWarm >= 10 ? " ✓" : " ✗"}`,
  );
  console.log(`冷启动单份文书每页用时是 Chromium 冷启动的 ${(1 / vsCold).toFixed(1)} 分之一`);
}
console.log(
  `冷启动单份文书 ${coldRow.ms.toFixed(0)} ms（目标 ≤ 500 ms）${coldRow.ms <= 500 ? " ✓" : " ✗"}`,
);
console.log(`（${RUNS} 次取中位数；机器：${(await import("node:os")).cpus().length} 核）`);
