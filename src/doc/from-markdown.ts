// doc: Markdown (front matter + body) → Doc. Templates speak Markdown; this is the one place
// that reads it. Fenced blocks carry what Markdown has no words for: ```signature, ```attachment,
// ```figure (YAML inside) and ```pagebreak. Raw HTML is never passed through: it becomes text.
import { marked } from "marked";
import type { Token, Tokens } from "marked";
import { parseYamlFile } from "../load/yaml.ts";
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

function inlines(tokens: readonly Token[] | undefined): Inline[] {
  const out: Inline[] = [];
  for (const t of tokens ?? []) {
    switch (t.type) {
      case "text": {
        const tt = t as Tokens.Text;
        if (tt.tokens && tt.tokens.length) for (const n of inlines(tt.tokens)) push(out, n);
        else push(out, { type: "text", text: decode(tt.text) });
        break;
      }
      case "escape":
        push(out, { type: "text", text: (t as Tokens.Escape).text });
        break;
      case "strong":
        out.push({ type: "strong", children: inlines((t as Tokens.Strong).tokens) });
        break;
      case "em":
        out.push({ type: "emphasis", children: inlines((t as Tokens.Em).tokens) });
        break;
      case "link": {
        // Documents link only within the site; a link elsewhere is printed as its text and address.
        const l = t as Tokens.Link;
        const children = inlines(l.tokens);
        if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(l.href)) {
          for (const n of children) push(out, n);
          if (textOf(children) !== l.href) push(out, { type: "text", text: `（${l.href}）` });
        } else out.push({ type: "link", href: l.href, children });
        break;
      }
      case "br":
        out.push({ type: "break" });
        break;
      case "codespan":
        push(out, { type: "text", text: decode((t as Tokens.Codespan).text) });
        break;
      case "del":
        for (const n of inlines((t as Tokens.Del).tokens)) push(out, n);
        break;
      default:
        // html and anything unknown: shown as the text it is, never as markup.
        push(out, {
          type: "text",
          text: decode("text" in t && typeof t.text === "string" ? t.text : t.raw),
        });
    }
  }
  return out;
}

function yamlOf(text: string): Record<string, unknown> {
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

function blocks(tokens: readonly Token[], doc: { body: Block[]; attachments: Attachment[] }): void {
  let target = doc.body;
  for (const t of tokens) {
    switch (t.type) {
      case "heading": {
        const h = t as Tokens.Heading;
        target.push({
          type: "heading",
          level: Math.min(4, Math.max(1, h.depth)) as 1 | 2 | 3 | 4,
          content: inlines(h.tokens),
        });
        break;
      }
      case "paragraph":
        target.push({ type: "paragraph", content: inlines((t as Tokens.Paragraph).tokens) });
        break;
      case "text":
        target.push({
          type: "paragraph",
          content: inlines(
            (t as Tokens.Text).tokens ?? [
              { type: "text", raw: t.raw, text: (t as Tokens.Text).text },
            ],
          ),
        });
        break;
      case "list": {
        const l = t as Tokens.List;
        target.push({
          type: "list",
          ordered: l.ordered,
          items: l.items.map((item) => {
            const out: Inline[] = [];
            item.tokens.forEach((sub, i) => {
              if (i > 0) out.push({ type: "break" });
              const inner = "tokens" in sub && sub.tokens ? (sub.tokens as Token[]) : [];
              for (const n of inlines(inner)) push(out, n);
            });
            return out;
          }),
        });
        break;
      }
      case "table": {
        const tb = t as Tokens.Table;
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
        const rows = tb.rows.map((r) => r.map((c) => inlines(c.tokens)));
        const isTotal = (r: Inline[][]) =>
          r[0]?.[0]?.type === "text" && /^合\s*计$/.test(r[0][0].text.trim());
        const totals = rows.filter(isTotal);
        const block: Block = {
          type: "table",
          columns: tb.header.map((h, i) => ({
            title: h.text,
            align: (tb.align[i] ?? "left") as Align,
          })),
          rows: rows.filter((r) => !isTotal(r)),
        };
        if (totals.length) block.totals = totals;
        if (caption !== undefined) block.caption = caption;
        target.push(block);
        break;
      }
      case "code": {
        const c = t as Tokens.Code;
        const lang = (c.lang ?? "").trim();
        if (lang === "signature") target.push(signature(c.text));
        else if (lang === "pagebreak") target.push({ type: "pageBreak" });
        else if (lang === "figure") {
          const y = yamlOf(c.text);
          target.push({
            type: "figure",
            drawing: readDrawing(y.drawing),
            caption: str(y.caption) ?? "",
            alt: str(y.alt) ?? "",
          });
        } else if (lang === "attachment") {
          const y = yamlOf(c.text);
          const att: Attachment = {
            label: str(y.label) ?? `附件${doc.attachments.length + 1}`,
            title: str(y.title) ?? "",
            body: [],
          };
          doc.attachments.push(att);
          target = att.body;
        } else target.push({ type: "paragraph", content: [{ type: "text", text: c.text }] });
        break;
      }
      case "blockquote":
        blocks((t as Tokens.Blockquote).tokens, { body: target, attachments: doc.attachments });
        break;
      case "html":
        target.push({
          type: "paragraph",
          content: [{ type: "text", text: decode((t as Tokens.HTML).text.trim()) }],
        });
        break;
      case "space":
      case "hr":
      case "def":
        break;
      default:
        target.push({ type: "paragraph", content: [{ type: "text", text: t.raw.trim() }] });
    }
  }
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
  const doc: Doc = { meta: meta as unknown as DocMeta, body: [], attachments: [] };
  blocks(marked.lexer(body, { gfm: true }), doc);
  return doc;
}
