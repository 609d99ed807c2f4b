// Every page of the example site at a phone's width (390 px) and on a desktop (1280 px), in
// Chromium: no sideways scrolling of the page, no table cell whose text runs over its neighbour,
// no title or 标志 running out of its box or breaking inside a word, and a cue on every box that
// scrolls sideways (test/site/support/phone.ts says how each is measured). On the CSS before
// this test (commit 429d447) the 390 px case fails: 发文字号 over the date in the documents list,
// the 得分表 sign lines wider than the screen, titles broken inside words (2025年|度).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needs } from "../support/tools.ts";
import { launchChromium } from "./support/browser.ts";
import { ROOT, runCli } from "./support/build.ts";
import { PHONE, layoutProblems, sitePages } from "./support/phone.ts";
import type { SitePage } from "./support/phone.ts";
import { serveStatic } from "./support/server.ts";
import type { StaticServer } from "./support/server.ts";

const DESKTOP = { width: 1280, height: 900 };

describe.skipIf(!needs("chromium"))("the example site on a phone and a desktop", () => {
  let tmp: string;
  let out: string;
  let pages: SitePage[];
  let server: StaticServer;
  let browser: Browser;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "xinfang-phone-"));
    out = join(tmp, "dist");
    const built = await runCli(["build", "--content", join(ROOT, "content"), "--out", out]);
    if (built.status !== 0) throw new Error(`xinfang build failed:\n${built.stderr}`);
    pages = await sitePages(out);
    server = await serveStatic(out, "/");
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Each page's problems at `viewport`, keyed by page name (pages without any left out). */
  async function problemsAt(viewport: { width: number; height: number }) {
    const page = await browser.newPage({ viewport });
    const found: Record<string, string[]> = {};
    try {
      for (const p of pages) {
        const response = await page.goto(`${server.origin}/${p.path}`, {
          waitUntil: "networkidle",
        });
        expect(response?.status(), p.name).toBe(p.path === "no-such-page/" ? 404 : 200);
        if (p.path.startsWith("search/"))
          await page.waitForSelector(".search-results li", { timeout: 20_000 });
        const problems = await layoutProblems(page);
        if (problems.length) found[`${p.name}（/${p.path}）`] = problems;
      }
    } finally {
      await page.close();
    }
    return found;
  }

  it("looks at every kind of page", () => {
    const paths = pages.map((p) => p.path);
    for (const kind of [
      /^$/,
      /^units\/$/,
      /^units\/[^/]+\/$/,
      /^documents\/$/,
      /^documents\/\d{4}\/$/,
      /^documents\/notice-/,
      /^documents\/plan-/,
      /^documents\/agreement-/,
      /^documents\/scoring-sheet-/,
      /^documents\/report-/,
      /^rules\/$/,
      /^rules\/\d{4}\/$/,
      /^pages\/$/,
      /^pages\/[^/]+\/$/,
      /^search\/\?q=/,
    ])
      expect(
        paths.some((p) => kind.test(p)),
        String(kind),
      ).toBe(true);
  });

  it("at 390 px: no page scrolls sideways, no cell spills, titles fit and break between words, wide tables show a cue", async () => {
    expect(await problemsAt(PHONE)).toEqual({});
  }, 600_000);

  it("at 1280 px: the same holds on a desktop", async () => {
    expect(await problemsAt(DESKTOP)).toEqual({});
  }, 600_000);
});
