// build: a content folder → the intranet site in an output folder, or the diagnostics that stop
// it. Order: publish (validate, score, render) — nothing is written when that fails; other
// output stages (PDF …) into a side folder; Astro into a temporary folder next to the output;
// Pagefind over it; then the temporary folder replaces the output. A failure at any step leaves
// the previous output as it was.
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { PACKAGE_ROOT, siteConfig } from "./astro-config.ts";
import { publish } from "./index.ts";
import { findExternalReferences } from "./offline.ts";
import { handOver, setAstroLogSink } from "./site-input.ts";
import type { AstroLogEvent } from "./site-input.ts";
import type { HeldBack, Publication } from "./types.ts";

/** A further output (PDF, DOCX …): writes files under `dir`, which becomes the output root. */
export interface OutputStage {
  name: string;
  run(publication: Publication, dir: string, progress: (line: string) => void): Promise<void>;
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
}

export type BuildResult =
  | { ok: false; diagnostics: Diagnostic[]; texts: Map<string, string> }
  | {
      ok: true;
      diagnostics: Diagnostic[];
      texts: Map<string, string>;
      outDir: string;
      documents: number;
      /** HTML pages written. */
      pages: number;
      /** Pages in the search index. */
      indexed: number;
      heldBack: HeldBack[];
      files: number;
    };

/** Raised when the build fails after validation; the previous output is untouched. */
export class BuildError extends Error {
  readonly step: string;
  constructor(message: string, step: string, options?: ErrorOptions) {
    super(message, options);
    this.step = step;
  }
}

let serial = 0;

const VITE_RESERVED = ["BASE_URL", "MODE", "DEV", "PROD", "SSR"];

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out.sort();
}

/** Runs Astro with the publication handed over, in a private working folder. */
async function runAstro(
  contentDir: string,
  siteDir: string,
  base: string,
  work: string,
  progress: (line: string) => void,
): Promise<void> {
  process.env.ASTRO_TELEMETRY_DISABLED = "1";
  const { build } = await import("astro");
  let generated = 0;
  const problems: string[] = [];
  setAstroLogSink((e: AstroLogEvent) => {
    const line = stripVTControlCharacters(e.message);
    if (e.level === "warn" || e.level === "error") {
      problems.push(line);
      progress(`  Astro ${e.level === "warn" ? "警告" : "错误"}：${line}`);
    } else if (/index\.html|\.html \(/.test(line) && /[├└]─/.test(line)) {
      generated++;
      if (generated % 200 === 0) progress(`  已生成 ${generated} 个页面……`);
    }
  });
  // Astro writes its server-side bundle under the working directory when the output lies
  // outside it, and that bundle must find this package's node_modules: so work in a private
  // folder inside the package. Concurrent builds then never share a folder.
  const cwd = process.cwd();
  process.chdir(work);
  // Vite lets these names in the environment override import.meta.env (a BASE_URL from the
  // shell, or from a test runner, would replace the base path): hide them during the build.
  const hidden = VITE_RESERVED.map((name) => [name, process.env[name]] as const);
  for (const [name] of hidden) delete process.env[name];
  try {
    await build(
      siteConfig({
        contentDir,
        outDir: siteDir,
        base,
        cacheDir: join(work, "cache"),
        captureLogs: true,
      }),
    );
  } finally {
    process.chdir(cwd);
    for (const [name, value] of hidden) if (value !== undefined) process.env[name] = value;
    setAstroLogSink(undefined);
  }
}

async function runPagefind(siteDir: string): Promise<void> {
  const pagefind = await import("pagefind");
  try {
    const { index, errors } = await pagefind.createIndex({});
    if (!index) throw new Error(errors.join("\n"));
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(added.errors.join("\n"));
    const bundle = join(siteDir, "pagefind");
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length) throw new Error(written.errors.join("\n"));
    // The site has its own search page on pagefind.js; Pagefind's ready-made UIs are not used.
    for (const name of await readdir(bundle))
      if (/^pagefind-(ui|modular-ui|component-ui|highlight)\./.test(name))
        await rm(join(bundle, name));
  } finally {
    await pagefind.close();
  }
}

/** Whether a process with this id is running (for folders left by a build that was killed). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes the temporary folders of builds that were killed: `pattern` captures the pid. */
async function removeStale(dir: string, pattern: RegExp): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const m = pattern.exec(name);
    if (m && !running(Number(m[1]))) await rm(join(dir, name), { recursive: true, force: true });
  }
}

