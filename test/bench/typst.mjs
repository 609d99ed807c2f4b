// Typst (0.14, through the npm package @myriaddreamin/typst-ts-node-compiler) as `npm run
// bench:pdf` runs it: the compiler given the folders of the Noto Serif SC / Noto Sans SC faces the
// bench documents use (shared/bench/vs-typst/README.md). Run as a script
// (`node test/bench/typst.mjs DOC.typ OUT.pdf`) it is one cold compile: a new process that loads
// the compiler, compiles one document and writes its PDF. Plain JavaScript: nothing to strip.
import { writeFileSync } from "node:fs";
import process from "node:process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");

/** The folders of the faces the documents use (regular and bold serif, bold sans). */
export function fontFolders() {
  const folder = (pkg, face) =>
    join(dirname(require.resolve(`@expo-google-fonts/${pkg}/package.json`)), face);
  return [
    folder("noto-serif-sc", "400Regular"),
    folder("noto-serif-sc", "700Bold"),
    folder("noto-sans-sc", "700Bold"),
  ];
}

/** A compiler with the documents' fonts; `workspace` is the folder of the .typ files. */
export function typstCompiler(workspace) {
  return NodeCompiler.create({ workspace, fontArgs: [{ fontPaths: fontFolders() }] });
}

/** Compiles one .typ file to PDF bytes and their page count; throws on an error or a warning. */
export function compileTypst(compiler, file) {
  const result = compiler.compile({ mainFilePath: file });
  const doc = result.result;
  const warnings = result.takeWarnings();
  if (!doc || warnings) {
    result.printErrors();
    throw new Error(`Typst could not compile ${file} cleanly`);
  }
  const bytes = compiler.pdf(doc);
  compiler.evictCache(10);
  return { bytes, pages: doc.numOfPages };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file, out] = process.argv.slice(2);
  if (!file || !out) throw new Error("usage: node test/bench/typst.mjs DOC.typ OUT.pdf");
  writeFileSync(out, compileTypst(typstCompiler(dirname(file)), file).bytes);
}
