// Office page data (validate/pages.ts) → HTML. Pure: the page's blocks and the base path in,
// strings out. Every text is escaped here (it was masked when the page was read) and all markup
// is ours, so nothing a page holds can become a tag, an attribute or a script, even data that
// never went through validation. Links that leave the site are plain text (the site is offline);
// site-absolute links (`/units/`) get the base path. Components are rendered by the Astro page.
import type {
  PageAlign,
  PageBlock,
  PageComponent,
  PageInline,
  PageListItem,
} from "../../validate/content.ts";
import { internalHref } from "./doc-html.ts";
import { escapeHtml } from "./html.ts";

export interface PageHtmlOptions {
  /** Site base path, e.g. `/` or `/xinfang/`. */
  base: string;
}

/** A page as the Astro page renders it: runs of Markdown as HTML, and the components between. */
export type PagePart =
  { type: "html"; html: string } | { type: "component"; component: PageComponent };

/** Heading ids (for `#…` links), unique within a page: the heading's letters and digits. */
class HeadingIds {
  private readonly seen = new Map<string, number>();

  next(text: string): string {
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}_ -]/gu, "")
      .trim()
      .replace(/ +/g, "-");
    if (slug === "") return "";
    const n = this.seen.get(slug) ?? 0;
    this.seen.set(slug, n + 1);
    return n === 0 ? slug : `${slug}-${n}`;
  }
}

function plainText(inlines: readonly PageInline[]): string {
  return inlines
    .map((i) =>
      i.type === "text" || i.type === "code"
        ? i.text
        : i.type === "image"
          ? i.alt
          : i.type === "break"
            ? " "
            : plainText(i.children),
    )
    .join("");
}

export function pageInlinesHtml(inlines: readonly PageInline[], options: PageHtmlOptions): string {
  return inlines.map((i) => inlineHtml(i, options)).join("");
}

function inlineHtml(inline: PageInline, options: PageHtmlOptions): string {
  switch (inline.type) {
    case "text":
      return escapeHtml(inline.text);
    case "strong":
      return `<strong>${pageInlinesHtml(inline.children, options)}</strong>`;
    case "emphasis":
      return `<em>${pageInlinesHtml(inline.children, options)}</em>`;
    case "delete":
      return `<del>${pageInlinesHtml(inline.children, options)}</del>`;
    case "code":
      return `<code>${escapeHtml(inline.text)}</code>`;
    case "break":
      return "<br>";
    case "link": {
      const inner = pageInlinesHtml(inline.children, options);
      const href = internalHref(inline.href, options.base);
      return href === null
        ? `<span class="external">${inner}</span>`
        : `<a href="${escapeHtml(href)}">${inner}</a>`;
    }
    case "image": {
      const src = internalHref(inline.src, options.base);
      if (src === null || src.startsWith("#")) return escapeHtml(inline.alt);
      return `<img src="${escapeHtml(src)}" alt="${escapeHtml(inline.alt)}" loading="lazy">`;
    }
    default: {
      const never: never = inline;
      throw new Error(`unknown page inline ${JSON.stringify(never)}`);
    }
  }
}

const alignAttr = (align: PageAlign | undefined) =>
  align === "left" || align === "center" || align === "right" ? ` class="al-${align}"` : "";

function tableHtml(block: Extract<PageBlock, { type: "table" }>, options: PageHtmlOptions): string {
  const cells = (row: PageInline[][], tag: "th" | "td") =>
    row
      .map(
        (cell, i) =>
          `<${tag}${tag === "th" ? ' scope="col"' : ""}${alignAttr(block.align[i])}>${pageInlinesHtml(cell, options)}</${tag}>`,
      )
      .join("");
  const head = `<thead><tr>${cells(block.head, "th")}</tr></thead>`;
  const body = `<tbody>${block.rows.map((r) => `<tr>${cells(r, "td")}</tr>`).join("")}</tbody>`;
  return `<div class="table-wrap"><table class="data">${head}${body}</table></div>`;
}

function itemHtml(item: PageListItem, tight: boolean, options: PageHtmlOptions, ids: HeadingIds) {
  const box = item.checked === null ? "" : item.checked ? "☑ " : "☐ ";
  const inner = item.children
    .map((b) =>
      tight && b.type === "paragraph"
        ? pageInlinesHtml(b.content, options)
        : blockHtml(b, options, ids),
    )
    .join("");
  return `<li>${box}${inner}</li>`;
}

function blockHtml(block: PageBlock, options: PageHtmlOptions, ids: HeadingIds): string {
  switch (block.type) {
    case "heading": {
      const id = ids.next(plainText(block.content));
      const attr = id ? ` id="${escapeHtml(id)}"` : "";
      const level = Math.min(6, Math.max(1, Math.trunc(Number(block.depth)) || 2));
      return `<h${level}${attr}>${pageInlinesHtml(block.content, options)}</h${level}>`;
    }
    case "paragraph":
      return `<p>${pageInlinesHtml(block.content, options)}</p>`;
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      const start =
        block.ordered && Number.isInteger(block.start) && block.start !== 1
          ? ` start="${Number(block.start)}"`
          : "";
      const items = block.items.map((i) => itemHtml(i, block.tight, options, ids)).join("\n");
      return `<${tag}${start}>\n${items}\n</${tag}>`;
    }
    case "blockquote":
      return `<blockquote>${block.children.map((b) => blockHtml(b, options, ids)).join("")}</blockquote>`;
    case "table":
      return tableHtml(block, options);
    case "code":
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case "rule":
      return "<hr>";
    case "component":
      // Components stand at the top level only; the Astro page renders them (pageParts).
      return "";
    default: {
      const never: never = block;
      throw new Error(`unknown page block ${JSON.stringify(never)}`);
    }
  }
}

/** A page's blocks as HTML runs and components, in order (heading ids unique over the page). */
export function pageParts(blocks: readonly PageBlock[], options: PageHtmlOptions): PagePart[] {
  const ids = new HeadingIds();
  const parts: PagePart[] = [];
  let html: string[] = [];
  // Blocks are separated by line breaks, components included.
  const flush = (last: boolean) => {
    if (html.length === 0) return;
    const before = parts.length > 0 ? "\n" : "";
    parts.push({ type: "html", html: `${before}${html.join("\n")}${last ? "" : "\n"}` });
    html = [];
  };
  for (const block of blocks) {
    if (block.type === "component") {
      flush(false);
      parts.push({ type: "component", component: block.component });
    } else html.push(blockHtml(block, options, ids));
  }
  flush(true);
  return parts;
}
