// Colour on a terminal, modestly: 错误 red, 警告 yellow, places, codes and code-frame gutters dim.
// None when NO_COLOR is set to a non-empty value (https://no-color.org), when TERM is dumb, or
// when the stream is not a terminal (piped, redirected, tests). Applied to text already formatted
// — the formatter knows nothing of colour.

export interface ColorContext {
  env: Readonly<Record<string, string | undefined>>;
  /** The stream's isTTY (undefined for a pipe or file). */
  isTTY: boolean | undefined;
}

/** Whether a stream gets colour. */
export function colorEnabled({ env, isTTY }: ColorContext): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.TERM === "dumb") return false;
  return isTTY === true;
}

const sgr = (open: number, close: number) => (s: string) => `\x1b[${open}m${s}\x1b[${close}m`;
export const red = sgr(31, 39);
export const yellow = sgr(33, 39);
export const dim = sgr(2, 22);

// `place  code  [path  ]错误：message` — the first line of every diagnostic (format-diagnostics);
// the place may hold single spaces (a workbook's sheet, row and column).
const HEADER = /^(\S.*?)( {2})([a-z]+\/[a-z0-9-]+)( {2}(?:.*? {2})?)(错误|警告)(：)/;
const GUTTER = /^( {2}[ 0-9]+\| )/;

/** One line of command output with colour added where it is recognised. */
function colorLine(line: string): string {
  const h = HEADER.exec(line);
  if (h) {
    const [all, place, gap, code, middle, severity, colon] = h as unknown as string[];
    const paint = severity === "错误" ? red : yellow;
    return `${dim(place as string)}${gap}${dim(code as string)}${middle}${paint(severity as string)}${colon}${line.slice((all as string).length)}`;
  }
  const g = GUTTER.exec(line);
  if (g) return `${dim(g[1] as string)}${line.slice((g[1] as string).length)}`;
  if (line.startsWith("  提示：")) return `  ${dim("提示：")}${line.slice(5)}`;
  return line;
}

/** `text` (any number of whole lines) with colour added, line by line. */
export function colorize(text: string): string {
  return text.split("\n").map(colorLine).join("\n");
}

/** `write` for a stream: colour added when `enabled`, the text untouched otherwise. */
export function colorWriter(enabled: boolean): (text: string) => string {
  return enabled ? colorize : (text) => text;
}
