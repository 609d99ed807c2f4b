// The example content built once with `xinfang build`, then read as files and browsed in
// headless Chromium through a local static server.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDocumentPdfs } from "../../src/build/pdf-files.ts";
import { scoreSheetJson } from "../../src/compute/scoring/json.ts";
import { loadContent, score } from "../../src/index.ts";
import { findExternalReferences } from "../../src/site/build/offline.ts";
import { FONT_LICENSE, WEB_FACES } from "../../src/site/build/webfonts.ts";
import { publish } from "../../src/index.ts";
import type { Publication } from "../../src/site/input.ts";
import { launchChromium, search, watch } from "./support/browser.ts";
import { ROOT, fingerprint, listFiles, readableTexts, runCli } from "./support/build.ts";
import type { CliRun } from "./support/build.ts";
import { serveStatic } from "./support/server.ts";
import type { StaticServer } from "./support/server.ts";
import { needs } from "../support/tools.ts";

const require = createRequire(import.meta.url);

const CONTENT = join(ROOT, "content");
let tmp: string;
let out: string;
let built: CliRun;
let publication: Publication;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "xinfang-site-"));
  out = join(tmp, "dist");
  built = await runCli(["build", "--content", CONTENT, "--out", out]);
  const published = await publish(CONTENT);
  if (!published.publication) throw new Error("the example content does not publish");
  publication = published.publication;
}, 180_000);

afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe("xinfang build on the example content", () => {
  it("succeeds and ends with a Chinese summary naming the held-back plan", () => {
    expect(built.stderr).toContain("已生成网站");
    expect(built.status).toBe(0);
    expect(built.stdout).toBe("");
    expect(built.stderr).toMatch(/文书 \d+ 份，页面 \d+ 个/);
    expect(publication.heldBack.length).toBeGreaterThan(0);
    for (const held of publication.heldBack) expect(built.stderr).toContain(held.title);
    expect(built.stderr).toMatch(/用时 [\d.]+ 秒/);
  });

  it("writes a page for every published document, unit, rules year and office page", async () => {
    const files = new Set(await listFiles(out));
    for (const d of publication.documents)
      expect(files.has(`documents/${d.doc.meta.id}/index.html`)).toBe(true);
    for (const u of publication.units) expect(files.has(`units/${u.id}/index.html`)).toBe(true);
    for (const r of publication.rules) expect(files.has(`rules/${r.year}/index.html`)).toBe(true);
    for (const p of publication.pages) expect(files.has(`pages/${p.slug}/index.html`)).toBe(true);
    expect(files.has("index.html")).toBe(true);
    expect(files.has("documents/index.html")).toBe(true);
    expect(files.has("search/index.html")).toBe(true);
    expect(files.has("search-index/pages.json")).toBe(true);
  });

  it("writes every document's PDF and Word file, both linked from its page, the Word file as docxOf makes it", async () => {
    const files = new Set(await listFiles(out));
    for (const d of publication.documents) {
      const id = d.doc.meta.id;
      expect(files.has(`pdf/${id}.pdf`), id).toBe(true);
      expect(files.has(`docx/${id}.docx`), id).toBe(true);
      const page = await readFile(join(out, "documents", id, "index.html"), "utf8");
      expect(page).toContain(`href="/pdf/${id}.pdf"`);
      expect(page).toContain(`<a class="docx-link" href="/docx/${id}.docx">`);
    }
    // the build's bytes are the single-document command's
    const id = "plan-2025-annual";
    const one = join(tmp, "one.docx");
    const run = await runCli(["docx", id, "--content", CONTENT, "--out", one]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain("已生成");
    expect(
      Buffer.compare(await readFile(one), await readFile(join(out, "docx", `${id}.docx`))),
    ).toBe(0);
    await rm(one);
  }, 60_000);

  it("writes the PDF files the PDF step makes alone (the build sets each document as it is rendered)", async () => {
    const alone = join(tmp, "pdf-alone");
    await writeDocumentPdfs(publication, alone, { contentDir: CONTENT });
    const made = (await listFiles(alone)).filter((f) => f.endsWith(".pdf"));
    expect(made.length).toBeGreaterThan(publication.documents.length); // the bundles too
    for (const f of made)
      expect(Buffer.compare(await readFile(join(alone, f)), await readFile(join(out, f))), f).toBe(
        0,
      );
    await rm(alone, { recursive: true, force: true });
  }, 120_000);

  it("navigates by year and to each document's files: /units/<year>/, 得分表 links, lists with PDFs, the latest notice once", async () => {
    const read = (path: string) => readFile(join(out, path, "index.html"), "utf8");
    for (const year of publication.years) {
      const page = await read(`units/${year}`);
      expect(page, String(year)).toContain(`${year}年度村（社区）考评排名`);
      expect(page).toContain('class="data score-table"');
    }
    // /units/ is the latest year's, with the switch when there is more than one year
    const latest = Math.max(...publication.years);
    const units = await read("units");
    expect(units).toContain(`${latest}年`);
    if (publication.years.length > 1) expect(units).toContain('class="year-switch"');
    // each unit links its 得分表 and the form's PDF and Word file
    for (const u of publication.units) {
      const forms = publication.documents.filter(
        (d) => d.doc.meta.kind === "scoring-sheet" && d.doc.meta.unit === u.id,
      );
      const page = await read(`units/${u.id}`);
      for (const f of forms) {
        expect(page, u.id).toContain(`href="/documents/${f.doc.meta.id}/"`);
        expect(page, u.id).toContain(`href="/pdf/${f.doc.meta.id}.pdf"`);
        expect(page, u.id).toContain(`href="/docx/${f.doc.meta.id}.docx"`);
      }
    }
    // the document index links every document's PDF and Word file
    const index = await read("documents");
    for (const d of publication.documents) {
      expect(index).toContain(`href="/pdf/${d.doc.meta.id}.pdf"`);
      expect(index).toContain(`href="/docx/${d.doc.meta.id}.docx"`);
    }
    // the home page names the latest notice once, above the list of the earlier ones
    const home = await readFile(join(out, "index.html"), "utf8");
    const notices = publication.documents
      .filter((d) => d.doc.meta.kind === "notice")
      .sort((a, b) => (a.doc.meta.date < b.doc.meta.date ? 1 : -1));
    const newest = notices[0]?.doc.meta.id as string;
    expect(home.split(`href="/documents/${newest}/"`).length - 1).toBe(1);
    expect(home).toContain(`href="/documents/${notices[1]?.doc.meta.id}/"`);
  });

  it("leaves no temporary folder next to the output", async () => {
    expect((await listFiles(tmp)).filter((f) => !f.startsWith("dist/"))).toEqual([]);
  });

  it("puts no classified document anywhere: pages, search index or any other file", async () => {
    const held = publication.heldBack;
    const texts = await readableTexts(out);
    for (const [file, text] of texts) {
      for (const h of held) {
        expect(text.includes(h.title), `${file} names ${h.title}`).toBe(false);
        expect(text.includes(`documents/${h.id}`), `${file} links ${h.id}`).toBe(false);
      }
      // A sentence that only the classified plan of the example content contains.
      expect(text.includes("节点期间镇村两级实行二十四小时值班"), file).toBe(false);
    }
  });

  it("refers to no other host in any built file (src, href, srcset, url(), import, fetch)", async () => {
    expect(await findExternalReferences(out)).toEqual([]);
    // An independent, stricter scan: every absolute URL in every text file, with the only
    // non-fetching uses allowed (XML namespace names).
    const allowed = [/^http:\/\/www\.w3\.org\//];
    // The served fonts' licence file (plain text: nothing in it is fetched) holds the fonts'
    // copyright notices and licence, which name their authors' sites; those URLs only.
    const fontLicenses = new Set<string>();
    for (const face of WEB_FACES)
      for (const m of (await readFile(require.resolve(face.licenseFile), "utf8")).matchAll(
        /(?:[a-z][a-z0-9+.-]*:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`<>)]*/gi,
      ))
        fontLicenses.add(m[0]);
    const found: string[] = [];
    for (const file of await listFiles(out)) {
      if (!/\.(html|css|js|mjs|json|svg|xml|txt|webmanifest)$/.test(file)) continue;

      const text = await readFile(join(out, file), "utf8");
      for (const m of text.matchAll(
        /(?:[a-z][a-z0-9+.-]*:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s"'`<>)]*/gi,
      ))
        if (
          !allowed.some((a) => a.test(m[0])) &&
          !(fontLicenses.has(m[0]) && file === FONT_LICENSE)
        )
          found.push(`${file}: ${m[0]}`);
    }
    expect(found).toEqual([]);
  });

  it("declares Chinese (lang=zh-CN) on every page", async () => {
    for (const file of (await listFiles(out)).filter((f) => f.endsWith(".html"))) {
      const html = await readFile(join(out, file), "utf8");
      expect(html, file).toMatch(/^<!DOCTYPE html>\s*<html lang="zh-CN">/);
    }
  });

  it("writes every document's PDF and the print bundles, and links them from the pages", async () => {
    for (const { doc } of publication.documents) {
      const html = await readFile(join(out, `documents/${doc.meta.id}/index.html`), "utf8");
      expect(html, doc.meta.id).toContain(`href="/pdf/${doc.meta.id}.pdf"`);
      expect(existsSync(join(out, "pdf", `${doc.meta.id}.pdf`)), doc.meta.id).toBe(true);
    }
    const index = await readFile(join(out, "documents/index.html"), "utf8");
    for (const bundle of [
      "bundle-2025.pdf",
      "bundle-2025-agreements.pdf",
      "bundle-2025-notices.pdf",
    ]) {
      expect(index).toContain(`href="/pdf/${bundle}"`);
      expect(existsSync(join(out, "pdf", bundle))).toBe(true);
    }
    for (const held of publication.heldBack)
      expect(existsSync(join(out, "pdf", `${held.id}.pdf`))).toBe(false);
  });

  it("gives the same bytes for the same input", async () => {
    const again = join(tmp, "again");
    const second = await runCli(["build", "--content", CONTENT, "--out", again]);
    expect(second.status).toBe(0);
    const [a, b] = [await fingerprint(out), await fingerprint(again)];
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differing = [...a].filter(([f, hash]) => b.get(f) !== hash).map(([f]) => f);
    expect(differing).toEqual([]);
    await rm(again, { recursive: true, force: true });
  }, 180_000);
});

