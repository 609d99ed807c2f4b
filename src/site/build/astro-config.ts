// The Astro configuration of the site, shared by `xinfang build` and astro.config.mjs
// (`npx astro dev`). The site's sources are src/site. The office's pages (content/pages/*.mdx)
// are not compiled: they reach the site as validated data in the publication (validate/pages.ts).
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { AstroInlineConfig, AstroIntegration, AstroPrerenderer } from "astro";
import type { Publication } from "../input.ts";
import { handOver, handedOver } from "./hand-over.ts";

/** The package root: where src/site and node_modules are. */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/**
 * When Astro runs on its own (`astro dev`, `astro build` through astro.config.mjs) the site's
 * input comes from `load` (the pipeline, passed in by the caller: the site never reaches up to
 * it); `xinfang build` has handed its input over already. Runs in Node, not in Astro's bundle.
 */
export function publicationIntegration(load: () => Promise<Publication>): AstroIntegration {
  return {
    name: "xinfang:publication",
    hooks: {
      "astro:config:setup": async () => {
        if (handedOver()) return;
        handOver({ publication: await load(), files: new Set() });
      },
    },
  };
}

/**
 * Receives each page as Astro renders it: the path of its address (as requested, with the base)
 * and the bytes Astro then writes to its file.
 */
export type PageTap = (path: string, bytes: Uint8Array) => void;

/**
 * Hands each rendered page to `tap` on its way to its file, through Astro's prerenderer hook (the
 * one adapters use to render elsewhere): the default prerenderer renders it, its body is read
 * once and given to `tap`, and Astro gets a response with the same status, headers and bytes.
 * Redirects and responses without a body pass through untouched.
 */
export function pageTapIntegration(tap: PageTap): AstroIntegration {
  return {
    name: "xinfang:page-tap",
    hooks: {
      "astro:build:start": ({ setPrerenderer }) => {
        setPrerenderer((base): AstroPrerenderer => ({
          ...base,
          async render(request, options) {
            const result = await base.render(request, options);
            const response = result instanceof Response ? result : result.response;
            const redirect = response.status >= 300 && response.status < 400;
            if (redirect || !response.body) return result;
            const bytes = new Uint8Array(await response.arrayBuffer());
            tap(new URL(request.url).pathname, bytes);
            // a stream of the bytes read, not the bytes: a Response made from bytes copies them
            const body = new ReadableStream<Uint8Array>({
              start(controller) {
                controller.enqueue(bytes);
                controller.close();
              },
            });
            const copy = new Response(body, {
              status: response.status,
              statusText: response.statusText,
              headers: response.headers,
            });
            return result instanceof Response ? copy : { ...result, response: copy };
          },
        }));
      },
    },
  };
}

export interface SiteConfigOptions {
  /** The site's input when Astro runs on its own (see publicationIntegration). */
  load?: () => Promise<Publication>;
  /** Where Astro writes the site. */
  outDir: string;
  base: string;
  /** Astro's and Vite's caches (a private folder per build). */
  cacheDir?: string;
  /** Send Astro's log events to the build's sink (astro-logger.ts). */
  captureLogs?: boolean;
  /** Each page as it is rendered (see pageTapIntegration). */
  pageTap?: PageTap;
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
    // Four pages at a time: while one waits for its folder and file, the next is rendered. The
    // files are the same as one at a time (the search index numbers pages by path, not by the
    // order they are written); county build, 8 pairs: 0.98 of the time, 0.95 of the processor.
    build: { format: "directory", inlineStylesheets: "never", concurrency: 4 },
    compressHTML: true,
    prefetch: false,
    devToolbar: { enabled: false },
    integrations: [
      ...(options.load ? [publicationIntegration(options.load)] : []),
      ...(options.pageTap ? [pageTapIntegration(options.pageTap)] : []),
    ],
    ...(options.captureLogs
      ? {
          logLevel: "info" as const,
          logger: {
            entrypoint: pathToFileURL(join(PACKAGE_ROOT, "src/site/build/astro-logger.ts")),
          },
        }
      : {}),
    vite: {
      ...(cache ? { cacheDir: join(cache, "vite") } : {}),
      // Scripts stay files, not inlined: an inlined script with a run-time import() keeps an
      // unreplaced __VITE_PRELOAD__ marker (withastro/astro#17265).
      build: { modulePreload: false, assetsInlineLimit: 0 },
      logLevel: "warn",
      clearScreen: false,
    },
  };
}
