#!/usr/bin/env node
// The `xinfang` command from the TypeScript sources. All work happens in main(), run by run.ts.
// Node's compile cache (in the OS temp folder) keeps the type-stripped, compiled sources between
// runs, which roughly halves start-up time; it changes no output. The package's command is
// bin/xinfang.mjs, which turns the cache on before this file is stripped; run directly
// (`node src/cli/bin.ts`), this file turns it on for the modules it loads.
import module from "node:module";

module.enableCompileCache?.();
const { runProcess } = await import("./run.ts");
await runProcess();
