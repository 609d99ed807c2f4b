// The output folder of `xinfang build`: only an empty folder or an earlier output (by its
// marker) may be replaced; one build at a time; and a swap that a kill at any step cannot turn
// into a lost output. The kills are real: a child process performs the output phase on a small
// fake output and SIGKILLs itself after step N, for every N.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  MARKER_NAME,
  MARKER_TEXT,
  OutputBlocked,
  SwapError,
  hasMarker,
  lockOutput,
  recoverOutput,
  refuseOutput,
  swapFolders,
  swapOutput,
  writeMarker,
} from "../../src/build/output-dir.ts";
import type { SwapStep } from "../../src/build/output-dir.ts";
import { ROOT } from "../site/support/build.ts";

const CHILD = join(ROOT, "test/build/support/swap-child.ts");
const roots: string[] = [];
let parent: string;
let out: string;

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), "xinfang-out-"));
  roots.push(parent);
  out = join(parent, "site");
});
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

/** Every file and folder under `dir` with its text: what a reader of the site would get. */
async function tree(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  const walk = async (rel: string) => {
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        found[`${path}/`] = "";
        await walk(path);
      } else found[path] = await readFile(join(dir, path), "utf8");
    }
  };
  await walk("");
  return found;
}

/** A complete output as the child script writes it, every file saying `label`. */
function output(label: string): Record<string, string> {
  return {
    [MARKER_NAME]: MARKER_TEXT,
    "index.html": `<p>${label}</p>\n`,
    "documents/": "",
    "documents/a/": "",
    "documents/a/index.html": `<p>${label} a</p>\n`,
  };
}

async function writeOutput(dir: string, label: string): Promise<void> {
  await mkdir(join(dir, "documents", "a"), { recursive: true });
  await writeFile(join(dir, "index.html"), `<p>${label}</p>\n`);
  await writeFile(join(dir, "documents", "a", "index.html"), `<p>${label} a</p>\n`);
  await writeMarker(dir);
}

/** The output phase in a child process, killed after step `killAfter` (0: never). */
function runChild(killAfter: number, label: string) {
  const r = spawnSync(process.execPath, [CHILD, out, String(killAfter), label], {
    encoding: "utf8",
  });
  return { ...r, steps: r.stdout.trim().split("\n").filter(Boolean) };
}

/** What the next build does first: take the lock, recover, let go. */
async function recover() {
  const lock = await lockOutput(out);
  try {
    return await recoverOutput(lock);
  } finally {
    await lock.release();
  }
}

type Expect = "previous" | "new" | "absent";

async function expectAt(expected: Expect, where: string): Promise<void> {
  if (expected === "absent") expect(existsSync(out), where).toBe(false);
  else expect(await tree(out), where).toEqual(output(expected));
}

// Each step of the output phase, what is at --out right after a kill there, and what is there
// once the next build has recovered. Only right after "old-moved" is --out absent (Node cannot
// exchange two folders atomically); the journal then lets the next build finish the swap.
const WITH_PREVIOUS: [string, Expect, Expect][] = [
  ["locked", "previous", "previous"],
  ["recovered", "previous", "previous"],
  ["staged", "previous", "previous"],
  ["journal-written", "previous", "previous"],
  ["journal-committed", "previous", "previous"],
  ["old-moved", "absent", "new"],
  ["new-moved", "new", "new"],
  ["old-removed", "new", "new"],
  ["journal-removed", "new", "new"],
  ["released", "new", "new"],
];
const WITHOUT_PREVIOUS: [string, Expect, Expect][] = [
  ["locked", "absent", "absent"],
  ["recovered", "absent", "absent"],
  ["staged", "absent", "absent"],
  ["journal-written", "absent", "absent"],
  ["journal-committed", "absent", "new"],
  ["new-moved", "new", "new"],
  ["journal-removed", "new", "new"],
  ["released", "new", "new"],
];

