// argv → the command it names. Holds no logic beyond parsing and dispatch.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { ContentReadError } from "../load/read.ts";
import { ENVIRONMENT_ERRORS, PATH_ERRORS, errnoCode } from "../text/errno.ts";
import { printable } from "../text/printable.ts";
import { colorWriter, red } from "./color.ts";
import { HELP, commandHelp } from "./help.ts";
import {
  EXIT_INTERNAL,
  EXIT_IO,
  EXIT_USAGE,
  IoError,
  UsageError,
  internalErrorText,
  ioErrorLine,
} from "./io.ts";
import type { Io } from "./io.ts";

export { internalErrorText, ioErrorLine };

type Run = (values: Record<string, unknown>, io: Io, positionals: string[]) => Promise<number>;

// Each command's module is loaded only when that command runs: `xinfang pdf` does not pay for
// loading the site builder, nor `check` for the PDF writer.
const runCheck: Run = async (v, io) => (await import("./check.ts")).runCheck(v, io);
const runScore: Run = async (v, io) => (await import("./score.ts")).runScore(v, io);
const runStats: Run = async (v, io) => (await import("./stats.ts")).runStats(v, io);
const runBuild: Run = async (v, io) => (await import("./build.ts")).runBuild(v, io);
const runPdf: Run = async (v, io, p) => (await import("./pdf.ts")).runPdf(v, io, p);
const runDocx: Run = async (v, io, p) => (await import("./docx.ts")).runDocx(v, io, p);
const runTemplate: Run = async (v, io) => (await import("./template.ts")).runTemplate(v, io);
const runFonts: Run = async (v, io) => (await import("./fonts.ts")).runFonts(v, io);
const runInit: Run = async (v, io, p) => (await import("./init.ts")).runInit(v, io, p);

const COMMON: ParseArgsConfig["options"] = {
  content: { type: "string", default: "content" },
  strict: { type: "boolean", default: false },
  help: { type: "boolean", default: false },
  debug: { type: "boolean", default: false },
};

const COMMANDS: Record<
  string,
  {
    options: ParseArgsConfig["options"];
    run: Run;
    /** The command takes positional arguments (checked by the command itself). */
    positionals?: boolean;
  }
> = {
  check: { options: {}, run: runCheck },
  score: {
    options: {
      year: { type: "string" },
      "as-of": { type: "string" },
      unit: { type: "string" },
      json: { type: "boolean", default: false },
      xlsx: { type: "string" },
      csv: { type: "string" },
    },
    run: runScore,
  },
  stats: {
    options: {
      from: { type: "string" },
      to: { type: "string" },
      json: { type: "boolean", default: false },
    },
    run: runStats,
  },
  build: {
    options: {
      out: { type: "string" },
      base: { type: "string" },
    },
    run: runBuild,
  },
  pdf: { options: { out: { type: "string" } }, run: runPdf, positionals: true },
  docx: { options: { out: { type: "string" } }, run: runDocx, positionals: true },
  template: { options: { year: { type: "string" }, out: { type: "string" } }, run: runTemplate },
  fonts: { options: {}, run: runFonts },
  init: { options: { year: { type: "string" } }, run: runInit, positionals: true },
};

/** The commands and the options each takes besides the common ones (for the help pages' tests). */
export function commandOptions(): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(COMMANDS).map(([name, c]) => [name, Object.keys(c.options ?? {})]),
  );
}

/** Runs a command; every failure ends in one of the documented exit codes, never a stack trace. */
export async function main(argv: string[], raw: Io): Promise<number> {
  // Everything printed passes one filter: no control character from content reaches a terminal.
  // Colour, when the stream is a terminal, is added after that filter.
  const paintOut = colorWriter(raw.color?.stdout === true);
  const paintErr = colorWriter(raw.color?.stderr === true);
  const io: Io = {
    cwd: raw.cwd,
    stdout: {
      write: (s: string) => raw.stdout.write(paintOut(printable(s))),
      // Bytes come printable from their maker (the score JSON) and get no colour.
      ...(raw.stdout.writeBytes
        ? {
            writeBytes: (b: Uint8Array) => (raw.stdout.writeBytes as (b: Uint8Array) => unknown)(b),
          }
        : {}),
      ...(raw.stdout.holding ? { holding: () => (raw.stdout.holding as () => boolean)() } : {}),
      ...(raw.stdout.drained
        ? { drained: () => (raw.stdout.drained as () => Promise<void>)() }
        : {}),
    },
    stderr: { write: (s: string) => raw.stderr.write(paintErr(printable(s))) },
    ...(raw.contentChosen ? { contentChosen: raw.contentChosen } : {}),
  };
  // An error line of the command line itself: red on a terminal, the colour added after the filter.
  const errorLine = (line: string, after = "") =>
    raw.stderr.write(
      `${raw.color?.stderr === true ? red(printable(line)) : printable(line)}\n${printable(after)}`,
    );
  try {
    return await dispatch(argv, io, errorLine);
  } catch (e) {
    if (e instanceof IoError || e instanceof ContentReadError) {
      io.stderr.write(`${e.message}\n`);
      return EXIT_IO;
    }
    const code = errnoCode(e);
    if (code !== null && (ENVIRONMENT_ERRORS.has(code) || PATH_ERRORS.has(code))) {
      const errno = e as NodeJS.ErrnoException;
      io.stderr.write(`${ioErrorLine(errno)}\n`);
      if (argv.includes("--debug")) io.stderr.write(`${errno.stack ?? String(e)}\n`);
      return EXIT_IO;
    }
    io.stderr.write(internalErrorText(e, argv.includes("--debug")));
    return EXIT_INTERNAL;
  }
}

async function dispatch(
  argv: string[],
  io: Io,
  errorLine: (line: string, after?: string) => unknown,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--version" || name === "-v" || name === "version") {
    io.stdout.write(`xinfang ${await packageVersion()}\n`);
    return 0;
  }
  if (name === "help" && rest[0] !== undefined) {
    const page = commandHelp(rest[0]);
    if (page === null) {
      errorLine(`没有“${rest[0]}”这个命令。`, `\n${HELP}`);
      return EXIT_USAGE;
    }
    io.stdout.write(page);
    return 0;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(HELP);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    errorLine(`未知的命令“${name}”。`, `\n${HELP}`);
    return EXIT_USAGE;
  }
  // Help is shown whatever else the command line holds (a missing value, an unknown option).
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(commandHelp(name) ?? HELP);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...COMMON, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 0 && !command.positionals)
      throw new UsageError(`多余的参数：${positionals.join(" ")}`);
    return await command.run(values, io, positionals);
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof Error && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      errorLine(translateArgError(e.message), `运行 xinfang ${name} --help 查看用法。\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

function translateArgError(message: string): string {
  let m = /^Unknown option '(.+?)'/.exec(message);
  if (m) return `未知的选项 ${m[1]}`;
  m = /^Option '(.+?)' argument missing/.exec(message);
  if (m) return `选项 ${m[1]?.replace(/^-\w, /, "")} 需要一个值`;
  return message;
}

/** The version in package.json (read when asked, so other commands do not pay for it). */
async function packageVersion(): Promise<string> {
  const text = await readFile(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}
