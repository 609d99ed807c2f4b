// doc: Markdown (front matter + body) → Doc. Templates speak Markdown; this is the one place
// that reads it (parsed by load/markdown.ts, with CJK-friendly emphasis: `**1.坚持依法按政策办事。**严格`
// is bold). Fenced blocks carry what Markdown has no words for: ```signature, ```signlines,
// ```attachment, ```figure (YAML inside) and ```pagebreak. Raw HTML is never passed through: it becomes text
// (`<br>` aside, which is a line break).
import type { Nodes, PhrasingContent, RootContent, Table } from "mdast";
import { parseMarkdown } from "../load/markdown.ts";
import { parseYamlFile } from "../load/yaml.ts";
import { jsonLinesYaml } from "../load/yaml-fast.ts";
import { readDrawing } from "./drawing.ts";
import type { Align, Attachment, Block, Doc, DocMeta, Inline, SignatureParty } from "./types.ts";

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/** Character references in raw HTML, which is shown as text (the parser decodes the rest). */
function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? m;
  });
}

function textOf(inl: readonly Inline[]): string {
  return inl
    .map((i) => (i.type === "text" ? i.text : i.type === "break" ? "" : textOf(i.children)))
    .join("");
}

/** Adjacent text runs merge, so renderers see one text node per run. */
function push(out: Inline[], node: Inline): void {
  const last = out[out.length - 1];
  if (node.type === "text" && last?.type === "text") last.text += node.text;
  else out.push(node);
}

/** Link reference definitions of the document being read: label → address. */
type Definitions = ReadonlyMap<string, string>;

function inlines(nodes: readonly PhrasingContent[], defs: Definitions): Inline[] {
  const out: Inline[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case "text":
        push(out, { type: "text", text: n.value });
        break;
      case "strong":
        out.push({ type: "strong", children: inlines(n.children, defs) });
        break;
      case "emphasis":
        out.push({ type: "emphasis", children: inlines(n.children, defs) });
        break;
      case "link":
      case "linkReference":
        link(
          out,
          n.type === "link" ? n.url : (defs.get(n.identifier) ?? ""),
          inlines(n.children, defs),
        );
        break;
      case "break":
        out.push({ type: "break" });
        break;
      case "inlineCode":
        push(out, { type: "text", text: n.value });
        break;
      case "image":
      case "imageReference":
        // A document has no inline images: the picture's text stands for it.
        push(out, { type: "text", text: n.alt ?? "" });
        break;
      case "html":
        // A line break (`<br>`, the only way to break a line in a table cell) is one; any other
        // markup is shown as the text it is.
        if (/^<br\s*\/?>$/i.test(n.value)) out.push({ type: "break" });
        else push(out, { type: "text", text: decode(n.value) });
        break;
      default:
        // Not in the document grammar (strikethrough, footnotes, MDX): its text.
        for (const c of "children" in n ? inlines(n.children as PhrasingContent[], defs) : [])
          push(out, c);
    }
  }
  return out;
}

/** Documents link only within the site; a link elsewhere is printed as its text and address. */
function link(out: Inline[], href: string, children: Inline[]): void {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(href)) {
    for (const n of children) push(out, n);
    if (textOf(children) !== href) push(out, { type: "text", text: `（${href}）` });
  } else out.push({ type: "link", href, children });
}

/**
 * The YAML of a fenced block or of the front matter. What the templates write (a value in JSON on
 * each line) is read as JSON, which is what YAML reads it as (yaml-fast.ts's jsonLinesYaml).
 */
function yamlOf(text: string): Record<string, unknown> {
  const lines = jsonLinesYaml(text);
  if (lines) return lines;
  const v = parseYamlFile("(fenced block)", text).value;
  return v !== null && typeof v === "object" && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : {};
}

const str = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;

function signature(text: string): Block {
  const y = yamlOf(text);
  const parties: SignatureParty[] = (Array.isArray(y.parties) ? y.parties : []).map(
    (p: unknown) => {
      const r = (p ?? {}) as Record<string, unknown>;
      const party: SignatureParty = { name: str(r.name) ?? "" };
      const role = str(r.role);
      const signer = str(r.signer);
      if (role !== undefined) party.role = role;
      if (signer !== undefined) party.signer = signer;
      return party;
    },
  );
  return { type: "signature", parties, date: str(y.date) ?? "", seal: y.seal !== false };
}

function signLines(text: string): Block {
  const y = yamlOf(text);
  const rows = (Array.isArray(y.rows) ? y.rows : []).map((r: unknown) =>
    (Array.isArray(r) ? r : [r]).map((c) => str(c) ?? ""),
  );
  return { type: "signLines", rows };
}

function figure(text: string): Block {
  const y = yamlOf(text);
  return {
    type: "figure",
    drawing: readDrawing(y.drawing),
    caption: str(y.caption) ?? "",
    alt: str(y.alt) ?? "",
  };
}

function attachment(text: string, number: number): Attachment {
  const y = yamlOf(text);
  return { label: str(y.label) ?? `附件${number}`, title: str(y.title) ?? "", body: [] };
}

