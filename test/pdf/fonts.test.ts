// Fonts by role: the shipped 楷体 is a real Kai face (LXGW WenKai, whole, read from its WOFF 1.0
// file table by table) and sets （一） headings, run-in heads, emphasis and the 签发人's name;
// `fonts: auto` finds the office's own fonts in the content folder's fonts/, the machine's font
// folders or fontconfig, validates them as it validates files office.yaml names, and takes the
// same file every run; `xinfang fonts` says which file sets each role.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as fontkit from "fontkit";
import { afterAll, describe, expect, it } from "vitest";
import { checkFonts } from "../../src/pdf/check.ts";
import { faceOf, loadFontSet, shippedFontPath } from "../../src/pdf/fonts.ts";
import {
  machineFonts,
  machineSearch,
  officeFontCandidates,
  parseFcList,
} from "../../src/pdf/installed.ts";
import { renderPdf } from "../../src/pdf/index.ts";
import { layoutDoc } from "../../src/pdf/layout.ts";
import {
  FontFormatError,
  parseTrueType,
  readTrueType,
  verifyGlyphs,
} from "../../src/pdf/truetype.ts";
import { cli } from "../cli/run-cli.ts";
import {
  CONTENT,
  doc,
  examplePublication,
  fontPrograms,
  fonts,
  heading,
  para,
  placed,
  runs,
  woffOf,
} from "./support.ts";

const temp: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "xinfang-fonts-"));
  temp.push(d);
  return d;
};
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A real TrueType font (the shipped 黑体, Noto Sans SC) standing in for an office's file. */
const NOTO_SANS = shippedFontPath("黑体");

/** `name` in a new folder, a link to a real TrueType font. */
function fontFolder(...names: string[]): string {
  const dir = tempDir();
  for (const name of names) {
    const path = join(dir, name);
    mkdirSync(join(path, ".."), { recursive: true });
    symlinkSync(NOTO_SANS, path);
  }
  return dir;
}

/** A copy of a WOFF file with 100 bytes of one table's compressed stream overwritten. */
function damaged(woff: Uint8Array, table: string): Uint8Array {
  const bad = Uint8Array.from(woff);
  const v = new DataView(bad.buffer);
  const entry = Array.from({ length: v.getUint16(12) }, (_, i) => 44 + 20 * i).find(
    (o) => String.fromCharCode(...bad.subarray(o, o + 4)) === table,
  )!;
  const start = v.getUint32(entry + 4);
  bad.fill(0xff, start + 100, start + 200);
  return bad;
}

