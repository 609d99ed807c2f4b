// `xinfang pdf <id>`: writes the document, refuses held-back and unknown ids with the right codes;
// `--out` never inside the content folder (exit 2), a folder that is missing or cannot be written
// is one line naming it (exit 3), and an existing file is only ever replaced by a complete PDF.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/cli/pdf.ts";
import { IoError } from "../../src/cli/io.ts";
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

  it("refuses --out inside the content folder (exit 2), before rendering, writing nothing", async () => {
    const inside = [join(CONTENT, "pdf-cli-test.pdf"), join(CONTENT, "plans", "pdf-cli-test.pdf")];
    try {
      for (const out of inside) {
        const r = await cli(["pdf", "notice-2025-03", "--content", CONTENT, "--out", out], dir);
        expect(r.code, out).toBe(2);
        expect(r.stderr).toContain("不能把 PDF 写进内容目录");
        expect(r.stderr).toContain("未做任何改动");
        expect(existsSync(out), out).toBe(false);
      }
      // The default file name, when the working folder is the content folder.
      const r = await cli(["pdf", "notice-2025-03", "--content", "."], CONTENT);
      expect(r.code).toBe(2);
      expect(existsSync(join(CONTENT, "notice-2025-03.pdf"))).toBe(false);
    } finally {
      for (const f of [...inside, join(CONTENT, "notice-2025-03.pdf")]) rmSync(f, { force: true });
    }
  });

  it("a missing folder: exit 3, one Chinese line naming the folder", async () => {
    const missing = join(dir, "no-such-folder");
    const r = await cli(
      ["pdf", "notice-2025-03", "--content", CONTENT, "--out", join(missing, "a.pdf")],
      dir,
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`无法把 PDF 写入文件夹“${missing}”：文件夹不存在。未生成 PDF。\n`);
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const under = await cli(
      ["pdf", "notice-2025-03", "--content", CONTENT, "--out", join(file, "a.pdf")],
      dir,
    );
    expect(under.code).toBe(3);
    expect(under.stderr).toContain(`无法把 PDF 写入文件夹“${file}”`);
    expect(under.stderr.trim().split("\n")).toHaveLength(1);
  });

  // Root may write into a folder without write permission: use one that refuses even root.
  const root = process.getuid?.() === 0;
  const unwritable = root ? "/sys/kernel" : join(dir, "read-only");
  it.skipIf(root && !existsSync(unwritable))(
    "an unwritable folder: exit 3, its last line names the folder, no file left behind",
    async () => {
      if (!root) {
        mkdirSync(unwritable);
        chmodSync(unwritable, 0o555);
      }
      const out = join(unwritable, "a.pdf");
      const r = await cli(["pdf", "notice-2025-03", "--content", CONTENT, "--out", out], dir);
      expect(r.code).toBe(3);
      expect(r.stderr.trim().split("\n").at(-1)).toBe(
        `无法把 PDF 写入文件夹“${unwritable}”：没有写入权限。未生成 PDF。`,
      );
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(out)).toBe(false);
    },
  );

  it("refuses a folder as --out (exit 2)", async () => {
    const r = await cli(["pdf", "notice-2025-03", "--content", CONTENT, "--out", dir], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("是一个文件夹");
  });

  it("replaces an existing file only by a complete PDF, leaving no temporary file", async () => {
    const folder = join(dir, "atomic");
    mkdirSync(folder);
    const file = join(folder, "notice.pdf");
    writeFileSync(file, "the previous PDF");
    const failed = await writeFileAtomic(file, new Uint8Array(100_000), async (temporary) => {
      expect(readdirSync(folder)).toContain(temporary.slice(folder.length + 1));
      throw Object.assign(new Error("no space"), { code: "ENOSPC" });
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(IoError);
    expect((failed as Error).message).toBe(
      `无法把 PDF 写入文件夹“${folder}”：磁盘空间不足。未生成 PDF。`,
    );
    expect(readFileSync(file, "utf8")).toBe("the previous PDF");
    expect(readdirSync(folder)).toEqual(["notice.pdf"]);

    const r = await cli(["pdf", "notice-2025-03", "--content", CONTENT, "--out", file], dir);
    expect(r.code).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    expect(readdirSync(folder)).toEqual(["notice.pdf"]);
  });
});
