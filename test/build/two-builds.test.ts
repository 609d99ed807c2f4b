// Two builds in one process, at the same time, with different base paths: each output is whole
// and has its own base path — the process-wide state of a site build (the hand-over to Astro's
// pages, the working folder, hidden environment names) never leaks from one into the other.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../cli/run-cli.ts";
import { fingerprint } from "../site/support/build.ts";

const BASE = fileURLToPath(new URL("../fuzz/base/", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "xinfang-two-builds-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("two builds in one process", () => {
  it("build side by side into their own folders, each with its own base path", async () => {
    const env = process.env.BASE_URL;
    process.env.BASE_URL = "/from-the-environment/";
    try {
      const [a, b] = await Promise.all([
        cli(["build", "--content", BASE, "--out", join(dir, "a"), "--base", "/"]),
        cli(["build", "--content", BASE, "--out", join(dir, "b"), "--base", "/xinfang/"]),
      ]);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      // The environment is as it was, and neither build took its base path from it.
      expect(process.env.BASE_URL).toBe("/from-the-environment/");
    } finally {
      if (env === undefined) delete process.env.BASE_URL;
      else process.env.BASE_URL = env;
    }
    const home = (out: string) => readFileSync(join(dir, out, "index.html"), "utf8");
    expect(home("a")).toContain('href="/units/');
    expect(home("a")).not.toContain("/xinfang/");
    expect(home("b")).toContain('href="/xinfang/units/');
    expect(home("b")).not.toContain("from-the-environment");
    // The same pages in both (the base path changes contents and script hashes, not the pages).
    const pages = async (out: string) =>
      [...(await fingerprint(join(dir, out))).keys()].filter((f) => !f.startsWith("_astro/"));
    expect(await pages("a")).toEqual(await pages("b"));
    // A third build, alone, gives the first one's bytes again.
    expect((await cli(["build", "--content", BASE, "--out", join(dir, "c")])).code).toBe(0);
    expect(await fingerprint(join(dir, "c"))).toEqual(await fingerprint(join(dir, "a")));
  }, 300_000);
});