describe("a build killed between any two file-system steps of its output phase", () => {
  for (const [table, previous] of [
    [WITH_PREVIOUS, true],
    [WITHOUT_PREVIOUS, false],
  ] as const) {
    it(`leaves the previous or the new output, and the next build cleans up (${previous ? "replacing an output" : "first build"})`, async () => {
      for (let n = 1; n <= table.length; n++) {
        const [step, atKill, afterRecovery] = table[n - 1]!;
        const where = `killed after step ${n} (${step})`;
        await rm(parent, { recursive: true, force: true });
        await mkdir(parent);
        if (previous) await writeOutput(out, "previous");

        const killed = runChild(n, "new");
        expect(killed.signal, `${where}: ${killed.stderr}`).toBe("SIGKILL");
        expect(killed.steps.at(-1), where).toBe(step);
        await expectAt(atKill, where);

        const recovery = await recover();
        await expectAt(afterRecovery, `${where}, then recovered`);
        expect(recovery.outChanged, where).toBe(atKill === "absent" && afterRecovery !== "absent");
        expect((await readdir(parent)).sort(), where).toEqual(
          afterRecovery === "absent" ? [] : ["site"],
        );

        const next = runChild(0, "newer");
        expect(next.status, `${where}, next build: ${next.stderr}`).toBe(0);
        await expectAt("newer" as Expect, `${where}, next build`);
        expect(await readdir(parent), where).toEqual(["site"]);
      }
    }, 120_000);
  }

  it("runs every step once when not killed, in this order", () => {
    const run = runChild(0, "new");
    expect(run.status, run.stderr).toBe(0);
    expect(run.steps).toEqual(WITHOUT_PREVIOUS.map(([s]) => s));
  });

  it("finishes a swap killed while the previous output was half removed", async () => {
    await writeOutput(out, "previous");
    const killed = runChild(WITH_PREVIOUS.findIndex(([s]) => s === "new-moved") + 1, "new");
    expect(killed.signal).toBe("SIGKILL");
    const old = (await readdir(parent)).find((n) => n.startsWith(".site.old-"));
    expect(old).toBeDefined();
    await rm(join(parent, old!, MARKER_NAME));
    await rm(join(parent, old!, "index.html"));
    await recover();
    await expectAt("new", "after recovery");
    expect(await readdir(parent)).toEqual(["site"]);
  });

  it("a second recovery, or one killed and run again, changes nothing more", async () => {
    await writeOutput(out, "previous");
    expect(runChild(WITH_PREVIOUS.findIndex(([s]) => s === "old-moved") + 1, "new").signal).toBe(
      "SIGKILL",
    );
    const journal = await readFile(join(parent, ".site.swap"), "utf8");
    const first = await recover();
    expect(first.actions.join("\n")).toContain("上次生成在替换输出目录时中断");
    // As if that recovery had been killed right after its rename: the journal is back.
    await writeFile(join(parent, ".site.swap"), journal);
    const second = await recover();
    expect(second.outChanged).toBe(false);
    await expectAt("new", "after two recoveries");
    expect(await readdir(parent)).toEqual(["site"]);
  });
});

describe("a swap that fails in the process", () => {
  async function stage(label: string) {
    const { staged, old } = swapFolders(out);
    await writeOutput(staged, label);
    return { staged, old };
  }
  const failAt =
    (at: SwapStep, act?: () => Promise<void>) =>
    async (s: SwapStep): Promise<void> => {
      if (s !== at) return;
      await act?.();
      throw new Error(`injected failure after ${s}`);
    };

  it("before the previous output moved: --out untouched, journal gone", async () => {
    await writeOutput(out, "previous");
    const lock = await lockOutput(out);
    const { staged, old } = await stage("new");
    const e = await swapOutput(lock, staged, old, failAt("journal-committed")).catch((x) => x);
    expect(e).toBeInstanceOf(SwapError);
    expect((e as SwapError).state).toBe("untouched");
    await expectAt("previous", "after the failure");
    await rm(staged, { recursive: true });
    await lock.release();
    expect(await readdir(parent)).toEqual(["site"]);
  });

  it("after the previous output moved: it is put back (restored)", async () => {
    await writeOutput(out, "previous");
    const lock = await lockOutput(out);
    const { staged, old } = await stage("new");
    const e = await swapOutput(lock, staged, old, failAt("old-moved")).catch((x) => x);
    expect((e as SwapError).state).toBe("restored");
    await expectAt("previous", "after the failure");
    expect(existsSync(join(parent, ".site.swap"))).toBe(false);
    await rm(staged, { recursive: true });
    await lock.release();
    expect(await readdir(parent)).toEqual(["site"]);
  });

  it("when even putting it back fails: pending, kept for the next build; a foreign file at --out blocks recovery", async () => {
    await writeOutput(out, "previous");
    const lock = await lockOutput(out);
    const { staged, old } = await stage("new");
    // Something else appears at --out in the instant it is absent.
    const squat = () => writeFile(out, "not a folder");
    const e = await swapOutput(lock, staged, old, failAt("old-moved", squat)).catch((x) => x);
    expect((e as SwapError).state).toBe("pending");
    expect(existsSync(staged) && existsSync(old) && existsSync(join(parent, ".site.swap"))).toBe(
      true,
    );
    await lock.release();
    const blocked = await recover().catch((x) => x);
    expect(blocked).toBeInstanceOf(OutputBlocked);
    expect((blocked as Error).message).toContain("未做任何改动");
    expect(existsSync(staged) && existsSync(old)).toBe(true);
    await rm(out);
    await recover();
    await expectAt("new", "after the file was removed and the next build recovered");
    expect(await readdir(parent)).toEqual(["site"]);
  });

  it("after the new output moved in: success, the leftover removed by the next build", async () => {
    await writeOutput(out, "previous");
    const lock = await lockOutput(out);
    const { staged, old } = await stage("new");
    const r = await swapOutput(lock, staged, old, failAt("new-moved"));
    expect(r.leftover).toBe(old);
    await expectAt("new", "after the swap");
    await lock.release();
    await recover();
    expect(await readdir(parent)).toEqual(["site"]);
  });
});

