import { describe, expect, it } from "vitest";
import { inlineSvg } from "../../src/site/lib/svg-inline.ts";

const wrap = (inner: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50">${inner}</svg>`;

describe("inlineSvg", () => {
  it("keeps drawing elements and attributes, drops xmlns, labels the root", () => {
    expect(
      inlineSvg(
        wrap('<title>趋势</title><line x1="0" y1="1" x2="2" y2="3" stroke="#000"/>'),
        "图1",
      ),
    ).toBe(
      '<svg viewBox="0 0 100 50" width="100" height="50" class="gw-svg" role="img" aria-label="图1"><title>趋势</title><line x1="0" y1="1" x2="2" y2="3" stroke="#000"/></svg>',
    );
  });

  it("keeps the first of repeated attributes (as HTML parsers do)", () => {
    expect(inlineSvg(wrap('<text font-size="12" font-size="10">34</text>'), "")).toContain(
      '<text font-size="12">34</text>',
    );
  });

  it("drops script, style, foreignObject, image, use and links with their content", () => {
    const out = inlineSvg(
      wrap(
        "<script>alert(1)</script><style>*{}</style><foreignObject><div>x</div></foreignObject>" +
          '<image href="https://x.example/a.png"/><use href="#a"/><a href="https://x.example/"><text>链接</text></a>' +
          "<text>留下</text>",
      ),
      "",
    );
    expect(out).toBe(
      '<svg viewBox="0 0 100 50" width="100" height="50" class="gw-svg" role="img" aria-label=""><text>留下</text></svg>',
    );
  });

  it("drops event handlers, style attributes and url() to anything but the same figure", () => {
    const out = inlineSvg(
      wrap(
        '<rect onload="alert(1)" style="fill:url(https://x.example/)" fill="url(https://x.example/p)" width="5"/>' +
          '<rect fill="url(#grad)" transform="javascript:alert(1)"/>',
      ),
      "",
    );
    expect(out).toContain('<rect width="5"/>');
    expect(out).toContain('<rect fill="url(#grad)"/>');
    expect(out).not.toMatch(/onload|style=|x\.example|javascript/);
  });

  it("escapes text, decoding entities first", () => {
    const out = inlineSvg(wrap("<text>138****5678 &lt;b&gt; &#x41;&amp;</text>"), "<b>");
    expect(out).toContain("<text>138****5678 &lt;b&gt; A&amp;</text>");
    expect(out).toContain('aria-label="&lt;b&gt;"');
  });

  it("closes what the input leaves open and ignores stray closing tags", () => {
    expect(inlineSvg("<svg><g><text>a</g></text></svg></g>", "")).toBe(
      '<svg class="gw-svg" role="img" aria-label=""><g><text>a</text></g></svg>',
    );
    expect(inlineSvg("<svg><g>", "")).toBe(
      '<svg class="gw-svg" role="img" aria-label=""><g></g></svg>',
    );
  });

  it("ignores anything outside the root svg, comments and processing instructions", () => {
    expect(inlineSvg('<?xml version="1.0"?><!-- c --><p>x</p><svg><!-- d --></svg>tail', "")).toBe(
      '<svg class="gw-svg" role="img" aria-label=""></svg>',
    );
  });
});
