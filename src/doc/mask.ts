// Masks resident ID and mobile numbers in every text of a Doc (SPEC §1): the one place the
// published document tree passes through before any output sees it.
import { maskPersonal } from "../text/mask.ts";
import type { Block, Doc, Inline } from "./types.ts";

function inline(i: Inline): Inline {
  switch (i.type) {
    case "text":
      return { type: "text", text: maskPersonal(i.text) };
    case "strong":
    case "emphasis":
      return { ...i, children: i.children.map(inline) };
    case "link":
      return { ...i, children: i.children.map(inline) };
    case "break":
      return i;
    default: {
      const never: never = i;
      return never;
    }
  }
}

function block(b: Block): Block {
  switch (b.type) {
    case "heading":
    case "paragraph":
      return { ...b, content: b.content.map(inline) };
    case "list":
      return { ...b, items: b.items.map((it) => it.map(inline)) };
    case "table": {
      const t: Block = {
        ...b,
        columns: b.columns.map((c) => ({ ...c, title: maskPersonal(c.title) })),
        rows: b.rows.map((r) => r.map((c) => c.map(inline))),
      };
      if (b.totals) t.totals = b.totals.map((r) => r.map((c) => c.map(inline)));
      if (b.caption !== undefined) t.caption = maskPersonal(b.caption);
      return t;
    }
    case "signature":
      return {
        ...b,
        parties: b.parties.map((p) => ({
          ...p,
          name: maskPersonal(p.name),
          ...(p.signer !== undefined ? { signer: maskPersonal(p.signer) } : {}),
        })),
      };
    case "figure":
      return { ...b, caption: maskPersonal(b.caption), alt: maskPersonal(b.alt) };
    case "pageBreak":
      return b;
    default: {
      const never: never = b;
      return never;
    }
  }
}

export function maskDoc(doc: Doc): Doc {
  const meta = Object.fromEntries(
    Object.entries(doc.meta).map(([k, v]) => [
      k,
      typeof v === "string"
        ? maskPersonal(v)
        : Array.isArray(v)
          ? v.map((x) => (typeof x === "string" ? maskPersonal(x) : x))
          : v,
    ]),
  ) as unknown as Doc["meta"];
  return {
    meta,
    body: doc.body.map(block),
    attachments: doc.attachments.map((a) => ({
      ...a,
      title: maskPersonal(a.title),
      body: a.body.map(block),
    })),
  };
}
