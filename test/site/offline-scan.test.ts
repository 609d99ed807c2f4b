// The offline check's markup scanner (src/text/external.ts) finds exactly what the plainer scanner
// it replaced found, on random markup: tags and attributes in any letter case and spacing (Unicode
// white space included), quoted and bare values, character references, comments, style and script
// elements, and text that only looks like markup.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markupReferences } from "../../src/text/external.ts";
import { markupReferencesBefore } from "./support/external-before.ts";

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const space = pick([" ", "  ", "\n", "\t", "\u3000", "\u00a0", "\f", "\u2003", "\ufeff", ""]);
const name = pick([
  "src",
  "HREF",
  "style",
  "class",
  "srcset",
  "data",
  "xlink:href",
  "ping",
  "id",
  "Style",
]);
const url = pick([
  "https://cdn.example/a.png",
  "//x.example/b",
  "/local/c.png",
  "data:image/png;base64,AA",
  "&#x2F;&#47;y.example/z",
  "&sol;&sol;e.example",
  "a.png 1x, //f.example/b.png 2x",
  "url( 'https://u.example/f.woff2' )",
  "background:url(//g.example/i.png)",
  "h&#116;tps://h.example",
]);
const value = fc.oneof(
  fc.tuple(pick(['"', "'"]), url).map(([q, u]) => `${q}${u}${q}`),
  url.map((u) => u.replace(/[\s"'>]/g, "")),
  fc.string({ maxLength: 6 }),
);
const attribute = fc
  .tuple(space, name, space, fc.boolean(), space, value)
  .map(([a, n, b, has, c, v]) => `${a}${n}${has ? `${b}=${c}${v}` : ""}`);
const tag = fc
  .tuple(
    pick(["img", "A", "link", "div", "td", "svg", "image", "Img"]),
    fc.array(attribute, { maxLength: 4 }),
    pick([">", "/>", " >", ""]),
  )
  .map(([t, attrs, end]) => `<${t}${attrs.join(" ")}${end}`);
const element = fc
  .tuple(
    pick(["script", "style", "SCRIPT", "Style"]),
    pick([
      'import("//m.example/x.js")',
      "@import '//n.example/s.css';",
      "a < b",
      "fetch('//o.example')",
      "",
    ]),
    pick(["script", "style", "Script", "STYLE"]),
  )
  .map(([open, body, close]) => `<${open}>${body}</${close}>`);
const piece = fc.oneof(
  tag,
  element,
  pick([
    "<!-- <img src=//c.example> -->",
    "<!--",
    "a < b",
    "<",
    "<1",
    "文字",
    "&lt;img src=//t.example&gt;",
    "https://text.example",
  ]),
  fc.string({ maxLength: 8 }),
);

describe("offline check: markup scanner", () => {
  it("finds the same references, in the same order, as the scanner it replaced", () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const html = parts.join("");
        expect(markupReferences(html, "a.html")).toEqual(markupReferencesBefore(html, "a.html"));
      }),
      { numRuns: 3000 },
    );
  });
});
