// The Astro configuration of the site, shared by `xinfang build` and astro.config.mjs
// (`npx astro dev`). The site's sources are src/site; the office's MDX pages come from the
// content folder being built (content/pages/*.mdx) through a virtual module; all user text in
// them is masked like every other output.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import mdx from "@astrojs/mdx";
import { satteri } from "@astrojs/markdown-satteri";
import type { AstroInlineConfig, AstroIntegration } from "astro";
import { maskPersonal } from "../text/mask.ts";
import { handOver, handedOver } from "./site-input.ts";

/** The package root: where src/site and node_modules are. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

const PAGES_ID = "virtual:xinfang/pages";
const RESOLVED_PAGES_ID = `\0${PAGES_ID}`;

/** MDX files of the content folder's pages/, sorted (the same list publish() reports). */
export function mdxPageFiles(contentDir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(join(contentDir, "pages"));
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith(".mdx")).sort();
}

/** `virtual:xinfang/pages`: `loadPage(slug)` imports content/pages/<slug>.mdx. */
export function pagesModulePlugin(contentDir: string) {
  return {
    name: "xinfang:pages",
    resolveId(id: string) {
      return id === PAGES_ID ? RESOLVED_PAGES_ID : undefined;
    },
    load(id: string) {
      if (id !== RESOLVED_PAGES_ID) return undefined;
      const entries = mdxPageFiles(contentDir).map((name) => {
        const slug = name.replace(/\.mdx$/, "");
        const file = join(contentDir, "pages", name).replaceAll("\\", "/");
        return `  ${JSON.stringify(slug)}: () => import(${JSON.stringify(file)}),`;
      });
      return [
        "const pages = {",
        ...entries,
        "};",
        "export function loadPage(slug) {",
        "  const load = pages[slug];",
        "  if (!load) throw new Error(`没有页面 pages/${slug}.mdx`);",
        "  return load();",
        "}",
      ].join("\n");
    },
  };
}

const LEAVES_SITE = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** A site-absolute path (`/units/`) under the base; anything leaving the site: null. */
function localUrl(url: string, base: string): string | null {
  const u = url.trim();
  if (u.startsWith("#")) return u;
  if (LEAVES_SITE.test(u)) return null;
  return u.startsWith("/") ? base + u.slice(1) : u;
}

type JsxAttribute = { type: string; name?: string; value?: unknown };

/**
 * Sätteri (Astro's Markdown/MDX processor) plugin for the office's MDX pages: masks ID and
 * mobile numbers in every text and string attribute; puts the base path in front of
 * site-absolute links (`/units/`); turns links and images that leave the site (`https://…`)
 * into plain text, as the site is offline.
 */
export function sitePagesPlugin(base: string) {
  const b = base.replace(/\/*$/, "/");
  const jsx = {
    filter: [] as string[],
    visit(node: { attributes: JsxAttribute[] }) {
      let changed = false;
      const attributes = node.attributes.map((a) => {
        if (typeof a.value !== "string") return a;
        const isUrl = a.name === "href" || a.name === "src";
        const value = isUrl ? (localUrl(a.value, b) ?? "") : maskPersonal(a.value);
        if (value === a.value) return a;
        changed = true;
        return { ...a, value };
      });
      return changed ? ({ ...node, attributes } as never) : undefined;
    },
  };
  return {
    name: "xinfang:site-pages",
    text(node: { type: "text"; value: string }) {
      const value = maskPersonal(node.value);
      return value === node.value ? undefined : { ...node, value };
    },
    element: {
      filter: [
        "a",
        "img",
        "source",
        "video",
        "audio",
        "iframe",
        "embed",
        "object",
        "link",
        "script",
      ],
      visit(
        node: { tagName: string; properties: Record<string, unknown>; children: unknown[] },
        ctx: {
          replaceNode(n: unknown, r: unknown): void;
          setProperty(n: unknown, k: string, v: unknown): void;
        },
      ) {
        for (const key of ["href", "src", "srcSet", "data", "poster"]) {
          const v = node.properties[key];
          if (typeof v !== "string") continue;
          const url = localUrl(v, b);
          if (url === null) {
            ctx.replaceNode(node, {
              type: "element",
              tagName: "span",
              properties: {},
              children: node.tagName === "a" ? node.children : [],
            });
            return;
          }
          if (url !== v) ctx.setProperty(node, key, url);
        }
      },
    },
    mdxJsxFlowElement: jsx,
    mdxJsxTextElement: jsx,
  };
}

/**
 * Publishes the content folder when Astro runs on its own (`astro dev`, `astro build`):
 * `xinfang build` has handed the publication over already. Runs in Node, not in Astro's bundle,
 * so the pipeline finds its templates.
 */
export function publicationIntegration(contentDir: string): AstroIntegration {
  return {
    name: "xinfang:publication",
    hooks: {
      "astro:config:setup": async () => {
        if (handedOver()) return;
        const { publish } = await import("./index.ts");
        const result = await publish(contentDir);
        if (!result.publication) {
          const errors = result.diagnostics.filter((d) => d.severity === "error").length;
          throw new Error(
            `内容目录 ${contentDir} 有 ${errors} 个错误，无法生成网站。运行 xinfang check 查看详情。`,
          );
        }
        handOver({ publication: result.publication, files: new Set() });
      },
    },
  };
}

export interface SiteConfigOptions {
  contentDir: string;
  /** Where Astro writes the site. */
  outDir: string;
  base: string;
  /** Astro's and Vite's caches (a private folder per build). */
  cacheDir?: string;
  /** Send Astro's log events to the build's sink (astro-logger.ts). */
  captureLogs?: boolean;
}

export function siteConfig(options: SiteConfigOptions): AstroInlineConfig {
  const cache = options.cacheDir;
  return {
    root: PACKAGE_ROOT,
    configFile: false,
    srcDir: join(PACKAGE_ROOT, "src/site"),
    publicDir: join(PACKAGE_ROOT, "src/site/public"),
    outDir: options.outDir,
    ...(cache ? { cacheDir: join(cache, "astro") } : {}),
    base: options.base,
    trailingSlash: "ignore",
    build: { format: "directory", inlineStylesheets: "never" },
    compressHTML: true,
    prefetch: false,
    devToolbar: { enabled: false },
    markdown: { processor: satteri({ hastPlugins: [sitePagesPlugin(options.base) as never] }) },
    integrations: [mdx(), publicationIntegration(options.contentDir)],
    ...(options.captureLogs
      ? {
          logLevel: "info" as const,
          logger: { entrypoint: pathToFileURL(join(PACKAGE_ROOT, "src/publish/astro-logger.ts")) },
        }
      : {}),
    vite: {
      plugins: [pagesModulePlugin(options.contentDir)],
      ...(cache ? { cacheDir: join(cache, "vite") } : {}),
      // Scripts stay files, not inlined: an inlined script with a run-time import() keeps an
      // unreplaced __VITE_PRELOAD__ marker (withastro/astro#17265). The search page imports
      // Pagefind at run time from the site.
      build: { modulePreload: false, assetsInlineLimit: 0 },
      logLevel: "warn",
      clearScreen: false,
    },
  };
}
