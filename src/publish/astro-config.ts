// The Astro configuration of the site, shared by `xinfang build` and astro.config.mjs
// (`npx astro dev`). The site's sources are src/site. The office's pages (content/pages/*.mdx)
// are not compiled: they reach the site as validated data in the publication (validate/pages.ts).
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AstroInlineConfig, AstroIntegration } from "astro";
import { handOver, handedOver } from "./site-input.ts";

/** The package root: where src/site and node_modules are. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

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
    integrations: [publicationIntegration(options.contentDir)],
    ...(options.captureLogs
      ? {
          logLevel: "info" as const,
          logger: { entrypoint: pathToFileURL(join(PACKAGE_ROOT, "src/publish/astro-logger.ts")) },
        }
      : {}),
    vite: {
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
