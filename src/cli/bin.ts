#!/usr/bin/env node
// The `xinfang` command. All work happens in main(); this file only sets the exit code.
// Node's compile cache (in the OS temp folder) keeps the type-stripped, compiled sources between
// runs, which roughly halves start-up time; it changes no output.
import module from "node:module";

module.enableCompileCache?.();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
