// The package around the document: word/document.xml from the sections, the headers and footers
// numbered in the order the sections name them, the charts' pictures as word/media/imageN.emf,
// the relationships, the content types and the document properties, in a fixed order.
import type { Doc } from "../doc/types.ts";
import { DOC_KIND_NAMES } from "../doc/types.ts";
import { Utf8Chunks } from "../xlsx/xml.ts";
import type { ZipEntry } from "../xlsx/zip.ts";
import {
  APP_XML,
  CUSTOM_XML,
  ENDNOTES_XML,
  FOOTNOTES_XML,
  NUMBERING_XML,
  SETTINGS_XML,
} from "./fixed-parts.ts";
import { fontTableXml } from "./fonts.ts";
import { STYLES_XML } from "./styles.ts";
import { THEME_XML } from "./theme.ts";
import { paragraphXml, sectionXml, tableXml } from "./wml.ts";
import type { BodyChild, Paragraph, Picture, PictureIds, StoryRefs } from "./wml.ts";
import type { Stories, WordSection } from "./word.ts";
import {
  DECLARATION,
  DECLARATION_STANDALONE,
  DOCUMENT,
  HEADER,
  IGNORABLE,
  WORD,
  esc,
  namespaces,
} from "./xml.ts";

const OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const WORDML = "application/vnd.openxmlformats-officedocument.wordprocessingml";

interface Relationship {
  type: string;
  target: string;
}

/** A .rels part: relationships rId1, rId2, … in order. */
function relsXml(rels: readonly Relationship[]): string {
  if (rels.length === 0) return `${DECLARATION}<Relationships xmlns="${PACKAGE_RELS}"/>`;
  const items = rels
    .map((r, i) => `<Relationship Id="rId${i + 1}" Type="${r.type}" Target="${esc(r.target)}"/>`)
    .join("");
  return `${DECLARATION}<Relationships xmlns="${PACKAGE_RELS}">${items}</Relationships>`;
}

const PACKAGE_RELS_XML = relsXml([
  { type: `${OFFICE_RELS}/officeDocument`, target: "word/document.xml" },
  {
    type: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
    target: "docProps/core.xml",
  },
  { type: `${OFFICE_RELS}/extended-properties`, target: "docProps/app.xml" },
  { type: `${OFFICE_RELS}/custom-properties`, target: "docProps/custom.xml" },
]);
const NO_RELS_XML = relsXml([]);

/** 00:00 of a YYYY-MM-DD day in China (UTC+8), as W3CDTF in UTC: 2025-01-20 → 2025-01-19T16:00:00Z. */
function chinaMidnight(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - 8 * 3600_000).toISOString().replace(/\.000Z$/, "Z");
}

