// The output folder of `xinfang build` (`--out`): which folder may be replaced, one build at a
// time, and a swap of the new output into place that survives a kill at any point.
//
// Next to the output `<parent>/<name>` a build keeps, all in `<parent>`:
//   .<name>.lock                   who is building into it: {"pid","token"}; held for the build
//   .<name>.building-<pid>-<n>     the new output while it is being generated ("staged")
//   .<name>.old-<pid>-<n>          the previous output while it is being replaced
//   .<name>.swap                   the journal: names of the two folders above, written once the
//                                  staged output is complete; present exactly while a swap runs
//   .<name>.swap.tmp               the journal being written (renamed to .swap when complete)
// and inside every output it writes, the marker file `.xinfang-build`. A folder is an earlier
// output (safe to replace) only when it holds the marker; an empty folder may be used too.
//
// The swap, one file-system step at a time (S = staged, O = old, J = journal, OUT = the output):
//
//   state                     OUT        S      O      J      step to the next state
//   0 staged                  previous   new    -      -      write J.tmp, rename it to J
//   1 journalled              previous   new    -      yes    rename OUT → O (none: skip)
//   2 moved away              -          new    prev   yes    rename S → OUT
//   3 moved in                new        -      prev   yes    remove O (many steps)
//   4 old removed             new        -      -      yes    remove J
//   5 done                    new        -      -      -
//
// A kill anywhere leaves OUT holding the previous or the new output, complete with its marker,
// except in state 2: Node has no atomic exchange of two folders, so between the two renames
// (microseconds, no data copied) OUT does not exist. A reader of the site in that instant gets
// the web server's "not found" for the one request; pages already open stay as they are. The
// journal makes state 2 recoverable: recover() runs at the start of every build, under the lock,
// and decides from J and what exists:
//   no J (J.tmp or not)                 → the swap never began: OUT is as it was; remove strays
//   J, OUT missing, S present           → state 2 (or 1 with no previous output): the staged
//                                         output is complete (J is only written then), so move
//                                         S → OUT, i.e. finish the swap (roll forward)
//   J, OUT missing, S gone, O present   → put O back at OUT
//   J, OUT present, S present           → state 1 (or a failed swap put back): drop S
//   J, OUT present, S gone              → state 3 or 4: drop what is left of O
//   J, OUT present with other files     → someone put files there since: change nothing, stop
// then removes J, J.tmp, and every leftover .building-/.old- folder of this output whose process
// is gone (builds killed before their swap began). Recovery never removes OUT itself.
//
// Durability against power loss (fsync of folders) is not attempted: a kill of the process is.
import { existsSync, realpathSync, rmSync } from "node:fs";
import {
  link,
  lstat,
  open,
  readFile,
  readdir,
  rename,
  rm,
  unlink,
  writeFile,
} from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { isDiskFolder } from "../text/disks.ts";
import { randomHex } from "../text/random-hex.ts";

/** The marker file every build writes into the root of its output. */
export const MARKER_NAME = ".xinfang-build";
/** Fixed bytes (no time): the output stays byte-identical across builds of the same input. */
export const MARKER_TEXT = `${JSON.stringify({ generator: "xinfang", format: 1 })}\n`;

/** The folders and files a build keeps next to the output `outDir`. */
export interface OutputPaths {
  out: string;
  parent: string;
  name: string;
  lock: string;
  journal: string;
  journalTmp: string;
  /**
   * Matches the name of a staged or old folder of this output (group 1: `building` or `old`) or
   * of a stale lock being taken over; group 2 or 3 is the pid of the process that made it.
   */
  strays: RegExp;
}

export function outputPaths(outDir: string): OutputPaths {
  const out = resolve(outDir);
  const parent = dirname(out);
  const name = basename(out);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return {
    out,
    parent,
    name,
    lock: join(parent, `.${name}.lock`),
    journal: join(parent, `.${name}.swap`),
    journalTmp: join(parent, `.${name}.swap.tmp`),
    strays: new RegExp(
      `^\\.${escaped}\\.(?:(building|old)-(\\d+)-\\d+|lock\\.stale-(\\d+)-[0-9a-f]+)$`,
    ),
  };
}

let serial = 0;

/** Fresh names for the staged and the old folder of one build. */
export function swapFolders(outDir: string): { staged: string; old: string } {
  const { parent, name } = outputPaths(outDir);
  serial++;
  const tag = `${process.pid}-${serial}`;
  return {
    staged: join(parent, `.${name}.building-${tag}`),
    old: join(parent, `.${name}.old-${tag}`),
  };
}

// ---------------------------------------------------------------------------------------------
// Which folder may be the output

