// Running `xinfang build` as a user does (a child process), and reading what it wrote.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const BIN = join(ROOT, "src/cli/bin.ts");

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `xinfang args…` in a child process; `nodeArgs` go to Node first (e.g. `--import`). */
export function runCli(args: string[], cwd = ROOT, nodeArgs: string[] = []): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, BIN, ...args], {
      cwd,
      env: { ...process.env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every file under `dir`, relative, sorted. */
export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

/** sha256 of every file: the fingerprint of a build output. */
export async function fingerprint(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await listFiles(dir))
    out.set(
      f,
      createHash("sha256")
        .update(await readFile(join(dir, f)))
        .digest("hex"),
    );
  return out;
}

/** The text of every file as a reader could find it (the search index is plain JSON). */
export async function readableTexts(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await listFiles(dir)) out.set(f, (await readFile(join(dir, f))).toString("utf8"));
  return out;
}
