// Shared by the DOCX tests: the example documents as Docs, a DOCX's parts as text, and the text
// of document.xml paragraph by paragraph.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { toolPath } from "../support/tools.ts";
import { dirname, join } from "node:path";
import type { Doc } from "../../src/doc/types.ts";
import { FONT } from "../../src/docx/index.ts";
import { shippedFontPath } from "../../src/pdf/fonts.ts";
import type { FontRole } from "../../src/pdf/fonts.ts";
import { readZip } from "../../src/xlsx/zip.ts";
import { examplePublication } from "../pdf/support.ts";

export { CONTENT, doc, heading, para } from "../pdf/support.ts";

/** One example document by its id. */
export async function exampleDoc(id: string): Promise<Doc> {
  const pub = await examplePublication();
  const found = pub.documents.find((d) => d.doc.meta.id === id);
  if (!found) throw new Error(`no example document ${id}`);
  return found.doc;
}

/** The parts of a DOCX as text, by name. */
export function parts(bytes: Uint8Array): Map<string, string> {
  return new Map(readZip(bytes).map((e) => [e.name, new TextDecoder().decode(e.data)]));
}

export function part(bytes: Uint8Array, name: string): string {
  const text = parts(bytes).get(name);
  if (text === undefined) throw new Error(`the DOCX has no ${name}`);
  return text;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

/** Each paragraph of document.xml: its style id and its text. */
export function paragraphs(documentXml: string): { style: string; text: string }[] {
  return [...documentXml.matchAll(/<w:p\b[^>]*?(?:\/>|>([\s\S]*?)<\/w:p>)/g)].map((m) => {
    const inner = m[1] ?? "";
    const style = /<w:pStyle w:val="([^"]+)"/.exec(inner)?.[1] ?? "Normal";
    const text = [...inner.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
      .map((t) => unescape(t[1] as string))
      .join("");
    return { style, text };
  });
}

/** The XML of one style in styles.xml, by id. */
export function styleXml(stylesXml: string, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(stylesXml);
  if (!m) throw new Error(`no style ${id}`);
  return m[0];
}

/** Text without white space, for comparing against extracted text. */
export const squash = (s: string): string => s.replace(/\s+/g, "");

/**
 * An environment in which LibreOffice finds the offices' font names as the shipped faces the PDF
 * is set in (仿宋_GB2312 → Noto Serif SC, 方正小标宋简体 → its Bold, 黑体 → Noto Sans SC, 楷体_GB2312 →
 * LXGW WenKai) and no other font: its pages then compare with xinfang's on any machine, with or
 * without Chinese fonts installed. The fontconfig file and its cache go into `dir`.
 */
export function shippedFontsEnv(dir: string): NodeJS.ProcessEnv {
  const file = (role: FontRole) => shippedFontPath(role);
  const dirs = [
    ...new Set((["仿宋", "小标宋", "黑体", "楷体"] as const).map((r) => dirname(file(r)))),
  ];
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const alias = (name: string, family: string) =>
    `<alias binding="strong"><family>${name}</family><prefer><family>${family}</family></prefer></alias>`;
  const conf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
${dirs.map((d) => `  <dir>${esc(d)}</dir>`).join("\n")}
  <cachedir>${esc(join(dir, "fontconfig-cache"))}</cachedir>
  ${alias(FONT.仿宋, "Noto Serif SC")}
  ${alias(FONT.宋体, "Noto Serif SC")}
  ${alias(FONT.黑体, "Noto Sans SC")}
  ${alias(FONT.楷体, "LXGW WenKai")}
  <match target="pattern"><test name="family"><string>${FONT.小标宋}</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Serif SC</string></edit>
    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit></match>
</fontconfig>
`;
  const path = join(dir, "fonts.conf");
  writeFileSync(path, conf);
  return { ...process.env, FONTCONFIG_FILE: path };
}

/**
 * Converts `files` (DOCX) to PDF into `dir` with one headless LibreOffice, under a profile of its
 * own in `dir` (a LibreOffice the user has open does not take the conversion).
 */
export function convertWithLibreOffice(
  dir: string,
  files: readonly string[],
  options: { timeout: number; env?: NodeJS.ProcessEnv },
): void {
  execFileSync(
    toolPath("soffice"),
    [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      "--convert-to",
      "pdf",
      "--outdir",
      dir,
      ...files,
    ],
    { stdio: "pipe", timeout: options.timeout, ...(options.env ? { env: options.env } : {}) },
  );
}