/** docProps/core.xml: title, subject, issuer, kind and year; dated the document's day. */
function coreXml(doc: Doc): string {
  const m = doc.meta;
  const field = (name: string, value: string) => (value ? `<${name}>${esc(value)}</${name}>` : "");
  const at = chinaMidnight(m.date);
  return (
    DECLARATION_STANDALONE +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    field("dc:title", m.title) +
    field("dc:subject", m.subject ?? DOC_KIND_NAMES[m.kind]) +
    field("dc:creator", m.issuer ?? "") +
    field("cp:keywords", `${DOC_KIND_NAMES[m.kind]} ${m.year}`) +
    field("dc:description", m.subject ?? m.title) +
    field("cp:lastModifiedBy", m.issuer ?? "") +
    "<cp:revision>1</cp:revision>" +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

/** A header or footer part. */
interface StoryPart {
  kind: "header" | "footer";
  /** header1.xml, footer3.xml, … */
  file: string;
  paragraphs: Paragraph[];
}

function storyXml(s: StoryPart): string {
  const body = s.paragraphs.map((p) => paragraphXml(p)).join("");
  return s.kind === "header"
    ? `${DECLARATION}<w:hdr${namespaces(HEADER)}>${body}</w:hdr>`
    : `${DECLARATION}<w:ftr${namespaces(WORD)}>${body}</w:ftr>`;
}

function contentTypesXml(stories: readonly StoryPart[], pictures: boolean): string {
  const d = (type: string, ext: string) => `<Default ContentType="${type}" Extension="${ext}"/>`;
  const o = (type: string, part: string) => `<Override ContentType="${type}" PartName="${part}"/>`;
  return (
    DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    (pictures ? d("image/x-emf", "emf") : "") +
    d("image/png", "png") +
    d("image/jpeg", "jpeg") +
    d("image/jpeg", "jpg") +
    d("image/bmp", "bmp") +
    d("image/gif", "gif") +
    d("image/svg+xml", "svg") +
    d("application/vnd.openxmlformats-package.relationships+xml", "rels") +
    d("application/xml", "xml") +
    d("application/vnd.openxmlformats-officedocument.obfuscatedFont", "odttf") +
    o(`${WORDML}.document.main+xml`, "/word/document.xml") +
    o(`${WORDML}.styles+xml`, "/word/styles.xml") +
    o("application/vnd.openxmlformats-package.core-properties+xml", "/docProps/core.xml") +
    o(
      "application/vnd.openxmlformats-officedocument.custom-properties+xml",
      "/docProps/custom.xml",
    ) +
    o(
      "application/vnd.openxmlformats-officedocument.extended-properties+xml",
      "/docProps/app.xml",
    ) +
    o(`${WORDML}.numbering+xml`, "/word/numbering.xml") +
    o(`${WORDML}.footnotes+xml`, "/word/footnotes.xml") +
    o(`${WORDML}.endnotes+xml`, "/word/endnotes.xml") +
    o(`${WORDML}.settings+xml`, "/word/settings.xml") +
    o(`${WORDML}.fontTable+xml`, "/word/fontTable.xml") +
    o("application/vnd.openxmlformats-officedocument.theme+xml", "/word/theme/theme1.xml") +
    stories.map((s) => o(`${WORDML}.${s.kind}+xml`, `/word/${s.file}`)).join("") +
    "</Types>"
  );
}

const utf8 = new TextEncoder();

/**
 * The parts every package has, as bytes made once: the ZIP writer deflates the same bytes object
 * only once (xlsx/zip.ts), so they cost nothing after the first document.
 */
const fixed = (name: string, xml: string): ZipEntry => ({ name, data: utf8.encode(xml) });
const NO_RELS = utf8.encode(NO_RELS_XML);
const FIXED_PARTS: readonly ZipEntry[] = [
  fixed("_rels/.rels", PACKAGE_RELS_XML),
  fixed("docProps/app.xml", APP_XML),
  fixed("docProps/custom.xml", CUSTOM_XML),
  { name: "word/_rels/endnotes.xml.rels", data: NO_RELS },
  { name: "word/_rels/fontTable.xml.rels", data: NO_RELS },
  { name: "word/_rels/footnotes.xml.rels", data: NO_RELS },
  fixed("word/endnotes.xml", ENDNOTES_XML),
  fixed("word/fontTable.xml", fontTableXml()),
  fixed("word/footnotes.xml", FOOTNOTES_XML),
  fixed("word/numbering.xml", NUMBERING_XML),
  fixed("word/settings.xml", SETTINGS_XML),
  fixed("word/styles.xml", STYLES_XML),
  fixed("word/theme/theme1.xml", THEME_XML),
];

/**
 * A part many documents have alike (the page-number footers, the content types and the
 * relationships of documents without pictures) as the same bytes object for the same text, so
 * each is deflated once; a few hundred kept at most.
 */
const stored = new Map<string, Uint8Array>();
function shared(xml: string): Uint8Array {
  let b = stored.get(xml);
  if (!b) {
    if (stored.size >= 256) stored.clear();
    b = utf8.encode(xml);
    stored.set(xml, b);
  }
  return b;
}

/** The parts of the document's package, [Content_Types].xml and _rels/.rels first, the rest by name. */
export function packageParts(doc: Doc, sections: readonly WordSection[]): ZipEntry[] {
  // the document's relationships: its fixed parts, the headers and footers, the theme, the
  // pictures, the font table
  const rels: Relationship[] = [
    { type: `${OFFICE_RELS}/styles`, target: "styles.xml" },
    { type: `${OFFICE_RELS}/numbering`, target: "numbering.xml" },
    { type: `${OFFICE_RELS}/footnotes`, target: "footnotes.xml" },
    { type: `${OFFICE_RELS}/endnotes`, target: "endnotes.xml" },
    { type: `${OFFICE_RELS}/settings`, target: "settings.xml" },
  ];
  const stories: StoryPart[] = [];
  const refer = (kind: StoryPart["kind"], group: Stories): StoryRefs => {
    const refs: StoryRefs = {};
    for (const page of ["default", "first", "even"] as const) {
      const paragraphs = group[page];
      if (!paragraphs) continue;
      const file = `${kind}${stories.filter((s) => s.kind === kind).length + 1}.xml`;
      stories.push({ kind, file, paragraphs });
      rels.push({ type: `${OFFICE_RELS}/${kind}`, target: file });
      refs[page] = `rId${rels.length}`;
    }
    return refs;
  };
  const refs = sections.map((s) => ({
    headers: refer("header", s.headers),
    footers: refer("footer", s.footers),
  }));
  rels.push({ type: `${OFFICE_RELS}/theme`, target: "theme/theme1.xml" });

  // pictures: one part for each distinct one, numbered in the order they first come
  const media: { data: Uint8Array; id: string }[] = [];
  const firstPicture = rels.length + 1;
  let drawings = 0;
  const pictures: PictureIds = {
    relationship(p: Picture) {
      let m = media.find((x) => Buffer.compare(x.data, p.data) === 0);
      if (!m) {
        m = { data: p.data, id: `rId${firstPicture + media.length}` };
        media.push(m);
      }
      return m.id;
    },
    nextDrawing: () => ++drawings,
  };
  const body = new Utf8Chunks();
  documentBody(sections, refs, pictures, body);
  media.forEach((_, i) =>
    rels.push({ type: `${OFFICE_RELS}/image`, target: `media/image${i + 1}.emf` }),
  );
  rels.push({ type: `${OFFICE_RELS}/fontTable`, target: "fontTable.xml" });

  const text = (name: string, xml: string): ZipEntry => ({ name, data: utf8.encode(xml) });
  const parts: ZipEntry[] = [
    { name: "[Content_Types].xml", data: shared(contentTypesXml(stories, media.length > 0)) },
    text("docProps/core.xml", coreXml(doc)),
    { name: "word/_rels/document.xml.rels", data: shared(relsXml(rels)) },
    {
      name: "word/document.xml",
      data: body.bytes(
        `${DECLARATION_STANDALONE}<w:document${IGNORABLE}${namespaces(DOCUMENT)}><w:body>`,
        "</w:body></w:document>",
      ),
    },
    ...FIXED_PARTS,
    ...stories.flatMap((s) => [
      { name: `word/${s.file}`, data: shared(storyXml(s)) },
      { name: `word/_rels/${s.file}.rels`, data: NO_RELS },
    ]),
    ...media.map((m, i) => ({ name: `word/media/image${i + 1}.emf`, data: m.data })),
  ];
  const rank = (n: string) => (n === "[Content_Types].xml" ? 0 : n === "_rels/.rels" ? 1 : 2);
  return parts.sort(
    (a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/**
 * The body: each section's paragraphs and tables, its properties in the last paragraph's (a
 * paragraph of their own after a table or in an empty section), the last section's at the end.
 * Written as UTF-8 as it comes: a county's annual notice is 9 MB of XML, which as one string
 * V8 would first copy whole (flatten) and then encode (the county's Word files ~15 % sooner).
 */
function documentBody(
  sections: readonly WordSection[],
  refs: readonly { headers: StoryRefs; footers: StoryRefs }[],
  pictures: PictureIds,
  out: Utf8Chunks,
): void {
  const child = (c: BodyChild, sectPr?: string) =>
    c.kind === "paragraph" ? paragraphXml(c, pictures, sectPr) : tableXml(c, pictures);
  sections.forEach((s, i) => {
    const r = refs[i] as { headers: StoryRefs; footers: StoryRefs };
    const sectPr = sectionXml(s.props, r.headers, r.footers);
    const last = i === sections.length - 1;
    const n = s.children.length;
    const carried = !last && s.children[n - 1]?.kind === "paragraph";
    s.children.forEach((c, j) => out.add(child(c, carried && j === n - 1 ? sectPr : undefined)));
    if (last) out.add(sectPr);
    else if (!carried) out.add(`<w:p><w:pPr>${sectPr}</w:pPr></w:p>`);
  });
}