describe("the shipped 楷体", () => {
  it("is LXGW WenKai Regular, a whole font: every GB 2312 汉字 and the whole CJK Unified Ideographs block", () => {
    const face = faceOf(shippedFontPath("楷体"));
    expect(face.font.postScriptName).toBe("LXGWWenKai-Regular");
    expect(face.font.numGlyphs).toBeGreaterThan(30_000);
    const gb2312 = new TextDecoder("gb18030");
    let hanzi = 0;
    const missing: string[] = [];
    for (let a = 0xb0; a <= 0xf7; a++)
      for (let b = 0xa1; b <= 0xfe; b++) {
        if (a === 0xd7 && b > 0xf9) continue; // the five empty cells of row 55
        const ch = gb2312.decode(Uint8Array.of(a, b));
        hanzi++;
        if (face.glyph(ch.codePointAt(0)!) === 0) missing.push(ch);
      }
    expect(hanzi).toBe(6763);
    expect(missing).toEqual([]);
    for (let cp = 0x4e00; cp <= 0x9fff; cp++)
      if (face.glyph(cp) === 0) missing.push(String.fromCodePoint(cp));
    expect(missing).toEqual([]);
    for (const ch of "（一）〔〕：；，。、“”《》—…％0123456789")
      expect(face.glyph(ch.codePointAt(0)!), ch).toBeGreaterThan(0);
  });

  it("is not the body face: （一） headings, run-in heads, emphasis and the 签发人's name are set in it", async () => {
    const f = fonts();
    const kai = f.roles.楷体[0]!;
    expect(kai).not.toBe(f.roles.仿宋[0]);
    expect(kai.key).toBe(shippedFontPath("楷体"));
    const laid = layoutDoc(
      doc(
        [
          heading(2, "（一）抓好矛盾纠纷排查"),
          {
            type: "paragraph",
            content: [
              { type: "emphasis", children: [{ type: "text", text: "（一）动员部署阶段" }] },
              { type: "text", text: "（2025年1月1日至2025年2月28日）。召开会议。" },
            ],
          },
        ],
        { issuerMark: "青禾镇人民政府", number: "青政发〔2025〕7号", signer: "宋文斌" },
      ),
      f,
    );
    const faceOfText = (text: string) => {
      const glyphs = runs(laid.pages[0]!.items).flatMap((r) =>
        placed(r).map((g) => ({ text: g.text, face: r.face })),
      );
      const at = glyphs
        .map((g) => g.text)
        .join("")
        .indexOf(text);
      expect(at, text).toBeGreaterThanOrEqual(0);
      return new Set(glyphs.slice(at, at + [...text].length).map((g) => g.face.key));
    };
    expect(faceOfText("抓好矛盾纠纷排查")).toEqual(new Set([kai.key]));
    expect(faceOfText("动员部署阶段")).toEqual(new Set([kai.key]));
    expect(faceOfText("宋文斌")).toEqual(new Set([kai.key]));
    expect(faceOfText("召开会议")).toEqual(new Set([f.roles.仿宋[0]!.key]));
  });

  it("sets the plan's 工作步骤 run-in heads （一） in 楷体, as its （一） headings", async () => {
    const plan = (await examplePublication()).documents.find(
      (d) => d.doc.meta.id === "plan-2025-annual",
    )!;
    const lead = plan.doc.body.find(
      (b) => b.type === "paragraph" && JSON.stringify(b.content).includes("动员部署阶段"),
    );
    expect(lead?.type === "paragraph" && lead.content[0]).toEqual({
      type: "emphasis",
      children: [{ type: "text", text: "（一）动员部署阶段" }],
    });
  });
});

