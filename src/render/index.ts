// render: validated content + computed results → one Markdown text per document → Doc.
// Takes Content and the year's score sheets; gives PublishedDocuments in a stable order.
// Must not read files or the clock: every date comes from the content.
import type { Content } from "../validate/content.ts";
import type { PublishedDocument, YearScores } from "../publish/types.ts";

export function renderDocuments(
  _content: Content,
  _scores: readonly YearScores[],
): PublishedDocument[] {
  return [];
}
