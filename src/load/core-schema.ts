// Plain-scalar resolution of the YAML 1.2 core schema (what the `yaml` package does by default):
// unquoted 2025-01-08 and 17:00 stay strings; true/false, null, integers and floats resolve.

const NULL_RE = /^(?:~|null|Null|NULL)?$/;
const BOOL_TRUE_RE = /^(?:true|True|TRUE)$/;
const BOOL_FALSE_RE = /^(?:false|False|FALSE)$/;
const INT_RE = /^[-+]?[0-9]+$/;
const OCT_RE = /^0o[0-7]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INF_RE = /^[-+]?(?:\.inf|\.Inf|\.INF)$/;
const NAN_RE = /^(?:\.nan|\.NaN|\.NAN)$/;

/** Resolves a plain scalar with the YAML 1.2 core schema (what the `yaml` package does). */
export function resolveCoreScalar(text: string): unknown {
  const c = text.charCodeAt(0);
  // Fast exit: most ledger values start with a letter or CJK character.
  if (
    text.length > 0 &&
    !(
      c <= 57 ||
      c === 46 ||
      c === 126 ||
      c === 110 ||
      c === 78 ||
      c === 116 ||
      c === 84 ||
      c === 102 ||
      c === 70
    )
  ) {
    return text;
  }
  if (NULL_RE.test(text)) return null;
  if (BOOL_TRUE_RE.test(text)) return true;
  if (BOOL_FALSE_RE.test(text)) return false;
  if (INT_RE.test(text)) return Number.parseInt(text, 10);
  if (OCT_RE.test(text)) return Number.parseInt(text.slice(2), 8);
  if (HEX_RE.test(text)) return Number.parseInt(text.slice(2), 16);
  if (FLOAT_RE.test(text)) return Number.parseFloat(text);
  if (INF_RE.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (NAN_RE.test(text)) return Number.NaN;
  return text;
}
