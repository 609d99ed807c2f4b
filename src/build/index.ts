// build: a content folder → the intranet site in an output folder, or the diagnostics that stop
// it. Order: the output folder is checked (only an empty folder or an earlier output, by its
// marker, may be replaced), locked and recovered from a killed build (output-dir.ts); publish
// (validate, score, render) — nothing is written when that fails; other output stages (PDF …)
// into a side folder while Astro builds into a temporary folder next to the output, then the search
// index over it (the site links the files the stages said they would write; the build checks they
// did); the marker; then the temporary folder replaces the output by a journalled swap. A failure at any
// step leaves the previous output as it was; a kill at any step leaves the previous or the new
// output, and the next build finishes or undoes the swap.
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { sortDiagnostics } from "../diagnostics/diagnostic.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { SiteError, listFiles, renderSite } from "../site/build/render-site.ts";
import type { SiteResult } from "../site/build/render-site.ts";
import type { PublishedDocument } from "../render/index.ts";
import type { HeldBack, Publication } from "../site/input.ts";
import { ENVIRONMENT_ERRORS } from "../text/errno.ts";
import { locateGlyphProblems, publish } from "../index.ts";
import {
  OutputBlocked,
  SwapError,
  lockOutput,
  outputPaths,
  recoverOutput,
  refuseOutput,
  running,
  swapFolders,
  swapOutput,
  writeMarker,
} from "./output-dir.ts";
import type { OutputLock, StepHook } from "./output-dir.ts";

/**
 * A further output (PDF, DOCX …): writes files under `dir`, which becomes the output root. It says
 * beforehand which files it writes (`files`), so that the site, which links them, is built while
 * the stage runs; the build checks afterwards that it wrote exactly those. `P` is what of the
 * publication it reads.
 */
export interface OutputStage<P = Publication> {
  name: string;
  /**
   * Where the stage runs: stages of one lane one after the other, in order; different lanes at
   * the same time. `main` (the default) is the main thread's, which starts once the site's
   * pages are written; a worker thread's lane starts with the site.
   */
  lane?: string;
  /**
   * Starts without a line of its own in the progress: it makes part of what a stage of another
   * lane names (word-share.ts).
   */
  quiet?: boolean;
  /** The files `run` writes, relative to the output root, with forward slashes. */
  files(publication: P): readonly string[];
  /**
   * Takes each document of the publication as soon as it is rendered, in order, with the
   * office it is set for, before the rest of the content is (the PDF step starts setting it);
   * `run` finds that work done. The build may still stop before `run` (the check failed after
   * all): nothing may be written here.
   */
  ahead?(document: PublishedDocument, office: Publication["office"]): void;
  /** Stops early when `signal` is aborted (the site failed: its files are not wanted). */
  run(
    publication: P,
    dir: string,
    progress: (line: string) => void,
    signal?: AbortSignal,
  ): Promise<void>;
}

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  /** Base path of the site, e.g. `/` or `/xinfang/`. */
  base?: string;
  stages?: readonly OutputStage[];
  /** Warnings stop the build too (`--strict`). */
  strict?: boolean;
  /** Receives the diagnostics of the content (errors or warnings) before anything is built. */
  report?: (diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>) => void;
  /** One line of progress (Chinese), for stderr. */
  progress?: (line: string) => void;
  /** Called after each file-system step of the swap (tests kill the process there). */
  onSwapStep?: StepHook;
}

export type BuildResult =
  | {
      ok: false;
      diagnostics: Diagnostic[];
      texts: ReadonlyMap<string, string>;
      /** What became of `--out`: untouched, or recovered from a killed build before reading. */
      output: OutputOutcome;
    }
  | {
      ok: true;
      diagnostics: Diagnostic[];
      texts: ReadonlyMap<string, string>;
      outDir: string;
      documents: number;
      /** HTML pages written. */
      pages: number;
      /** Pages in the search index. */
      indexed: number;
      heldBack: HeldBack[];
      files: number;
    };

