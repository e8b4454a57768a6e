import { deflateRawSync } from 'node:zlib';
import { strToU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import type { WorkerMemorySample } from './import-worker-protocol';
import { buildDocx, buildDocxFromXml, documentXml } from '../../../test/import/docx-fixture-builder';
import { importDocx, type DocxImportOptions } from './import-docx';
import { blocksOf, expectDocument, expectError, type ExpectedBlock } from '../../../test/import/import-test-helpers';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const URDU = 'وزیر اعظم نے کہا کہ انتخابات شفاف تھے۔';
const ARABIC = 'قال المتحدث: "النتائج نهائية" (2024).';
const PASHTO = 'ولسمشر وویل چې ټاکنې به په وخت ترسره شي.';
const DARI = 'رئیس\u200Cجمهور گفت که انتخابات ۱۴۰۳ برگزار می\u200Cشود.';
const EMOJI = 'Reactions: 👍🏽 👨‍👩‍👧 🇵🇰 ❤️ 🏳️‍🌈';

/** Memory samples of the zip-bomb runs, printed once at the end for the report. */
const bombMemory: Record<string, WorkerMemorySample[]> = {};
afterAll(() => {
  for (const [name, samples] of Object.entries(bombMemory)) {
    const peak = samples.reduce((max, s) => Math.max(max, s.heapUsedMb + s.arrayBuffersMb), 0);
    const rows = samples.map((s) => `${s.phase}: heap ${s.heapUsedMb.toFixed(1)} MiB, arrayBuffers ${s.arrayBuffersMb.toFixed(1)} MiB, rss ${s.rssMb.toFixed(0)} MiB`);
    console.log(`[docx worker memory] ${name} (peak heap+buffers ${peak.toFixed(1)} MiB)\n  ${rows.join('\n  ')}`);
  }
});

function recording(name: string, options: DocxImportOptions = {}): DocxImportOptions {
  const samples: WorkerMemorySample[] = [];
  bombMemory[name] = samples;
  return { ...options, onMemory: (sample) => samples.push(sample) };
}

describe('importDocx fixtures', () => {
  it('reads headings, lists, quotes, RTL paragraphs, emoji and combining marks block by block', async () => {
    const textBox =
      '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Text box line</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>' +
      '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Text box line</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>Anchor paragraph</w:t></w:r></w:p>';
    const tracked =
      '<w:p><w:r><w:t xml:space="preserve">Turnout was </w:t></w:r><w:del w:id="1" w:author="x"><w:r><w:delText>55</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="x"><w:r><w:t>62</w:t></w:r></w:ins><w:r><w:t xml:space="preserve"> percent.</w:t></w:r></w:p>';
    const field =
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://example.org" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
      '<w:hyperlink><w:r><w:t>linked source</w:t></w:r></w:hyperlink><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>';
    const table = '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Cell A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Cell B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    const bytes = buildDocx(
      [
        { text: 'Budget 2024', style: 'Title' },
        { text: 'Summary', style: 'Heading1' },
        { text: ['The minister ', 'said', ' the budget\twas balanced.'] },
        { text: 'Details', style: 'Heading2' },
        { text: 'Deep heading', style: 'Heading6' },
        { text: 'Localised heading', style: 'berschrift1' },
        { text: 'Health cuts', listLevel: 0 },
        { text: 'Hospitals', listLevel: 1 },
        { text: 'Rural clinics', listLevel: 2 },
        { text: 'Styled bullet', style: 'ListBullet' },
        { text: '“We will oppose it,” she said.', style: 'Quote' },
        { text: URDU },
        { text: ARABIC, style: 'Heading2' },
        { text: PASHTO, listLevel: 0 },
        { text: DARI },
        { text: EMOJI },
        { text: 'Cafe\u0301 Vie\u0323\u0302t a\u0332b nai\u0308ve' },
        { text: 'First line\nsecond line' },
        { text: '   ' },
      ],
      { title: 'Core title', extraBodyXml: textBox + tracked + field + table },
    );
    const doc = expectDocument(await importDocx(bytes, 'budget-story.docx'));
    expect(doc.title).toBe('Core title');
    expect(doc.source).toBe('budget-story.docx');
    expect(doc.warnings).toEqual(['Tracked deletions were left out; tracked insertions were kept.']);
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([
      ['heading', 1, 'Budget 2024'],
      ['heading', 1, 'Summary'],
      ['paragraph', undefined, 'The minister said the budget was balanced.'],
      ['heading', 2, 'Details'],
      ['heading', 6, 'Deep heading'],
      ['heading', 1, 'Localised heading'],
      ['list-item', 1, 'Health cuts'],
      ['list-item', 2, 'Hospitals'],
      ['list-item', 3, 'Rural clinics'],
      ['list-item', 1, 'Styled bullet'],
      ['quote', undefined, '“We will oppose it,” she said.'],
      ['paragraph', undefined, URDU],
      ['heading', 2, ARABIC],
      ['list-item', 1, PASHTO],
      ['paragraph', undefined, DARI],
      ['paragraph', undefined, EMOJI],
      ['paragraph', undefined, 'Café Việt a\u0332b naïve'],
      ['paragraph', undefined, 'First line'],
      ['paragraph', undefined, 'second line'],
      ['paragraph', undefined, 'Text box line'],
      ['paragraph', undefined, 'Anchor paragraph'],
      ['paragraph', undefined, 'Turnout was 62 percent.'],
      ['paragraph', undefined, 'linked source'],
      ['paragraph', undefined, 'Cell A'],
      ['paragraph', undefined, 'Cell B'],
    ]);
  });

  it('takes the title from the first heading, else the file name', async () => {
    const withHeading = expectDocument(await importDocx(buildDocx([{ text: 'Intro' }, { text: 'Real headline', style: 'Heading1' }]), 'a.docx'));
    expect(withHeading.title).toBe('Real headline');
    const plain = expectDocument(await importDocx(buildDocx([{ text: 'Only text' }], { styles: false }), 'election_night-report.docx'));
    expect(plain.title).toBe('Election night report');
  });

  it('recognises headings by style id even without styles.xml', async () => {
    const doc = expectDocument(await importDocx(buildDocx([{ text: 'H', style: 'Heading3' }, { text: 'p' }], { styles: false }), 'a.docx'));
    expect(blocksOf(doc)).toEqual<ExpectedBlock[]>([['heading', 3, 'H'], ['paragraph', undefined, 'p']]);
  });
});

