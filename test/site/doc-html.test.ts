import { describe, expect, it } from "vitest";
import type { Block } from "../../src/doc/types.ts";
import { blockToHtml, docToHtml, internalHref } from "../../src/site/lib/doc-html.ts";
import { agreementDoc, HOSTILE, ID_NUMBER, MOBILE, noticeDoc } from "./fixtures/sample-docs.ts";

const html = docToHtml(noticeDoc, { base: "/xinfang/" });

describe("docToHtml", () => {
  it("escapes every piece of user text: no markup from the Doc survives", () => {
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    // title, list item, caption, column title, alt, attachment title, 抄送, free text
    expect(html.split("&lt;script&gt;").length - 1).toBeGreaterThanOrEqual(8);
  });

  it("prints masked ID and mobile numbers as the Doc holds them", () => {
    expect(html).toContain(`身份证号${ID_NUMBER}，手机${MOBILE}。`);
  });

  it("renders the GB/T 9704 header: 份号, 紧急程度, 发文机关标志, 发文字号, red line, title", () => {
    expect(html).toContain('<span class="gw-copy">000012</span>');
    expect(html).toContain('<span class="gw-urgency">加急</span>');
    expect(html).toContain('<p class="gw-mark">青禾镇<wbr>人民政府<wbr>文件</p>');
    expect(html).toContain('<span class="gw-number">青政发〔2025〕7号</span>');
    expect(html).toContain('<hr class="gw-redline">');
    expect(html).toMatch(/<h1 class="gw-title">关于<wbr>2025年1—6月考评<wbr>结果的<wbr>通报/);
    expect(html).toContain('<p class="gw-recipients">各村（社区），镇直各单位：</p>');
  });

  it("renders heading levels 1–4 as h2–h5 with their GB/T classes", () => {
    expect(html).toContain('<h2 class="gw-h1">一、考评结果</h2>');
    expect(html).toContain('<h3 class="gw-h2">（一）排名</h3>');
    expect(html).toContain('<h4 class="gw-h3">1.得分</h4>');
    expect(html).toContain('<h5 class="gw-h4">（1）扣分</h5>');
  });

  it("indents paragraphs two characters unless told not to, and aligns them", () => {
    expect(html).toMatch(/<p class="gw-p">身份证号/);
    expect(html).toContain('<p class="gw-p gw-noindent al-center">不缩进居中</p>');
  });

  it("renders inline strong, emphasis and line breaks", () => {
    expect(html).toContain("<strong>加粗</strong><em>强调</em><br>");
  });

  it("puts the base path on internal links and makes no link that leaves the site", () => {
    expect(html).toContain('<a href="/xinfang/units/dongpo/">东坡村</a>');
    expect(html).toContain('<span class="gw-external">外网</span>');
    expect(html).toContain('<span class="gw-external">脚本</span>');
    expect(html).not.toContain("example.com");
    expect(html).not.toContain("javascript:");
  });

  it("renders ordered and unordered lists", () => {
    expect(html).toContain('<ol class="gw-list"><li>第一项</li>');
    expect(html).toContain('<ul class="gw-list"><li>无序</li></ul>');
  });

  it("renders tables with caption, header, body, totals, alignment and landscape", () => {
    expect(html).toContain('<div class="gw-table gw-landscape"><table><caption>考评得分');
    expect(html).toContain(
      '<th scope="col">村（社区）</th><th scope="col" class="al-right">得分</th>',
    );
    expect(html).toContain(
      '<td>东坡村</td><td class="al-right gw-nowrap">91.25</td><td class="al-center gw-nowrap">138****5678</td>',
    );
    expect(html).toContain(
      '<tfoot><tr><td>合计</td><td class="al-right gw-nowrap">91.25</td><td class="al-center"></td></tr></tfoot>',
    );
  });

  it("keeps short codes on one line and lets long ones break", () => {
    const table = (text: string) =>
      blockToHtml(
        {
          type: "table",
          columns: [{ title: "出处", align: "left" }],
          rows: [[[{ type: "text", text }]]],
        },
        { base: "/" },
      );
    expect(table("P-2025-0044")).toContain('<td class="gw-nowrap">P-2025-0044</td>');
    expect(table("ledger/2025/petitions.yaml:676")).toContain('<td class="gw-breakall">');
    expect(table("群众越级上访的")).toContain("<td>群众越级上访的</td>");
  });

  it("writes a figure's drawing inline as SVG, text escaped, labelled with its alt text, with its caption", () => {
    expect(html).toContain(
      '<figure class="gw-figure"><svg class="gw-svg" viewBox="0 0 10 10" width="10mm" height="10mm" role="img" aria-label="图&lt;script&gt;alert(1)&lt;/script&gt;" font-family="serif"><title>排名&lt;script&gt;alert(1)&lt;/script&gt;</title><text x="5" y="5" font-size="3.175" text-anchor="middle" fill="#000000">138****5678&lt;script&gt;alert(1)&lt;/script&gt;</text></svg><figcaption>排名变化</figcaption></figure>',
    );
  });

  it("renders a page break, a one-party signature with the date, 附注 and 版记", () => {
    expect(html).toContain('<div class="gw-page-break" aria-hidden="true"></div>');
    expect(html).toContain(
      '<div class="gw-signature gw-signature-single gw-seal"><div class="gw-parties"><div class="gw-party"><p class="gw-party-name">青禾镇人民政府</p></div></div><p class="gw-date">2025年7月7日</p></div>',
    );
    expect(html).toContain('<p class="gw-note">（联系人：韩磊，电话138****5678）</p>');
    expect(html).toContain('<p class="gw-cc">抄送：县信访局，镇党委&lt;script&gt;');
    expect(html).toContain("<span>青禾镇党政办公室</span><span>2025年7月8日印发</span>");
  });

  it("lists attachments before the signature (附件说明) and renders each after the body", () => {
    const note = html.indexOf('<div class="gw-attachment-notes">');
    expect(note).toBeGreaterThan(0);
    expect(note).toBeLessThan(html.indexOf('class="gw-signature'));
    expect(html).toContain('<p class="gw-attachment-note">附件：1．得分明细');
    expect(html).toContain('<p class="gw-attachment-note gw-attachment-note-more">2．扣分依据</p>');
    expect(html).toContain('<section class="gw-attachment" id="attachment-1">');
    expect(html).toContain('<p class="gw-attachment-label">附件2</p>');
    const attachment = html.indexOf("附件正文");
    expect(attachment).toBeGreaterThan(html.indexOf('class="gw-signature'));
    expect(attachment).toBeLessThan(
      html.indexOf('<footer class="gw-colophon" data-search-ignore>'),
    );
  });

  it("does not repeat a 附件说明 the body already has", () => {
    const withNote = {
      ...noticeDoc,
      body: [
        {
          type: "paragraph" as const,
          content: [{ type: "text" as const, text: "附件：得分明细" }],
        },
        ...noticeDoc.body,
      ],
    };
    const out = docToHtml(withNote, { base: "/" });
    expect(out).not.toContain("gw-attachment-notes");
    expect(out.match(/附件：/g)).toHaveLength(1);
  });

  it("renders two parties (甲方/乙方) with signers and a blank line where none is named", () => {
    const a = docToHtml(agreementDoc, { base: "/" });
    expect(a).toContain('class="gw-signature gw-signature-parties"');
    expect(a).toContain('<span class="gw-role">甲方：</span>青禾镇人民政府');
    expect(a).toContain("负责人（签字）：宋文斌");
    expect(a).toContain('负责人（签字）：<span class="gw-blank"></span>');
    expect(a).not.toContain("gw-head");
    expect(a).not.toContain("gw-colophon");
  });

  it("sets a 信函格式 header: the issuer's name, a red double rule, the 发文字号 on the right", () => {
    const letter = docToHtml(
      {
        ...noticeDoc,
        meta: {
          ...noticeDoc.meta,
          format: "letter",
          issuerMark: "青禾镇信访工作领导小组办公室",
          number: "青信办〔2025〕2号",
          printer: undefined,
          printDate: undefined,
        },
      },
      { base: "/" },
    );
    expect(letter).toContain(
      '<header class="gw-head gw-head-letter" data-search-ignore><p class="gw-mark">青禾镇信访<wbr>工作<wbr>领导<wbr>小组<wbr>办公室</p><hr class="gw-doubleline"><div class="gw-letter-line">',
    );
    expect(letter).toContain('<span class="gw-number">青信办〔2025〕2号</span></div>');
    expect(letter).not.toContain("gw-redline");
    // its 版记: the 抄送 only, without rules
    expect(letter).toContain(
      '<footer class="gw-colophon gw-colophon-letter" data-search-ignore><p class="gw-cc">',
    );
    expect(letter).not.toContain("gw-printer");
  });

  it("sets no 版头 and no 版记 for a document without a format's header, whatever its meta holds", () => {
    const none = docToHtml(
      {
        ...noticeDoc,
        meta: { ...noticeDoc.meta, format: "none", copy: undefined, urgency: undefined },
      },
      { base: "/" },
    );
    expect(none).not.toContain("gw-head");
    expect(none).not.toContain("gw-mark");
    expect(none).not.toContain("青政发〔2025〕7号");
    expect(none).not.toContain("gw-colophon");
    expect(none).toMatch(
      /^<article class="gw" data-kind="notice" data-format="none">\n<h1 class="gw-title">/,
    );
  });

  it("renders the lines a form is signed on, each field in its own column", () => {
    const out = blockToHtml(
      { type: "signLines", rows: [["考评人（签字）：", "审核人（签字）："], ["日期："]] },
      { base: "/" },
    );
    expect(out).toBe(
      '<div class="gw-signlines"><p><span>考评人（签字）：</span><span>审核人（签字）：</span></p><p><span>日期：</span></p></div>',
    );
  });

  it("keeps the 版头, the 版记 and table heads out of the search index, and nothing else", () => {
    const ignored = [...html.matchAll(/<(\w+)[^>]*\sdata-search-ignore[^>]*>/g)].map((m) => m[1]);
    expect(ignored).toContain("header");
    expect(ignored).toContain("footer");
    expect(new Set(ignored)).toEqual(new Set(["header", "footer", "thead"]));
    // the number and the 标志 are inside the ignored header; the title is not
    const head = /<header[^>]*data-search-ignore[^>]*>[\s\S]*?<\/header>/.exec(html)?.[0] ?? "";
    expect(head).toContain(noticeDoc.meta.number ?? "-");
    expect(head).not.toContain("gw-title");
  });

  it("gives each document and base its own HTML, call after call", () => {
    const fresh = (doc: typeof noticeDoc, base: string) =>
      docToHtml(structuredClone(doc), { base }); // a copy of the document
    expect(docToHtml(noticeDoc, { base: "/xinfang/" })).toBe(html);
    const agreement = docToHtml(agreementDoc, { base: "/xinfang/" });
    expect(agreement).toBe(fresh(agreementDoc, "/xinfang/"));
    expect(agreement).not.toBe(html);
    expect(docToHtml(noticeDoc, { base: "/" })).toBe(fresh(noticeDoc, "/"));
    expect(docToHtml(noticeDoc, { base: "/" })).not.toBe(html);
    expect(docToHtml(noticeDoc, { base: "/xinfang/" })).toBe(html);
  });

  it("throws on a block type it does not know (the switch is exhaustive)", () => {
    expect(() => blockToHtml({ type: "video" } as unknown as Block, { base: "/" })).toThrow(
      /unknown block/,
    );
  });
});

describe("internalHref", () => {
  it("keeps fragments and relative links, prefixes the base, refuses other hosts and schemes", () => {
    expect(internalHref("#a", "/x/")).toBe("#a");
    expect(internalHref("/units/", "/x/")).toBe("/x/units/");
    expect(internalHref("/units/", "/")).toBe("/units/");
    expect(internalHref("../a/", "/x/")).toBe("../a/");
    expect(internalHref("//evil.example/", "/")).toBeNull();
    expect(internalHref("https://evil.example/", "/")).toBeNull();
    expect(internalHref(" JavaScript:alert(1)", "/")).toBeNull();
    expect(internalHref("data:text/html,x", "/")).toBeNull();
  });
});