function table(t: Table, target: Block[], defs: Definitions): Block {
  // A caption is a paragraph of bold text naming the table (表1 …) right before it.
  const prev = target[target.length - 1];
  let caption: string | undefined;
  if (
    prev?.type === "paragraph" &&
    prev.content.length === 1 &&
    prev.content[0]?.type === "strong"
  ) {
    const text = textOf(prev.content[0].children);
    if (/^表\s*\d+/.test(text)) {
      caption = text;
      target.pop();
    }
  }
  const [head = [], ...body] = t.children.map((r) =>
    r.children.map((c) => inlines(c.children, defs)),
  );
  // Every row has one cell per column (GFM: missing cells are empty, extra ones are dropped).
  const rows = body.map((r) => head.map((_, i) => r[i] ?? []));
  const isTotal = (r: Inline[][]) =>
    r[0]?.[0]?.type === "text" && /^合\s*计$/.test(r[0][0].text.trim());
  const totals = rows.filter(isTotal);
  const block: Block = {
    type: "table",
    columns: head.map((h, i) => ({
      title: textOf(h),
      align: (t.align?.[i] ?? "left") as Align,
    })),
    rows: rows.filter((r) => !isTotal(r)),
  };
  if (totals.length) block.totals = totals;
  if (caption !== undefined) block.caption = caption;
  return block;
}

/** A list item's blocks as one run of inline content, one line each. */
function itemContent(nodes: readonly RootContent[], defs: Definitions, out: Inline[]): void {
  for (const n of nodes) {
    if (out.length > 0) out.push({ type: "break" });
    if (n.type === "paragraph" || n.type === "heading")
      for (const i of inlines(n.children, defs)) push(out, i);
    else if (n.type === "list")
      for (const item of n.children) itemContent(item.children, defs, out);
    else if (n.type === "code" || n.type === "html") push(out, { type: "text", text: n.value });
  }
}

interface Reading {
  source: string;
  defs: Definitions;
  attachments: Attachment[];
}

/** Blocks into `target`; returns the target that follows (an ```attachment starts a new one). */
function blocks(nodes: readonly RootContent[], target: Block[], r: Reading): Block[] {
  for (const n of nodes) {
    switch (n.type) {
      case "heading":
        target.push({
          type: "heading",
          level: Math.min(4, Math.max(1, n.depth)) as 1 | 2 | 3 | 4,
          content: inlines(n.children, r.defs),
        });
        break;
      case "paragraph":
        target.push({ type: "paragraph", content: inlines(n.children, r.defs) });
        break;
      case "list":
        target.push({
          type: "list",
          ordered: n.ordered === true,
          items: n.children.map((item) => {
            const out: Inline[] = [];
            itemContent(item.children, r.defs, out);
            return out;
          }),
        });
        break;
      case "table":
        target.push(table(n, target, r.defs));
        break;
      case "code": {
        const lang = [n.lang, n.meta].filter(Boolean).join(" ").trim();
        if (lang === "signature") target.push(signature(n.value));
        else if (lang === "pagebreak") target.push({ type: "pageBreak" });
        else if (lang === "figure") target.push(figure(n.value));
        else if (lang === "signlines") target.push(signLines(n.value));
        else if (lang === "attachment") {
          const att = attachment(n.value, r.attachments.length + 1);
          r.attachments.push(att);
          target = att.body;
        } else target.push({ type: "paragraph", content: [{ type: "text", text: n.value }] });
        break;
      }
      case "blockquote":
        // Quotes are not set apart in a document: their blocks join the text around them.
        blocks(n.children, target, r);
        break;
      case "html":
        target.push({
          type: "paragraph",
          content: [{ type: "text", text: decode(n.value.trim()) }],
        });
        break;
      case "thematicBreak":
      case "definition":
        break;
      default: {
        // Not in the document grammar: the source text as a paragraph.
        const node = n as Nodes;
        const from = node.position?.start.offset ?? 0;
        const to = node.position?.end.offset ?? from;
        target.push({
          type: "paragraph",
          content: [{ type: "text", text: r.source.slice(from, to).trim() }],
        });
      }
    }
  }
  return target;
}

/** Splits `---\n<yaml>\n---\n` front matter from a Markdown text. */
export function splitFrontMatter(markdown: string): {
  meta: Record<string, unknown>;
  body: string;
} {
  const m = /^---\n([\s\S]*?)\n---\n?/.exec(markdown);
  if (!m) return { meta: {}, body: markdown };
  return { meta: yamlOf(m[1] as string), body: markdown.slice(m[0].length) };
}

/** Markdown with front matter → Doc. The front matter holds the DocMeta fields. */
export function markdownToDoc(markdown: string): Doc {
  const { meta, body } = splitFrontMatter(markdown);
  const root = parseMarkdown(body);
  const defs = new Map<string, string>();
  const stack: Nodes[] = [root];
  while (stack.length) {
    const n = stack.pop() as Nodes;
    if (n.type === "definition" && !defs.has(n.identifier)) defs.set(n.identifier, n.url);
    if ("children" in n) stack.push(...[...n.children].reverse());
  }
  const doc: Doc = { meta: meta as unknown as DocMeta, body: [], attachments: [] };
  blocks(root.children, doc.body, { source: body, defs, attachments: doc.attachments });
  return doc;
}
