// What a command may touch: two output streams and the working folder.

export interface Writable {
  write(chunk: string): unknown;
}

export interface Io {
  stdout: Writable;
  stderr: Writable;
  cwd: string;
}

export const EXIT_OK = 0;
/** Content has errors (or warnings under --strict). */
export const EXIT_CONTENT = 1;
/** The command line itself is wrong. */
export const EXIT_USAGE = 2;

export class UsageError extends Error {}
