// `xinfang docx <document-id> [--out FILE] [--content DIR]`: one published document as a Word
// file in GB/T 9704 layout, set as the PDF is (the same layout decides where the 版记 goes and
// how each table is set). Invalid content or a character no font has: the problems, exit 1, no
// file. FILE may not lie in the content folder (exit 2); it is written to a temporary file in its
// folder and renamed over FILE, so an existing FILE is only ever replaced by a complete one.
import { relative, resolve } from "node:path";
import { renderDocx } from "../build/docx-files.ts";
import { locateGlyphProblems } from "../index.ts";
import { pdfFonts, preloadShippedFonts, typeset } from "../pdf/index.ts";
import { formatProblems, summarise } from "./format-diagnostics.ts";
import { EXIT_CONTENT, EXIT_OK, UsageError } from "./io.ts";
import type { Io } from "./io.ts";
import { contentDir } from "./options.ts";
import { checkOutFile, writeOutFile } from "./out-file.ts";
import { documentToWrite } from "./pdf.ts";

const WHAT = " Word 文件";

export async function runDocx(
  values: Record<string, unknown>,
  io: Io,
  positionals: string[] = [],
): Promise<number> {
  const [id, ...extra] = positionals;
  if (!id) throw new UsageError("请指定文书编号，例如 xinfang docx plan-2025-annual");
  if (extra.length) throw new UsageError(`多余的参数：${extra.join(" ")}`);
  const dir = await contentDir(values, io);
  const out = resolve(io.cwd, typeof values.out === "string" ? values.out : `${id}.docx`);
  await checkOutFile(out, dir, "--out", WHAT.trim());
  const strict = values.strict === true;
  const preloaded = preloadShippedFonts();
  const found = await documentToWrite(dir, id, io, strict, WHAT);
  if ("exit" in found) return found.exit;
  const { doc, publication, prefix, texts } = found;
  await preloaded;
  const fonts = pdfFonts({ contentDir: dir, fonts: publication.office?.fonts ?? "auto" });
  const result = await renderDocx(typeset(doc, fonts.set), publication.office?.name ?? "");
  const problems = await locateGlyphProblems(dir, publication, texts, [
    ...fonts.problems,
    ...result.problems,
  ]);
  io.stderr.write(formatProblems(problems, { prefix, texts, strict }));
  if (result.bytes.length === 0) {
    io.stderr.write(`${summarise([...found.diagnostics, ...problems], strict)}\n未生成${WHAT}。\n`);
    return EXIT_CONTENT;
  }
  await writeOutFile(out, result.bytes, WHAT.trim());
  io.stderr.write(`已生成 ${relative(io.cwd, out) || out}。\n`);
  return problems.length ? EXIT_CONTENT : EXIT_OK;
}
