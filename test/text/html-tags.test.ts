// Reading tags by character codes (src/text/html-tags.ts): names are remembered between calls
// (html-tags.ts keeps recent ones), which must never change what is read.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { endTagName, readStartTag } from "../../src/text/html-tags.ts";

const all = () => true;

describe("readStartTag and endTagName", () => {
  it("read names in any letter case the same, however often they are met", () => {
    const html = "<DIV Class=\"a\"><div class=b><DiV CLASS='c' data-Search-Body></dIv></DIV>";
    const first = readStartTag(html, 0, all);
    const second = readStartTag(html, html.indexOf("<div"), all);
    const third = readStartTag(html, html.indexOf("<DiV"), all);
    expect([first.name, second.name, third.name]).toEqual(["div", "div", "div"]);
    expect(first.attributes.map((a) => [a.name, a.value])).toEqual([["class", "a"]]);
    expect(third.attributes.map((a) => [a.name, a.value])).toEqual([
      ["class", "c"],
      ["data-search-body", ""],
    ]);
    expect(endTagName(html, html.indexOf("</dIv"))).toBe("div");
    expect(endTagName(html, html.indexOf("</DIV"))).toBe("div");
  });

  it("agree with reading each name afresh, for names that share a first letter and length", () => {
    const name = fc.stringMatching(/^[a-dA-D][a-dA-D0-9-]{0,14}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(name, name), { minLength: 1, maxLength: 30 }), (tags) => {
        const html = tags.map(([t, a]) => `<${t} ${a}="v"></${t}>`).join("");
        let at = 0;
        for (const [t, a] of tags) {
          const tag = readStartTag(html, at, all);
          expect(tag.name).toBe(t.toLowerCase());
          expect(tag.attributes.map((x) => x.name)).toEqual([a.toLowerCase()]);
          const end = html.indexOf("</", tag.end);
          expect(endTagName(html, end)).toBe(t.toLowerCase());
          at = html.indexOf(">", end) + 1;
        }
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});
