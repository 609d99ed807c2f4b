/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The search page in the browser: loads Pagefind's own bundle from the site (never another
// host), runs the query from ?q= and lists the results. Excerpts keep only Pagefind's <mark>
// highlighting; everything else in them is put in as text.

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
}

interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
}

const MAX_RESULTS = 30;

/** Appends the excerpt's text and <mark> elements to `into`, dropping any other markup. */
function appendExcerpt(into: HTMLElement, excerpt: string): void {
  const template = document.createElement("template");
  template.innerHTML = excerpt; // inert: template content runs nothing and loads nothing
  const walk = (node: Node, target: HTMLElement) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) target.append(child.textContent ?? "");
      else if (child instanceof Element && child.tagName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = child.textContent;
        target.append(mark);
      } else walk(child, target);
    }
  };
  walk(template.content, into);
}

export async function runSearchPage(): Promise<void> {
  const app = document.getElementById("search-app");
  if (!app) return;
  const input = app.querySelector<HTMLInputElement>("input[name=q]");
  const status = app.querySelector<HTMLElement>(".search-status");
  const list = app.querySelector<HTMLOListElement>(".search-results");
  if (!input || !status || !list) return;
  const query = new URLSearchParams(location.search).get("q")?.trim() ?? "";
  input.value = query;
  for (const box of document.querySelectorAll<HTMLInputElement>("#site-search")) box.value = query;
  if (!query) {
    status.textContent = "请输入要搜索的内容。";
    input.focus();
    return;
  }
  status.textContent = "正在搜索……";
  let pagefind: Pagefind;
  try {
    pagefind = (await import(/* @vite-ignore */ `${app.dataset.bundle}pagefind.js`)) as Pagefind;
    await pagefind.options({ baseUrl: app.dataset.base ?? "/", excerptLength: 40 });
    await pagefind.init();
  } catch (e) {
    console.warn(e);
    status.textContent = "搜索索引无法加载。请确认网站是用 xinfang build 生成的。";
    return;
  }
  const search = await pagefind.search(query);
  const results = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  status.textContent = results.length
    ? `找到 ${search.results.length} 个结果${search.results.length > MAX_RESULTS ? `，显示前 ${MAX_RESULTS} 个` : ""}。`
    : `没有找到与“${query}”相关的内容。`;
  list.replaceChildren(
    ...results.map((r) => {
      const li = document.createElement("li");
      const title = document.createElement("a");
      title.className = "result-title";
      title.href = r.url;
      title.textContent = r.meta.title ?? r.url;
      li.append(title);
      if (r.meta.type) {
        const type = document.createElement("span");
        type.className = "result-type tag";
        type.textContent = r.meta.type;
        li.append(type);
      }
      const p = document.createElement("p");
      appendExcerpt(p, r.excerpt);
      li.append(p);
      return li;
    }),
  );
}