/** A ZIP written by hand so that sizes can lie. */
function rawZip(entries: Array<{ name: string; data: Uint8Array; method?: number; declaredSize: number; compressedSize?: number }>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const compressedSize = entry.compressedSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(entry.method ?? 8, 8);
    local.writeUInt32LE(compressedSize, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(entry.method ?? 8, 10);
    central.writeUInt32LE(compressedSize, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(entry.data));
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** ~200 MB of document.xml that really inflates: one paragraph of 'a's (or zeros). */
function bigDeflatedXml(megabytes: number, filler: 'a' | 'zero'): { data: Uint8Array; size: number } {
  const head = Buffer.from(`<w:document ${W}><w:body><w:p><w:r><w:t>`);
  const tail = Buffer.from('</w:t></w:r></w:p></w:body></w:document>');
  const body = Buffer.alloc(megabytes * 1024 * 1024, filler === 'a' ? 'a' : 0);
  const plain = Buffer.concat([head, body, tail]);
  return { data: new Uint8Array(deflateRawSync(plain, { level: 9 })), size: plain.length };
}

describe('hostile .docx', () => {
  it('refuses a real zip bomb (200 MB of zeros) from its central directory, before inflating', async () => {
    const bomb = bigDeflatedXml(200, 'zero');
    const bytes = rawZip([{ name: 'word/document.xml', data: bomb.data, declaredSize: bomb.size }]);
    expect(bytes.length).toBeLessThan(1024 * 1024);
    const options = recording('honest 200 MB bomb (rejected from central directory)');
    expect(expectError(await importDocx(bytes, 'bomb.docx', options), 'too-large')).toContain('unpacks to far more data');
    const heaviest = Math.max(...(bombMemory['honest 200 MB bomb (rejected from central directory)'] ?? []).map((s) => s.arrayBuffersMb));
    expect(heaviest).toBeLessThan(50);
  });

  it('stops inflating an entry that lies about its size', async () => {
    const bomb = bigDeflatedXml(200, 'zero');
    const bytes = rawZip([{ name: 'word/document.xml', data: bomb.data, declaredSize: 1_000_000 }]);
    const options = recording('lying 200 MB bomb (declares 1 MB)');
    expect(expectError(await importDocx(bytes, 'liar.docx', options), 'too-large')).toContain('unpacks to far more data');
    const heaviest = Math.max(...(bombMemory['lying 200 MB bomb (declares 1 MB)'] ?? []).map((s) => s.arrayBuffersMb));
    expect(heaviest).toBeLessThan(50);
  });

  it('refuses more text than a document may hold, even when the zip checks are lifted', async () => {
    const bomb = bigDeflatedXml(90, 'a');
    const bytes = rawZip([{ name: 'word/document.xml', data: bomb.data, declaredSize: bomb.size }]);
    const options = recording('90 MB single text run, ratio check lifted (text cap)', { limits: { maxRatio: 1e9 } });
    expect(expectError(await importDocx(bytes, 'bomb.docx', options), 'too-large')).toContain('more text');
  }, 60_000);

  it('kills the worker at its heap limit when a real bomb gets past the zip checks', async () => {
    // 200 MB of one-letter paragraphs: each becomes an object, so the heap really grows. The heap
    // limit is lowered to 64 MB so the kill comes well before the wall-clock timeout.
    const paragraph = '<w:p><w:r><w:t>a</w:t></w:r></w:p>';
    const head = Buffer.from(`<w:document ${W}><w:body>`);
    const tail = Buffer.from('</w:body></w:document>');
    const body = Buffer.alloc(Math.floor((200 * 1024 * 1024) / paragraph.length) * paragraph.length, paragraph);
    const plain = Buffer.concat([head, body, tail]);
    const data = new Uint8Array(deflateRawSync(plain, { level: 9 }));
    const bytes = rawZip([{ name: 'word/document.xml', data, declaredSize: plain.length }]);
    const name = '200 MB of tiny paragraphs, zip limits lifted (worker heap limit 64 MB)';
    const options = recording(name, {
      limits: { maxEntryBytes: 2 ** 31, maxTotalBytes: 2 ** 31, maxRatio: 1e9 },
      maxOldGenerationSizeMb: 64,
      timeoutMs: 50_000,
    });
    const message = expectError(await importDocx(bytes, 'bomb.docx', options), 'too-large');
    console.log(`[docx worker memory] ${name}: stopped with "${message}"`);
    expect(message).toContain('more memory');
    expect(process.memoryUsage().rss).toBeGreaterThan(0);
  }, 60_000);

  it('refuses small files declaring huge entries, huge totals or absurd ratios', async () => {
    const tiny = new Uint8Array(deflateRawSync(Buffer.from('<x/>')));
    const huge = rawZip([{ name: 'word/document.xml', data: tiny, declaredSize: 3_000_000_000 }]);
    expect(expectError(await importDocx(huge, 'a.docx'), 'too-large')).toBeTruthy();
    const many = rawZip(Array.from({ length: 5 }, (_, i) => ({ name: `word/media/${i}.bin`, data: tiny, declaredSize: 30_000_000, compressedSize: tiny.length })));
    expectError(await importDocx(many, 'a.docx'), 'too-large');
    const ratio = rawZip([{ name: 'word/document.xml', data: tiny, declaredSize: 5_000_000 }]);
    expectError(await importDocx(ratio, 'a.docx'), 'too-large');
    const zip64 = rawZip([{ name: 'word/document.xml', data: tiny, declaredSize: 0xffffffff }]);
    expectError(await importDocx(zip64, 'a.docx'), 'unsupported');
  });

  it('reports truncated and corrupted archives as damaged', async () => {
    const good = buildDocx([{ text: 'Hello world, this is a paragraph long enough to compress.' }]);
    for (const cut of [10, Math.floor(good.length / 2), good.length - 10]) {
      expect(expectError(await importDocx(good.slice(0, cut), 'cut.docx'), 'invalid-input')).toContain('damaged');
    }
    const xml = documentXml([{ text: 'Some paragraph text that compresses into a deflate stream.' }]);
    const deflated = new Uint8Array(deflateRawSync(Buffer.from(xml)));
    const corrupted = deflated.slice();
    corrupted.fill(0xff, 5, 20);
    expectError(await importDocx(rawZip([{ name: 'word/document.xml', data: corrupted, declaredSize: xml.length }]), 'bad.docx'), 'invalid-input');
    const cutStream = deflated.slice(0, deflated.length / 2);
    expectError(await importDocx(rawZip([{ name: 'word/document.xml', data: cutStream, declaredSize: xml.length }]), 'bad.docx'), 'invalid-input');
  });

  it('refuses DOCTYPE / entity declarations (billion laughs) and undefined entities', async () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
      Array.from({ length: 7 }, (_, i) => `<!ENTITY lol${i + 3} "${`&lol${i + 2};`.repeat(10)}">`).join('') +
      `]><w:document ${W}><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`;
    expect(expectError(await importDocx(buildDocxFromXml(lol), 'lol.docx'), 'unsupported')).toContain('DOCTYPE');
    const external = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><w:document ${W}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`;
    expectError(await importDocx(buildDocxFromXml(external), 'xxe.docx'), 'unsupported');
    const undefinedEntity = `<w:document ${W}><w:body><w:p><w:r><w:t>&nbsp;&lol;</w:t></w:r></w:p></w:body></w:document>`;
    expectError(await importDocx(buildDocxFromXml(undefinedEntity), 'ent.docx'), 'invalid-input');
  });

  it('refuses files that are not .docx at all', async () => {
    expectError(await importDocx(strToU8('plain text renamed'), 'a.docx'), 'unsupported');
    expectError(await importDocx(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'old.docx'), 'unsupported');
    const notWord = rawZip([{ name: 'hello.txt', data: strToU8('hi'), method: 0, declaredSize: 2 }]);
    expectError(await importDocx(notWord, 'a.docx'), 'unsupported');
    const encrypted = rawZip([{ name: 'word/document.xml', data: strToU8('<x/>'), method: 0, declaredSize: 4 }]);
    encrypted[6] = 1; // local header flag: encrypted
    const view = new DataView(encrypted.buffer);
    view.setUint16(encrypted.length - 22 - 46 - 'word/document.xml'.length + 8, 1, true); // central flag
    expectError(await importDocx(encrypted, 'a.docx'), 'unsupported');
  });

  it('stops a worker that runs past its wall-clock timeout', async () => {
    const bytes = buildDocx([{ text: 'x' }]);
    expect(expectError(await importDocx(bytes, 'slow.docx', { timeoutMs: 1 }), 'too-large')).toContain('longer than');
  });

  it('still imports normally after all of the above (the process is alive and well)', async () => {
    const doc = expectDocument(await importDocx(buildDocx([{ text: 'A & B <ok> "quoted"' }]), 'after.docx'));
    expect(doc.text).toBe('A & B <ok> "quoted"');
  });
});
