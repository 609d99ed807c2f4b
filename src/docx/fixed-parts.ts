// The parts every package has and that do not depend on the document: the document properties
// Word keeps empty (app.xml, custom.xml), the settings, the bullet list definition and the
// footnote and endnote separators Word expects, and the built-in styles (Normal Table, the
// English headings, captions, tables of contents, notes) that stand beside ours in styles.xml.
import { DECLARATION, DECLARATION_STANDALONE, IGNORABLE, WORD, namespaces } from "./xml.ts";

const VT = ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"';

/** docProps/app.xml: no application properties. */
export const APP_XML =
  DECLARATION_STANDALONE +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"' +
  VT +
  "/>";

/** docProps/custom.xml: no custom properties. */
export const CUSTOM_XML =
  DECLARATION_STANDALONE +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"' +
  VT +
  "/>";

/** word/settings.xml: headers and footers differ on odd and even pages; Word 2013 layout. */
export const SETTINGS_XML =
  DECLARATION_STANDALONE +
  `<w:settings${namespaces(WORD)}${IGNORABLE}>` +
  '<w:displayBackgroundShape/><w:defaultTabStop w:val="720"/><w:evenAndOddHeaders/>' +
  '<w:compat><w:compatSetting w:val="15" w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word"/></w:compat>' +
  "</w:settings>";

/** word/numbering.xml: one bullet list (unused: lists are numbered in their text). */
export const NUMBERING_XML = (() => {
  const bullets = ["●", "○", "■", "●", "○", "■", "●", "●", "●"];
  const levels = bullets
    .map(
      (b, i) =>
        `<w:lvl w:ilvl="${i}" w:tentative="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/>` +
        `<w:lvlText w:val="${b}"/><w:lvlJc w:val="left"/>` +
        `<w:pPr><w:ind w:left="${720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>`,
    )
    .join("");
  return (
    DECLARATION_STANDALONE +
    `<w:numbering${IGNORABLE}${namespaces(WORD)}>` +
    '<w:abstractNum w:abstractNumId="1" w15:restartNumberingAfterBreak="0">' +
    `<w:multiLevelType w:val="hybridMultilevel"/>${levels}</w:abstractNum>` +
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>' +
    "</w:numbering>"
  );
})();

/** word/footnotes.xml or word/endnotes.xml: the separator and continuation separator only. */
function notes(kind: "footnote" | "endnote", declaration: string): string {
  const reference = kind === "footnote" ? "FootnoteReference" : "EndnoteReference";
  const note = (type: string, id: number, mark: string) =>
    `<w:${kind} w:type="${type}" w:id="${id}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>` +
    `<w:r><w:rPr><w:rStyle w:val="${reference}"/></w:rPr><w:${kind}Ref/></w:r><w:r><w:${mark}/></w:r></w:p></w:${kind}>`;
  return (
    declaration +
    `<w:${kind}s${namespaces(WORD)}${IGNORABLE}>` +
    note("separator", -1, "separator") +
    note("continuationSeparator", 0, "continuationSeparator") +
    `</w:${kind}s>`
  );
}

export const FOOTNOTES_XML = notes("footnote", DECLARATION_STANDALONE);
export const ENDNOTES_XML = notes("endnote", DECLARATION);

