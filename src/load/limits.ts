// Limits on the work one content file can cause, shared by both YAML readers.

/**
 * Deepest nesting of YAML collections a content file may have. Content needs about a dozen
 * levels (a report's four heading levels with targets in the last are eleven); the limit keeps every recursive step after
 * reading (validation, rendering) far from the stack's end. Counted as js-yaml counts nodes on
 * its way down, so mappings and flow lists nest exactly 64 deep; a compact `- - x` or a flow
 * mapping reaches the limit one level earlier.
 */
export const YAML_MAX_DEPTH = 64;

/**
 * The fast reader leaves documents nested deeper than this to the general reader, which alone
 * reports too-deep files (js-yaml needs at most two nodes more than there are collections).
 */
export const FAST_MAX_DEPTH = YAML_MAX_DEPTH - 2;
