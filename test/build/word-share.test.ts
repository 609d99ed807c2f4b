// The Word step shared by two threads (src/build/word-share.ts): what a Word file takes over from
// the PDF's layout survives being sent as plain data (each table by its place), every file is
// made once whichever side claims it, with the bytes one side alone makes, and the progress says
// the total once. Both "sides" run on this thread here: the claims and the channel are the same.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxStage, wordLayoutOf } from "../../src/build/docx-files.ts";
import type { DocumentSet } from "../../src/build/pdf-files.ts";
import {
  layoutFrom,
  mainWordStage,
  portableLayout,
  sendLayouts,
  shareWord,
  sharedClaims,
} from "../../src/build/word-share.ts";
import type { Block, Doc } from "../../src/doc/types.ts";
import { docxOf } from "../../src/docx/index.ts";
import type { WordLayout } from "../../src/docx/index.ts";
import { typeset } from "../../src/pdf/index.ts";
import type { Typeset } from "../../src/pdf/index.ts";
import { CONTENT, doc, examplePublication, fonts, para } from "../pdf/support.ts";

const root = mkdtempSync(join(tmpdir(), "xinfang-word-share-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newDir = () => join(root, String(n++));

const options = { contentDir: CONTENT };
let publication: DocumentSet;
/** The example's layouts by document id, and what the Word step takes over from them. */
const laid = new Map<string, Typeset>();
const taken = new Map<string, WordLayout>();
/** Unshared Word files of the example, by file name. */
const alone = new Map<string, Buffer>();

const files = (dir: string) =>
  new Map(readdirSync(join(dir, "docx")).map((f) => [f, readFileSync(join(dir, "docx", f))]));

beforeAll(async () => {
  publication = await examplePublication();
  const set = fonts();
  for (const { doc: d } of publication.documents) {
    const t = typeset(d, set);
    laid.set(d.meta.id, t);
    taken.set(d.meta.id, wordLayoutOf(t));
  }
  const dir = newDir();
  await docxStage(options, taken).run(publication, dir, () => {});
  for (const [f, bytes] of files(dir)) alone.set(f, bytes);
}, 120_000);

/** The worker's end as document-stages.ts makes it, the layouts sent. */
function workerEnd(share: ReturnType<typeof shareWord>) {
  sendLayouts(share.worker, laid);
  return docxStage(options, taken, sharedClaims(share.worker));
}

const table = (caption: string, landscape = false): Block => ({
  type: "table",
  caption,
  ...(landscape && { landscape }),
  columns: [
    { title: "村（社区）", align: "left" },
    { title: "得分", align: "right" },
  ],
  rows: [[[{ type: "text", text: "桃花村" }], [{ type: "text", text: "98.5" }]]],
});

describe("a Word layout as plain data", () => {
  it("gives a copy of the document the same Word file (example documents)", async () => {
    let tables = 0;
    for (const { doc: d } of publication.documents) {
      const layout = taken.get(d.meta.id) as WordLayout;
      const plain = structuredClone(portableLayout(d, layout));
      expect(plain.tables.filter(Boolean)).toHaveLength(layout.tables.size);
      tables += layout.tables.size;
      const copy = structuredClone(d);
      const again = layoutFrom(copy, plain);
      expect(Buffer.from(await docxOf(copy, { layout: again }))).toEqual(
        Buffer.from(await docxOf(d, { layout })),
      );
    }
    expect(tables).toBeGreaterThan(0);
  });

  it("keeps each table's size and orientation by its place, attachments included", () => {
    const d: Doc = doc([para("正文。"), table("表1")], {}, [
      { label: "附件1", title: "得分表", body: [table("表2", true), para("说明。"), table("表3")] },
    ]);
    const laid = wordLayoutOf(typeset(d, fonts()));
    expect(laid.tables.size).toBe(3);
    const copy = structuredClone(d);
    const again = layoutFrom(copy, structuredClone(portableLayout(d, laid)));
    const blocks = [copy.body[1], copy.attachments[0]?.body[0], copy.attachments[0]?.body[2]];
    const originals = [d.body[1], d.attachments[0]?.body[0], d.attachments[0]?.body[2]];
    expect(blocks.map((b) => again.tables.get(b as object))).toEqual(
      originals.map((b) => laid.tables.get(b as object)),
    );
    expect(again.tables.get(blocks[1] as object)?.landscape).toBe(true);
    expect(again.colophon).toBe(laid.colophon);
  });
});

describe("the Word step shared by two sides", () => {
  it("makes every file once, as one side alone makes it, however the claims fall", async () => {
    const share = shareWord();
    const worker = workerEnd(share);
    const dir = newDir();
    const lines: string[] = [];
    await Promise.all([
      worker.run(publication, dir, (l) => lines.push(l)),
      mainWordStage(share.main, options).run(publication, dir, (l) => lines.push(l)),
    ]);
    expect(files(dir)).toEqual(alone);
    expect(lines).toEqual([`  Word 文件：文书 ${alone.size} 份。`]);
  });

  it("the main side makes them all when it comes first; the last side to end says so", async () => {
    const share = shareWord();
    const worker = workerEnd(share);
    const dir = newDir();
    const lines: string[] = [];
    await mainWordStage(share.main, options).run(publication, dir, (l) => lines.push(`主：${l}`));
    expect(files(dir)).toEqual(alone);
    expect(lines).toEqual([]);
    await worker.run(publication, dir, (l) => lines.push(`副：${l}`));
    expect(lines).toEqual([`副：  Word 文件：文书 ${alone.size} 份。`]);
  });

  it("makes nothing when the worker ended first, nor when the build stopped", async () => {
    const share = shareWord();
    const dir = newDir();
    const lines: string[] = [];
    // the worker made them all and ended without the main side's help
    const worker = docxStage(options, taken, sharedClaims(share.worker));
    await worker.run(publication, dir, (l) => lines.push(l));
    share.worker.port.close();
    await mainWordStage(share.main, options).run(publication, dir, (l) => lines.push(l));
    expect(lines).toEqual([`  Word 文件：文书 ${alone.size} 份。`]);

    const stopped = shareWord();
    const stop = new AbortController();
    const running = mainWordStage(stopped.main, options).run(
      publication,
      newDir(),
      () => lines.push("不应有"),
      stop.signal,
    );
    stop.abort();
    await running;
    expect(lines).toHaveLength(1);
    const claims = sharedClaims(stopped.worker);
    expect(claims.claim()).toBe(0); // it claimed nothing
  });

  it("hands out each index once to claims from both sides", () => {
    const share = shareWord();
    const a = sharedClaims(share.worker);
    const b = sharedClaims(share.main);
    const got = Array.from({ length: 10 }, (_, i) => (i % 3 ? a : b).claim());
    expect(got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a.finished(4)).toBeNull();
    expect(b.finished(6)).toBe(10);
  });
});
