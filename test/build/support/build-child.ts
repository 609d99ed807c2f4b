// `node build-child.ts <content> <out> <swap-step>`: `xinfang build` as the CLI runs it, with a
// failure injected right after the given step of the swap. Prints the failure as JSON: its kind,
// what became of --out, and the sentence the CLI prints for that.
import { outputSentence } from "../../../src/cli/build.ts";
import { BuildError, buildSite } from "../../../src/build/index.ts";

const [content, out, failAt] = process.argv.slice(2) as [string, string, string];
try {
  await buildSite({
    contentDir: content,
    outDir: out,
    onSwapStep: (step) => {
      if (step === failAt) throw new Error(`injected failure after ${step}`);
    },
  });
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  if (!(e instanceof BuildError)) throw e;
  console.log(
    JSON.stringify({ kind: e.kind, output: e.output, sentence: outputSentence(e.output, out) }),
  );
}
