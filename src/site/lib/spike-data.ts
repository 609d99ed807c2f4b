import { publish } from "../../publish/index.ts";
const KEY = Symbol.for("xinfang.publication");
let cached: Promise<unknown> | undefined;
export function data(): Promise<any> {
  const g = globalThis as Record<symbol, unknown>;
  if (g[KEY]) return Promise.resolve(g[KEY]);
  cached ??= publish(process.env.XINFANG_CONTENT ?? "content").then((r) => r.publication);
  return cached;
}
