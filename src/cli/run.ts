// The process around main(): the command line, the standard streams, the exit code, and the
// handlers that turn a fault escaping main() into exit code 70 with one Chinese line. Run by
// bin.ts (the sources) and by the launcher from the bundle (bin/cli-bundle.mjs).
import { once } from "node:events";
import { fstatSync, writeSync } from "node:fs";
import { colorEnabled } from "./color.ts";
import type { Writable } from "./io.ts";
import { internalErrorText, main } from "./main.ts";
import { fitYoungGeneration } from "./young-generation.ts";

/** A standard output stream as a command writes to it, and whether it is a terminal. */
interface StandardStream extends Writable {
  write(chunk: string): boolean;
  writeBytes(chunk: Uint8Array): boolean;
  holding(): boolean;
  drained(): Promise<void>;
  isTTY(): boolean;
}

/**
 * Standard output (1) or error (2), written with blocking writes while it is a file, a pipe or a
 * socket (what a program that starts this one with its output captured gives it): the first read
 * of process.stdout or process.stderr makes Node build a stream object, which loads some forty
 * modules (streams, net, tty), ~5 ms of every command's start on a pipe. None of them is a
 * terminal, so no colour either way. Anything else (a terminal), and a pipe or socket that refuses
 * a write for now (EAGAIN: another process made it non-blocking), goes through Node's stream from
 * then on, after what was written already. When the reader has gone away (`xinfang check | head
 * -1`), the rest of the output is dropped and the command ends as it would have.
 */
function standardStream(fd: 1 | 2): StandardStream {
  const node = () => (fd === 1 ? process.stdout : process.stderr);
  let direct: boolean;
  try {
    const s = fstatSync(fd);
    direct = s.isFile() || s.isFIFO() || s.isSocket();
  } catch {
    direct = false;
  }
  /** The reader went away: the rest is not wanted. */
  let gone = false;
  const put = (bytes: Uint8Array): boolean => {
    if (gone) return true;
    let done = 0;
    if (direct)
      try {
        while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
        return true;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EPIPE") return (gone = true);
        if (code !== "EAGAIN") throw e;
        direct = false;
      }
    return node().write(done ? bytes.subarray(done) : bytes);
  };
  return {
    write: (s) => (direct ? put(Buffer.from(s, "utf8")) : node().write(s)),
    writeBytes: put,
    holding: () => !direct && node().writableLength > 0,
    drained: async () => {
      if (!direct) await once(node(), "drain");
    },
    isTTY: () => !direct && node().isTTY === true,
  };
}

/** Set once a command's output is all written (read by the launcher, bin/xinfang.mjs). */
const OUTPUT_WRITTEN = Symbol.for("xinfang.output-written");

/** Runs the command on this process's arguments and streams; sets and returns the exit code. */
export async function runProcess(): Promise<number> {
  const args = process.argv.slice(2);
  // A fault that escapes main() (a callback of a library, an unhandled rejection) still ends in
  // exit code 70 with one Chinese line, never a stack trace and never exit 1.
  const stdout = standardStream(1);
  const stderr = standardStream(2);
  const fatal = (e: unknown) => {
    try {
      stderr.write(internalErrorText(e, args.includes("--debug")));
    } finally {
      process.exit(70);
    }
  };
  process.on("uncaughtException", fatal);
  process.on("unhandledRejection", fatal);
  // V8's young generation fitted to the content folder, and put back after the command
  const tuned: { restore: (() => void) | null } = { restore: null };
  const code = await main(args, {
    stdout,
    stderr,
    cwd: process.cwd(),
    color: {
      stdout: colorEnabled({ env: process.env, isTTY: stdout.isTTY() }),
      stderr: colorEnabled({ env: process.env, isTTY: stderr.isTTY() }),
    },
    contentChosen: (dir) => {
      tuned.restore ??= fitYoungGeneration(dir);
    },
  });
  tuned.restore?.();
  process.exitCode = code;
  // all of the output is written (nothing waits in a Node stream): the launcher may end the
  // process at once (bin/xinfang.mjs)
  if (!stdout.holding() && !stderr.holding())
    (globalThis as Record<symbol, unknown>)[OUTPUT_WRITTEN] = true;
  return code;
}
