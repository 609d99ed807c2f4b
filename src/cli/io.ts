import { errnoWords } from "../text/errno.ts";

// What a command may touch: two output streams and the working folder; and how it ends.

export interface Writable {
  /** Returns false when the stream holds more than it wants (a pipe read slower than written). */
  write(chunk: string): unknown;
  /**
   * Writes UTF-8 bytes that are printable already (text/printable.ts), as they are; returns as
   * `write` does. A stream without it is given them as text (`writeBytes` below).
   */
  writeBytes?(chunk: Uint8Array): unknown;
  /** Whether the stream still holds bytes written to it (not yet passed on to the system). */
  holding?(): boolean;
  /** Resolves once such a stream has passed on what it holds. */
  drained?(): Promise<void>;
}

const utf8 = new TextDecoder();

/**
 * Writes printable UTF-8 bytes that end between characters: as bytes where the stream takes them,
 * else as their text. `free` says whether the stream kept nothing of the chunk (it may then be
 * written over); `more` is false when the stream wants the writer to wait (drained).
 */
export function writeBytes(stream: Writable, chunk: Uint8Array): { more: boolean; free: boolean } {
  if (!stream.writeBytes) return { more: stream.write(utf8.decode(chunk)) !== false, free: true };
  const more = stream.writeBytes(chunk) !== false;
  return { more, free: stream.holding?.() === false };
}

export interface Io {
  stdout: Writable;
  stderr: Writable;
  cwd: string;
  /** Which streams get colour (a terminal without NO_COLOR); none when absent. */
  color?: { stdout: boolean; stderr: boolean };
  /** Told the content folder a command reads, once it is known (the process tunes V8 for it). */
  contentChosen?: (dir: string) => void;
}

export const EXIT_OK = 0;
/** Content has errors (or warnings under --strict). */
export const EXIT_CONTENT = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;
/** A file or folder outside the content cannot be read or written (output folder, disk full …). */
export const EXIT_IO = 3;
/** A fault of the program itself (EX_SOFTWARE): never the content's fault. */
export const EXIT_INTERNAL = 70;

/** The command line is wrong: one Chinese line, exit 2. */
export class UsageError extends Error {}

/** Something outside the content cannot be read or written: one Chinese line, exit 3. */
export class IoError extends Error {}

/** An fs error as one Chinese line naming the path. */
export function ioErrorLine(e: NodeJS.ErrnoException): string {
  const what = errnoWords(e.code);
  return e.path ? `无法读写“${e.path}”：${what}。` : `无法读写文件：${what}。`;
}

/** The lines printed for a fault of the program itself. */
export function internalErrorText(e: unknown, debug: boolean): string {
  const lines = [
    "xinfang 内部错误：程序遇到了意外情况，没有完成这次运行（内容目录没有被改动）。",
    debug
      ? `${e instanceof Error ? (e.stack ?? e.message) : String(e)}`
      : "提示：请加上 --debug 重新运行，把输出连同所用的命令报告给维护者。",
  ];
  return `${lines.join("\n")}\n`;
}
