// The process around main(): the command line, the standard streams, the exit code, and the
// handlers that turn a fault escaping main() into exit code 70 with one Chinese line. Run by
// bin.ts (the sources) and by the launcher from the bundle (bin/cli-bundle.mjs).
import { once } from "node:events";
import { colorEnabled } from "./color.ts";
import { internalErrorText, main } from "./main.ts";
import { fitYoungGeneration } from "./young-generation.ts";

/** Runs the command on this process's arguments and streams; sets and returns the exit code. */
export async function runProcess(): Promise<number> {
  const args = process.argv.slice(2);
  // A fault that escapes main() (a callback of a library, an unhandled rejection) still ends in
  // exit code 70 with one Chinese line, never a stack trace and never exit 1.
  const fatal = (e: unknown) => {
    process.stderr.write(internalErrorText(e, args.includes("--debug")));
    process.exit(70);
  };
  process.on("uncaughtException", fatal);
  process.on("unhandledRejection", fatal);
  // V8's young generation fitted to the content folder, and put back after the command
  const tuned: { restore: (() => void) | null } = { restore: null };
  const code = await main(args, {
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
    contentChosen: (dir) => {
      tuned.restore ??= fitYoungGeneration(dir);
    },
  });
  tuned.restore?.();
  process.exitCode = code;
  return code;
}
