// Search relevance on the example site, in Chromium: a table of queries and the results they
// must put first, worked out from the publication (which units had a 集访, a 黄牌警告, a veto;
// which documents are a unit's), not written down; the filters; the excerpts. Before this test
// (commit 1c0fd39) 集访 listed the twelve 目标责任书 first and the units with a 集访 21st and 22nd,
// and the excerpts marked 访 and 访问 alone.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UnitScore } from "../../src/compute/scoring/types.ts";
import { publish } from "../../src/index.ts";
import type { Publication } from "../../src/site/input.ts";
import { DOC_NUMBER } from "../../src/site/scripts/search-rank.ts";
import { DOC_KIND_NAMES } from "../../src/text/kinds.ts";
import { needs } from "../support/tools.ts";
import { launchChromium, search, watch } from "./support/browser.ts";
import type { SearchHit } from "./support/browser.ts";
import { ROOT, listFiles, runCli } from "./support/build.ts";
import { serveStatic } from "./support/server.ts";
import type { StaticServer } from "./support/server.ts";

const CONTENT = join(ROOT, "content");

describe.skipIf(!needs("chromium"))("search on the example site", () => {
  let tmp: string;
  let out: string;
  let publication: Publication;
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  /** Visible text of every built page, by its address (`/units/taohua/`). */
  const texts = new Map<string, string>();

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "xinfang-search-"));
    out = join(tmp, "dist");
    const built = await runCli(["build", "--content", CONTENT, "--out", out]);
    if (built.status !== 0) throw new Error(`xinfang build failed:\n${built.stderr}`);
    const published = await publish(CONTENT);
    if (!published.publication) throw new Error("the example content does not publish");
    publication = published.publication;
    for (const f of (await listFiles(out)).filter((f) => f.endsWith("index.html"))) {
      const html = await readFile(join(out, f), "utf8");
      const main = /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? "";
      texts.set(`/${f.slice(0, -"index.html".length)}`, main.replace(/<[^>]+>/g, ""));
    }
    server = await serveStatic(out, "/");
    browser = await launchChromium();
    page = await browser.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const find = (q: string, params: Record<string, string> = {}) =>
    search(page, server.origin, "/", q, params);
  const latest = () => publication.scores.at(-1)?.sheet.units ?? [];
  const unitsWhere = (test: (u: UnitScore) => boolean) =>
    new Set(
      publication.scores.flatMap((s) => s.sheet.units.filter(test).map((u) => `/units/${u.id}/`)),
    );
  const hrefs = (hits: SearchHit[]) => hits.map((h) => h.href || `[${h.title}]`);
  /** A result is a 目标责任书: the page of one, or a group of them. */
  const isAgreement = (h: SearchHit) =>
    h.href.includes("/agreement-") || h.title.includes(DOC_KIND_NAMES.agreement);

  it("puts a village's own page first for its name, then the documents made for it", async () => {
    for (const unit of publication.units) {
      const hits = await find(unit.name);
      const own = publication.documents
        .filter((d) => d.doc.meta.unit === unit.id)
        .map((d) => `/documents/${d.doc.meta.id}/`);
      expect(hits[0]?.href, unit.name).toBe(`/units/${unit.id}/`);
      expect(new Set(hrefs(hits).slice(1, 1 + own.length)), unit.name).toEqual(new Set(own));
    }
  }, 120_000);

  it("puts the units that had a 集访 first, and finds no page whose only match is 访", async () => {
    const withJifang = unitsWhere((u) => u.entries.some((e) => e.cell?.form === "集访"));
    expect(withJifang.size).toBeGreaterThan(1);
    const hits = await find("集访");
    expect(new Set(hrefs(hits).slice(0, withJifang.size))).toEqual(withJifang);
    for (const h of hits) {
      const pages = h.href ? [h.href] : h.members;
      for (const p of pages) expect(texts.get(decodeURI(p)) ?? "", p).toContain("集访");
      if (h.href) expect(h.text).toContain("集访");
    }
    // every mark is the whole term, never 访 or 访问 alone
    const marks = await page.$$eval(".search-results mark", (ms) => ms.map((m) => m.textContent));
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m).toContain("集访");
  });

  it("finds 访问 only where it is a word, not in 信访问题", async () => {
    const expected = [...texts]
      .filter(([, text]) => text.replaceAll("信访问题", "").includes("访问"))
      .map(([path]) => path);
    const hits = await find("访问");
    const found = hits.flatMap((h) => (h.href ? [h.href] : h.members)).map((p) => decodeURI(p));
    for (const p of found) expect(expected, p).toContain(p);
  });

  it("puts the units with a sanction or a veto first for its name", async () => {
    const names = new Set(latest().flatMap((u) => u.sanctions.map((s) => s.kind)));
    expect(names.size).toBeGreaterThan(0);
    const queries: [string, Set<string>][] = [
      ["黄牌警告", unitsWhere((u) => u.sanctions.some((s) => s.kind === "yellow_card"))],
      ["重点管理", unitsWhere((u) => u.sanctions.some((s) => s.kind === "key_management"))],
      ["一票否决", unitsWhere((u) => u.vetoed)],
    ];
    for (const [q, units] of queries) {
      if (!units.size) continue;
      const hits = await find(q);
      expect(new Set(hrefs(hits).slice(0, units.size)), q).toEqual(units);
    }
  });

  it("shows the 目标责任书 at most once among the first five results of any query", async () => {
    const queries = ["集访", "个访", "信访", "黄牌警告", "一票否决", "考评", "扣分", "目标责任书"];
    for (const q of queries) {
      const top = (await find(q)).slice(0, 5);
      expect(top.filter(isAgreement).length, `${q}: ${hrefs(top).join(" ")}`).toBeLessThanOrEqual(
        1,
      );
    }
    // and the group opens to every one of them
    const group = (await find("目标责任书")).find((h) => h.members.length > 0);
    const agreements = publication.documents.filter((d) => d.doc.meta.kind === "agreement");
    expect(group?.members.length).toBe(agreements.length);
  });

  it("filters by year, kind and village, and shows the choice in the filter boxes", async () => {
    const year = String(publication.documents[0]?.doc.meta.year);
    const kind = DOC_KIND_NAMES.agreement;
    const agreements = publication.documents.filter(
      (d) => d.doc.meta.kind === "agreement" && String(d.doc.meta.year) === year,
    );
    const listed = await find("", { year, kind });
    expect(new Set(hrefs(listed))).toEqual(
      new Set(agreements.map((d) => `/documents/${d.doc.meta.id}/`)),
    );
    expect(await page.inputValue("select[name=kind]")).toBe(kind);
    expect(await page.inputValue("select[name=year]")).toBe(year);

    const unit = publication.units.find((u) => u.id === "shiqiao") ?? publication.units[0];
    if (!unit) throw new Error("no unit");
    const mine = new Set([
      `/units/${unit.id}/`,
      ...publication.documents
        .filter((d) => d.doc.meta.unit === unit.id)
        .map((d) => `/documents/${d.doc.meta.id}/`),
    ]);
    const hits = await find("信访", { unit: unit.name });
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(mine, h.href).toContain(h.href);

    // choosing a kind in the box runs the search again with it
    await find("集访");
    await Promise.all([
      page.waitForURL(/kind=/),
      page.selectOption("select[name=kind]", DOC_KIND_NAMES.notice),
    ]);
    await page.waitForFunction(
      () => !document.querySelector(".search-status")?.textContent?.startsWith("正在"),
    );
    const url = new URL(page.url());
    expect(url.searchParams.get("kind")).toBe(DOC_KIND_NAMES.notice);
    expect(url.searchParams.has("year")).toBe(false);
    const notices = await page.$$eval(".search-results > li .result-type", (ts) =>
      ts.map((t) => t.textContent),
    );
    expect(notices.length).toBeGreaterThan(0);
    expect(new Set(notices)).toEqual(new Set([DOC_KIND_NAMES.notice]));
  });

  it("finds a document by its 发文字号, which no excerpt shows", async () => {
    const numbered = publication.documents.find((d) => d.doc.meta.number);
    const number = numbered?.doc.meta.number ?? "";
    expect(number).toMatch(DOC_NUMBER);
    const hits = await find(number);
    expect(hits[0]?.href).toBe(`/documents/${numbered?.doc.meta.id}/`);
  });

  it("writes excerpts without 发文字号, ids, file paths or table heads, the terms marked", async () => {
    const w = await watch(page, server.origin);
    const names = publication.units.slice(0, 3).map((u) => u.name);
    for (const q of ["集访", "黄牌警告", "一票否决", "通报", "考评结果", "经济处理", ...names]) {
      const hits = await find(q);
      expect(hits.length, q).toBeGreaterThan(0);
      for (const h of hits) {
        expect(h.snippet, `${q} ${h.href}`).not.toMatch(DOC_NUMBER);
        expect(h.snippet, `${q} ${h.href}`).not.toMatch(/ledger\/|\.yaml:\d|P-\d{4}-\d{4}/);
        expect(h.snippet, `${q} ${h.href}`).not.toMatch(/条款 说明|姓名 职务|名次 村（社区）/);
      }
      const marked = await page.$$eval(
        ".search-results > li > p",
        (ps) => ps.filter((p) => p.querySelector("mark")).length,
      );
      expect(marked, q).toBeGreaterThan(0);
    }
    expect(w.errors).toEqual([]);
    expect(w.foreign).toEqual([]);
    expect(w.failed).toEqual([]);
    await page.unrouteAll();
  }, 120_000);
});
