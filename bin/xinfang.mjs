#!/usr/bin/env node
// The `xinfang` command's launcher, plain JavaScript. It turns Node's compile cache on before
// anything else loads (the compiled code is kept between runs in the OS temp folder), then runs
// the command from its bundle (bin/cli-bundle.mjs: the same sources in one file, made on the
// first run and whenever a source changes, run with V8's code cache of the command) or, for
// `build` and when no bundle can be had, from the TypeScript sources. Either way it changes no
// output. All the work is in src/cli/.
/* global process */
process.getBuiltinModule("node:module").enableCompileCache?.();

const bundled =
  process.argv[2] !== "build" &&
  (await import("./cli-bundle.mjs").then(async ({ cliBundle, runBundle }) => {
    const entry = await cliBundle();
    return entry !== null && (await runBundle(entry));
  }));
if (!bundled) await import("../src/cli/bin.ts");
