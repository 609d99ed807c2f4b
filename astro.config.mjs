// Astro site of the intranet: pages live in src/site and read the pipeline (src/index.ts).
// The base path comes from `xinfang build --base` (or XINFANG_BASE) so the site can sit under an
// intranet sub-path; everything is served locally, nothing is fetched from another host.
import mdx from "@astrojs/mdx";
import process from "node:process";
import { defineConfig } from "astro/config";

export default defineConfig({
  srcDir: "./src/site",
  outDir: "./dist",
  base: process.env.XINFANG_BASE ?? "/",
  trailingSlash: "ignore",
  build: { format: "directory" },
  integrations: [mdx()],
  devToolbar: { enabled: false },
});
