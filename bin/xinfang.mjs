#!/usr/bin/env node
// The `xinfang` command's launcher, plain JavaScript. It turns Node's compile cache on before
// anything else loads (the compiled code is kept between runs in the OS temp folder), then runs
// the command from its bundle (bin/cli-bundle.mjs: the same sources in one file, made on the
// first run and whenever a source changes, run with V8's code cache of the command) or, for
// `build` and when no bundle can be had, from the TypeScript sources. Either way it changes no
// output. All the work is in src/cli/.
/* global process, setImmediate */
// V8 compiles a function with Maglev after 400 calls and with TurboFan after 3,000, on threads of
// its own. A command on an office's folder runs for a few hundred milliseconds on two cores: those
// compilations take the second core from the main thread (and ~15 MB of memory) for code that is
// done running by the time they are. Ten times the counts: `check`, `score` and `pdf` on the
// example ~20–40 ms sooner; a county `check`, a 2,000,000-row `score` and the county build no
// slower (README, start-up). Set before anything is compiled: each command's code cache is made
// and used under the same flags.
// V8's young generation grows as V8 grows it while the command loads (to 2 MB for `check` from
// the bundle, 8 MB for the build) until the command knows its content folder; then only big
// ledgers let it grow further (src/cli/young-generation.ts, which the symbol below tells that
// the launcher started the process, and which puts V8's setting back before the caches are
// written). Not when the user sizes the young generation themselves.
const fitted = !/semi[-_]space/.test(`${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS}`);
process
  .getBuiltinModule("node:v8")
  .setFlagsFromString(
    "--invocation-count-for-maglev=4000 --invocation-count-for-maglev-osr=1000 " +
      "--invocation-count-for-turbofan=30000 --invocation-count-for-osr=5000",
  );
if (fitted) globalThis[Symbol.for("xinfang.young-generation")] = "fitted";
process.getBuiltinModule("node:module").enableCompileCache?.();

const bundled =
  process.argv[2] !== "build" &&
  (await import("./cli-bundle.mjs").then(async ({ cliBundle, runBundle }) => {
    const entry = await cliBundle();
    return entry !== null && (await runBundle(entry));
  }));
if (!bundled) await import("../src/cli/bin.ts");
// Before it exits, Node waits for V8's background work (compilations, garbage collection) to
// finish: up to ~10 ms after a command on the example has done everything. A command run from
// the bundle whose output is all written (src/cli/run.ts) ends the process as soon as nothing is
// left for the event loop either (no file being written, such as the font cache's copy of a WOFF
// font; no timer), with its exit code, its code caches written (runBundle) and 'exit' handlers
// run as ever.
else if (globalThis[Symbol.for("xinfang.output-written")] === true)
  setImmediate(() => {
    if (process.getActiveResourcesInfo().length === 0) process.exit();
  });
