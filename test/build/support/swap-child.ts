// `node swap-child.ts <out> <kill-after> <label>`: the output phase of a build on a small fake
// output, as buildSite runs it: lock, recover, stage (files and the marker), swap, release. After
// the file-system step number <kill-after> (1-based; 0: never) the process SIGKILLs itself, as
// a power button or `kill -9` would. The staged output's files all say <label>.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  lockOutput,
  recoverOutput,
  swapFolders,
  swapOutput,
  writeMarker,
} from "../../../src/build/output-dir.ts";

const [out, killAfter, label] = process.argv.slice(2) as [string, string, string];
let steps = 0;
const step = (name: string) => {
  steps++;
  process.stdout.write(`${name}\n`);
  if (steps === Number(killAfter)) process.kill(process.pid, "SIGKILL");
};

const lock = await lockOutput(out);
step("locked");
await recoverOutput(lock);
step("recovered");
const { staged, old } = swapFolders(out);
await mkdir(join(staged, "documents", "a"), { recursive: true });
await writeFile(join(staged, "index.html"), `<p>${label}</p>\n`);
await writeFile(join(staged, "documents", "a", "index.html"), `<p>${label} a</p>\n`);
await writeMarker(staged);
step("staged");
await swapOutput(lock, staged, old, step);
await lock.release();
step("released");
