// `xinfang pdf <document-id> [--out FILE] [--content DIR]`: one published document as a
// GB/T 9704 PDF. Invalid content or a character no font has: the problems, exit 1, no file.
// FILE may not lie in the content folder (exit 2); its folder must exist and be writable (else
// exit 3, one line naming the folder). The PDF is written to a temporary file in that folder and
// renamed over FILE, so an existing FILE is only ever replaced by a complete PDF.
import { accessSync, constants, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { preloadShippedFonts, renderPdf } from "../pdf/index.ts";
import { locateGlyphProblems, publish } from "../index.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { relationToContent } from "../build/output-dir.ts";
import { displayPrefix } from "./check.ts";
import { formatProblems, summarise } from "./format-diagnostics.ts";
import { writeAtomically } from "./out-file.ts";
import { EXIT_CONTENT, EXIT_OK, IoError, UsageError } from "./io.ts";
import type { Io } from "./io.ts";
import type { Doc } from "../doc/types.ts";
import type { Publication } from "../site/input.ts";
import { contentDir } from "./options.ts";

const WHY: Record<string, string> = {
  EACCES: "没有写入权限",
  EPERM: "没有写入权限",
  EROFS: "所在的文件系统是只读的",
  ENOSPC: "磁盘空间不足",
  EDQUOT: "磁盘配额已满",
  EIO: "读写出错",
  ENOENT: "文件夹不存在",
  ENOTDIR: "文件夹不存在（路径中有一部分是文件）",
};

/** One Chinese line: the PDF cannot be written into `folder`. */
function cannotWrite(folder: string, e: unknown): IoError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? "";
  const why = WHY[code] ?? `系统错误 ${code || String(e)}`;
  return new IoError(`无法把 PDF 写入文件夹“${folder}”：${why}。未生成 PDF。`);
}

/**
 * Checks `--out` before anything is rendered: not in the content folder (exit 2), not a folder
 * (exit 2), and its folder exists and is writable (exit 3).
 */
export async function checkPdfOut(out: string, contentDir: string): Promise<void> {
  const relation = await relationToContent(out, contentDir);
  if (relation === "same" || relation === "inside") {
    const example = /\.pdf$/i.test(out) ? `，例如 --out ${basename(out)}` : "";
    throw new UsageError(
      `--out ${out} 在内容目录 ${resolve(contentDir)} 之内，不能把 PDF 写进内容目录。未做任何改动。请指定内容目录以外的文件${example}`,
    );
  }
  if (statOrNull(out)?.isDirectory())
    throw new UsageError(
      `--out ${out} 是一个文件夹，请指定 PDF 文件的路径，例如 --out ${join(out, "文书.pdf")}`,
    );
  const folder = dirname(out);
  try {
    if (!statSync(folder).isDirectory())
      throw cannotWrite(folder, Object.assign(new Error(), { code: "ENOTDIR" }));
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw e instanceof IoError ? e : cannotWrite(folder, e);
  }
}

/** `path`'s status, or null when it cannot be had (absent, no permission …). */
function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Writes `bytes` to `file` atomically: into a temporary file in the same folder, flushed, then
 * renamed over `file`. On any failure the temporary file is removed and `file` is as it was.
 * `afterWrite` runs between writing and renaming (tests make it fail).
 */
export async function writeFileAtomic(
  file: string,
  bytes: Uint8Array,
  afterWrite: (temporary: string) => Promise<void> = async () => {},
): Promise<void> {
  await writeAtomically(file, bytes, (e) => cannotWrite(dirname(file), e), afterWrite);
}

/** The published document `id`, or the exit code when there is none to write (said on stderr). */
export async function documentToWrite(
  dir: string,
  id: string,
  io: Io,
  strict: boolean,
  what: string,
): Promise<
  | {
      doc: Doc;
      publication: Publication;
      prefix: string;
      texts: ReadonlyMap<string, string>;
      /** What the check found (warnings: it passed). */
      diagnostics: Diagnostic[];
    }
  | { exit: number }
> {
  // the document's glyphs are checked as it is set (locateGlyphProblems), not laid out twice
  const { publication, diagnostics, texts } = await publish(dir, {
    only: id,
    glyphs: "held-back",
  });
  const prefix = displayPrefix(dir, io.cwd);
  io.stderr.write(formatProblems(diagnostics, { prefix, texts, strict }));
  if (!publication || (strict && diagnostics.length > 0)) {
    io.stderr.write(`${summarise(diagnostics, strict)}\n未生成${what}。\n`);
    return { exit: EXIT_CONTENT };
  }
  const held = publication.heldBack.find((h) => h.id === id);
  if (held) {
    io.stderr.write(
      `文书“${held.title}”带有密级（${held.secret}），不在发布范围内，未生成${what}。\n`,
    );
    return { exit: EXIT_CONTENT };
  }
  const found = publication.documents.find((d) => d.doc.meta.id === id);
  if (!found) {
    const all = (await publish(dir)).publication?.documents ?? [];
    const ids = all.map((d) => d.doc.meta.id);
    throw new UsageError(`没有编号为“${id}”的文书。可用的编号：\n  ${ids.join("\n  ")}`);
  }
  return { doc: found.doc, publication, prefix, texts, diagnostics };
}

export async function runPdf(
  values: Record<string, unknown>,
  io: Io,
  positionals: string[] = [],
): Promise<number> {
  const [id, ...extra] = positionals;
  if (!id) throw new UsageError("请指定文书编号，例如 xinfang pdf plan-2025-annual");
  if (extra.length) throw new UsageError(`多余的参数：${extra.join(" ")}`);
  const dir = await contentDir(values, io);
  const out = resolve(io.cwd, typeof values.out === "string" ? values.out : `${id}.pdf`);
  await checkPdfOut(out, dir);
  const strict = values.strict === true;
  // Only the asked-for document is rendered (a cold start stays quick), and the shipped 楷体's
  // glyphs are inflated on a worker thread meanwhile.
  const preloaded = preloadShippedFonts();
  const found = await documentToWrite(dir, id, io, strict, " PDF");
  if ("exit" in found) return found.exit;
  const { doc, publication, prefix, texts } = found;
  await preloaded;
  const result = await renderPdf(doc, {
    contentDir: dir,
    fonts: publication.office?.fonts ?? "auto",
  });
  const problems = await locateGlyphProblems(dir, publication, texts, result.problems);
  io.stderr.write(formatProblems(problems, { prefix, texts, strict }));
  if (result.bytes.length === 0) {
    io.stderr.write(`${summarise([...found.diagnostics, ...problems], strict)}\n未生成 PDF。\n`);
    return EXIT_CONTENT;
  }
  await writeFileAtomic(out, result.bytes);
  io.stderr.write(`已生成 ${relative(io.cwd, out) || out}（${result.pages} 页）。\n`);
  return problems.length ? EXIT_CONTENT : EXIT_OK;
}
