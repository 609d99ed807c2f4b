// Characters a terminal acts on instead of showing (escape sequences, carriage return, bidi
// overrides that reorder what follows): text from content files must never reach the terminal
// with them, or a hostile file could rewrite what the clerk sees. The command line passes all it
// prints through `printable`; the score JSON, written as bytes, applies it to each text it writes.

// eslint-disable-next-line no-control-regex -- control characters are what this is about
const UNPRINTABLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
// The same characters, looked for without replacing: output of a megabyte passes a test many
// times faster than a replace that finds nothing.
const HAS_UNPRINTABLE = new RegExp(UNPRINTABLE.source);

/** `text` with every terminal control character replaced by U+FFFD (one for one). */
export function printable(text: string): string {
  return HAS_UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE, "\ufffd") : text;
}
