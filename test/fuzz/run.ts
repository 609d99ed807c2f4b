// `npm run fuzz [-- --count N --seed S --build-every K]`: the mutation fuzz at scale. Prints one
// line per violating case (seed and mutations, to reproduce with --seed S --count 1) and a table.
import { parseArgs } from "node:util";
import { runCase } from "./invariants.ts";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "3000" },
    seed: { type: "string", default: "1" },
    "build-every": { type: "string", default: "25" },
  },
});
const count = Number(values.count);
const first = Number(values.seed);
const buildEvery = Number(values["build-every"]);
const started = performance.now();
let failed = 0;
let passed = 0;
let pdfs = 0;
let builds = 0;
let violating = 0;
const byMutation = new Map<string, number>();
for (let i = 0; i < count; i++) {
  const seed = first + i;
  const r = await runCase(seed, { pdfs: true, build: buildEvery > 0 && passed % buildEvery === 0 });
  if (r.check === 0) passed++;
  else failed++;
  if (r.pdfs) pdfs++;
  if (r.built) builds++;
  for (const m of r.mutations) {
    const name = m.split(" ")[0] as string;
    byMutation.set(name, (byMutation.get(name) ?? 0) + 1);
  }
  if (r.violations.length) {
    violating++;
    console.log(`seed ${seed} [${r.mutations.join(" | ")}]\n  ${r.violations.join("\n  ")}`);
  }
  if ((i + 1) % 100 === 0)
    console.error(`  ${i + 1}/${count}，${((performance.now() - started) / 1000).toFixed(0)} s`);
}
const seconds = (performance.now() - started) / 1000;
console.log(`
| folders | check failed | check passed | PDFs written | full builds | violating | time |
|---|---|---|---|---|---|---|
| ${count} | ${failed} | ${passed} | ${pdfs} | ${builds} | ${violating} | ${seconds.toFixed(0)} s |

mutations applied: ${[...byMutation].map(([k, n]) => `${k} ${n}`).join(", ")}`);
process.exitCode = violating ? 1 : 0;