/** `path` with symbolic links resolved as far as it exists. */
function realish(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realish(parent), basename(path));
  }
}

function within(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * How `path` lies relative to the content folder: the same folder, inside it, containing it, or
 * apart (undefined). Symbolic links are resolved, so a link to the content folder is "same".
 */
export async function relationToContent(
  path: string,
  contentDir: string,
): Promise<"same" | "inside" | "contains" | undefined> {
  const pairs: [string, string][] = [
    [resolve(path), resolve(contentDir)],
    [realish(resolve(path)), realish(resolve(contentDir))],
  ];
  for (const [p, c] of pairs) if (p === c) return "same";
  for (const [p, c] of pairs) if (within(p, c)) return "inside";
  for (const [p, c] of pairs) if (within(c, p)) return "contains";
  return undefined;
}

/** Whether `dir` holds the marker of an xinfang build. */
export async function hasMarker(dir: string): Promise<boolean> {
  const file = join(dir, MARKER_NAME);
  const info = await lstat(file).catch(() => null);
  if (!info?.isFile() || info.size > 4096) return false;
  try {
    const data = JSON.parse(await readFile(file, "utf8")) as { generator?: unknown };
    return data.generator === "xinfang";
  } catch {
    return false;
  }
}

/** Whether `dir` is an empty folder or holds the marker of a build. */
async function isEmptyOrBuild(dir: string): Promise<boolean> {
  return (await readdir(dir).catch(() => ["?"])).length === 0 || (await hasMarker(dir));
}

/**
 * Why `outDir` may not be the output of a build from `contentDir` (one Chinese message that says
 * nothing was changed and what to do), or undefined when it may: it does not exist, is empty, or
 * holds the marker of an earlier build.
 */
export async function refuseOutput(
  outDir: string,
  contentDir: string,
): Promise<string | undefined> {
  const out = resolve(outDir);
  const content = resolve(contentDir);
  const other = "未做任何改动。请用 --out 指定内容目录以外的文件夹，例如 --out dist。";
  switch (await relationToContent(out, content)) {
    case "same":
      return `输出目录 ${out} 就是内容目录，不能用作输出目录。${other}`;
    case "inside":
      return `输出目录 ${out} 在内容目录 ${content} 之内，不能用作输出目录。${other}`;
    case "contains":
      return `输出目录 ${out} 包含内容目录 ${content}，不能用作输出目录。${other}`;
  }
  const info = await lstat(out).catch(() => null);
  if (!info) return undefined;
  if (info.isSymbolicLink())
    return `输出目录 ${out} 是一个符号链接，为免替换链接所指的文件夹，未做任何改动。请用 --out 指定链接所指的文件夹本身，或换一个输出目录。`;
  if (!info.isDirectory())
    return `输出路径 ${out} 是一个文件，不是文件夹，未做任何改动。请用 --out 换一个输出目录。`;
  // The output is replaced by renaming a folder beside it into its place (see isDiskFolder)
  if (await isDiskFolder(out, info))
    return `输出目录 ${out} 是一个磁盘或分区本身（例如 U 盘的根目录），生成后无法整体替换它，未做任何改动。请在其中新建一个文件夹作为输出目录，例如 --out ${join(out, "网站")}。`;
  if ((await readdir(out)).length === 0 || (await hasMarker(out))) return undefined;
  // (readdir throws for a folder that cannot be read: that is exit 3, from the caller.)
  return [
    `输出目录 ${out} 中已有其他文件，且没有 xinfang 生成网站时写入的标记文件 ${MARKER_NAME}，不是以前生成的网站。为免覆盖，未做任何改动。`,
    "请用 --out 换一个输出目录，或先把这个文件夹清空；如果它是旧版 xinfang 生成的网站（旧版不写标记文件），请手动删除这个文件夹一次，以后的生成即可直接替换它。",
  ].join("\n");
}

// ---------------------------------------------------------------------------------------------
// One build at a time

/** Whether a process with this id is running. */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The output folder cannot be written safely now (another build holds its lock, or a journal
 * cannot be read); nothing was changed. The message is one Chinese paragraph.
 */
export class OutputBlocked extends Error {}

export interface OutputLock {
  paths: OutputPaths;
  release(): Promise<void>;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

function holderPid(text: string): number | undefined {
  try {
    const pid = (JSON.parse(text) as { pid?: unknown }).pid;
    return typeof pid === "number" && Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function busy(paths: OutputPaths, pid: number | undefined): OutputBlocked {
  return new OutputBlocked(
    `另一个 xinfang build${pid ? `（进程 ${pid}）` : ""}正在写入输出目录 ${paths.out}，本次未做任何改动。请等它结束后再运行；如果确认没有其他生成在运行，请删除文件 ${paths.lock} 后重试。`,
  );
}

/**
 * Takes the lock of the output folder `outDir` (whose parent must exist), or throws OutputBlocked
 * when a running process holds it. A lock left by a process that is gone is taken over: it is
 * first renamed aside and compared, so that of two builds taking over the same stale lock at
 * once only one succeeds. A lock file that a process is writing in this very instant (empty)
 * counts as stale: that window is one write() long.
 */
export async function lockOutput(outDir: string): Promise<OutputLock> {
  const paths = outputPaths(outDir);
  const mine = `${JSON.stringify({ pid: process.pid, token: randomHex(8) })}\n`;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await writeFile(paths.lock, mine, { flag: "wx" });
      return {
        paths,
        release: async () => {
          if ((await readText(paths.lock)) === mine) await unlink(paths.lock).catch(() => {});
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const held = await readText(paths.lock);
    if (held === undefined) continue;
    const pid = holderPid(held);
    if (pid !== undefined && running(pid)) throw busy(paths, pid);
    const aside = `${paths.lock}.stale-${process.pid}-${randomHex(4)}`;
    try {
      await rename(paths.lock, aside);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw e;
    }
    const moved = await readText(aside);
    if (moved !== held) {
      // Another build took the stale lock over between our read and our rename: give it back
      // (link, unlike rename, never replaces a lock a third build may have made meanwhile).
      if (moved !== undefined) await link(aside, paths.lock).catch(() => {});
      await unlink(aside).catch(() => {});
      throw busy(paths, holderPid(moved ?? ""));
    }
    await unlink(aside).catch(() => {});
  }
  throw busy(paths, undefined);
}

// ---------------------------------------------------------------------------------------------
// Recovery and the swap

interface Journal {
  staged: string;
  old: string;
}

function parseJournal(text: string, paths: OutputPaths): Journal | undefined {
  try {
    const j = JSON.parse(text) as Partial<Journal>;
    const ok = (n: unknown, kind: string) =>
      typeof n === "string" && paths.strays.exec(n)?.[1] === kind;
    if (ok(j.staged, "building") && ok(j.old, "old")) return { staged: j.staged!, old: j.old! };
  } catch {
    // fall through
  }
  return undefined;
}

export interface Recovery {
  /** What recovery did, one Chinese line each (empty when there was nothing to do). */
  actions: string[];
  /** Whether the folder at `--out` was changed (a complete output moved into place). */
  outChanged: boolean;
}

/**
 * Puts the output folder into a clean state after a build that was killed (see the table at the
 * top). Call with the lock held. Idempotent; a kill during recovery is recovered by the next one.
 */
export async function recoverOutput(lock: OutputLock): Promise<Recovery> {
  const { paths } = lock;
  const actions: string[] = [];
  let outChanged = false;
  const journalText = await readText(paths.journal);
  if (journalText !== undefined) {
    const journal = parseJournal(journalText, paths);
    if (!journal)
      throw new OutputBlocked(
        `无法读懂上次生成留下的记录文件 ${paths.journal}，为免丢失网站，未做任何改动。请检查 ${paths.parent} 中以 .${paths.name}. 开头的文件夹，把完整的网站放回 ${paths.out} 后删除该记录文件。`,
      );
    const staged = join(paths.parent, journal.staged);
    const old = join(paths.parent, journal.old);
    if (existsSync(paths.out) && !(await isEmptyOrBuild(paths.out)))
      // Someone put other files at --out since: keep both outputs for a person to sort out.
      throw new OutputBlocked(
        `上次生成在替换输出目录时中断，之后 ${paths.out} 中又放入了其他文件。为免丢失，未做任何改动：原有的网站和上次生成的网站保存在 ${paths.parent} 中以 .${paths.name}. 开头的文件夹里。请整理后删除记录文件 ${paths.journal}。`,
      );
    if (!existsSync(paths.out)) {
      // The staged output is complete when the journal exists; the marker is checked anyway.
      if (existsSync(staged) && ((await hasMarker(staged)) || !existsSync(old))) {
        await rename(staged, paths.out);
        actions.push(`上次生成在替换输出目录时中断，已把它生成完毕的网站放到 ${paths.out}。`);
        outChanged = true;
      } else if (existsSync(old)) {
        await rename(old, paths.out);
        actions.push(`上次生成在替换输出目录时中断，已把原有的网站放回 ${paths.out}。`);
        outChanged = true;
      }
    }
    if (existsSync(staged)) await rm(staged, { recursive: true, force: true });
    if (existsSync(old)) await rm(old, { recursive: true, force: true });
    await unlink(paths.journal);
  }
  await rm(paths.journalTmp, { force: true });
  let strays = 0;
  for (const name of await readdir(paths.parent).catch(() => [] as string[])) {
    const m = paths.strays.exec(name);
    if (!m) continue;
    const pid = Number(m[2] ?? m[3]);
    if (pid !== process.pid && running(pid)) continue;
    await rm(join(paths.parent, name), { recursive: true, force: true });
    strays++;
  }
  if (strays) actions.push(`已清除以前中断的生成留下的 ${strays} 个临时文件夹或文件。`);
  return { actions, outChanged };
}

/** The file-system steps of a swap, in order; the hook is called after each one that ran. */
export type SwapStep =
  | "journal-written"
  | "journal-committed"
  | "old-moved"
  | "new-moved"
  | "old-removed"
  | "journal-removed";

export type StepHook = (step: SwapStep) => void | Promise<void>;

/** Where the output is after a swap failed. */
export type OutputState =
  /** `--out` was not touched. */
  | "untouched"
  /** `--out` was moved away and put back: the previous output, unchanged. */
  | "restored"
  /** `--out` is missing; the journal is in place, and the next build puts it back. */
  | "pending";

export class SwapError extends Error {
  readonly state: OutputState;
  constructor(message: string, state: OutputState, options?: ErrorOptions) {
    super(message, options);
    this.state = state;
  }
}

export interface SwapResult {
  /** The previous output could not be removed (it is removed by the next build). */
  leftover?: string;
}

/**
 * Replaces the output by `staged` (a complete output with its marker, a sibling of the output),
 * holding `lock`. `old` is the name the previous output is moved to. Throws SwapError when the
 * new output could not be moved into place; the previous output is then at `--out` again, or
 * (if even that failed) the journal is left for the next build.
 */
export async function swapOutput(
  lock: OutputLock,
  staged: string,
  old: string,
  hook: StepHook = () => {},
): Promise<SwapResult> {
  const { paths } = lock;
  const journal: Journal = { staged: basename(staged), old: basename(old) };
  if (!parseJournal(JSON.stringify(journal), paths))
    throw new Error(`swapOutput: ${staged} and ${old} are not folders of ${paths.out}`);

  // 0 → 1: the journal. Until it is committed nothing at --out has changed.
  try {
    const file = await open(paths.journalTmp, "w");
    try {
      await file.writeFile(`${JSON.stringify(journal)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
    await hook("journal-written");
    await rename(paths.journalTmp, paths.journal);
    await hook("journal-committed");
  } catch (e) {
    await rm(paths.journalTmp, { force: true }).catch(() => {});
    await rm(paths.journal, { force: true }).catch(() => {});
    throw new SwapError(`无法写入替换记录 ${paths.journal}：${message(e)}`, "untouched", {
      cause: e,
    });
  }

  // 1 → 2 → 3: the two renames. A failure before the second one puts the previous output back.
  let movedAway = false;
  try {
    if (existsSync(paths.out)) {
      await rename(paths.out, old);
      movedAway = true;
      await hook("old-moved");
    }
    await rename(staged, paths.out);
  } catch (e) {
    const what = `无法把新生成的网站放到输出目录 ${paths.out}：${message(e)}`;
    if (movedAway) {
      // Put the previous output back, unless something else appeared at --out meanwhile. If that
      // fails the journal stays, and the next build puts an output back at --out.
      const back =
        !existsSync(paths.out) &&
        (await rename(old, paths.out).then(
          () => true,
          () => false,
        ));
      if (!back) throw new SwapError(what, "pending", { cause: e });
    }
    await rm(paths.journal, { force: true }).catch(() => {});
    throw new SwapError(what, movedAway ? "restored" : "untouched", { cause: e });
  }

  // 3 → 4 → 5: the new output is in place; what follows only tidies up. A failure leaves the
  // journal, and the next build removes what is left.
  try {
    await hook("new-moved");
    if (movedAway) {
      // Blocking: nothing else is left to do, and a county's output (some 3,000 files) goes in
      // about two thirds of the time it takes through the thread pool.
      rmSync(old, { recursive: true, force: true });
      await hook("old-removed");
    }
    await unlink(paths.journal);
    await hook("journal-removed");
  } catch {
    return existsSync(old) ? { leftover: old } : {};
  }
  return {};
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Writes the marker into the root of a staged output (the last thing before the swap). */
export async function writeMarker(staged: string): Promise<void> {
  await writeFile(join(staged, MARKER_NAME), MARKER_TEXT);
}
