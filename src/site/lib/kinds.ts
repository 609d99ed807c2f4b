// Document kinds as the site names them (defined with the other shared wording in text/kinds.ts).
export { DOC_KINDS, DOC_KIND_SHORT, resolveKind } from "../../text/kinds.ts";
