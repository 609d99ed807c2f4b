// `node lone-stage.ts <dir>`: runs one slow stage on a worker thread with nothing else of this
// process running, then prints "done" (the process must wait for the stage, not exit before).
import { onWorkerThread } from "../../../src/build/worker-stages.ts";
import type { Publication } from "../../../src/site/input.ts";

const [dir] = process.argv.slice(2) as [string];
const [stage] = await onWorkerThread(
  new URL("./fixture-stages.ts", import.meta.url),
  { kinds: ["slow"] },
  ["units"],
);
await stage?.run({ units: [] } as unknown as Publication, dir, () => {});
console.log("done");