/**
 * Why a build failed: `usage` — the output folder may not be used (exit 2); `io` — the output
 * folder cannot be written now, or a read/write failed (exit 3); `internal` — anything else: the
 * content passed the same check `xinfang check` runs, so a failure after it is a fault of the
 * program (exit 70), never a content problem.
 */
export type BuildErrorKind = "usage" | "io" | "internal";

/**
 * What became of `--out` when a build failed: `untouched` — not changed at all; `restored` —
 * moved away for the swap and put back unchanged; `recovered` — a killed build's swap was
 * finished or undone at the start (reported in the progress), then left alone; `pending` — the
 * output is missing, both the previous and the new output lie next to it with the journal, and
 * the next build puts one back.
 */
export type OutputOutcome = "untouched" | "restored" | "recovered" | "pending";

/**
 * Raised when a build cannot be done for another reason than invalid content (that is a result
 * with the diagnostics): `kind` says why, `output` what became of `--out`.
 */
export class BuildError extends Error {
  readonly step: string;
  readonly kind: BuildErrorKind;
  readonly output: OutputOutcome;
  constructor(
    message: string,
    step: string,
    options: ErrorOptions & { kind?: BuildErrorKind; output?: OutputOutcome } = {},
  ) {
    super(message, options);
    this.step = step;
    this.kind = options.kind ?? "internal";
    this.output = options.output ?? "untouched";
  }
}

/**
 * The pdf/missing-glyph errors an output stage failed with (see pdfStage), if that is all it
 * failed with.
 */
function missingGlyphProblems(e: unknown): Diagnostic[] | null {
  if (!(e instanceof BuildError)) return null;
  const problems = (e.cause as { problems?: unknown } | undefined)?.problems;
  if (!Array.isArray(problems) || problems.length === 0) return null;
  const all = problems as Diagnostic[];
  return all.every((p) => p.code === "pdf/missing-glyph") ? all : null;
}

/** The file-system error behind `e` (it may be wrapped by Astro or Vite), if it is one. */
function ioCause(e: unknown): NodeJS.ErrnoException | undefined {
  for (let x = e, depth = 0; x instanceof Error && depth < 5; x = x.cause, depth++) {
    const code = (x as NodeJS.ErrnoException).code;
    if (typeof code === "string" && ENVIRONMENT_ERRORS.has(code)) return x;
  }
  return undefined;
}

/**
 * Runs the output stages, each lane's one after the other and the lanes at the same time, each
 * stage named in the progress as it starts; the main thread's lane (`main`) waits for
 * `mainFree` (the site's pages, which keep that thread busy until then). A failure is a
 * BuildError of that stage (its output outcome is settled by the caller): it stops the other
 * lanes, and is thrown once they have stopped.
 */
async function runStages(
  stages: readonly OutputStage[],
  publication: Publication,
  dir: string,
  progress: (line: string) => void,
  signal: AbortSignal,
  mainFree: Promise<void>,
): Promise<void> {
  const lanes = new Map<string, OutputStage[]>();
  for (const stage of stages) {
    const lane = stage.lane ?? "main";
    lanes.set(lane, [...(lanes.get(lane) ?? []), stage]);
  }
  const failed = new AbortController();
  const stop = AbortSignal.any([signal, failed.signal]);
  let failure: BuildError | undefined;
  const runLane = async (lane: readonly OutputStage[], name: string) => {
    if (name === "main") await mainFree;
    for (const stage of lane) {
      if (stop.aborted) return;
      if (!stage.quiet) progress(`生成${stage.name}……`);
      try {
        await stage.run(publication, dir, progress, stop);
      } catch (e) {
        // the first failure is the one reported; the others' stages were stopped by it
        failure ??= wrap(e, stage.name, "untouched");
        failed.abort();
        return;
      }
    }
  };
  await Promise.all([...lanes].map(([name, lane]) => runLane(lane, name)));
  if (failure) throw failure;
}

