// One fuzz case: a copy of the base folder, mutated; then the commands a clerk runs, and the
// invariants they must keep whatever the input: exit code 0 or 1 only, every problem located
// inside its file, never a stack trace, and `check` passing means the build passes.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { writeDocumentPdfs } from "../../src/build/pdf-files.ts";
import { publish } from "../../src/index.ts";
import { cli } from "../cli/run-cli.ts";
import type { CliResult } from "../cli/run-cli.ts";
import { mutateFolder } from "./mutate.ts";

export const BASE = resolve(import.meta.dirname, "base");

export interface CaseResult {
  seed: number;
  mutations: string[];
  /** Exit code of `xinfang check`. */
  check: number;
  /** The PDFs were written (check passed). */
  pdfs: boolean;
  /** A full `xinfang build` ran (and passed, unless a violation says otherwise). */
  built: boolean;
  violations: string[];
}

const STACK =
  /^\s+at .+[(:]\d+(:\d+)?\)?$|\b(TypeError|RangeError|ReferenceError|SyntaxError)\b|内部错误/m;
const LOCATED = /^(.+?):(\d+):(\d+) {2}(\S+) {2}(?:\S+ {2})?(错误|警告)：/;
const UNLOCATED = /^\. {2}(\S+) {2}(?:\S+ {2})?(错误|警告)：/;

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms);
    }),
  ]);
}

/**
 * Problems with the located lines of `check` output (paths as printed, relative to `cwd`, the
 * content folder being `content`): positions must lie inside their files.
 */
function positionViolations(cwd: string, out: string): string[] {
  const dir = join(cwd, "content");
  const v: string[] = [];
  for (const line of out.split("\n")) {
    if (UNLOCATED.test(line) && line.includes("错误：")) v.push(`unlocated error: ${line}`);
    const m = LOCATED.exec(line);
    if (!m) continue;
    const [, file, l, c] = m as unknown as [string, string, string, string];
    const full = resolve(cwd, file);
    if (!full.startsWith(dir + sep)) {
      v.push(`position outside the folder: ${line}`);
      continue;
    }
    const st = existsSync(full) ? statSync(full, { throwIfNoEntry: false }) : undefined;
    if (!st?.isFile() || st.size > 64 * 1024 * 1024) {
      if (l !== "1" || c !== "1") v.push(`position in a missing or odd file not at 1:1: ${line}`);
      continue;
    }
    const lines = readFileSync(full).toString("latin1").split("\n");
    const text = lines[Number(l) - 1];
    if (text === undefined) v.push(`line past the end of the file: ${line}`);
    else if (Number(c) > text.length + 1) v.push(`column past the end of the line: ${line}`);
  }
  return v;
}

function exitViolations(name: string, r: CliResult, allowed: number[]): string[] {
  const v: string[] = [];
  if (!allowed.includes(r.code))
    v.push(`${name} exited ${r.code}: ${(r.stderr + r.stdout).slice(0, 400)}`);
  const m = STACK.exec(r.stdout + r.stderr);
  if (m) v.push(`${name} printed a stack trace or internal error near: ${m[0].slice(0, 200)}`);
  return v;
}

export interface CaseOptions {
  /** Also run a full `xinfang build` when check passes. */
  build?: boolean;
  /** Write every document's PDF when check passes (the PDF part of the build, in process). */
  pdfs?: boolean;
}

export async function runCase(seed: number, options: CaseOptions = {}): Promise<CaseResult> {
  const dir = mkdtempSync(join(tmpdir(), "xinfang-fuzz-"));
  const content = join(dir, "content");
  cpSync(BASE, content, { recursive: true });
  const result: CaseResult = {
    seed,
    mutations: [],
    check: -1,
    pdfs: false,
    built: false,
    violations: [],
  };
  const v = result.violations;
  try {
    result.mutations = mutateFolder(content, seed);
    const run = (args: string[]) =>
      within(120_000, args[0] as string, cli([...args, "--content", "content"], dir));
    const check = await run(["check"]);
    result.check = check.code;
    v.push(...exitViolations("check", check, [0, 1]));
    v.push(...positionViolations(dir, check.stdout));
    const score = await run(["score", "--year", "2025", "--json"]);
    v.push(...exitViolations("score", score, [0, 1]));
    if (score.code === 0) {
      try {
        JSON.parse(score.stdout);
      } catch {
        v.push("score --json printed something that is not JSON");
      }
    }
    const stats = await run(["stats", "--from", "2025-01-01", "--to", "2025-12-31"]);
    v.push(...exitViolations("stats", stats, [0, 1]));
    if (check.code === 0 && (options.pdfs || options.build)) {
      const published = await within(120_000, "publish", publish(content));
      if (!published.publication) v.push("check passed but the build's validation failed");
      else if (options.pdfs) {
        const r = await within(
          120_000,
          "pdf",
          writeDocumentPdfs(published.publication, join(dir, "pdf-out"), { contentDir: content }),
        );
        result.pdfs = true;
        if (r.problems.length)
          v.push(`check passed but PDFs failed: ${r.problems.map((p) => p.message).join("; ")}`);
      }
      if (options.build) {
        const build = await within(
          300_000,
          "build",
          cli(["build", "--content", "content", "--out", "out"], dir),
        );
        result.built = true;
        v.push(...exitViolations("build (after check passed)", build, [0]));
      }
    }
  } catch (e) {
    v.push(`harness: ${(e as Error).message}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
