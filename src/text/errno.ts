// File-system errors in an office's words, shared by every stage that reads or writes files:
// which error codes mean "the machine cannot read or write there" (not a fault of the program,
// not a problem of the content) and how to say each one in Chinese.

/** Faults of the machine or its settings: permissions, a full or read-only disk, a busy file. */
export const ENVIRONMENT_ERRORS: ReadonlySet<string> = new Set([
  "EACCES",
  "EPERM",
  "ENOSPC",
  "EROFS",
  "EDQUOT",
  "EIO",
  "EMFILE",
  "ENFILE",
  "EBUSY",
  "EXDEV",
]);

/** A path that does not lead where the user said: missing, a file where a folder is wanted … */
export const PATH_ERRORS: ReadonlySet<string> = new Set([
  "ENOENT",
  "ENOTDIR",
  "EISDIR",
  "EEXIST",
  "ENAMETOOLONG",
  "ELOOP",
]);

const WORDS: Record<string, string> = {
  EACCES: "没有权限",
  EPERM: "没有权限",
  ENOSPC: "磁盘空间不足",
  EDQUOT: "磁盘配额已满",
  EROFS: "文件系统是只读的",
  EIO: "磁盘读写出错",
  EMFILE: "同时打开的文件过多",
  ENFILE: "同时打开的文件过多",
  EBUSY: "文件正被其他程序占用",
  EXDEV: "不能跨磁盘移动",
  ENOENT: "找不到文件或文件夹",
  ENOTDIR: "路径中有一部分不是文件夹",
  EISDIR: "这是一个文件夹",
  EEXIST: "已经存在",
  ENAMETOOLONG: "路径过长",
  ELOOP: "符号链接形成了循环",
  // Not the system's: a file that became shorter while it was being read (csv.ts reads a large
  // ledger a part at a time).
  ECHANGED: "文件在读取过程中被改动",
};

/** The error code of a Node.js file-system error, or null for any other value. */
export function errnoCode(e: unknown): string | null {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return e instanceof Error && typeof code === "string" ? code : null;
}

/** An error code in Chinese, e.g. EACCES → 没有权限. */
export function errnoWords(code: string | null | undefined): string {
  return (code && WORDS[code]) ?? `系统错误 ${code ?? "（未知）"}`;
}
