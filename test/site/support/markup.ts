// The tags of an HTML text and their attributes, read as a browser's tokenizer reads them (quoted
// and unquoted values, comments skipped, the text of <script>, <style> and <textarea> not read as
// tags): what a page really contains, whatever its text or attribute values say.
export interface Tag {
  name: string;
  attributes: [string, string][];
}

const RAW_TEXT = new Set(["script", "style", "textarea", "title"]);

export function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const m = /^<\/?([a-zA-Z][^\s/>]*)/.exec(html.slice(lt, lt + 200));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const closing = html[lt + 1] === "/";
    const name = (m[1] as string).toLowerCase();
    const attributes: [string, string][] = [];
    let j = lt + m[0].length;
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j] as string)) j++;
      if (j >= html.length || html[j] === ">") break;
      const a = /^[^\s/>=]+/.exec(html.slice(j, j + 200));
      const attr = (a?.[0] ?? html[j]) as string;
      j += attr.length;
      let value = "";
      const eq = /^\s*=\s*/.exec(html.slice(j, j + 50));
      if (eq) {
        j += eq[0].length;
        const q = html[j];
        if (q === '"' || q === "'") {
          const end = html.indexOf(q, j + 1);
          value = html.slice(j + 1, end < 0 ? html.length : end);
          j = end < 0 ? html.length : end + 1;
        } else {
          const v = /^[^\s>]*/.exec(html.slice(j))?.[0] ?? "";
          value = v;
          j += v.length;
        }
      }
      attributes.push([attr.toLowerCase(), value]);
    }
    i = j + 1;
    if (closing) continue;
    tags.push({ name, attributes });
    if (RAW_TEXT.has(name)) {
      const end = html.toLowerCase().indexOf(`</${name}`, i);
      i = end < 0 ? html.length : end;
    }
  }
  return tags;
}
