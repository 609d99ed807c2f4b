// Random hexadecimal digits for the names of temporary files and lock tokens (unique, not secret).
// node:crypto is loaded on first use: a cold start that writes no such file does not load it.

/** `bytes` random bytes as hexadecimal digits. */
export function randomHex(bytes: number): string {
  return process.getBuiltinModule("node:crypto").randomBytes(bytes).toString("hex");
}
