// `xinfang pdf <id>`: writes the document, refuses held-back and unknown ids with the right codes.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cli } from "../cli/run-cli.ts";
import { CONTENT } from "./support.ts";

const dir = mkdtempSync(join(tmpdir(), "xinfang-pdf-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("xinfang pdf", () => {
  it("writes one document as PDF to --out", async () => {
    const r = await cli(
      ["pdf", "agreement-2025-dongpo", "--content", CONTENT, "--out", "dongpo.pdf"],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/已生成 dongpo\.pdf（\d+ 页）/);
    expect(readFileSync(join(dir, "dongpo.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("names the file after the document by default", async () => {
    const r = await cli(["pdf", "notice-2025-03", "--content", CONTENT], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "notice-2025-03.pdf")).length).toBeGreaterThan(10_000);
  });

  it("refuses a classified document (exit 1) and an unknown id (exit 2)", async () => {
    const held = await cli(["pdf", "plan-2025-key-period", "--content", CONTENT], dir);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain("带有密级（秘密★1年）");
    const unknown = await cli(["pdf", "no-such-doc", "--content", CONTENT], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("没有编号为“no-such-doc”的文书");
    const none = await cli(["pdf", "--content", CONTENT], dir);
    expect(none.code).toBe(2);
  });
});
