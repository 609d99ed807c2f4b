// `npm run bundle`: the `xinfang` command as a few bundled JavaScript files in dist/cli/, which
// bin/xinfang.mjs runs instead of the TypeScript sources while they are newer than every source
// file (see there). A bundle loads its dependencies from a handful of files instead of hundreds
// (the Markdown parser alone is some hundred modules): a cold `xinfang pdf`, `check` or `score`
// starts faster and does the same work. Each command's modules stay in a chunk of their own,
// loaded when the command runs. Not needed to run anything: without it the sources run.
//
// Three modules load a dependency on first use through createRequire (markdown.ts, handlebars.ts,
// paint.ts); for the bundle that call becomes a plain require(), which esbuild bundles and still
// runs only when first reached. esbuild comes with Astro (a dependency).
import { readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import process from "node:process";
import { URL, fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
// The sources find templates/, package.json and node_modules from their own place, two folders
// below the root: so is the bundle (`node scripts/bundle.mjs dist/other` for another one).
const OUT = resolve(ROOT, process.argv[2] ?? "dist/cli");
if (dirname(dirname(OUT)) !== resolve(ROOT))
  throw new Error(`${OUT}: not two folders below ${ROOT}`);
const { build } = createRequire(createRequire(import.meta.url).resolve("astro"))("esbuild");

const lazyRequire = {
  name: "lazy-require",
  setup(b) {
    b.onLoad(
      { filter: /[\\/]src[\\/](load[\\/]markdown|render[\\/]handlebars|pdf[\\/]paint)\.ts$/ },
      async (args) => {
        const text = await readFile(args.path, "utf8");
        const out = text
          .replace(/^const require = createRequire\(import\.meta\.url\);$/m, "")
          .replace(/createRequire\(import\.meta\.url\)\(/g, "require(");
        if (out === text) throw new Error(`${args.path}: no createRequire call to rewrite`);
        return { contents: out, loader: "ts" };
      },
    );
  },
};

await rm(OUT, { recursive: true, force: true });
await build({
  entryPoints: { xinfang: `${ROOT}src/cli/bin.ts` },
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunk-[hash]",
  // the site builder's tool chain stays outside (`build` runs from the sources: bin/xinfang.mjs)
  external: ["astro", "astro/*", "@astrojs/*", "vite", "pagefind", "playwright-core"],
  plugins: [lazyRequire],
  banner: {
    // bundled CommonJS modules (exceljs, Handlebars, pdf-lib) call require()
    js: 'import { createRequire as __bundleRequire } from "node:module"; const require = __bundleRequire(import.meta.url);',
  },
  logLevel: "warning",
  legalComments: "none",
});