/** Replaces `outDir` by `staged`; on failure the previous `outDir` is put back. */
async function swapInto(staged: string, outDir: string): Promise<void> {
  const old = join(dirname(outDir), `.${basename(outDir)}.old-${process.pid}-${serial}`);
  const hadOld = existsSync(outDir);
  if (hadOld) await rename(outDir, old);
  try {
    await rename(staged, outDir);
  } catch (e) {
    if (hadOld) await rename(old, outDir);
    throw e;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const progress = options.progress ?? (() => {});
  const contentDir = resolve(options.contentDir);
  const outDir = resolve(options.outDir);
  const base = options.base ?? "/";

  progress("检查内容并计算考评结果……");
  const published = await publish(contentDir);
  options.report?.(published.diagnostics, published.texts);
  if (!published.publication || (options.strict && published.diagnostics.length > 0))
    return { ok: false, diagnostics: published.diagnostics, texts: published.texts };
  const publication = published.publication;

  const outParent = dirname(outDir);
  if (relative(outDir, contentDir) === "" || !relative(outDir, contentDir).startsWith(".."))
    throw new BuildError(`输出目录 ${outDir} 包含内容目录，不能用作输出目录。`, "options");
  if (!(await isBuildOutput(outDir)))
    throw new BuildError(
      `输出目录 ${outDir} 已有其他文件（不是以前生成的网站），为免覆盖，请换一个输出目录。`,
      "options",
    );
  await mkdir(outParent, { recursive: true });
  serial++;
  const tag = `${process.pid}-${serial}`;
  const staged = join(outParent, `.${basename(outDir)}.building-${tag}`);
  const work = join(PACKAGE_ROOT, ".astro", `build-${tag}`);
  const extra = join(work, "extra");
  let step = "prepare";
  try {
    const escaped = basename(outDir).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    await removeStale(outParent, new RegExp(`^\\.${escaped}\\.(?:building|old)-(\\d+)-\\d+$`));
    await removeStale(dirname(work), /^build-(\d+)-\d+$/);
    await mkdir(extra, { recursive: true });

    for (const stage of options.stages ?? []) {
      step = stage.name;
      progress(`生成${stage.name}……`);
      await stage.run(publication, extra, progress);
    }
    const extraFiles = await listFiles(extra);

    step = "site";
    progress(
      `生成网站（${publication.documents.length} 份文书，${publication.units.length} 个村（社区））……`,
    );
    handOver({ publication, files: new Set(extraFiles) });
    try {
      await runAstro(contentDir, staged, base, work, progress);
    } finally {
      handOver(undefined);
    }
    for (const file of extraFiles) {
      await mkdir(dirname(join(staged, file)), { recursive: true });
      await cp(join(extra, file), join(staged, file));
    }

    step = "check";
    for (const held of publication.heldBack) {
      if (existsSync(join(staged, "documents", held.id)))
        throw new BuildError(`涉密文书“${held.title}”出现在网站中，已停止生成。`, step);
    }

    step = "search";
    progress("建立全文搜索索引……");
    await runPagefind(staged);

    step = "offline";
    const external = await findExternalReferences(staged);
    if (external.length) {
      const list = external.slice(0, 10).map((e) => `  ${e.file}：${e.url}`);
      throw new BuildError(
        `网站中有 ${external.length} 处引用了其他网站的地址，内网无法访问：\n${list.join("\n")}`,
        step,
      );
    }

    const files = await listFiles(staged);
    const html = files.filter((f) => f.endsWith(".html"));
    let indexed = 0;
    for (const f of html)
      if ((await readFile(join(staged, f), "utf8")).includes("data-pagefind-body")) indexed++;

    step = "swap";
    await swapInto(staged, outDir);
    return {
      ok: true,
      diagnostics: published.diagnostics,
      texts: published.texts,
      outDir,
      documents: publication.documents.length,
      pages: html.length,
      indexed,
      heldBack: publication.heldBack,
      files: files.length,
    };
  } catch (e) {
    await rm(staged, { recursive: true, force: true }).catch(() => {});
    if (e instanceof BuildError) throw e;
    throw new BuildError(e instanceof Error ? e.message : String(e), step, { cause: e });
  } finally {
    await rm(work, { recursive: true, force: true }).catch(() => {});
  }
}

/** Whether `dir` looks like a previous build output (safe to replace). */
export async function isBuildOutput(dir: string): Promise<boolean> {
  const info = await stat(dir).catch(() => null);
  if (!info) return true;
  if (!info.isDirectory()) return false;
  const names = await readdir(dir);
  return names.length === 0 || names.includes("index.html") || names.includes("pagefind");
}