/** `e` as a BuildError of `step`: a file-system failure is kind `io`, with the fs error as cause. */
function wrap(e: unknown, step: string, output: OutputOutcome, message?: string): BuildError {
  const errno = ioCause(e);
  return new BuildError(message ?? (e instanceof Error ? e.message : String(e)), step, {
    kind: errno ? "io" : "internal",
    output,
    cause: errno ?? e,
  });
}

/**
 * A failure to lock, recover or create the output folder's parent: any file-system error is
 * kind `io`; anything else is a fault of the program and goes on as it is (exit 70).
 */
function prepareError(e: unknown, output: OutputOutcome): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (!(e instanceof Error) || typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return e;
  return new BuildError(e.message, "prepare", { kind: "io", output, cause: e });
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? (() => {});
  const contentDir = resolve(options.contentDir);
  const outDir = resolve(options.outDir);
  const base = options.base ?? "/";

  const refused = await refuseOutput(outDir, contentDir);
  if (refused) throw new BuildError(refused, "options", { kind: "usage" });

  let lock: OutputLock | undefined;
  let recovered = false;
  /** Locks the output folder, recovers it from a killed build, checks it again under the lock. */
  const takeOutput = async (): Promise<OutputLock> => {
    try {
      lock = await lockOutput(outDir);
      const recovery = await recoverOutput(lock);
      for (const line of recovery.actions) progress(line);
      recovered ||= recovery.outChanged;
    } catch (e) {
      const output = recovered ? "recovered" : "untouched";
      if (e instanceof OutputBlocked)
        throw new BuildError(e.message, "prepare", { kind: "io", output });
      throw prepareError(e, output);
    }
    const again = await refuseOutput(outDir, contentDir);
    if (again)
      throw new BuildError(again, "options", {
        kind: "usage",
        output: recovered ? "recovered" : "untouched",
      });
    return lock;
  };
  try {
    // Before the content is read: a second build into the same folder stops at once, and a
    // killed build's output is put back even when this run's content turns out invalid.
    let held = existsSync(outputPaths(outDir).parent) ? await takeOutput() : undefined;

    progress("检查内容并计算考评结果……");
    // the published documents' glyphs are checked as the PDF step sets them (missingGlyphProblems),
    // which starts on each as soon as it is rendered (on another thread)
    const early = (options.stages ?? []).filter((stage) => stage.ahead);
    const published = await publish(contentDir, {
      glyphs: "held-back",
      ...(early.length > 0 && {
        published: (document: PublishedDocument, office: Publication["office"]) => {
          for (const stage of early) stage.ahead?.(document, office);
        },
      }),
    });
    options.report?.(published.diagnostics, published.texts);
    if (!published.publication || (options.strict && published.diagnostics.length > 0))
      return {
        ok: false,
        diagnostics: published.diagnostics,
        texts: published.texts,
        output: recovered ? "recovered" : "untouched",
      };

    if (!held) {
      try {
        await mkdir(outputPaths(outDir).parent, { recursive: true });
      } catch (e) {
        throw prepareError(e, "untouched");
      }
      held = await takeOutput();
    }
    let made;
    try {
      made = await generate(options, published.publication, base, held, () => recovered);
    } catch (e) {
      const missing = missingGlyphProblems(e);
      if (!missing) throw e;
      // a character no font has: reported, located, as the check reports it
      const { publication, texts } = published;
      const found = await locateGlyphProblems(contentDir, publication, texts, missing);
      options.report?.(found, texts);
      return {
        ok: false,
        diagnostics: sortDiagnostics([...published.diagnostics, ...found]),
        texts,
        output: (e as BuildError).output,
      };
    }
    return { ok: true, diagnostics: published.diagnostics, texts: published.texts, ...made };
  } finally {
    await lock?.release().catch(() => {});
  }
}

/**
 * Puts `files` (relative paths under `from`) into `to`: a top-level folder `to` lacks is moved
 * whole (one rename: a county's PDF and Word files are a thousand files and some 60 MB), anything
 * else, or across file systems, is copied file by file.
 */
