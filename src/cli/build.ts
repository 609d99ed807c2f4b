// `xinfang build [--out dist] [--base /] [--content DIR]`: the site, every PDF (documents and
// bundles) and the workbooks (xlsx/) from the content folder. Invalid content: the problems, exit 1, nothing written.
import { resolve } from "node:path";
import { DOCUMENT_SET_FIELDS } from "../build/pdf-files.ts";
import type { DocumentStageOptions } from "../build/document-stages.ts";
import { mainWordStage, shareWord } from "../build/word-share.ts";
import { onWorkerThread } from "../build/worker-stages.ts";
import { xlsxStage } from "../build/xlsx-files.ts";
import { BuildError, buildSite } from "../build/index.ts";
import type { OutputOutcome } from "../build/index.ts";
import { displayPrefix } from "./check.ts";
import { formatProblems, summarise } from "./format-diagnostics.ts";
import {
  EXIT_CONTENT,
  EXIT_INTERNAL,
  EXIT_IO,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
  internalErrorText,
  ioErrorLine,
} from "./io.ts";
import type { Io } from "./io.ts";
import { contentDir } from "./options.ts";
import { fitWorkerYoungGeneration } from "./young-generation.ts";

/** `--base`: an URL path such as `/` or `/xinfang/`. */
export function parseBase(value: unknown): string {
  if (value === undefined) return "/";
  if (typeof value !== "string" || !/^\/?([A-Za-z0-9._~-]+\/?)*$/.test(value))
    throw new UsageError(
      `--base 应为网站所在的路径，例如 --base /xinfang/（收到“${String(value)}”）`,
    );
  const trimmed = value.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/** One sentence on what became of the output folder after a failed build: always the truth. */
export function outputSentence(outcome: OutputOutcome, out: string): string {
  switch (outcome) {
    case "untouched":
      return "原有的输出目录未改动。";
    case "restored":
      return "原有的输出目录在替换时曾被移开，已原样放回，内容未改动。";
    case "recovered":
      return "输出目录已按上文所述从上次中断的生成中恢复，本次没有再改动它。";
    case "pending":
      return `输出目录 ${out} 暂时不存在：原有的网站和新生成的网站都保存在它旁边以“.”开头的文件夹中，再次运行 xinfang build 会自动把网站放回原处。`;
  }
}

/** The build's own steps in Chinese; an output stage's step is its name (PDF, Word 文件 …). */
const STEP_NAMES: Record<string, string> = {
  options: "检查选项",
  prepare: "准备输出目录",
  site: "生成网站",
  check: "检查网站",
  fonts: "网页字体",
  search: "全文搜索索引",
  offline: "检查外部引用",
  outputs: "核对输出文件",
  swap: "替换输出目录",
};
const stepName = (step: string) => STEP_NAMES[step] ?? step;

export async function runBuild(values: Record<string, unknown>, io: Io): Promise<number> {
  const dir = await contentDir(values, io);
  const out = resolve(io.cwd, typeof values.out === "string" ? values.out : "dist");
  const base = parseBase(values.base);
  const strict = values.strict === true;
  const started = performance.now();
  const progress = (line: string) => io.stderr.write(`${line}\n`);
  const prefix = displayPrefix(dir, io.cwd);
  let result;
  // PDF and Word files on a worker thread, beside the site
  // (started now: its modules load while the content is checked; it allocates much, briefly).
  // It sets each document as soon as it is rendered; on a machine with few processors it gives
  // way a little (3 lower: for a county, 6 and 6 alternating pairs 0.945 and 0.969 of the time,
  // when the search index was a process of its own). The main thread, done with the site and
  // the workbooks, makes the Word files the worker has not yet claimed (word-share.ts).
  fitWorkerYoungGeneration();
  const word = shareWord();
  const documentStages = await onWorkerThread(
    new URL("../build/document-stages.ts", import.meta.url),
    { contentDir: dir, word: word.worker } satisfies DocumentStageOptions,
    DOCUMENT_SET_FIELDS,
    { early: true, niceness: 3, transfer: [word.worker.port] },
  );
  try {
    result = await buildSite({
      contentDir: dir,
      outDir: out,
      base,
      strict,
      progress,
      stages: [...documentStages, xlsxStage(), mainWordStage(word.main, { contentDir: dir })],
      report: (diagnostics, texts) =>
        io.stderr.write(formatProblems(diagnostics, { prefix, texts, strict })),
    });
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    if (e.kind === "usage") {
      // The message itself says that nothing was changed and what to do.
      const recovered = e.output === "untouched" ? "" : `${outputSentence(e.output, out)}\n`;
      io.stderr.write(`${e.message}\n${recovered}`);
      return EXIT_USAGE;
    }
    const errno = e.cause as NodeJS.ErrnoException | undefined;
    if (e.kind === "io") {
      const message =
        errno instanceof Error && typeof errno.code === "string" ? ioErrorLine(errno) : e.message;
      io.stderr.write(
        `生成失败（${stepName(e.step)}）：${message}\n${outputSentence(e.output, out)}\n`,
      );
      return EXIT_IO;
    }
    // The content passed the check: whatever stopped the build is a fault of the program.
    io.stderr.write(
      `生成失败（${stepName(e.step)}）：${e.message}\n${outputSentence(e.output, out)}\n` +
        internalErrorText(e.cause ?? e, values.debug === true),
    );
    return EXIT_INTERNAL;
  } finally {
    documentStages.close(); // when the build ended before they ran
  }
  if (!result.ok) {
    const nothing =
      result.output === "untouched"
        ? "未生成网站，没有写入任何文件。"
        : `未生成网站。${outputSentence(result.output, out)}`;
    io.stderr.write(`${summarise(result.diagnostics, strict)}\n${nothing}\n`);
    return EXIT_CONTENT;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const lines = [
    `已生成网站和 PDF、Word、Excel 文件：${displayPrefix(result.outDir, io.cwd).replace(/\/$/, "") || "."}（网站路径 ${base}）`,
    `  文书 ${result.documents} 份，页面 ${result.pages} 个，其中 ${result.indexed} 个可搜索，共 ${result.files} 个文件。`,
  ];
  if (result.heldBack.length) {
    lines.push(`  涉密文书 ${result.heldBack.length} 份未发布：`);
    for (const h of result.heldBack) lines.push(`    ${h.title}（${h.secret}）`);
  } else lines.push("  没有涉密文书。");
  lines.push(`  用时 ${seconds} 秒。`);
  io.stderr.write(`${lines.join("\n")}\n`);
  if (result.diagnostics.length) io.stderr.write(`${summarise(result.diagnostics)}\n`);
  return EXIT_OK;
}
