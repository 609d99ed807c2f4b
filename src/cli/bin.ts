#!/usr/bin/env node
// The `xinfang` command. All work happens in main(); this file only sets the exit code.
// Node's compile cache (in the OS temp folder) keeps the type-stripped, compiled sources between
// runs, which roughly halves start-up time; it changes no output. The package's command is
// bin/xinfang.mjs, which turns the cache on before this file is stripped; run directly
// (`node src/cli/bin.ts`), this file turns it on for the modules it loads.
import { once } from "node:events";
import module from "node:module";

module.enableCompileCache?.();
const { main, internalErrorText } = await import("./main.ts");
const { colorEnabled } = await import("./color.ts");
const args = process.argv.slice(2);
// A fault that escapes main() (a callback of a library, an unhandled rejection) still ends in
// exit code 70 with one Chinese line, never a stack trace and never exit 1.
const fatal = (e: unknown) => {
  process.stderr.write(internalErrorText(e, args.includes("--debug")));
  process.exit(70);
};
process.on("uncaughtException", fatal);
process.on("unhandledRejection", fatal);
process.exitCode = await main(args, {
  stdout: {
    write: (s: string) => process.stdout.write(s),
    writeBytes: (b: Uint8Array) => process.stdout.write(b),
    // A file, a pipe or a terminal on Linux takes what is written at once (none is left here).
    holding: () => process.stdout.writableLength > 0,
    drained: async () => {
      await once(process.stdout, "drain");
    },
  },
  stderr: process.stderr,
  cwd: process.cwd(),
  color: {
    stdout: colorEnabled({ env: process.env, isTTY: process.stdout.isTTY }),
    stderr: colorEnabled({ env: process.env, isTTY: process.stderr.isTTY }),
  },
});