describe("WOFF 1.0 fonts", () => {
  const ttf = readFileSync(NOTO_SANS);
  const woff = woffOf(ttf);

  it("read as the TrueType font they hold: the same glyphs, advances and outlines", () => {
    const a = parseTrueType(ttf);
    const b = parseTrueType(woff);
    expect(b.numGlyphs).toBe(a.numGlyphs);
    expect(b.postScriptName).toBe(a.postScriptName);
    for (const ch of "信访工作（一）2025年A") {
      const gid = a.glyphOf(ch.codePointAt(0)!);
      expect(b.glyphOf(ch.codePointAt(0)!)).toBe(gid);
      expect(b.advanceOf(gid)).toBe(a.advanceOf(gid));
      expect(b.glyph(gid)).toEqual(a.glyph(gid));
    }
  });

  it("inflate glyf only when a glyph record is read, and a damaged glyf stream is a FontFormatError then", () => {
    const font = parseTrueType(damaged(woff, "glyf")); // cmap and metrics are enough to set type
    expect(font.glyphOf("信".codePointAt(0)!)).toBeGreaterThan(0);
    expect(() => verifyGlyphs(font)).toThrow(FontFormatError);
    expect(() => verifyGlyphs(font)).toThrow("WOFF 的 glyf 表无法解压");
  });

  it("can be inflated ahead on a worker thread: glyph records then read nothing more, a damaged stream still throws", async () => {
    const reads: number[] = [];
    const open = (bytes: Uint8Array) =>
      readTrueType((offset, length) => {
        reads.push(offset);
        return bytes.subarray(offset, offset + length);
      }, bytes.length);
    const font = open(woff);
    const gid = font.glyphOf("信".codePointAt(0)!);
    await font.preload();
    const before = reads.length;
    expect(font.glyph(gid)).toEqual(parseTrueType(ttf).glyph(gid));
    expect(reads.length).toBe(before);
    const bad = open(damaged(woff, "glyf"));
    await bad.preload();
    expect(() => bad.glyph(gid)).toThrow("WOFF 的 glyf 表无法解压");
    expect(await parseTrueType(ttf).preload()).toBeUndefined();
  });

  it("hold a TrueType font and nothing else (a WOFF inside a WOFF is refused, not unpacked again)", () => {
    const nested = Uint8Array.from(woff);
    nested.set([0x77, 0x4f, 0x46, 0x46], 4);
    expect(() => parseTrueType(nested)).toThrow("WOFF 文件中不是 TrueType 字体");
    const cff = Uint8Array.from(woff);
    cff.set([0x4f, 0x54, 0x54, 0x4f], 4);
    expect(() => parseTrueType(cff)).toThrow("CFF");
  });

  it("named in office.yaml, a damaged one is pdf/font-file, an intact one sets its role", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "fonts"));
    writeFileSync(join(dir, "fonts", "kai.woff"), woff);
    writeFileSync(join(dir, "fonts", "bad.woff"), damaged(woff, "glyf"));
    const good = checkFonts({ 楷体: "fonts/kai.woff" }, dir, () => null);
    expect(good.diagnostics).toEqual([]);
    expect(good.set.roles.楷体[0]!.key).toBe(join(dir, "fonts", "kai.woff"));
    const broken = checkFonts({ 楷体: "fonts/bad.woff" }, dir, () => null).diagnostics;
    expect(broken.map((d) => d.message)).toEqual([
      "fonts.楷体 指定的字体文件“fonts/bad.woff”无法使用：WOFF 的 glyf 表无法解压",
    ]);
  });
});

