// The characters the layout sets of its own accord besides ASCII: 发文机关标志 and 版记 words,
// dates (zhDate), numbering, page furniture. check.ts's glyph check needs them to know, without
// typesetting, that a document can meet no character its fonts lack.

/**
 * Every character outside ASCII in the string and template literals of src/pdf/, src/doc/ and
 * src/text/zh.ts (error messages among them: more than the layout sets is harmless), but for the
 * C1 controls (U+0080–U+009F: bytes of the PDF header, never set as text).
 * test/pdf/glyph-cover.test.ts keeps it complete.
 */
export const LAYOUT_TEXT =
  " ±·—‘’“”•…‰℃≤≥★　、。〈〉《》「」『』【】〔〕〖〗一七万三上不个中主九书了二于五京人令件份仿位体作使信元八六关出分列到加十印压县发取号合名后四图在坏坐多大太头字存宋完密对封射小少尾工已市年序度廓式引录形志急成或截抄持指损据支数整文断方无日时映是普月有期末机标栏格楷正此段汇没法注点版特用百的盖目省短码确秘程章符第签简系紧级组终绝统编缺置署行表被要解计记访请读负责赴超轮这进送通量镇长附限随集零需面页项顺题黑！％（），：；？";
