// Builds small .docx files in memory for tests and the benchmark (never used at run time).
import { strToU8, zipSync, type Zippable } from 'fflate';

export interface FixtureParagraph {
  /** Runs of text; "\t" becomes <w:tab/>, "\n" becomes <w:br/>. */
  text: string | string[];
  style?: string;
  /** List nesting, 0-based (w:ilvl); sets w:numPr with numId 1. */
  listLevel?: number;
}

export interface FixtureOptions {
  title?: string;
  styles?: boolean;
  /** Raw XML inserted in <w:body> after the paragraphs. */
  extraBodyXml?: string;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function run(text: string): string {
  const parts = text.split(/(\t|\n)/).filter((part) => part !== '');
  const inner = parts
    .map((part) => (part === '\t' ? '<w:tab/>' : part === '\n' ? '<w:br/>' : `<w:t xml:space="preserve">${escapeXml(part)}</w:t>`))
    .join('');
  return `<w:r><w:rPr><w:b/></w:rPr>${inner}</w:r>`;
}

export function paragraphXml(paragraph: FixtureParagraph): string {
  const properties: string[] = [];
  if (paragraph.style !== undefined) properties.push(`<w:pStyle w:val="${paragraph.style}"/>`);
  if (paragraph.listLevel !== undefined) properties.push(`<w:numPr><w:ilvl w:val="${paragraph.listLevel}"/><w:numId w:val="1"/></w:numPr>`);
  const pPr = properties.length > 0 ? `<w:pPr>${properties.join('')}<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>` : '';
  const runs = (Array.isArray(paragraph.text) ? paragraph.text : [paragraph.text]).map(run).join('');
  return `<w:p>${pPr}${runs}</w:p>`;
}

export function documentXml(paragraphs: readonly FixtureParagraph[], extraBodyXml = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>${paragraphs.map(paragraphXml).join('')}${extraBodyXml}<w:sectPr/></w:body></w:document>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
${[1, 2, 3, 4, 5, 6].map((n) => `<w:style w:type="paragraph" w:styleId="Heading${n}"><w:name w:val="heading ${n}"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="${n - 1}"/></w:pPr></w:style>`).join('\n')}
<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

function coreXml(title: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(title)}</dc:title><dc:creator>claimtag tests</dc:creator></cp:coreProperties>`;
}

export function buildDocxFromXml(document: string, options: FixtureOptions = {}, extraFiles: Zippable = {}): Uint8Array {
  const files: Zippable = {
    '[Content_Types].xml': strToU8(CONTENT_TYPES),
    '_rels/.rels': strToU8(ROOT_RELS),
    'word/document.xml': strToU8(document),
    ...extraFiles,
  };
  if (options.styles !== false) files['word/styles.xml'] = strToU8(STYLES);
  if (options.title !== undefined) files['docProps/core.xml'] = strToU8(coreXml(options.title));
  return zipSync(files, { level: 6 });
}

export function buildDocx(paragraphs: readonly FixtureParagraph[], options: FixtureOptions = {}): Uint8Array {
  return buildDocxFromXml(documentXml(paragraphs, options.extraBodyXml), options);
}
