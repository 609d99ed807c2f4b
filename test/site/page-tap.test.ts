// The site's pages are taken as Astro renders them (render-site.ts): which file each address is
// written to, and when the build reads a file back instead of trusting what it took.
import { describe, expect, it } from "vitest";
import { takeTapped, tappedFile } from "../../src/site/build/render-site.ts";
import type { TappedPage } from "../../src/site/build/render-site.ts";

describe("tappedFile", () => {
  it("maps an address to the file of the folder format, under any base", () => {
    for (const base of ["/", "/xinfang/", "/xinfang"]) {
      const root = base === "/" ? "" : "/xinfang";
      expect(tappedFile(`${root}/`, base)).toBe("index.html");
      expect(tappedFile(`${root}/units/andian/`, base)).toBe("units/andian/index.html");
      expect(tappedFile(`${root}/units/andian`, base)).toBe("units/andian/index.html");
      expect(tappedFile(`${root}/404`, base)).toBe("404.html");
      expect(tappedFile(`${root}/404/`, base)).toBe("404.html");
      expect(tappedFile(`${root}/pages/%E8%AF%B4%E6%98%8E/`, base)).toBe("pages/说明/index.html");
    }
    expect(tappedFile("/xinfang", "/xinfang/")).toBe("index.html");
  });

  it("gives nothing outside the base or for an address that cannot be decoded", () => {
    expect(tappedFile("/other/units/", "/xinfang/")).toBeUndefined();
    expect(tappedFile("/xinfangx/units/", "/xinfang/")).toBeUndefined();
    expect(tappedFile("/units/%E0%A4%A/", "/")).toBeUndefined();
  });
});

describe("takeTapped", () => {
  const page = (size: number, text: string): TappedPage => ({
    size,
    found: { content: text, meta: {}, filters: {} },
    references: [],
  });

  it("trusts a page only with as many bytes on disk as were rendered, for that file alone", () => {
    const files = ["_astro/a.css", "a/index.html", "b/index.html", "c/index.html", "d/index.html"];
    const tapped = new Map<string, TappedPage | null>([
      ["a/index.html", page(10, "甲")],
      ["b/index.html", page(11, "乙")], // on disk: 12 bytes
      ["c/index.html", null], // two pages said to be this file
      ["x/index.html", page(5, "未写出")],
    ]);
    const sizes: Record<string, number> = { "a/index.html": 10, "b/index.html": 12 };
    const r = takeTapped(files, tapped, (f) => sizes[f] ?? 0);
    expect(r.unread).toEqual(["_astro/a.css", "b/index.html", "c/index.html", "d/index.html"]);
    expect([...r.found.keys()]).toEqual(["a/index.html"]);
    expect(r.found.get("a/index.html")?.content).toBe("甲");
    expect([...r.references.keys()]).toEqual(["a/index.html"]);
  });
});
