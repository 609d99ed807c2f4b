// `node test/site/screenshots.ts [site-dir] [png-dir]`: screenshots of every kind of page of a
// built site (default dist/ → /tmp/xinfang-shots/) on a desktop and at a phone's width (-phone),
// and the print layout of some documents (PDF from Chromium's print, plus PNG pages when
// pdftoppm is there). For people to look at; nothing is asserted (test/site/phone.e2e.test.ts
// asserts the layout at both widths).
import { spawnSync } from "node:child_process";
import { mkdir, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { findTool } from "../support/tools.ts";
import { launchChromium } from "./support/browser.ts";
import { PHONE } from "./support/phone.ts";
import { serveStatic } from "./support/server.ts";

const site = resolve(process.argv[2] ?? "dist");
const outDir = resolve(process.argv[3] ?? "/tmp/xinfang-shots");
await mkdir(outDir, { recursive: true });

const docs = await readdir(join(site, "documents")).catch(() => [] as string[]);
const first = (prefix: string) => docs.find((d) => d.startsWith(prefix));
const pages = await readdir(join(site, "pages")).catch(() => [] as string[]);

const shots: [string, string][] = [
  ["home", "/"],
  ["units", "/units/"],
  ["unit", "/units/dongpo/"],
  ["unit-vetoed", "/units/beiling/"],
  ["documents", "/documents/"],
  ["documents-year-notices", "/documents/2025/?kind=notice"],
  ["rules", "/rules/2025/"],
  ["search", `/search/?q=${encodeURIComponent("桃花村")}`],
  ["search-term", `/search/?q=${encodeURIComponent("集访")}`],
  ["not-found", "/no-such-page/"],
  ...pages
    .filter((p) => p !== "index.html")
    .map((p): [string, string] => [`page-${p}`, `/pages/${encodeURIComponent(p)}/`]),
];
const printed: string[] = [];
for (const prefix of ["notice-", "plan-", "agreement-", "scoring-sheet-", "report-"]) {
  const id = first(prefix);
  if (!id) continue;
  shots.push([`doc-${id}`, `/documents/${id}/`]);
  printed.push(id);
}

const pdftoppm = findTool("pdftoppm");
if (pdftoppm === null)
  console.warn("没有找到 pdftoppm（poppler-utils），打印版只存 PDF，不转成 PNG");
const server = await serveStatic(site, "/");
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("console", (m) => {
    if (m.type() === "error") console.error(`console error on ${page.url()}: ${m.text()}`);
  });
  for (const [name, path] of shots) {
    await page.goto(`${server.origin}${path}`, { waitUntil: "networkidle" });
    if (path.startsWith("/search/"))
      await page.waitForSelector(".search-results li", { timeout: 10_000 }).catch(() => {});
    await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
    console.log(join(outDir, `${name}.png`));
  }
  const phone = await browser.newPage({ viewport: PHONE });
  for (const [name, path] of shots) {
    await phone.goto(`${server.origin}${path}`, { waitUntil: "networkidle" });
    if (path.startsWith("/search/"))
      await phone.waitForSelector(".search-results li", { timeout: 10_000 }).catch(() => {});
    await phone.screenshot({ path: join(outDir, `${name}-phone.png`), fullPage: true });
    console.log(join(outDir, `${name}-phone.png`));
  }
  for (const id of printed) {
    await page.goto(`${server.origin}/documents/${id}/`, { waitUntil: "networkidle" });
    const pdf = join(outDir, `print-${id}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    console.log(pdf);
    if (pdftoppm === null) continue;
    const r = spawnSync(pdftoppm, ["-r", "50", "-png", pdf, join(outDir, `print-${id}`)]);
    if (r.status === 0) console.log(`${join(outDir, `print-${id}`)}-N.png`);
  }
} finally {
  await browser.close();
  await server.close();
}
