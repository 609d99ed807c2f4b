// argv → the command it names. Holds no logic beyond parsing and dispatch.
import { parseArgs } from "node:util";
import type { ParseArgsConfig } from "node:util";
import { ContentReadError } from "../load/read.ts";
import { ENVIRONMENT_ERRORS, PATH_ERRORS, errnoCode } from "../text/errno.ts";
import { printable } from "./text-width.ts";
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
// loading the site builder, nor `check` for pdf-lib.
const runCheck: Run = async (v, io) => (await import("./check.ts")).runCheck(v, io);
const runScore: Run = async (v, io) => (await import("./score.ts")).runScore(v, io);
const runStats: Run = async (v, io) => (await import("./stats.ts")).runStats(v, io);
const runBuild: Run = async (v, io) => (await import("./build.ts")).runBuild(v, io);
const runPdf: Run = async (v, io, p) => (await import("./pdf.ts")).runPdf(v, io, p);
const runTemplate: Run = async (v, io) => (await import("./template.ts")).runTemplate(v, io);
const runFonts: Run = async (v, io) => (await import("./fonts.ts")).runFonts(v, io);

const HELP = `xinfang — 信访工作文书系统

用法：
  xinfang check [--strict]                 检查内容目录中的全部文件，列出所有问题
  xinfang score --year 2025 [--as-of 2025-06-30] [--unit ID] [--json] [--strict]
                [--xlsx FILE] [--csv FILE]
                                           计算村（社区）考评得分、排名、奖励和处理；--xlsx 另存
                                           为工作簿（得分汇总、扣分明细、经济处理），--csv 另存扣分明细
  xinfang stats --from 2025-01-01 --to 2025-12-31 [--json]
                                           统计受理量、办结率、化解率等，含同比
  xinfang build [--out dist] [--base /]    生成内部网站（含全文搜索）和全部 PDF 到输出目录
  xinfang pdf <文书编号> [--out FILE]      按 GB/T 9704 版式生成一份文书的 PDF
  xinfang template --year 2025 [--out 台账模板.xlsx]
                                           生成 Excel 台账模板（下拉选项、日期格式、填写说明）
  xinfang fonts                            列出 PDF 的仿宋、小标宋、黑体、楷体各用哪个字体文件

通用选项：
  --content DIR   内容目录（默认 content/）
  --debug         程序出错时显示详细的出错位置（供报告问题用）
  --help          显示本帮助

退出码：0 成功；1 内容有问题；2 命令用法有误；3 无法读写内容目录以外的文件或文件夹；70 程序内部错误
`;

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
  template: { options: { year: { type: "string" }, out: { type: "string" } }, run: runTemplate },
  fonts: { options: {}, run: runFonts },
};

/** Runs a command; every failure ends in one of the documented exit codes, never a stack trace. */
export async function main(argv: string[], raw: Io): Promise<number> {
  // Everything printed passes one filter: no control character from content reaches a terminal.
  const io: Io = {
    cwd: raw.cwd,
    stdout: { write: (s: string) => raw.stdout.write(printable(s)) },
    stderr: { write: (s: string) => raw.stderr.write(printable(s)) },
  };
  try {
    return await dispatch(argv, io);
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

async function dispatch(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(HELP);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`未知的命令“${name}”。\n\n${HELP}`);
    return EXIT_USAGE;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...COMMON, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout.write(HELP);
      return 0;
    }
    if (positionals.length > 0 && !command.positionals)
      throw new UsageError(`多余的参数：${positionals.join(" ")}`);
    return await command.run(values, io, positionals);
  } catch (e) {
    if (
      e instanceof UsageError ||
      (e instanceof Error && "code" in e && String(e.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      io.stderr.write(`${translateArgError(e.message)}\n运行 xinfang --help 查看用法。\n`);
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
