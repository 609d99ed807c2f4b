// Astro site of the intranet for `npx astro dev` / `npx astro build` while working on the site:
// the same configuration `xinfang build` uses (src/publish/astro-config.ts), on the content folder
// XINFANG_CONTENT (default content/) and base path XINFANG_BASE (default /). `xinfang build` does
// not read this file; it also builds the search index and checks the output before replacing it.
import process from "node:process";
import { resolve } from "node:path";
import { defineConfig } from "astro/config";
import { siteConfig } from "./src/publish/astro-config.ts";

process.env.ASTRO_TELEMETRY_DISABLED = "1";

const { configFile: _programmaticOnly, ...config } = siteConfig({
  contentDir: resolve(process.env.XINFANG_CONTENT ?? "content"),
  outDir: resolve("dist"),
  base: process.env.XINFANG_BASE ?? "/",
});

export default defineConfig(config);
