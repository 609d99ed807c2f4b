// xl/theme/theme1.xml: the Office 2007 theme exceljs put in every workbook (colours, theme fonts,
// effects), its elements separated by single spaces as exceljs had them. Nothing in it depends on
// the tables: the cells name their font directly.
import { DECLARATION } from "./xml.ts";

/** The theme's font for each script: the headings' (major) font, then the body's where it differs. */
const SCRIPT_FONTS: readonly (readonly [string, string, string?])[] = [
  ["Jpan", "ＭＳ Ｐゴシック"],
  ["Hang", "맑은 고딕"],
  ["Hans", "宋体"],
  ["Hant", "新細明體"],
  ["Arab", "Times New Roman", "Arial"],
  ["Hebr", "Times New Roman", "Arial"],
  ["Thai", "Tahoma"],
  ["Ethi", "Nyala"],
  ["Beng", "Vrinda"],
  ["Gujr", "Shruti"],
  ["Khmr", "MoolBoran", "DaunPenh"],
  ["Knda", "Tunga"],
  ["Guru", "Raavi"],
  ["Cans", "Euphemia"],
  ["Cher", "Plantagenet Cherokee"],
  ["Yiii", "Microsoft Yi Baiti"],
  ["Tibt", "Microsoft Himalaya"],
  ["Thaa", "MV Boli"],
  ["Deva", "Mangal"],
  ["Telu", "Gautami"],
  ["Taml", "Latha"],
  ["Syrc", "Estrangelo Edessa"],
  ["Orya", "Kalinga"],
  ["Mlym", "Kartika"],
  ["Laoo", "DokChampa"],
  ["Sinh", "Iskoola Pota"],
  ["Mong", "Mongolian Baiti"],
  ["Viet", "Times New Roman", "Arial"],
  ["Uigh", "Microsoft Uighur"],
  ["Geor", "Sylfaen"],
];

const fonts = (tag: string, latin: string, body: boolean) =>
  `<a:${tag}> <a:latin typeface="${latin}"/> <a:ea typeface=""/> <a:cs typeface=""/> ` +
  SCRIPT_FONTS.map(
    ([script, major, minor]) =>
      `<a:font script="${script}" typeface="${body ? (minor ?? major) : major}"/> `,
  ).join("") +
  `</a:${tag}>`;

const COLOURS: readonly (readonly [string, string])[] = [
  ["dk1", '<a:sysClr val="windowText" lastClr="000000"/>'],
  ["lt1", '<a:sysClr val="window" lastClr="FFFFFF"/>'],
  ["dk2", '<a:srgbClr val="1F497D"/>'],
  ["lt2", '<a:srgbClr val="EEECE1"/>'],
  ["accent1", '<a:srgbClr val="4F81BD"/>'],
  ["accent2", '<a:srgbClr val="C0504D"/>'],
  ["accent3", '<a:srgbClr val="9BBB59"/>'],
  ["accent4", '<a:srgbClr val="8064A2"/>'],
  ["accent5", '<a:srgbClr val="4BACC6"/>'],
  ["accent6", '<a:srgbClr val="F79646"/>'],
  ["hlink", '<a:srgbClr val="0000FF"/>'],
  ["folHlink", '<a:srgbClr val="800080"/>'],
];

/** A gradient stop of the placeholder colour with the given modifiers. */
const stop = (pos: number, mods: readonly (readonly [string, number])[]) =>
  `<a:gs pos="${pos}"> <a:schemeClr val="phClr"> ${mods.map(([m, v]) => `<a:${m} val="${v}"/> `).join("")}</a:schemeClr> </a:gs>`;

const gradient = (stops: readonly string[], end: string) =>
  `<a:gradFill rotWithShape="1"> <a:gsLst> ${stops.join(" ")} </a:gsLst> ${end} </a:gradFill>`;

const SOLID = '<a:solidFill> <a:schemeClr val="phClr"/> </a:solidFill>';

const line = (w: number, fill: string) =>
  `<a:ln w="${w}" cap="flat" cmpd="sng" algn="ctr"> ${fill} <a:prstDash val="solid"/> </a:ln>`;

const shadow = (dist: number, alpha: number) =>
  `<a:effectLst> <a:outerShdw blurRad="40000" dist="${dist}" dir="5400000" rotWithShape="0"> <a:srgbClr val="000000"> <a:alpha val="${alpha}"/> </a:srgbClr> </a:outerShdw> </a:effectLst>`;

