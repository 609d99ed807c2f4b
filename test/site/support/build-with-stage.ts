// `node build-with-stage.ts <content> <out> <document-id>`: builds the site with an extra output
// stage that writes pdf/<document-id>.pdf, as the PDF stage will. Prints the result as JSON.
import { writeFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { buildSite } from "../../../src/build/index.ts";

const [content, out, id] = process.argv.slice(2) as [string, string, string];
const result = await buildSite({
  contentDir: content,
  outDir: out,
  stages: [
    {
      name: "PDF（测试）",
      run: async (_publication, dir) => {
        await mkdir(join(dir, "pdf"), { recursive: true });
        await writeFile(join(dir, "pdf", `${id}.pdf`), "%PDF-1.4\n%%EOF\n");
      },
    },
  ],
});
console.log(JSON.stringify({ ok: result.ok, pages: result.ok ? result.pages : 0 }));
