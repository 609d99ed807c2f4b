// `xinfang fonts`: which file sets each font role of the PDFs, and where it comes from — the one
// office.yaml names, the office font `fonts: auto` found, or the shipped one — with the problems
// of the office's fonts (the same ones `check` reports).
import { isAbsolute, relative, resolve } from "node:path";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { contentFonts } from "../index.ts";
import { FONT_ROLES } from "../pdf/fonts.ts";
import type { FontOrigin } from "../pdf/fonts.ts";
import { displayPrefix } from "./check.ts";
import { formatProblems, summarise } from "./format-diagnostics.ts";
import { EXIT_CONTENT, EXIT_OK } from "./io.ts";
import type { Io } from "./io.ts";
import { contentDir } from "./options.ts";

const ORIGIN: Record<FontOrigin, string> = {
  office: "office.yaml 指定",
  found: "自动找到",
  bundled: "随附",
};

export async function runFonts(values: Record<string, unknown>, io: Io): Promise<number> {
  const dir = await contentDir(values, io);
  const strict = values.strict === true;
  const checked = await contentFonts(dir);
  const prefix = displayPrefix(dir, io.cwd);
  const problems = formatProblems(checked.problems, { prefix, texts: checked.texts, strict });
  if (!checked.fonts) {
    io.stderr.write(`${problems}${summarise(checked.problems, strict)}\n内容有错误，请先改正。\n`);
    return EXIT_CONTENT;
  }
  const asked = checked.content?.office?.fonts ?? "auto";
  const mode =
    asked === "auto"
      ? "auto：先找内容目录 fonts 文件夹、再找本机已安装的机关字体，找不到的用随附字体"
      : asked === "bundled"
        ? "bundled：只用随附的开源字体"
        : "按角色指定的字体文件，未指定的用随附字体";
  const shown = (file: string) => {
    const rel = relative(dir, file);
    return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.replaceAll("\\", "/") : file;
  };
  let out = `公文字体（office.yaml fonts: ${mode}）\n`;
  for (const role of FONT_ROLES) {
    const faces = checked.fonts.roles[role];
    const origins = checked.fonts.origins[role];
    faces.forEach((face, i) => {
      const lead = i === 0 ? `${role}：` : "  缺字时用 ";
      const where = `${shown(resolve(face.key))}，${ORIGIN[origins[i] ?? "bundled"]}`;
      out += `${lead}${face.font.fullName}（${where}）\n`;
    });
  }
  io.stdout.write(out);
  if (checked.problems.length)
    io.stdout.write(`\n${problems}${summarise(checked.problems, strict)}\n`);
  return hasErrors(checked.problems) || (strict && checked.problems.length > 0)
    ? EXIT_CONTENT
    : EXIT_OK;
}
