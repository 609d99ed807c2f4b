// What "works on a phone" means for a page, measured in the browser: the page does not scroll
// sideways, no table cell's text runs out of its cell (over its neighbour), no heading runs out of
// its box, titles and the 标志 break only between words (where src/site/lib/html.ts hWords marks
// them), and a box that scrolls sideways by itself shows a cue (a shadow at the edge that has
// more) so a reader knows there is more to see.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";

/** The phone width the site is checked at (a common phone, CSS pixels). */
export const PHONE = { width: 390, height: 844 };

/** A page of the built site to look at: what it is, and its path under the base. */
export interface SitePage {
  name: string;
  path: string;
}

/**
 * Every page of a built site in `dir`, one kind after another: the lists, a search with
 * results, the 404 page, every year's documents and rules, and every unit, office page and
 * document (they differ in tables, 版头 and titles, so each one is looked at).
 */
export async function sitePages(dir: string): Promise<SitePage[]> {
  const folders = async (sub: string) =>
    (await readdir(join(dir, sub), { withFileTypes: true }).catch(() => []))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
  const pages: SitePage[] = [
    { name: "首页", path: "" },
    { name: "村（社区）列表", path: "units/" },
    { name: "文书列表", path: "documents/" },
    { name: "考评细则列表", path: "rules/" },
    { name: "工作信息列表", path: "pages/" },
    { name: "搜索结果", path: `search/?q=${encodeURIComponent("集访")}` },
    { name: "找不到页面", path: "no-such-page/" },
  ];
  for (const year of await folders("rules"))
    pages.push({ name: `${year}年考评细则`, path: `rules/${year}/` });
  for (const d of await folders("documents"))
    pages.push({ name: /^\d+$/.test(d) ? `${d}年文书` : `文书 ${d}`, path: `documents/${d}/` });
  for (const year of await folders("weekly"))
    pages.push({ name: `${year}年周排查报告报送情况`, path: `weekly/${year}/` });
  for (const u of await folders("units"))
    pages.push({ name: `村（社区）${u}`, path: `units/${u}/` });
  for (const p of await folders("pages"))
    pages.push({ name: `工作信息 ${p}`, path: `pages/${encodeURIComponent(p)}/` });
  return pages;
}

/** Layout problems of the page as shown now, each one sentence naming the element. */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const slack = 1;
    const name = (el: Element): string => {
      const cls = el.getAttribute("class");
      const text = (el.textContent ?? "").replace(/\s+/g, " ").trim().slice(0, 30);
      return `<${el.tagName.toLowerCase()}${cls ? ` class="${cls}"` : ""}>「${text}」`;
    };
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth + slack)
      problems.push(`页面横向滚动：宽 ${root.scrollWidth}px，窗口 ${window.innerWidth}px`);
    const scrollsSideways = (el: Element): boolean => {
      const o = getComputedStyle(el).overflowX;
      return o === "auto" || o === "scroll";
    };
    // Elements reaching past the right edge of the window, outside any sideways scroll box.
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= window.innerWidth + slack) continue;
      let boxed = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
        if (scrollsSideways(a) || getComputedStyle(a).overflowX === "hidden") boxed = true;
      if (!boxed && getComputedStyle(el).position !== "absolute")
        problems.push(`${name(el)} 超出窗口右边 ${Math.round(r.right - window.innerWidth)}px`);
    }
    // Cells whose content is wider than the cell: it is drawn over the next cell.
    for (const cell of document.querySelectorAll("td, th")) {
      if (cell.scrollWidth > cell.clientWidth + slack)
        problems.push(
          `表格单元格 ${name(cell)} 的内容宽 ${cell.scrollWidth}px，单元格只有 ${cell.clientWidth}px`,
        );
    }
    // Headings, titles and the 标志 keep within their box.
    for (const el of document.querySelectorAll(
      "h1, h2, h3, .gw-title, .gw-mark, .gw-attachment-title, .site-name, .doc-list li",
    )) {
      if (el.scrollWidth > el.clientWidth + slack)
        problems.push(`${name(el)} 超出自身宽度：${el.scrollWidth}px > ${el.clientWidth}px`);
    }
    // Titles and the 标志 break between words: every line after the first starts where the
    // markup marks a word boundary (<wbr>), or next to punctuation.
    const punctuation = /[\p{P}\s]/u;
    for (const el of document.querySelectorAll(".gw-title, .gw-mark, .gw-attachment-title")) {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let lastTop: number | null = null;
      let prevChar = "";
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        const afterWbr = node.previousSibling?.nodeName === "WBR";
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.height === 0) continue;
          const ch = text[i] ?? "";
          if (lastTop !== null && rect.top > lastTop + rect.height / 2) {
            const atWord = (i === 0 && afterWbr) || punctuation.test(prevChar + ch);
            if (!atWord)
              problems.push(
                `${name(el)} 不在标出的词界处换行：“${text.slice(Math.max(0, i - 3), i)}|${text.slice(i, i + 3)}”`,
              );
          }
          lastTop = rect.top;
          prevChar = ch;
        }
      }
    }
    // A box that scrolls sideways and has more to show carries a visible cue.
    for (const el of document.body.querySelectorAll("*")) {
      if (!scrollsSideways(el) || el.scrollWidth <= el.clientWidth + slack) continue;
      const style = getComputedStyle(el);
      const cue = style.backgroundImage !== "none" || el.querySelector(".scroll-hint") !== null;
      if (!cue) problems.push(`${name(el)} 可以横向滚动，但没有提示`);
    }
    return problems;
  });
}