describe("one build at a time", () => {
  it("refuses a second lock while the first is held, by this or another running process", async () => {
    await mkdir(parent, { recursive: true });
    const first = await lockOutput(out);
    const second = await lockOutput(out).catch((e) => e);
    expect(second).toBeInstanceOf(OutputBlocked);
    expect((second as Error).message).toContain(`进程 ${process.pid}`);
    expect((second as Error).message).toContain("未做任何改动");
    await first.release();
    expect(await readdir(parent)).toEqual([]);
    const again = await lockOutput(out);
    await again.release();
  });

  it("takes over the lock of a build that was killed, or one that is empty", async () => {
    for (const text of ['{"pid":2147483646,"token":"x"}\n', ""]) {
      await writeFile(join(parent, ".site.lock"), text);
      const lock = await lockOutput(out);
      expect(JSON.parse(await readFile(join(parent, ".site.lock"), "utf8")).pid).toBe(process.pid);
      await lock.release();
      expect(await readdir(parent)).toEqual([]);
    }
  });

  it("a killed child's lock does not stop the next build", async () => {
    expect(runChild(1, "new").signal).toBe("SIGKILL");
    expect(existsSync(join(parent, ".site.lock"))).toBe(true);
    expect(runChild(0, "new").status).toBe(0);
    expect(await readdir(parent)).toEqual(["site"]);
  });
});

describe("which folder may be the output", () => {
  it("an absent or empty folder, or an earlier output by its marker", async () => {
    const content = join(parent, "content");
    await mkdir(content);
    expect(await refuseOutput(out, content)).toBeUndefined();
    await mkdir(out);
    expect(await refuseOutput(out, content)).toBeUndefined();
    await writeOutput(out, "previous");
    expect(await hasMarker(out)).toBe(true);
    expect(await refuseOutput(out, content)).toBeUndefined();
  });

  it("never a folder without the marker, whatever it holds (index.html, search-index/)", async () => {
    const content = join(parent, "content");
    await mkdir(content);
    for (const files of [
      ["index.html"],
      ["index.html", "a.txt"],
      ["search-index/pages.json"],
      ["x"],
    ]) {
      await rm(out, { recursive: true, force: true });
      for (const f of files) {
        await mkdir(join(out, f, ".."), { recursive: true });
        await writeFile(join(out, f), "");
      }
      const why = await refuseOutput(out, content);
      expect(why, files.join()).toContain("未做任何改动");
      expect(why).toContain(MARKER_NAME);
      expect(why).toContain("请手动删除这个文件夹一次");
    }
    // A marker with other text is not a marker.
    await writeFile(join(out, MARKER_NAME), '{"generator":"other"}');
    expect(await refuseOutput(out, content)).toContain("未做任何改动");
  });

  it("never the content folder, a folder inside it or one containing it, links resolved", async () => {
    const content = join(parent, "content");
    await mkdir(join(content, "pages"), { recursive: true });
    await symlink(content, join(parent, "link"));
    const cases: [string, string][] = [
      [content, "就是内容目录"],
      [join(content, "site"), "之内"],
      [join(content, "pages"), "之内"],
      [parent, "包含内容目录"],
      [join(parent, "link"), "就是内容目录"],
      [join(parent, "link", "site"), "之内"],
    ];
    for (const [dir, words] of cases) {
      const why = await refuseOutput(dir, content);
      expect(why, dir).toContain(words);
      expect(why).toContain("未做任何改动");
    }
  });

  // tmpfs is mounted at /dev/shm on Linux: a folder another file system is mounted on
  const shm = "/dev/shm";
  const mounted = existsSync(shm) && statSync(shm).dev !== statSync(dirname(shm)).dev;

  it.skipIf(!mounted)("never a disk's own folder (one a file system is mounted on)", async () => {
    const content = join(parent, "content");
    await mkdir(content);
    const why = await refuseOutput(shm, content);
    expect(why).toContain("是一个磁盘或分区本身");
    expect(why).toContain("未做任何改动");
    expect(why).toContain(`--out ${join(shm, "网站")}`);
    // a folder in it, on the same file system as its parent, is fine
    const inside = await mkdtemp(join(shm, "xinfang-out-"));
    try {
      expect(await refuseOutput(inside, content)).toBeUndefined();
    } finally {
      await rm(inside, { recursive: true, force: true });
    }
  });

  it("never a file or a symbolic link", async () => {
    const content = join(parent, "content");
    await mkdir(content);
    await writeFile(out, "x");
    expect(await refuseOutput(out, content)).toContain("是一个文件");
    await rm(out);
    const real = join(parent, "real");
    await writeOutput(real, "previous");
    await symlink(real, out);
    expect(await refuseOutput(out, content)).toContain("符号链接");
  });
});
