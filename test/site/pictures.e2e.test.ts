// The score pictures of the example site in Chromium with JavaScript off, at a phone's width and
// on a desktop: the ranking bars on home and the rankings page, a unit's rank change and
// deductions by item, and the weekly-report grid page; each an inline SVG with a title and a
// description naming what it shows, drawn inside its box.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toFixed2 } from "../../src/compute/decimal.ts";
import { publish } from "../../src/index.ts";
import type { Publication } from "../../src/site/input.ts";
import { needs } from "../support/tools.ts";
import { launchChromium } from "./support/browser.ts";
import { ROOT, runCli } from "./support/build.ts";
import { PHONE } from "./support/phone.ts";
import { serveStatic } from "./support/server.ts";
import type { StaticServer } from "./support/server.ts";

const CONTENT = join(ROOT, "content");

describe.skipIf(!needs("chromium"))("score pictures on the example site", () => {
  let tmp: string;
  let server: StaticServer;
  let browser: Browser;
  let publication: Publication;

  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), "xinfang-pictures-"));
    const out = join(tmp, "dist");
    const built = await runCli(["build", "--content", CONTENT, "--out", out]);
    if (built.status !== 0) throw new Error(`xinfang build failed:\n${built.stderr}`);
    const published = await publish(CONTENT);
    if (!published.publication) throw new Error("the example content does not publish");
    publication = published.publication;
    server = await serveStatic(out, "/");
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** A page without JavaScript at `width`. */
  async function open(path: string, width: number): Promise<Page> {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width, height: 900 },
    });
    const page = await context.newPage();
    const r = await page.goto(`${server.origin}${path}`);
    expect(r?.status(), path).toBe(200);
    return page;
  }

  /** Each svg of `selector`: its accessible title and description, and whether it fits its box. */
  function pictures(page: Page, selector: string) {
    return page.$$eval(selector, (svgs) =>
      svgs.map((svg) => {
        const ids = (svg.getAttribute("aria-labelledby") ?? "").split(" ").filter(Boolean);
        const text = (id: string) => document.getElementById(id)?.textContent ?? null;
        const r = svg.getBoundingClientRect();
        const box = svg.parentElement!.getBoundingClientRect();
        return {
          role: svg.getAttribute("role"),
          title: ids[0] ? text(ids[0]) : null,
          desc: ids[1] ? text(ids[1]) : null,
          width: r.width,
          fits: r.left >= box.left - 1 && r.right <= box.right + 1 && r.right <= innerWidth,
        };
      }),
    );
  }

  const latest = () => {
    const s = publication.scores.at(-1);
    if (!s) throw new Error("the example has no scores");
    return s;
  };

  for (const width of [PHONE.width, 1280]) {
    it(`shows the ranking as bars on home and the rankings page, every unit in rank order (${width} px)`, async () => {
      const sheet = latest().sheet;
      for (const path of ["/", "/units/"]) {
        const page = await open(path, width);
        const [chart] = await pictures(page, "svg.score-chart");
        expect(chart, path).toBeDefined();
        expect(chart!.role).toBe("img");
        expect(chart!.title).toContain(`${sheet.year}`);
        expect(chart!.fits).toBe(true);
        expect(chart!.width).toBeGreaterThan(width === PHONE.width ? 300 : 380);
        // the description names every unit with its rank and score, in rank order
        const desc = chart!.desc ?? "";
        let at = -1;
        for (const u of sheet.units) {
          const i = desc.indexOf(`第${u.rank}名${u.name}${toFixed2(u.score)}分`);
          expect(i, `${path} ${u.name}`).toBeGreaterThan(at);
          at = i;
        }
        await page.context().close();
      }
    });

    it(`shows a unit's rank change between the last two notices and its deductions by item (${width} px)`, async () => {
      const { sheet, monthly } = latest();
      const notices = publication.documents
        .map((d) => d.doc.meta)
        .filter((m) => m.kind === "notice" && m.year === sheet.year);
      expect(notices.some((m) => m.id.endsWith("-annual"))).toBe(true);
      const previous = Math.max(
        ...notices.filter((m) => !m.id.endsWith("-annual")).map((m) => Number(m.id.slice(-2))),
      );
      for (const u of sheet.units) {
        const page = await open(`/units/${u.id}/`, width);
        const before = monthly.find((m) => Number(m.asOf.slice(5, 7)) === previous)!;
        const was = before.units.find((x) => x.id === u.id)!;
        const change = await page.locator(".unit-year .rank-change").first().textContent();
        const d = was.rank - u.rank;
        expect(change?.replace(/\s+/g, "")).toContain(
          `第${was.rank}名${was.vetoed ? "（一票否决）" : ""}→第${u.rank}名${u.vetoed ? "（一票否决）" : ""}，${
            d > 0 ? `上升${d}名` : d < 0 ? `下降${-d}名` : "名次不变"
          }`,
        );
        const charts = await pictures(page, ".unit-year svg.deduction-chart");
        if (u.entries.some((e) => Number(e.points.n) < 0)) {
          expect(charts, u.id).toHaveLength(1);
          expect(charts[0]!.desc).toContain(
            `共扣${toFixed2({ ...u.deducted, n: -u.deducted.n })}分`,
          );
          expect(charts[0]!.fits).toBe(true);
        } else expect(charts, u.id).toHaveLength(0);
        await page.context().close();
      }
    });

    it(`shows the weekly-report grid a quarter at a time, with a legend and a table (${width} px)`, async () => {
      const grid = publication.weekly.at(-1)!;
      const page = await open("/units/", width);
      const href = await page
        .locator("svg.score-chart ~ * a, .score-figure a")
        .first()
        .getAttribute("href");
      expect(href).toBe(`/weekly/${grid.year}/`);
      await page.goto(`${server.origin}${href}`);
      const grids = await pictures(page, "svg.week-grid");
      expect(grids).toHaveLength(4);
      for (const g of grids) {
        expect(g.fits).toBe(true);
        for (const u of grid.units) expect(g.desc).toContain(u.name);
      }
      expect(await page.locator("svg.week-legend").getAttribute("aria-label")).toContain(
        "按时报送",
      );
      const rows = await page.$$eval(".weekly-table tbody tr", (trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "")),
      );
      expect(rows).toHaveLength(grid.units.length);
      grid.units.forEach((u, i) => {
        const n = (s: string) => u.statuses.filter((x) => x === s).length;
        expect(rows[i]!.slice(0, 4)).toEqual([
          u.name,
          String(n("on-time")),
          String(n("late")),
          String(n("missing")),
        ]);
      });
      await page.context().close();
    });
  }
});