const objectDefault = (tag: string, refs: readonly [number, number, number], font: string) =>
  `<a:${tag}> <a:spPr/> <a:bodyPr/> <a:lstStyle/> <a:style> ` +
  `<a:lnRef idx="${refs[0]}"> <a:schemeClr val="accent1"/> </a:lnRef> ` +
  `<a:fillRef idx="${refs[1]}"> <a:schemeClr val="accent1"/> </a:fillRef> ` +
  `<a:effectRef idx="${refs[2]}"> <a:schemeClr val="accent1"/> </a:effectRef> ` +
  `<a:fontRef idx="minor"> <a:schemeClr val="${font}"/> </a:fontRef> </a:style> </a:${tag}>`;

export const THEME_XML = [
  `${DECLARATION}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme">`,
  "<a:themeElements>",
  '<a:clrScheme name="Office">',
  ...COLOURS.map(([name, colour]) => `<a:${name}> ${colour} </a:${name}>`),
  "</a:clrScheme>",
  '<a:fontScheme name="Office">',
  fonts("majorFont", "Cambria", false),
  fonts("minorFont", "Calibri", true),
  "</a:fontScheme>",
  '<a:fmtScheme name="Office">',
  "<a:fillStyleLst>",
  SOLID,
  gradient(
    [
      stop(0, [
        ["tint", 50000],
        ["satMod", 300000],
      ]),
      stop(35000, [
        ["tint", 37000],
        ["satMod", 300000],
      ]),
      stop(100000, [
        ["tint", 15000],
        ["satMod", 350000],
      ]),
    ],
    '<a:lin ang="16200000" scaled="1"/>',
  ),
  gradient(
    [
      stop(0, [
        ["tint", 100000],
        ["shade", 100000],
        ["satMod", 130000],
      ]),
      stop(100000, [
        ["tint", 50000],
        ["shade", 100000],
        ["satMod", 350000],
      ]),
    ],
    '<a:lin ang="16200000" scaled="0"/>',
  ),
  "</a:fillStyleLst>",
  "<a:lnStyleLst>",
  line(
    9525,
    '<a:solidFill> <a:schemeClr val="phClr"> <a:shade val="95000"/> <a:satMod val="105000"/> </a:schemeClr> </a:solidFill>',
  ),
  line(25400, SOLID),
  line(38100, SOLID),
  "</a:lnStyleLst>",
  "<a:effectStyleLst>",
  `<a:effectStyle> ${shadow(20000, 38000)} </a:effectStyle>`,
  `<a:effectStyle> ${shadow(23000, 35000)} </a:effectStyle>`,
  `<a:effectStyle> ${shadow(23000, 35000)}`,
  '<a:scene3d> <a:camera prst="orthographicFront"> <a:rot lat="0" lon="0" rev="0"/> </a:camera>',
  '<a:lightRig rig="threePt" dir="t"> <a:rot lat="0" lon="0" rev="1200000"/> </a:lightRig> </a:scene3d>',
  '<a:sp3d> <a:bevelT w="63500" h="25400"/> </a:sp3d> </a:effectStyle>',
  "</a:effectStyleLst>",
  "<a:bgFillStyleLst>",
  SOLID,
  gradient(
    [
      stop(0, [
        ["tint", 40000],
        ["satMod", 350000],
      ]),
      stop(40000, [
        ["tint", 45000],
        ["shade", 99000],
        ["satMod", 350000],
      ]),
      stop(100000, [
        ["shade", 20000],
        ["satMod", 255000],
      ]),
    ],
    '<a:path path="circle"> <a:fillToRect l="50000" t="-80000" r="50000" b="180000"/> </a:path>',
  ),
  gradient(
    [
      stop(0, [
        ["tint", 80000],
        ["satMod", 300000],
      ]),
      stop(100000, [
        ["shade", 30000],
        ["satMod", 200000],
      ]),
    ],
    '<a:path path="circle"> <a:fillToRect l="50000" t="50000" r="50000" b="50000"/> </a:path>',
  ),
  "</a:bgFillStyleLst>",
  "</a:fmtScheme>",
  "</a:themeElements>",
  "<a:objectDefaults>",
  objectDefault("spDef", [1, 3, 2], "lt1"),
  objectDefault("lnDef", [2, 0, 1], "tx1"),
  "</a:objectDefaults>",
  "<a:extraClrSchemeLst/>",
  "</a:theme>",
].join(" ");
