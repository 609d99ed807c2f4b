#!/usr/bin/env node
// The `xinfang` command's launcher, plain JavaScript. It turns Node's compile cache on before
// anything else loads (the compiled code is kept between runs in the OS temp folder), then runs
// the command from its bundle (bin/cli-bundle.mjs: the same sources in a few files, made on the
// first run and whenever a source changes) or, for `build` and when no bundle can be had, from
// the TypeScript sources. Either way it changes no output. All the work is in src/cli/.
/* global process */
process.getBuiltinModule("node:module").enableCompileCache?.();

const bundle =
  process.argv[2] === "build" ? null : await (await import("./cli-bundle.mjs")).cliBundle();
await import(bundle ?? "../src/cli/bin.ts");