describe("fonts: auto", () => {
  const none = machineSearch({ XINFANG_FONT_DIRS: "" });

  it("looks where each platform keeps fonts, and only in XINFANG_FONT_DIRS when that is set", () => {
    expect(
      machineSearch(
        { WINDIR: "D:\\Windows", LOCALAPPDATA: "C:\\Users\\li\\AppData\\Local" },
        "win32",
        "C:\\Users\\li",
      ),
    ).toEqual({
      dirs: ["D:\\Windows\\Fonts", "C:\\Users\\li\\AppData\\Local\\Microsoft\\Windows\\Fonts"],
      fontconfig: false,
    });
    expect(machineSearch({}, "linux", "/home/li")).toEqual({
      dirs: [
        "/home/li/.local/share/fonts",
        "/home/li/.fonts",
        "/usr/local/share/fonts",
        "/usr/share/fonts",
      ],
      fontconfig: true,
    });
    expect(machineSearch({ XINFANG_FONT_DIRS: "/a:/b" }, "linux", "/home/li")).toEqual({
      dirs: ["/a", "/b"],
      fontconfig: false,
    });
    expect(machineSearch({ XINFANG_FONT_DIRS: "C:\\a;D:\\b" }, "win32", "C:\\")).toEqual({
      dirs: ["C:\\a", "D:\\b"],
      fontconfig: false,
    });
    expect(none).toEqual({ dirs: [], fontconfig: false });
  });

  it("finds the office's fonts by file name in any case, 仿宋_GB2312 before simfang, the content folder's fonts/ first", () => {
    const machine = fontFolder(
      "Windows/Fonts/SIMFANG.TTF",
      "Windows/Fonts/simhei.ttf",
      "user/仿宋_GB2312.ttf",
      "Windows/Fonts/simsun.ttc",
    );
    const content = fontFolder("fonts/simkai.ttf");
    const search = {
      dirs: [join(machine, "Windows/Fonts"), join(machine, "user")],
      fontconfig: false,
    };
    expect(officeFontCandidates(content, search)).toEqual({
      仿宋: [join(machine, "user/仿宋_GB2312.ttf"), join(machine, "Windows/Fonts/SIMFANG.TTF")],
      小标宋: [],
      黑体: [join(machine, "Windows/Fonts/simhei.ttf")],
      楷体: [join(content, "fonts/simkai.ttf")],
    });
    const inBoth = fontFolder("fonts/simfang.ttf");
    expect(officeFontCandidates(inBoth, search).仿宋[0]).toBe(join(inBoth, "fonts/simfang.ttf"));
  });

  it("asks fontconfig by family name where fc-list runs, and reads the folders where it does not", () => {
    const fonts = fontFolder("odd/name-kai.ttf", "odd/simhei.ttf", "folder/simkai.ttf");
    const fake = join(tempDir(), "fc-list");
    writeFileSync(
      fake,
      `#!/bin/sh\nprintf '%s\\t0\\tKaiTi,楷体\\n%s\\t0\\tSimHei,黑体\\n%s\\t1\\t仿宋\\n' '${fonts}/odd/name-kai.ttf' '${fonts}/odd/simhei.ttf' '${fonts}/odd/second-face.ttc'\n`,
    );
    chmodSync(fake, 0o755);
    const search = { dirs: [join(fonts, "folder")], fontconfig: true };
    expect(machineFonts(search, fake)).toEqual([
      { file: `${fonts}/odd/name-kai.ttf`, families: ["KaiTi", "楷体"] },
      { file: `${fonts}/odd/simhei.ttf`, families: ["SimHei", "黑体"] },
    ]);
    expect(machineFonts(search, join(fonts, "no-such-fc-list"))).toEqual([
      { file: join(fonts, "folder/simkai.ttf"), families: [] },
    ]);
    const empty = tempDir();
    expect(officeFontCandidates(empty, search, () => machineFonts(search, fake)).楷体).toEqual([
      `${fonts}/odd/name-kai.ttf`,
    ]);
  });

  it("reads fc-list's output: escaped commas, first faces only, sorted by file", () => {
    expect(
      parseFcList("/z/b.ttf\t0\tA\\,B,C\n/z/a.ttc\t1\tD\n/z/a.ttf\t0\t仿宋_GB2312\n\n"),
    ).toEqual([
      { file: "/z/a.ttf", families: ["仿宋_GB2312"] },
      { file: "/z/b.ttf", families: ["A,B", "C"] },
    ]);
  });

  it("sets a role in the font found, the shipped one after it; bundled and an empty search use the shipped fonts only", () => {
    const machine = fontFolder("simkai.ttf");
    const search = { dirs: [machine], fontconfig: false };
    const empty = tempDir();
    const { set, problems } = loadFontSet("auto", empty, search);
    expect(problems).toEqual([]);
    expect(set.roles.楷体.map((f) => f.key)).toEqual([
      join(machine, "simkai.ttf"),
      shippedFontPath("楷体"),
    ]);
    expect(set.origins.楷体).toEqual(["found", "bundled"]);
    expect(set.origins.仿宋).toEqual(["bundled"]);
    expect(loadFontSet("bundled", empty, search).set.origins.楷体).toEqual(["bundled"]);
    expect(loadFontSet("auto", empty, none).set.roles.楷体.map((f) => f.key)).toEqual([
      shippedFontPath("楷体"),
    ]);
  });

  it("passes over a damaged font it finds with a pdf/font-found warning and takes the next one", () => {
    const machine = fontFolder("simkai.ttf");
    const content = tempDir();
    mkdirSync(join(content, "fonts"));
    writeFileSync(
      join(content, "fonts", "楷体_GB2312.ttf"),
      readFileSync(NOTO_SANS).subarray(0, 4000),
    );
    const search = { dirs: [machine], fontconfig: false };
    const { set, problems } = loadFontSet("auto", content, search);
    expect(set.roles.楷体[0]!.key).toBe(join(machine, "simkai.ttf"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({
      role: "楷体",
      file: "fonts/楷体_GB2312.ttf",
      found: { used: join(machine, "simkai.ttf") },
    });
    const d = checkFonts("auto", content, () => null);
    // the search of checkFonts is the tests' own: XINFANG_FONT_DIRS is empty (vitest.config.ts)
    expect(d.diagnostics.map((x) => [x.code, x.severity])).toEqual([["pdf/font-found", "warning"]]);
    expect(d.diagnostics[0]!.message).toMatch(
      /^fonts: auto 找到的楷体字体文件“fonts\/楷体_GB2312\.ttf”无法使用：字体文件不完整：\S+ 表超出文件末尾；楷体改用随附的 LXGW WenKai$/,
    );
  });

  it("gives the same bytes for the same fonts, and other bytes than the shipped fonts", async () => {
    const content = fontFolder("fonts/simkai.ttf");
    const sample = doc([heading(2, "（一）抓好矛盾纠纷排查"), para("正文。")]);
    const a = await renderPdf(sample, { contentDir: content, fonts: "auto" });
    const b = await renderPdf(sample, { contentDir: content, fonts: "auto" });
    const shipped = await renderPdf(sample, { contentDir: content, fonts: "bundled" });
    expect(a.problems).toEqual([]);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    expect(Buffer.from(a.bytes).equals(Buffer.from(shipped.bytes))).toBe(false);
    // the heading's glyphs are embedded as the found file draws them, not as the shipped 楷体
    const cp = "抓".codePointAt(0)!;
    const outline = (font: fontkit.Font) => font.glyphForCodePoint(cp).path.toSVG();
    const drawn = (bytes: Uint8Array) =>
      fontPrograms(Buffer.from(bytes))
        .map((p) => fontkit.create(p))
        .filter((f) => f.characterSet.includes(cp))
        .map(outline);
    const original = (path: string) => outline(fontkit.create(readFileSync(path)));
    expect(drawn(a.bytes)).toEqual([original(NOTO_SANS)]);
    expect(drawn(shipped.bytes)).toEqual([original(shippedFontPath("楷体"))]);
  });
});

describe("xinfang fonts", () => {
  it("names the file and origin that set each role, with the shipped font for what it lacks", async () => {
    const content = tempDir();
    const { cpSync } = await import("node:fs");
    cpSync(CONTENT, content, { recursive: true });
    const office = readFileSync(join(content, "office.yaml"), "utf8");
    writeFileSync(join(content, "office.yaml"), office.replace(/^fonts: bundled$/m, "fonts: auto"));
    mkdirSync(join(content, "fonts"));
    symlinkSync(NOTO_SANS, join(content, "fonts", "simhei.ttf"));
    const r = await cli(["fonts", "--content", content]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "公文字体（office.yaml fonts: auto：先找内容目录 fonts 文件夹、再找本机已安装的机关字体，找不到的用随附字体）",
    );
    expect(lines).toContain("黑体：Noto Sans SC Medium（fonts/simhei.ttf，自动找到）");
    expect(lines).toContain(`  缺字时用 Noto Sans SC Medium（${NOTO_SANS}，随附）`);
    expect(lines).toContain(`楷体：LXGW WenKai（${shippedFontPath("楷体")}，随附）`);
    expect(lines).toHaveLength(6);
  });

  it("on the example content: bundled, every role set in its shipped font", async () => {
    const r = await cli(["fonts", "--content", CONTENT]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n").slice(0, 5)).toEqual([
      "公文字体（office.yaml fonts: bundled：只用随附的开源字体）",
      `仿宋：Noto Serif SC Regular（${shippedFontPath("仿宋")}，随附）`,
      `小标宋：Noto Serif SC Bold（${shippedFontPath("小标宋")}，随附）`,
      `黑体：Noto Sans SC Medium（${shippedFontPath("黑体")}，随附）`,
      `楷体：LXGW WenKai（${shippedFontPath("楷体")}，随附）`,
    ]);
  });
});
