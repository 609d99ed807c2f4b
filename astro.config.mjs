// Astro site of the intranet for `npx astro dev` / `npx astro build` while working on the site:
// the same configuration `xinfang build` uses (src/site/build/astro-config.ts), on the content folder
// XINFANG_CONTENT (default content/) and base path XINFANG_BASE (default /). `xinfang build` does
// not read this file; it also builds the search index and checks the output before replacing it.
import process from "node:process";
import { resolve } from "node:path";
import { defineConfig } from "astro/config";
import { publish } from "./src/index.ts";
import { siteConfig } from "./src/site/build/astro-config.ts";

process.env.ASTRO_TELEMETRY_DISABLED = "1";

const contentDir = resolve(process.env.XINFANG_CONTENT ?? "content");

/** The site's input: the pipeline run once on the content folder. */
async function load() {
  const result = await publish(contentDir);
  if (!result.publication) {
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    throw new Error(
      `内容目录 ${contentDir} 有 ${errors} 个错误，无法生成网站。运行 xinfang check 查看详情。`,
    );
  }
  return result.publication;
}

const { configFile: _programmaticOnly, ...config } = siteConfig({
  load,
  outDir: resolve("dist"),
  base: process.env.XINFANG_BASE ?? "/",
});

export default defineConfig(config);
