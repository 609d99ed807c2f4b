// The bundled command (`npm run bundle`, run by bin/xinfang.mjs while it is fresh) does what the
// sources do: the same output, exit codes and file bytes for the commands it runs.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CONTENT = join(ROOT, "content");
const OUT = join(ROOT, "dist", `bundle-test-${process.pid}`);
const SOURCES = join(ROOT, "src/cli/bin.ts");
const BUNDLE = join(OUT, "xinfang.mjs");
let tmp = "";

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "xinfang-bundle-"));
  execFileSync(process.execPath, [join(ROOT, "scripts/bundle.mjs"), OUT]);
}, 120_000);
afterAll(() => {
  rmSync(OUT, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
});

const run = (bin: string, args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: tmp });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("the bundled command", () => {
  it.each([
    [["check", "--content", CONTENT]],
    [["score", "--year", "2025", "--content", CONTENT]],
    [["score", "--year", "2025", "--json", "--content", CONTENT]],
    [["stats", "--from", "2025-01-01", "--to", "2025-06-30", "--content", CONTENT]],
    [["pdf", "no-such-document", "--content", CONTENT]],
    [["help", "pdf"]],
  ])(
    "prints what the sources print: %j",
    (args) => {
      expect(run(BUNDLE, args)).toEqual(run(SOURCES, args));
    },
    60_000,
  );

  it.each([
    ["pdf", "plan-2025-annual"],
    ["pdf", "notice-2025-annual"],
    ["docx", "plan-2025-annual"],
    ["docx", "agreement-2025-qinghe-shequ"],
  ])(
    "writes the same bytes: %s %s",
    (command, id) => {
      const file = (who: string) => join(tmp, `${who}-${id}.${command}`);
      const a = run(BUNDLE, [command, id, "--content", CONTENT, "--out", file("bundle")]);
      const b = run(SOURCES, [command, id, "--content", CONTENT, "--out", file("sources")]);
      expect(a.code).toBe(0);
      expect(a).toEqual({ ...b, stderr: b.stderr.replaceAll("sources-", "bundle-") });
      expect(readFileSync(file("bundle")).equals(readFileSync(file("sources")))).toBe(true);
    },
    60_000,
  );
});
