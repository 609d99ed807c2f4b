// A tiny static server for a built site on 127.0.0.1 and a random port: what an intranet web
// server does with the output folder (index.html for directories, 404.html otherwise).
import { readFile, stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".pdf": "application/pdf",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Every path requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `root` under the URL path `base` (e.g. `/` or `/xinfang/`). */
export async function serveStatic(root: string, base = "/"): Promise<StaticServer> {
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname);
    const send404 = async () => {
      const body = await readFile(join(root, "404.html")).catch(() => Buffer.from("not found"));
      res.writeHead(404, { "content-type": TYPES[".html"] }).end(body);
    };
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(base)) return send404();
    path = path.slice(base.length);
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return send404();
    const info = await stat(file).catch(() => null);
    const target = info?.isDirectory() ? join(file, "index.html") : file;
    const body = await readFile(target).catch(() => null);
    if (!body) return send404();
    res
      .writeHead(200, { "content-type": TYPES[extname(target)] ?? "application/octet-stream" })
      .end(body);
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
