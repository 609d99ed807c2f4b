// `node build-with-stage.ts <content> <out> <document-id> [undeclared]`: builds the site with an
// extra output stage that writes pdf/<document-id>.pdf, as the PDF stage will; `undeclared`: a
// stage that writes it without having said so. Prints the result (or the BuildError) as JSON.
import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { BuildError, buildSite } from "../../../src/build/index.ts";

const [content, out, id, mode] = process.argv.slice(2) as [string, string, string, string?];
try {
  const result = await buildSite({
    contentDir: content,
    outDir: out,
    stages: [
      {
        name: "PDF（测试）",
        files: () => (mode === "undeclared" ? [] : [`pdf/${id}.pdf`]),
        run: async (_publication, dir) => {
          await mkdir(join(dir, "pdf"), { recursive: true });
          await writeFile(join(dir, "pdf", `${id}.pdf`), "%PDF-1.4\n%%EOF\n");
        },
      },
    ],
  });
  console.log(JSON.stringify({ ok: result.ok, pages: result.ok ? result.pages : 0 }));
} catch (e) {
  if (!(e instanceof BuildError)) throw e;
  console.log(JSON.stringify({ ok: false, step: e.step, kind: e.kind, message: e.message }));
}
