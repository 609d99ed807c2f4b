// `xinfang init DIR --year Y`: a new office's content folder, written all at once.
import { join, relative, resolve } from "node:path";
import { TargetUnusableError, writeNewFolder } from "../build/new-folder.ts";
import { INIT_YEARS, newContent } from "../index.ts";
import { EXIT_OK, UsageError } from "./io.ts";
import type { Io } from "./io.ts";
import { parseYear } from "./options.ts";

export async function runInit(
  values: Record<string, unknown>,
  io: Io,
  positionals: string[],
): Promise<number> {
  if (positionals.length === 0)
    throw new UsageError("请给出新内容目录的位置，例如 xinfang init 我的内容 --year 2025");
  if (positionals.length > 1) throw new UsageError(`多余的参数：${positionals.slice(1).join(" ")}`);
  const year = parseYear(values.year);
  if (year === undefined)
    throw new UsageError("请用 --year 指定考评年度，例如 xinfang init 我的内容 --year 2025");
  if (year < INIT_YEARS.min || year > INIT_YEARS.max)
    throw new UsageError(
      `--year 应在 ${INIT_YEARS.min} 至 ${INIT_YEARS.max} 年之间（收到 ${year}）`,
    );
  const given = positionals[0] as string;
  const dir = resolve(io.cwd, given);
  try {
    await writeNewFolder(dir, await newContent(year));
  } catch (e) {
    if (e instanceof TargetUnusableError)
      throw new UsageError(
        e.kind === "not-a-folder"
          ? `“${given}”是一个文件，不能作为内容目录。请换一个文件夹名。`
          : e.kind === "a-disk"
            ? `“${given}”是一个磁盘或分区本身（例如 U 盘的根目录），不能直接作为内容目录，没有写入任何文件。请在其中新建一个文件夹，例如 xinfang init ${join(given, "内容")} --year ${year}。`
            : `文件夹“${given}”不是空的，没有写入任何文件。请指定一个新的或空的文件夹。`,
      );
    throw e;
  }
  const rel = relative(io.cwd, dir).replaceAll("\\", "/");
  const shown = rel === "" ? "." : rel.startsWith("..") ? dir.replaceAll("\\", "/") : rel;
  io.stdout.write(
    `已在“${shown}”中建立 ${year} 年度的内容目录。\n` +
      `下一步：填写 office.yaml（本机关）、units.yaml（村、社区名单），按本镇办法修改 rules/${year}.yaml，\n` +
      `然后运行 xinfang check --content ${shown} 检查。\n` +
      `台账也可以用 Excel 填写：台账模板.xlsx 中有填写说明，填好的工作表另存到 ledger/${year}/ 中。\n`,
  );
  return EXIT_OK;
}
