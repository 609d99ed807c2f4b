// Reading content files from disk: only regular files are read, anything else at a path the tool
// reads is a located file/not-a-file error (never "absent", never a wait on a pipe or device), a
// file above the size limit is refused unread, files the tool does not read are warned about,
// and a refusal of the disk is an I/O error (exit 3) naming the file.
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  rmSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import type { Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { checkContent, loadContent } from "../../src/index.ts";
import {
  ContentReadError,
  MAX_CONTENT_FILE_BYTES,
  SLICED_READ_BYTES,
  readContentFile,
} from "../../src/load/read.ts";
import { cli } from "../cli/run-cli.ts";
import { fixtureFiles, materialise } from "../diagnostics/fixture-runner.ts";

const unix = process.platform !== "win32";
const root = typeof process.getuid === "function" && process.getuid() === 0;
const dirs: string[] = [];
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A copy of the fixtures' base content (no diagnostics at all), removed after the tests. */
function base(): string {
  const dir = materialise(fixtureFiles("_base"));
  dirs.push(dir);
  return dir;
}

const where = (d: Diagnostic) =>
  `${d.position?.file}:${d.position?.line}:${d.position?.col} ${d.code}`;

/** checkContent and `xinfang check` both report exactly `expected`; check exits 1. */
async function expectRefused(dir: string, rel: string, kind: RegExp): Promise<void> {
  const checked = await checkContent(dir);
  expect(checked.problems.map(where)).toEqual([`${rel}:1:1 file/not-a-file`]);
  expect(checked.problems[0]?.message).toMatch(kind);
  expect(checked.content).toBeNull();
  const r = await cli(["check", "--content", dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`${rel}:1:1  file/not-a-file  错误：`);
  expect(r.stdout).toMatch(kind);
}

/** Each test ends well within this even on a slow machine; a blocking read would not. */
const slow = { timeout: 15_000 };

describe.skipIf(!unix)("paths that are not regular files", slow, () => {
  it("a named pipe (FIFO) is refused without waiting for a writer", async () => {
    const dir = base();
    const rel = "ledger/2025/petitions.yaml";
    unlinkSync(join(dir, rel));
    execFileSync("mkfifo", [join(dir, rel)]);
    await expectRefused(dir, rel, /是一个命名管道/);
  });

  it("a unix socket is refused", async () => {
    const dir = base();
    const rel = "ledger/2025/meetings.yaml";
    unlinkSync(join(dir, rel));
    const server = createServer();
    servers.push(server);
    await new Promise<void>((done) => server.listen(join(dir, rel), done));
    await expectRefused(dir, rel, /是一个套接字/);
  });

  it("symlinks to /dev/zero and /dev/null are refused as devices (never read)", async () => {
    const dir = base();
    for (const [rel, dev] of [
      ["ledger/2025/weekly-reports.yaml", "/dev/zero"],
      ["ledger/2025/meetings.yaml", "/dev/null"],
    ] as const) {
      unlinkSync(join(dir, rel));
      symlinkSync(dev, join(dir, rel));
    }
    const checked = await checkContent(dir);
    expect(checked.problems.map(where)).toEqual([
      "ledger/2025/meetings.yaml:1:1 file/not-a-file",
      "ledger/2025/weekly-reports.yaml:1:1 file/not-a-file",
    ]);
    expect(checked.problems[0]?.message).toContain("指向的“/dev/null”是设备文件");
    expect(checked.problems[1]?.message).toContain("指向的“/dev/zero”是设备文件");
    const r = await cli(["check", "--content", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("ledger/2025/weekly-reports.yaml:1:1  file/not-a-file");
  });

  it("a broken symlink is refused, not taken for an absent ledger", async () => {
    const dir = base();
    const rel = "ledger/2025/petitions.yaml";
    unlinkSync(join(dir, rel));
    symlinkSync("petitions-2025.yaml", join(dir, rel));
    await expectRefused(dir, rel, /失效的符号链接（指向的“petitions-2025.yaml”不存在）/);
  });

  it("looping symlinks (to itself, or two to each other) are refused", async () => {
    const dir = base();
    const rel = "ledger/2025/petitions.yaml";
    unlinkSync(join(dir, rel));
    symlinkSync("petitions.yaml", join(dir, rel));
    await expectRefused(dir, rel, /循环的符号链接/);

    const other = base();
    unlinkSync(join(other, "rules/2025.yaml"));
    symlinkSync("../rules/2025.yaml", join(other, "units.yaml.link"));
    unlinkSync(join(other, "units.yaml"));
    symlinkSync("units.yaml.link", join(other, "units.yaml"));
    symlinkSync("units.yaml", join(other, "rules/2025.yaml"));
    const checked = await checkContent(other);
    expect(checked.problems.map(where)).toEqual([
      "rules/2025.yaml:1:1 file/not-a-file",
      "units.yaml:1:1 file/not-a-file",
    ]);
  });

  it("a directory named like a ledger is refused", async () => {
    const dir = base();
    const rel = "ledger/2025/meetings.yaml";
    unlinkSync(join(dir, rel));
    mkdirSync(join(dir, rel));
    await expectRefused(dir, rel, /是一个目录/);
  });

  it("a symlink to a regular file is followed and read", async () => {
    const dir = base();
    const elsewhere = base();
    const rel = "ledger/2025/petitions.yaml";
    unlinkSync(join(dir, rel));
    symlinkSync(join(elsewhere, rel), join(dir, rel));
    const checked = await checkContent(dir);
    expect(checked.problems).toEqual([]);
    expect(checked.content?.ledgers.get(2025)?.petitions.map((p) => p.id)).toEqual(["P-1"]);
  });
});

describe("file size limit", slow, () => {
  it("the limit holds a 2,000,000-row petitions CSV and stays below V8's longest string", () => {
    // 500,000 generated rows take 74 MB (148 bytes a row).
    expect(MAX_CONTENT_FILE_BYTES).toBeGreaterThan(2_000_000 * 148);
    expect(MAX_CONTENT_FILE_BYTES).toBeLessThan(2 ** 29 - 24);
  });

  it("a file above the limit is refused unread, naming its size and the limit", async () => {
    const dir = base();
    const rel = "ledger/2025/weekly-reports.yaml";
    truncateSync(join(dir, rel), MAX_CONTENT_FILE_BYTES + 1); // sparse: made instantly
    const checked = await checkContent(dir);
    expect(checked.problems.map(where)).toEqual([`${rel}:1:1 file/too-large`]);
    expect(checked.problems[0]?.message).toBe(
      `${rel} 有 384 MB（${MAX_CONTENT_FILE_BYTES + 1} 字节），超过了内容文件的大小上限 384 MB，没有读取`,
    );
    const r = await cli(["check", "--content", dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${rel}:1:1  file/too-large`);
  });

  it("exactly the limit is read; one byte more is not", async () => {
    const dir = base();
    writeFileSync(join(dir, "x.yaml"), "a: 1\n");
    expect(await readContentFile(dir, "x.yaml", { maxBytes: 5 })).toMatchObject({
      status: "read",
      text: "a: 1\n",
    });
    expect(await readContentFile(dir, "x.yaml", { maxBytes: 4 })).toMatchObject({
      status: "unreadable",
      diagnostics: [{ code: "file/too-large" }],
    });
  });
});

describe("large files are read in slices at once", slow, () => {
  it("the text comes back whole, characters across the slices' edges included", async () => {
    const dir = base();
    // Rows of mixed width, so that the slices' edges (64 KiB multiples) fall inside characters.
    const rows: string[] = [];
    let bytes = 0;
    for (let i = 0; bytes < SLICED_READ_BYTES + 100_000; i++) {
      const row = `P-${i},2025-03-0${(i % 9) + 1},第${i}号 信访事项 ${"长".repeat(i % 7)}\n`;
      rows.push(row);
      bytes += Buffer.byteLength(row);
    }
    const text = rows.join("");
    writeFileSync(join(dir, "big.yaml"), text);
    const size = Buffer.byteLength(text);
    expect(size).toBeGreaterThanOrEqual(SLICED_READ_BYTES);
    const read = await readContentFile(dir, "big.yaml", { maxBytes: size });
    expect(read.status).toBe("read");
    expect(read.status === "read" && read.text === text).toBe(true);
    expect(await readContentFile(dir, "big.yaml", { maxBytes: size - 1 })).toMatchObject({
      status: "unreadable",
      diagnostics: [{ code: "file/too-large" }],
    });
  });
});

describe(
  "the disk refuses: an I/O error naming the file (exit 3), not a content problem",
  slow,
  () => {
    it.skipIf(process.platform !== "linux")("a read error (EIO) of a content file", async () => {
      const dir = base();
      const rel = "ledger/2025/meetings.yaml";
      unlinkSync(join(dir, rel));
      // /proc/self/mem is a regular file whose first page cannot be read: EIO.
      symlinkSync("/proc/self/mem", join(dir, rel));
      const e = await checkContent(dir).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ContentReadError);
      expect((e as ContentReadError).code).toBe("EIO");
      expect((e as ContentReadError).message).toContain(`“${rel}”`);
      const r = await cli(["check", "--content", dir]);
      expect(r.code).toBe(3);
      expect(r.stderr).toBe(`无法读取内容目录中的“${rel}”（${join(dir, rel)}）：磁盘读写出错。\n`);
    });

    it.skipIf(!unix || root)("a content file without read permission", async () => {
      const dir = base();
      const rel = "rules/2025.yaml";
      chmodSync(join(dir, rel), 0o000);
      const r = await cli(["score", "--content", dir, "--year", "2025"]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`无法读取内容目录中的“${rel}”`);
      expect(r.stderr).toContain("没有权限");
    });

    it.skipIf(!unix || root)("a content folder without read permission", async () => {
      const dir = base();
      chmodSync(join(dir, "ledger/2025"), 0o000);
      const r = await cli(["check", "--content", dir]);
      chmodSync(join(dir, "ledger/2025"), 0o755);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain("无法读取内容目录中的“ledger/2025”");
    });
  },
);

describe("files the tool does not read", slow, () => {
  it("are warned about by name; hidden files and editor leftovers are ignored silently", async () => {
    const dir = base();
    const files = [
      "ledger/2025/台账.xlsx",
      "ledger/2025/petitions.xls",
      "ledger/2025/petitions.yml",
      "ledger/2025/Petitions.CSV",
      "ledger/2025/meetings.csv",
      "ledger/petitions.csv",
      "plans/2025-annual.YAML",
      "ledger/2025/notes.docx",
      "ledger/2025.yml",
      "rules/2025.yml",
      "plans/notes.docx",
      "pages/about.md",
    ];
    const ignored = [
      "ledger/2025/.DS_Store",
      "ledger/2025/._petitions.yaml",
      "ledger/2025/~$petitions.xlsx",
      "ledger/2025/petitions.yaml~",
      "ledger/2025/Thumbs.db",
      "rules/.2025.yaml.swp",
      "plans/desktop.ini",
    ];
    for (const f of [...files, ...ignored]) {
      mkdirSync(join(dir, f, ".."), { recursive: true });
      writeFileSync(join(dir, f), "\u0000\u00ff binary\n");
    }
    mkdirSync(join(dir, "ledger/2025年"));
    mkdirSync(join(dir, "ledger/2025/旧台账"));
    const checked = await checkContent(dir);
    expect(checked.problems.map(where)).toEqual(
      [...files, "ledger/2025年", "ledger/2025/旧台账"].map((f) => `${f}:1:1 file/unknown`).sort(),
    );
    const message = (f: string) => {
      const d = checked.problems.find((p) => p.position?.file === f);
      return `${d?.message} ${d?.hint}`;
    };
    expect(checked.problems.every((d) => d.severity === "warning")).toBe(true);
    expect(checked.content).not.toBeNull();
    expect(message("ledger/2025/台账.xlsx")).toMatch(/只读取以台账命名的.*另存为.*petitions\.xlsx/);
    expect(message("ledger/2025/petitions.xls")).toMatch(/只读取以台账命名的 \.xlsx/);
    expect(message("ledger/2025/petitions.yml")).toMatch(/改名为 petitions\.yaml/);
    expect(message("rules/2025.yml")).toMatch(/改名为 2025\.yaml/);
    expect(message("ledger/2025/Petitions.CSV")).toMatch(/改名为 petitions\.csv/);
    expect(message("plans/2025-annual.YAML")).toMatch(/改名为 2025-annual\.yaml/);
    expect(message("ledger/2025/meetings.csv")).toMatch(/只有信访事项台账可以用 CSV/);
    expect(message("ledger/petitions.csv")).toMatch(/移到.*ledger\/2025\/petitions\.csv/);
    expect(message("ledger/2025/旧台账")).toMatch(/文件夹/);
    const r = await cli(["check", "--content", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("ledger/2025/台账.xlsx:1:1  file/unknown  警告：");
  });

  it("score warns only about what it reads (its year's ledgers, rules, ledger/)", async () => {
    const dir = base();
    for (const f of [
      "ledger/2025/petitions.xls",
      "ledger/2024/petitions.xls",
      "plans/notes.docx",
      "pages/about.md",
    ]) {
      mkdirSync(join(dir, f, ".."), { recursive: true });
      writeFileSync(join(dir, f), "x");
    }
    writeFileSync(join(dir, "ledger/2025/mediation.yaml"), "mediation: []\n");
    const loaded = await loadContent(dir, { year: 2025, scoringOnly: true });
    expect(loaded.diagnostics.map(where)).toEqual(["ledger/2025/petitions.xls:1:1 file/unknown"]);
    const r = await cli(["score", "--content", dir, "--year", "2025"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("ledger/2025/petitions.xls");
    expect(r.stderr).not.toContain("plans/notes.docx");
  });

  it("a file where a folder belongs is warned about", async () => {
    const dir = base();
    rmSync(join(dir, "rules"), { recursive: true });
    writeFileSync(join(dir, "rules"), "year: 2025\n");
    rmSync(join(dir, "ledger/2025"), { recursive: true });
    writeFileSync(join(dir, "ledger/2025"), "petitions: []\n");
    const checked = await checkContent(dir);
    expect(checked.problems.map(where)).toEqual([
      "ledger/2025:1:1 file/unknown",
      "rules:1:1 file/unknown",
    ]);
    expect(checked.problems[0]?.message).toContain("这里应当是一个文件夹");
  });
});

describe("reading never blocks", slow, () => {
  it.skipIf(!unix)("every odd file at once: the whole check ends within the timeout", async () => {
    const dir = base();
    const at = (rel: string) => join(dir, rel);
    mkdirSync(at("plans"));
    mkdirSync(at("pages"));
    execFileSync("mkfifo", [at("plans/fifo.yaml")]);
    symlinkSync("/dev/zero", at("plans/zero.yaml"));
    symlinkSync("/dev/urandom", at("pages/random.mdx"));
    symlinkSync(tmpdir(), at("plans/tmp.yaml"));
    const checked = await checkContent(dir);
    expect(checked.problems.map(where)).toEqual([
      "pages/random.mdx:1:1 file/not-a-file",
      "plans/fifo.yaml:1:1 file/not-a-file",
      "plans/tmp.yaml:1:1 file/not-a-file",
      "plans/zero.yaml:1:1 file/not-a-file",
    ]);
  });
});
