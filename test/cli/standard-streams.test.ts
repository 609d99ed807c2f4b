// How a command writes its standard output (src/cli/run.ts, standardStream): with blocking
// writes to a file or a pipe, through Node's stream otherwise. Whatever the way, the same bytes
// arrive: into a file, a pipe read as it comes, a pipe that another process made non-blocking
// and that is read only once it is full (the writes that no longer fit go on through Node's
// stream, in order); a reader that has gone away costs nothing but the rest of the output.
import { spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NODE = join(ROOT, "node_modules/.bin/node");
const LAUNCHER = join(ROOT, "bin/xinfang.mjs");
/** Some 70 KB on standard output: more than a pipe holds before it is read. */
const ARGS = ["score", "--year", "2025", "--json", "--content", join(ROOT, "content")];

const tmp = mkdtempSync(join(tmpdir(), "xinfang-streams-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const env = { ...process.env, NO_COLOR: "1" };

/** What the command writes into a file, and on standard error (its warnings). */
function intoFile(): { out: Buffer; err: string } {
  const file = join(tmp, "out.json");
  const fd = openSync(file, "w");
  try {
    const r = spawnSync(NODE, [LAUNCHER, ...ARGS], { stdio: ["ignore", fd, "pipe"], env });
    expect(r.status).toBe(0);
    return { out: readFileSync(file), err: r.stderr.toString() };
  } finally {
    closeSync(fd);
  }
}

/** Runs the launcher with ARGS, its standard output a pipe (a socket: Node's) read as it comes. */
function throughPipe() {
  return new Promise<{ code: number | null; out: Buffer; err: string }>((resolve) => {
    const child = spawn(NODE, [LAUNCHER, ...ARGS], { stdio: ["ignore", "pipe", "pipe"], env });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("close", (code) => resolve({ code, out: Buffer.concat(out), err }));
  });
}

describe("standard output", () => {
  const { out: expected, err: warnings } = intoFile();

  it("is more than a pipe holds, and valid JSON", () => {
    expect(expected.length).toBeGreaterThan(65_536);
    expect(() => JSON.parse(expected.toString("utf8"))).not.toThrow();
  });

  it("arrives whole through a pipe read as it comes", async () => {
    const r = await throughPipe();
    expect(r.err).toBe(warnings);
    expect(r.code).toBe(0);
    expect(r.out.equals(expected)).toBe(true);
  });

  it.skipIf(process.platform === "win32")(
    "arrives whole through a non-blocking pipe that is read only once full",
    () => {
      // A shell's pipe, which Node's stream for it makes non-blocking (the launcher then runs in
      // the same process), read only after a second: the command's writes fill it long before.
      const wrapper = join(tmp, "non-blocking.mjs");
      writeFileSync(
        wrapper,
        `process.stdout.isTTY;\nawait import(${JSON.stringify(pathToFileURL(LAUNCHER).href)});\n`,
      );
      const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
      const command = [NODE, wrapper, ...ARGS].map(q).join(" ");
      const r = spawnSync("sh", ["-c", `{ ${command}; echo "exit $?" >&2; } | { sleep 1; cat; }`], {
        env,
        maxBuffer: 1 << 24,
      });
      expect(r.stderr.toString()).toBe(`${warnings}exit 0\n`);
      expect(r.stdout.equals(expected)).toBe(true);
    },
    30_000,
  );

  it("stops quietly when its reader has gone away", async () => {
    const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(NODE, [LAUNCHER, ...ARGS], { stdio: ["ignore", "pipe", "pipe"], env });
      child.stdout.destroy(); // before the command has written anything
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("close", (code) => resolve({ code, err }));
    });
    expect(r.err).toBe(warnings);
    expect(r.code).toBe(0);
  });
});
