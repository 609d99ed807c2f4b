// `node test/bench/markdown.ts [content dir …]`: for every document of each content folder
// (default: the example and the county of `npm run bench:build`), whether the fast Markdown
// reader takes its body and, when it does, whether its tree is micromark's (it must be); then
// the time of parseMarkdown over all bodies against micromark alone, in turns in one process.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { splitFrontMatter } from "../../src/doc/from-markdown.ts";
import { checkContent } from "../../src/index.ts";
import { fastMarkdown } from "../../src/load/markdown-fast.ts";
import { parseMarkdown, parseMarkdownWithMicromark } from "../../src/load/markdown.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dirs = process.argv.slice(2);
if (!dirs.length) dirs.push(join(ROOT, "content"), join(ROOT, ".bench/site-county-300u-20000p"));
const ROUNDS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

let failed = false;
for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.log(`${dir}: missing (\`npm run bench:build county\` generates the county)`);
    continue;
  }
  const checked = await checkContent(dir);
  const bodies = (checked.documents ?? []).map((d) => splitFrontMatter(d.markdown).body);
  let taken = 0;
  let takenChars = 0;
  let differ = 0;
  for (const body of bodies) {
    const fast = fastMarkdown(body);
    if (!fast) continue;
    taken++;
    takenChars += body.length;
    if (!isDeepStrictEqual(fast, parseMarkdownWithMicromark(body))) differ++;
  }
  const chars = bodies.reduce((n, b) => n + b.length, 0);
  const times = { micromark: [] as number[], parseMarkdown: [] as number[] };
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, parse] of [
      ["micromark", parseMarkdownWithMicromark],
      ["parseMarkdown", parseMarkdown],
    ] as const) {
      const t = performance.now();
      for (const body of bodies) parse(body);
      times[name].push(performance.now() - t);
    }
  console.log(
    `${dir}: ${bodies.length} documents (${chars} characters); fast reader took ${taken}` +
      ` (${takenChars} characters), ${differ} of them not as micromark reads them;` +
      ` micromark ${median(times.micromark).toFixed(0)} ms, parseMarkdown` +
      ` ${median(times.parseMarkdown).toFixed(0)} ms (medians of ${ROUNDS})`,
  );
  if (differ) failed = true;
}
if (failed) process.exit(1);
