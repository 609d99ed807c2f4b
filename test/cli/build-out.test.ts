// `xinfang build --out`: a folder that is not an earlier output is never touched (exit 2, a
// message that says so and what to do), nor one inside, equal to or containing the content
// folder; a build into a folder another build holds stops at once (exit 3). All of these stop
// before anything is built, so they run in-process.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockOutput } from "../../src/build/output-dir.ts";
import { cli } from "./run-cli.ts";
import { ROOT } from "../site/support/build.ts";

const CONTENT = join(ROOT, "content");
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "xinfang-build-out-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

/** Every entry under `dir` (folders too) with its size and modification time. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const walk = async (rel: string) => {
    const path = join(dir, rel);
    const info = await stat(path);
    found[rel || "."] = `${info.isDirectory() ? "dir" : info.size} ${info.mtimeMs}`;
    if (info.isDirectory()) for (const name of await readdir(path)) await walk(join(rel, name));
  };
  await walk("");
  return found;
}

describe("xinfang build --out", () => {
  it("never touches a web root with an index.html and other files (exit 2, nothing changed)", async () => {
    const web = join(tmp, "www");
    await mkdir(join(web, "css"), { recursive: true });
    await writeFile(join(web, "index.html"), "<h1>镇政府门户</h1>");
    await writeFile(join(web, "css", "site.css"), "body{}");
    await writeFile(join(web, "通知.docx"), "重要文件");
    await mkdir(join(web, "search-index"));
    const old = new Date("2024-01-02T03:04:05Z");
    for (const p of ["index.html", "css/site.css", "通知.docx", "css", "search-index", "."])
      await utimes(join(web, p), old, old);
    const before = await snapshot(web);
    const siblings = await readdir(tmp);

    const r = await cli(["build", "--content", CONTENT, "--out", web]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`输出目录 ${web} 中已有其他文件`);
    expect(r.stderr).toContain("没有 xinfang 生成网站时写入的标记文件 .xinfang-build");
    expect(r.stderr).toContain("未做任何改动");
    expect(r.stderr).toContain("请用 --out 换一个输出目录，或先把这个文件夹清空");
    expect(r.stderr).toContain("旧版 xinfang 生成的网站");
    expect(r.stderr).not.toContain("生成失败");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await snapshot(web)).toEqual(before);
    expect(await readdir(tmp)).toEqual(siblings);
  });

  it("refuses the content folder, a folder inside it and one containing it (exit 2)", async () => {
    const content = join(tmp, "office", "content");
    await mkdir(join(content, "pages"), { recursive: true });
    const before = await snapshot(join(tmp, "office"));
    const cases: [string, string][] = [
      [content, "就是内容目录"],
      [join(content, "site"), "之内"],
      [join(content, "pages"), "之内"],
      [join(tmp, "office"), "包含内容目录"],
    ];
    for (const [out, words] of cases) {
      const r = await cli(["build", "--content", content, "--out", out]);
      expect(r.code, out).toBe(2);
      expect(r.stderr, out).toContain(words);
      expect(r.stderr, out).toContain("未做任何改动");
    }
    expect(existsSync(join(content, "site"))).toBe(false);
    expect(await snapshot(join(tmp, "office"))).toEqual(before);
  });

  it("refuses a path that is a file (exit 2)", async () => {
    const file = join(tmp, "site.txt");
    await writeFile(file, "x");
    const r = await cli(["build", "--content", CONTENT, "--out", file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("是一个文件，不是文件夹");
  });

  it("stops at once when another build holds the folder (exit 3), and says --out is untouched", async () => {
    const out = join(tmp, "busy");
    const lock = await lockOutput(out);
    try {
      const r = await cli(["build", "--content", CONTENT, "--out", out]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`另一个 xinfang build（进程 ${process.pid}）正在写入输出目录`);
      expect(r.stderr).toContain("原有的输出目录未改动。");
      expect(r.stderr).not.toContain("检查内容");
      expect(existsSync(out)).toBe(false);
    } finally {
      await lock.release();
    }
  });
});