describe.skipIf(!needs("chromium"))("the example site in Chromium", { timeout: 30_000 }, () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;

  beforeAll(async () => {
    server = await serveStatic(out, "/");
    browser = await launchChromium();
  }, 60_000);

  beforeAll(async () => {
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("loads the home page with no console error and no request to another host", async () => {
    const p = await browser.newPage();
    const w = await watch(p, server.origin);
    await p.goto(`${server.origin}/`, { waitUntil: "networkidle" });
    expect(await p.title()).toContain(publication.office?.office_name ?? "");
    expect(await p.locator("h1").first().textContent()).toContain(publication.office?.name ?? "");
    expect(await p.locator("table.score-table tbody tr").count()).toBe(publication.units.length);
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    expect(w.failed).toEqual([]);
    await p.close();
  });

  it("browses every kind of page without errors or requests elsewhere", async () => {
    const p = await browser.newPage();
    const w = await watch(p, server.origin);
    const doc = publication.documents.find((d) => d.doc.meta.kind === "notice");
    const paths = [
      "/documents/",
      "/documents/2025/",
      `/documents/${doc?.doc.meta.id ?? ""}/`,
      "/units/",
      "/units/dongpo/",
      "/rules/2025/",
      ...publication.pages.map((pg) => `/pages/${encodeURIComponent(pg.slug)}/`),
      "/search/?q=%E9%9B%86%E8%AE%BF",
    ];
    for (const path of paths) {
      const r = await p.goto(`${server.origin}${path}`, { waitUntil: "networkidle" });
      expect(r?.status(), path).toBe(200);
    }
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    expect(w.failed).toEqual([]);
    await p.close();
  }, 60_000);

  it("finds a unit's page by its village name", async () => {
    const taohua = publication.units.find((u) => u.id === "taohua");
    expect(taohua?.name).toBe("桃花村");
    const results = await search(page, server.origin, "/", "桃花村");
    const hrefs = results.map((r) => r.href);
    expect(hrefs).toContain("/units/taohua/");
    expect(hrefs.indexOf("/units/taohua/")).toBeLessThan(3);
  });

  it("finds pages by a two-character term (集访)", async () => {
    const results = await search(page, server.origin, "/", "集访");
    expect(results.length).toBeGreaterThan(3);
    expect(results.some((r) => r.href === "/rules/2025/")).toBe(true);
    expect(results.some((r) => r.href.startsWith("/documents/notice-"))).toBe(true);
  });

  it("does not find the classified plan", async () => {
    for (const query of ["维稳工作预案", "二十四小时值班", "重要节点"]) {
      const results = await search(page, server.origin, "/", query);
      for (const held of publication.heldBack) {
        expect(results.some((r) => r.title.includes(held.title) || r.href.includes(held.id))).toBe(
          false,
        );
      }
    }
  });

  it("shows on a unit page the score and rank that `score --json` gives", async () => {
    const loaded = await loadContent(CONTENT);
    if (!loaded.content) throw new Error("example content invalid");
    const json = scoreSheetJson(score(loaded.content, { year: 2025 }));
    for (const id of ["dongpo", "beiling", "taohua", "jinxiu-shequ"]) {
      const expected = json.units.find((u) => u.id === id);
      expect(expected).toBeDefined();
      await page.goto(`${server.origin}/units/${id}/`);
      const shown = await page.locator("dd.unit-score").first().textContent();
      expect(Number(shown), id).toBe(expected?.score);
      expect(shown?.trim()).toBe(expected?.score.toFixed(2));
      expect(await page.locator("dd.unit-rank").first().textContent()).toContain(
        `第${expected?.rank}名`,
      );
      expect(await page.locator("table.entries tbody tr").count()).toBe(expected?.entries.length);
      expect(await page.locator("svg.rank-chart title").textContent()).toContain("逐月累计排名");
    }
  });

  it("renders a document as a document: header, title, body and signature", async () => {
    const notice = publication.documents.find((d) => d.doc.meta.kind === "notice");
    await page.goto(`${server.origin}/documents/${notice?.doc.meta.id}/`);
    expect(await page.locator("h1.gw-title").textContent()).toBe(notice?.doc.meta.title);
    expect(await page.locator(".gw-body p.gw-p").count()).toBeGreaterThan(0);
    expect(await page.locator(".gw-signature .gw-date").count()).toBeGreaterThan(0);
    const indent = await page
      .locator(".gw-body p.gw-p")
      .first()
      .evaluate((p) => getComputedStyle(p).textIndent);
    const size = await page
      .locator(".gw-body p.gw-p")
      .first()
      .evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
    expect(parseFloat(indent)).toBeCloseTo(2 * size, 0);
  });

  it("filters the document index by kind", async () => {
    await page.goto(`${server.origin}/documents/?kind=notice`);
    const visible = await page
      .locator(".kind-group:visible")
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    expect(visible).toEqual(["notice"]);
  });

  it("renders the office's MDX pages with the embedded components", async () => {
    await page.goto(`${server.origin}/pages/${encodeURIComponent("工作动态")}/`);
    expect(await page.locator("table.score-table").count()).toBe(1);
    expect(await page.locator("table.score-table tbody tr").count()).toBe(publication.units.length);
    expect(await page.locator("svg.rank-chart").count()).toBe(1);
    expect(await page.locator("svg.rank-chart title").textContent()).toContain("东坡村");
    expect(await page.locator("ul.doc-list li[data-kind=notice]").count()).toBe(
      publication.documents.filter((d) => d.doc.meta.kind === "notice").length,
    );
    expect(await page.locator("article h2").allTextContents()).toEqual([
      "全年考评结果出炉",
      "东坡村：逐月排名变化",
      "考评结果通报",
      "下一步工作",
    ]);
  });

  it("renders the office's Markdown as the MDX source has it", async () => {
    const source = await readFile(join(CONTENT, "pages", "办事指南.mdx"), "utf8");
    await page.goto(`${server.origin}/pages/${encodeURIComponent("办事指南")}/`);
    expect(await page.locator("article h1").textContent()).toBe("办事指南");
    expect(await page.locator("article h2").allTextContents()).toEqual(
      [...source.matchAll(/^## (.+)$/gm)].map((m) => m[1]),
    );
    expect(await page.locator("article ol li").count()).toBe(
      [...source.matchAll(/^\d+\. /gm)].length,
    );
    expect(await page.locator("article ol li strong").first().textContent()).toBe("说清楚事情");
    expect(await page.locator("article ul li").count()).toBe([...source.matchAll(/^- /gm)].length);
    const link = page.locator("article a", { hasText: "考评排名" });
    expect(await link.getAttribute("href")).toBe("/units/");
    await link.click();
    await page.waitForURL(`${server.origin}/units/`);
  });
});
