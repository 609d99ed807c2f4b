// Headless Chromium for the site's end-to-end tests. Whether they run is `needs("chromium")`
// (test/support/tools.ts): skipped with a message without Chromium, always run in CI.
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { toolPath } from "../../support/tools.ts";

/** `env` is Chromium's environment (e.g. FONTCONFIG_FILE for a machine of given fonts). */
export function launchChromium(env?: NodeJS.ProcessEnv): Promise<Browser> {
  return chromium.launch({
    executablePath: toolPath("chromium"),
    ...(env ? { env } : {}),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface Watched {
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requests to any host but the test server (each one aborted). */
  foreign: string[];
  /** Requests answered with 4xx/5xx. */
  failed: string[];
}

/** Records console errors, failed responses and requests that leave `origin` (and aborts those). */
export async function watch(page: Page, origin: string): Promise<Watched> {
  const w: Watched = { errors: [], foreign: [], failed: [] };
  page.on("console", (m) => {
    if (m.type() === "error") w.errors.push(m.text());
  });
  page.on("pageerror", (e) => w.errors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400) w.failed.push(`${r.status()} ${r.url()}`);
  });
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith("data:")) return route.continue();
    w.foreign.push(url);
    return route.abort();
  });
  return w;
}

export interface SearchHit {
  /** The page's address; "" for a group. */
  href: string;
  title: string;
  text: string;
  /** The excerpt under the title. */
  snippet: string;
  /** A group's pages (the 12 目标责任书 …); [] for a page. */
  members: string[];
}

/**
 * Runs a site search from the search page (`params` adds filters such as `year=2025`) and
 * returns the results in order: pages, and groups of pages shown as one result.
 */
export async function search(
  page: Page,
  origin: string,
  base: string,
  query: string,
  params: Record<string, string> = {},
): Promise<SearchHit[]> {
  const qs = new URLSearchParams({ q: query, ...params });
  await page.goto(`${origin}${base}search/?${qs.toString()}`);
  await page.waitForFunction(() => {
    const s = document.querySelector(".search-status")?.textContent ?? "";
    return s !== "" && !s.startsWith("正在");
  });
  return page.$$eval(".search-results > li", (items) =>
    items.map((li) => {
      const a = li.querySelector(":scope > a.result-title");
      const group = li.querySelector(":scope > details");
      return {
        href: a?.getAttribute("href") ?? "",
        title: (a ?? li.querySelector(".result-title"))?.textContent ?? "",
        text: li.textContent ?? "",
        snippet: li.querySelector("p")?.textContent ?? "",
        members: group
          ? [...group.querySelectorAll(".group-pages a")].map((m) => m.getAttribute("href") ?? "")
          : [],
      };
    }),
  );
}
