// A figure's SVG (from the render stage) put inline into a page: rebuilt from its tokens with a
// fixed set of drawing elements and attributes, so nothing in it can run, fetch or style the
// page — no script, style, foreignObject, image, use, links, event handlers or url() other than
// `url(#…)`. Text is escaped (it was masked with the content it comes from). Tolerant of what
// browsers tolerate in HTML (a repeated attribute keeps its first value); anything unknown is left
// out.
import { escapeHtml } from "./html.ts";

const ELEMENTS = new Set([
  "svg",
  "g",
  "defs",
  "title",
  "desc",
  "text",
  "tspan",
  "line",
  "polyline",
  "polygon",
  "path",
  "rect",
  "circle",
  "ellipse",
]);

/** Elements left out together with everything inside them. */
const DROPPED_WITH_CONTENT = new Set([
  "script",
  "style",
  "foreignobject",
  "iframe",
  "image",
  "use",
  "a",
  "animate",
  "animatemotion",
  "animatetransform",
  "set",
  "handler",
  "listener",
]);

const ATTRIBUTES = new Set([
  "viewBox",
  "width",
  "height",
  "x",
  "y",
  "x1",
  "y1",
  "x2",
  "y2",
  "dx",
  "dy",
  "cx",
  "cy",
  "r",
  "rx",
  "ry",
  "d",
  "points",
  "fill",
  "fill-opacity",
  "fill-rule",
  "stroke",
  "stroke-width",
  "stroke-dasharray",
  "stroke-linecap",
  "stroke-linejoin",
  "stroke-opacity",
  "opacity",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "text-anchor",
  "dominant-baseline",
  "alignment-baseline",
  "transform",
  "paint-order",
  "preserveAspectRatio",
]);

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<[?!][\s\S]*?>|<\/\s*([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>|[^<]+|</g;
const ATTRIBUTE = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function safeValue(value: string): boolean {
  const v = value.replace(/\s+/g, "").toLowerCase();
  if (v.includes("javascript:") || v.includes("expression(")) return false;
  return !/url\((?!['"]?#)/.test(v);
}

function attributes(raw: string): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of raw.matchAll(ATTRIBUTE)) {
    const name = m[1] ?? "";
    if (!ATTRIBUTES.has(name) || seen.has(name)) continue;
    seen.add(name);
    const value = decode(m[2] ?? m[3] ?? m[4] ?? "");
    if (!safeValue(value)) continue;
    out.push(` ${name}="${escapeHtml(value)}"`);
  }
  return out.join("");
}

/** The SVG rebuilt for inline use, with `role="img"` and `aria-label` on its root. */
export function inlineSvg(svg: string, label: string): string {
  const out: string[] = [];
  const open: string[] = [];
  let skipping: { name: string; depth: number } | null = null;
  for (const m of svg.matchAll(TOKEN)) {
    const [token, closeName, openName, rawAttrs = "", selfClosing] = m;
    if (token.startsWith("<!--") || token.startsWith("<![") || /^<[?!]/.test(token)) continue;
    if (closeName !== undefined) {
      const name = closeName.toLowerCase();
      if (skipping) {
        if (name === skipping.name && --skipping.depth === 0) skipping = null;
        continue;
      }
      const at = open.lastIndexOf(closeName);
      if (at < 0) continue;
      while (open.length > at) out.push(`</${open.pop()}>`);
      continue;
    }
    if (openName !== undefined) {
      const name = openName.toLowerCase();
      if (skipping) {
        if (name === skipping.name && !selfClosing) skipping.depth++;
        continue;
      }
      if (DROPPED_WITH_CONTENT.has(name) || /^on/.test(name)) {
        if (!selfClosing) skipping = { name, depth: 1 };
        continue;
      }
      if (!ELEMENTS.has(openName)) continue;
      if (open.length === 0 && openName !== "svg") continue;
      const root = open.length === 0 && out.length === 0;
      const extra = root ? ` class="gw-svg" role="img" aria-label="${escapeHtml(label)}"` : "";
      out.push(`<${openName}${attributes(rawAttrs)}${extra}${selfClosing ? "/" : ""}>`);
      if (!selfClosing) open.push(openName);
      continue;
    }
    if (skipping || open.length === 0 || token === "<") continue;
    out.push(escapeHtml(decode(token)));
  }
  while (open.length) out.push(`</${open.pop()}>`);
  return out.join("");
}