/** Word's built-in styles, before ours in styles.xml. */
export const BUILT_IN_STYLES = [
  '<w:style w:type="table" w:styleId="TableNormal" w:default="true">' +
    '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>' +
    '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:type="dxa" w:w="0"/><w:tblCellMar>' +
    '<w:top w:type="dxa" w:w="0"/><w:left w:type="dxa" w:w="108"/>' +
    '<w:bottom w:type="dxa" w:w="0"/><w:right w:type="dxa" w:w="108"/></w:tblCellMar>' +
    "</w:tblPr></w:style>",
  '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="Heading 1"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr>' +
    '<w:color w:val="2E74B5"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="Heading 2"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr>' +
    '<w:color w:val="2E74B5"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="Heading 3"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr>' +
    '<w:color w:val="1F4D78"/><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="Heading4"><w:name w:val="Heading 4"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:i/><w:iCs/>' +
    '<w:color w:val="2E74B5"/></w:rPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="Heading5"><w:name w:val="Heading 5"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr>' +
    '<w:color w:val="2E74B5"/></w:rPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="Heading6"><w:name w:val="Heading 6"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr>' +
    '<w:color w:val="1F4D78"/></w:rPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="Strong"><w:name w:val="Strong"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:rPr><w:b/><w:bCs/>' +
    "</w:rPr></w:style>",
  '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/>' +
    '<w:basedOn w:val="Normal"/><w:qFormat/></w:style>',
  '<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:qFormat/><w:pPr><w:spacing w:after="200"/></w:pPr>' +
    '<w:rPr><w:i/><w:iCs/><w:color w:val="44546A" w:themeColor="dark2"/><w:sz w:val="18"/>' +
    '<w:szCs w:val="18"/></w:rPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="Bibliography"><w:name w:val="Bibliography"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="37"/>' +
    "<w:unhideWhenUsed/></w:style>",
  '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/></w:pPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/><w:ind w:left="320"/>' +
    "</w:pPr></w:style>",
  '<w:style w:type="paragraph" w:styleId="TOC3"><w:name w:val="toc 3"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/><w:ind w:left="640"/>' +
    "</w:pPr></w:style>",
  '<w:style w:type="paragraph" w:styleId="TOC4"><w:name w:val="toc 4"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/><w:ind w:left="960"/>' +
    "</w:pPr></w:style>",
  '<w:style w:type="paragraph" w:styleId="TOC5"><w:name w:val="toc 5"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/>' +
    '<w:ind w:left="1280"/></w:pPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="TOC6"><w:name w:val="toc 6"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/>' +
    '<w:ind w:left="1600"/></w:pPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="TOC7"><w:name w:val="toc 7"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/>' +
    '<w:ind w:left="1920"/></w:pPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="TOC8"><w:name w:val="toc 8"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/>' +
    '<w:ind w:left="2240"/></w:pPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="TOC9"><w:name w:val="toc 9"/>' +
    '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>' +
    '<w:semiHidden/><w:unhideWhenUsed/><w:pPr><w:spacing w:after="100"/>' +
    '<w:ind w:left="2560"/></w:pPr></w:style>',
  '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>' +
    '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>' +
    '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>',
  '<w:style w:type="character" w:styleId="FootnoteReference">' +
    '<w:name w:val="footnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>' +
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr>' +
    '<w:vertAlign w:val="superscript"/></w:rPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="FootnoteText"><w:name w:val="footnote text"/>' +
    '<w:basedOn w:val="Normal"/><w:link w:val="FootnoteTextChar"/><w:uiPriority w:val="99"/>' +
    "<w:semiHidden/><w:unhideWhenUsed/><w:pPr>" +
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/>' +
    '<w:szCs w:val="20"/></w:rPr></w:style>',
  '<w:style w:type="character" w:styleId="FootnoteTextChar">' +
    '<w:name w:val="Footnote Text Char"/><w:basedOn w:val="DefaultParagraphFont"/>' +
    '<w:link w:val="FootnoteText"/><w:uiPriority w:val="99"/><w:semiHidden/>' +
    '<w:unhideWhenUsed/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>',
  '<w:style w:type="character" w:styleId="EndnoteReference">' +
    '<w:name w:val="endnote reference"/><w:basedOn w:val="DefaultParagraphFont"/>' +
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:rPr>' +
    '<w:vertAlign w:val="superscript"/></w:rPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="EndnoteText"><w:name w:val="endnote text"/>' +
    '<w:basedOn w:val="Normal"/><w:link w:val="EndnoteTextChar"/><w:uiPriority w:val="99"/>' +
    "<w:semiHidden/><w:unhideWhenUsed/><w:pPr>" +
    '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="20"/>' +
    '<w:szCs w:val="20"/></w:rPr></w:style>',
  '<w:style w:type="character" w:styleId="EndnoteTextChar">' +
    '<w:name w:val="Endnote Text Char"/><w:basedOn w:val="DefaultParagraphFont"/>' +
    '<w:link w:val="EndnoteText"/><w:uiPriority w:val="99"/><w:semiHidden/>' +
    '<w:unhideWhenUsed/><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>',
  '<w:style w:type="character" w:styleId="LineNumber"><w:name w:val="line number"/>' +
    '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:semiHidden/>' +
    "<w:unhideWhenUsed/></w:style>",
].join("");
