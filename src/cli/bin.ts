#!/usr/bin/env node
// The `xinfang` command. All work happens in main(); this file only sets the exit code.
import { main } from "./main.ts";

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