export async function moveInto(from: string, to: string, files: readonly string[]): Promise<void> {
  const tops = new Map<string, string[]>();
  for (const file of files) {
    const top = file.split("/")[0] as string;
    tops.set(top, [...(tops.get(top) ?? []), file]);
  }
  for (const [top, inside] of tops) {
    const folder = inside.every((f) => f.startsWith(`${top}/`));
    if (folder && !existsSync(join(to, top))) {
      try {
        await rename(join(from, top), join(to, top));
        continue;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== "EXDEV") throw e;
      }
    }
    for (const file of inside) {
      await mkdir(dirname(join(to, file)), { recursive: true });
      await cp(join(from, file), join(to, file));
    }
  }
}

/** The output phase: everything after validation, with the output folder locked. */
async function generate(
  options: BuildOptions,
  publication: Publication,
  base: string,
  lock: OutputLock,
  recovered: () => boolean,
): Promise<Omit<BuildResult & { ok: true }, "ok" | "diagnostics" | "texts">> {
  const progress = options.progress ?? (() => {});
  const outDir = lock.paths.out;
  const { staged, old } = swapFolders(outDir);
  const extra = await mkdtemp(join(tmpdir(), "xinfang-build-"));
  let step = "prepare";
  let keepStaged = false;
  try {
    // The other outputs are made while the site is built (a stage on a worker thread runs beside
    // it, one on the main thread once its pages are written), which links the files they say
    // they will write.
    const stages = options.stages ?? [];
    const planned = new Set(stages.flatMap((stage) => stage.files(publication)));
    const stop = new AbortController();
    let siteEnded = () => {};
    const mainFree = new Promise<void>((resolve) => (siteEnded = resolve));
    const outputs = runStages(stages, publication, extra, progress, stop.signal, mainFree);
    outputs.catch(() => {}); // awaited below, after the site
    step = "site";
    let site: SiteResult;
    try {
      site = await renderSite({
        publication,
        files: planned,
        base,
        dir: staged,
        progress,
        running,
        pagesWritten: siteEnded,
      });
    } catch (e) {
      stop.abort();
      siteEnded();
      await outputs.catch(() => {});
      throw e;
    }
    siteEnded();
    await outputs;
    const extraFiles = listFiles(extra);
    const unplanned = extraFiles.filter((f) => !planned.has(f));
    const missing = [...planned].filter((f) => !extraFiles.includes(f));
    if (unplanned.length || missing.length)
      throw new BuildError(
        `输出文件与预定的不一致：${[...missing.map((f) => `缺少 ${f}`), ...unplanned.map((f) => `多出 ${f}`)].slice(0, 5).join("，")}`,
        "outputs",
      );

    step = "site";
    await moveInto(extra, staged, extraFiles);

    const files = listFiles(staged);

    step = "swap";
    await writeMarker(staged);
    let swapped;
    try {
      swapped = await swapOutput(lock, staged, old, options.onSwapStep);
    } catch (e) {
      keepStaged = e instanceof SwapError && e.state === "pending";
      throw e;
    }
    if (swapped.leftover)
      progress(`注意：未能删除原有的网站 ${swapped.leftover}，下次生成时会再清理。`);
    return {
      outDir,
      documents: publication.documents.length,
      pages: site.pages,
      indexed: site.indexed,
      heldBack: publication.heldBack,
      files: files.length,
    };
  } catch (e) {
    if (!keepStaged) await rm(staged, { recursive: true, force: true }).catch(() => {});
    const output: OutputOutcome =
      e instanceof SwapError && e.state !== "untouched"
        ? e.state
        : recovered()
          ? "recovered"
          : "untouched";
    if (e instanceof BuildError)
      throw new BuildError(e.message, e.step, { kind: e.kind, output, cause: e.cause });
    if (e instanceof SiteError) throw wrap(e.cause ?? e, e.step, output, e.message);
    throw wrap(e, step, output);
  } finally {
    await rm(extra, { recursive: true, force: true }).catch(() => {});
  }
}
