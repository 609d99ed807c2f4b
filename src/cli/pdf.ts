// `xinfang pdf <document-id> [--out FILE] [--content DIR]`: one published document as a
// GB/T 9704 PDF. Invalid content or a character no font has: the problems, exit 1, no file.
import { writeFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import type { PdfProblem } from "../pdf/index.ts";
import { renderPdf } from "../pdf/index.ts";
import { publish } from "../publish/index.ts";
import { displayPrefix } from "./check.ts";
import { formatProblems, summarise } from "./format-diagnostics.ts";
import { EXIT_CONTENT, EXIT_OK, UsageError } from "./io.ts";
import type { Io } from "./io.ts";
import { contentDir } from "./options.ts";

export function formatPdfProblems(problems: readonly PdfProblem[]): string {
  return problems.map((p) => `${p.code}  错误：${p.message}\n  提示：${p.hint}\n`).join("");
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
  const strict = values.strict === true;
  // Only the asked-for document is rendered (a cold start stays quick).
  const { publication, diagnostics, texts } = await publish(dir, { only: id });
  const prefix = displayPrefix(dir, io.cwd);
  io.stderr.write(formatProblems(diagnostics, { prefix, texts, strict }));
  if (!publication || (strict && diagnostics.length > 0)) {
    io.stderr.write(`${summarise(diagnostics, strict)}\n未生成 PDF。\n`);
    return EXIT_CONTENT;
  }
  const held = publication.heldBack.find((h) => h.id === id);
  if (held) {
    io.stderr.write(
      `文书“${held.title}”带有密级（${held.secret}），不在发布范围内，未生成 PDF。\n`,
    );
    return EXIT_CONTENT;
  }
  const found = publication.documents.find((d) => d.doc.meta.id === id);
  if (!found) {
    const all = (await publish(dir)).publication?.documents ?? [];
    const ids = all.map((d) => d.doc.meta.id);
    throw new UsageError(`没有编号为“${id}”的文书。可用的编号：\n  ${ids.join("\n  ")}`);
  }
  const result = await renderPdf(found.doc, {
    contentDir: dir,
    fonts: publication.office?.fonts ?? {},
  });
  if (result.problems.length) io.stderr.write(formatPdfProblems(result.problems));
  if (result.bytes.length === 0) {
    io.stderr.write("未生成 PDF。\n");
    return EXIT_CONTENT;
  }
  const out = resolve(io.cwd, typeof values.out === "string" ? values.out : `${id}.pdf`);
  await writeFile(out, result.bytes);
  io.stderr.write(`已生成 ${relative(io.cwd, out) || out}（${result.pages} 页）。\n`);
  return result.problems.length ? EXIT_CONTENT : EXIT_OK;
}
