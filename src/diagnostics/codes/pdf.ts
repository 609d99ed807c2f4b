// Typesetting: the office's own font files, and characters no font has a glyph for.
import { entry } from "./entry.ts";

/** U+4E00: how a character is named next to itself, for fonts that cannot show it. */
const codePoint = (ch: string) =>
  `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

export const pdfCodes = {
  "pdf/font-file": entry<{
    /** The font role (仿宋, 小标宋 …) of office.yaml `fonts:`. */
    role: string;
    file: string;
    /** Why the file cannot be used, in the font reader's words. */
    reason: string;
  }>({
    severity: "error",
    message: (p) => `fonts.${p.role} 指定的字体文件“${p.file}”无法使用：${p.reason}`,
    hint: "检查路径（相对于内容目录）和文件是否完整；只支持 TrueType（.ttf/.ttc）字体。",
  }),
  "pdf/font-found": entry<{
    role: string;
    /** Where `fonts: auto` found the file. */
    file: string;
    reason: string;
    /** What sets the role instead: another file found, or the shipped font. */
    used: string;
  }>({
    severity: "warning",
    message: (p) =>
      `fonts: auto 找到的${p.role}字体文件“${p.file}”无法使用：${p.reason}；${p.role}改用${p.used}`,
    hint: "修复或删除这个字体文件，或在 office.yaml 的 fonts 中写明要用的字体文件（TrueType）。",
  }),
  "pdf/missing-glyph": entry<{
    title: string;
    /** The document's id. */
    document: string;
    /** Where in the document the character stands: 标题, 正文第3段 … */
    where: string;
    char: string;
  }>({
    severity: "error",
    message: (p) =>
      `文书“${p.title}”（${p.document}）${p.where}中的字符“${p.char}”（${codePoint(p.char)}）在所有字体中都没有字形，无法生成 PDF`,
    hint: "换用常见写法，或在 office.yaml 的 fonts 中指定包含这个字的字体文件（TrueType）。",
  }),
};
