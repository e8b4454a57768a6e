// Team mode against a real PostgreSQL cluster (started here, as an unprivileged user, on a free
// loopback port; stopped in afterAll). Three analysts, three library files, one study.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpFile } from '../../../test/support/db-helpers';
import { paragraphs, startTeam, type Analyst, type TeamFixture } from '../../../test/support/team-fixture';
import { LocalTeam } from './local-team';
import { upsertAnnotations, upsertDecisions } from './sync';

const ARTICLE = 'The minister said unemployment fell to 4.1% in May. Critics called the figure a fabrication. The opposition alleges the data was massaged.';

let team: TeamFixture;
let alice: Analyst, bilal: Analyst, carol: Analyst;
beforeAll(async () => {
  team = await startTeam();
  ({ alice, bilal, carol } = team.analysts);
}, 60_000);
afterAll(() => team?.destroy());

const addArticle = (a: Analyst, text = ARTICLE, title = 'Jobs figures') => a.library.documents.add({ title, source: '', text, blocks: paragraphs(text) }).document.id;
const span = (text: string, quote: string) => ({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
const annotationsOf = (a: Analyst, documentId: string) =>
  a.library.annotations
    .listForDocument(documentId)
    .map((x) => `${x.annotatorName}:${x.labelId}:${x.start}-${x.end}`)
    .sort();

describe('three analysts on one study', () => {
  it('tag the same article offline, sync, and all see each other’s work under its author', async () => {
    for (const a of [alice, bilal, carol]) await a.join();
    // Offline: each library has its own copy of the article (same text, same fingerprint).
    const docs = { alice: addArticle(alice), bilal: addArticle(bilal), carol: addArticle(carol) };
    alice.services.createAnnotation({ documentId: docs.alice, labelId: 'fact', ...span(ARTICLE, 'unemployment fell to 4.1% in May') });
    bilal.services.createAnnotation({ documentId: docs.bilal, labelId: 'opinion', ...span(ARTICLE, 'Critics called the figure a fabrication') });
    const carolsTag = await carol.services.createAnnotation({ documentId: docs.carol, labelId: 'allegation', ...span(ARTICLE, 'the data was massaged') });
    carol.services.updateAnnotation({ id: carolsTag.id, note: 'Who alleges it?' });
    expect(new LocalTeam(carol.library).queuedCount()).toBe(1);

    for (const a of [alice, bilal, carol]) await a.sync();
    for (const a of [alice, bilal]) await a.sync(); // they pull what was pushed after their first sync

    const at = (q: string) => `${span(ARTICLE, q).start}-${span(ARTICLE, q).end}`;
    const expected = [
      `Alice Martin:fact:${at('unemployment fell to 4.1% in May')}`,
      `Bilal Ahmed:opinion:${at('Critics called the figure a fabrication')}`,
      `Carol Diaz:allegation:${at('the data was massaged')}`,
    ].sort();
    expect(annotationsOf(alice, docs.alice)).toEqual(expected);
    expect(annotationsOf(bilal, docs.bilal)).toEqual(expected);
    expect(annotationsOf(carol, docs.carol)).toEqual(expected);
    // Colleagues' rows keep their author's annotator id, never the reader's.
    const carolsRowAtAlice = alice.library.annotations.get(carolsTag.id);
    expect(carolsRowAtAlice.annotatorId).toBe(carol.library.annotations.get(carolsTag.id).annotatorId);
    expect(carolsRowAtAlice.note).toBe('Who alleges it?');
    expect(carolsRowAtAlice.annotatorId).not.toBe(new LocalTeam(alice.library).link()!.annotatorId);
    for (const a of [alice, bilal, carol]) expect(new LocalTeam(a.library).queuedCount()).toBe(0);
  });

  it('an edit and a deletion travel too; syncing again changes nothing', async () => {
    const doc = alice.library.documents.list().find((d) => d.title === 'Jobs figures')!;
    const mine = alice.library.annotations.listForDocument(doc.id).find((a) => a.annotatorName === 'Alice Martin')!;
    alice.services.updateAnnotation({ id: mine.id, labelId: 'opinion' });
    alice.services.deleteAnnotation({ id: mine.id });
    await alice.sync();
    await bilal.sync();
    expect(bilal.library.annotations.get(mine.id).deletedAt).not.toBeNull();
    expect(bilal.library.annotations.get(mine.id).labelId).toBe('opinion');
    const before = dumpFile(bilal.file);
    const again = await bilal.sync();
    expect(again).toMatchObject({ pushed: 0, pulled: 0 });
    const after = dumpFile(bilal.file);
    delete before.settings;
    delete after.settings; // only "last sync" moved
    expect(after).toEqual(before);
  });

  it('a document whose text differs by one character stays a different document', async () => {
    const text = 'Turnout was 61% in the capital.';
    const oneOff = 'Turnout was 67% in the capital.';
    const a = addArticle(alice, text, 'Turnout');
    const b = addArticle(bilal, oneOff, 'Turnout');
    alice.services.createAnnotation({ documentId: a, labelId: 'fact', start: 0, end: text.length - 1 });
    bilal.services.createAnnotation({ documentId: b, labelId: 'fact', start: 0, end: oneOff.length - 1 });
    await alice.sync();
    await bilal.sync();
    await alice.sync();
    const turnouts = alice.library.documents.list().filter((d) => d.title === 'Turnout');
    expect(turnouts).toHaveLength(2);
    const [mineAtAlice] = alice.library.annotations.listForDocument(a);
    const bilalsDoc = turnouts.find((d) => d.id !== a)!;
    expect(alice.library.annotations.listForDocument(a).map((x) => x.annotatorName)).toEqual(['Alice Martin']);
    expect(alice.library.annotations.listForDocument(bilalsDoc.id).map((x) => x.quote)).toEqual(['Turnout was 67% in the capital']);
    expect(mineAtAlice.quote).toBe('Turnout was 61% in the capital');
    const admin = await team.admin();
    try {
      const r = await admin.query("SELECT count(*)::int AS n FROM claimtag.documents WHERE title = 'Turnout'");
      expect(r.rows[0].n).toBe(2);
    } finally {
      await admin.end();
    }
  });
});

describe('the server refuses what is not yours', () => {
  it('through our client: a row that names another owner, and another analyst’s row id, are refused; the rest goes', async () => {
    const [bilalsRow] = bilal.library.annotations.listForDocument(bilal.library.documents.list().find((d) => d.title === 'Jobs figures')!.id).filter((a) => a.annotatorName === 'Bilal Ahmed');
    const client = await alice.raw();
    try {
      const link = new LocalTeam(alice.library).requireLink();
      const forged = {
        id: 'forged-1',
        study_id: link.studyId,
        document_sha256: alice.library.documents.list().find((d) => d.title === 'Jobs figures')!.sha256,
        owner: 'bilal',
        annotator_id: bilalsRow.annotatorId,
        annotator_name: 'Bilal Ahmed',
        is_reference: false,
        label_id: 'fact',
        start_offset: 0,
        end_offset: 3,
        quote: 'The',
        prefix: '',
        suffix: '',
        note: '',
        attribution: '',
        confidence: null,
        created_at: 'x',
        updated_at: 'x',
        deleted_at: null,
        revision: 1,
      };
      await expect(upsertAnnotations(client, [forged])).rejects.toMatchObject({ code: '42501' });
      // Owner mine but the annotator is Bilal's: refused too.
      await expect(upsertAnnotations(client, [{ ...forged, owner: 'alice' }])).rejects.toMatchObject({ code: '42501' });
      // Bilal's existing row, sent as mine with a higher revision: refused (with an equal one: not written).
      expect(await upsertAnnotations(client, [{ ...forged, id: bilalsRow.id, owner: 'alice', annotator_id: link.annotatorId, revision: 1 }])).toEqual([]);
      await expect(upsertAnnotations(client, [{ ...forged, id: bilalsRow.id, owner: 'alice', annotator_id: link.annotatorId, revision: 99 }])).rejects.toMatchObject({ code: '42501' });
      // The reference is the adjudicator's.
      await expect(upsertAnnotations(client, [{ ...forged, id: 'forged-ref', owner: 'alice', annotator_id: 'ref', is_reference: true }])).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.end();
    }

    // A library tampered with: Alice's copy of Bilal's row rewritten as hers. Sync refuses that
    // row in plain words naming Bilal, and still sends her honest work.
    const doc = alice.library.documents.list().find((d) => d.title === 'Jobs figures')!;
    const aliceId = new LocalTeam(alice.library).requireLink().annotatorId;
    alice.library.db.prepare('UPDATE annotations SET annotator_id = ?, note = ? WHERE id = ?').run(aliceId, 'mine now', bilalsRow.id);
    const honest = await alice.services.createAnnotation({ documentId: doc.id, labelId: 'fact', start: 0, end: 12 });
    const report = await alice.sync();
    expect(report.refused).toEqual([{ id: bilalsRow.id, message: "The server refused the change: you cannot edit Bilal Ahmed's annotation." }]);
    expect(report.pushed).toBe(1);
    expect(new LocalTeam(alice.library).refused()).toEqual(report.refused);
    await bilal.sync();
    expect(bilal.library.annotations.get(bilalsRow.id).note).toBe('');
    expect(bilal.library.annotations.get(honest.id).annotatorName).toBe('Alice Martin');
  });

  it('through raw SQL as the analyst’s own role: no insert, update or delete of another’s rows, no other study', async () => {
    const admin = await team.admin();
    const raw = await bilal.raw();
    try {
      await admin.query("INSERT INTO claimtag.studies (id, name) VALUES ('other', 'Someone else''s study')");
      const alicesRow = (await admin.query("SELECT * FROM claimtag.annotations WHERE owner = 'alice' AND deleted_at IS NULL LIMIT 1")).rows[0];
      const before = (await admin.query('SELECT id, owner, label_id, note, revision, version FROM claimtag.annotations ORDER BY id')).rows;

      const upd = await raw.query("UPDATE claimtag.annotations SET note = 'forged', revision = revision + 1 WHERE owner = 'alice'");
      expect(upd.rowCount).toBe(0);
      const del = await raw.query("DELETE FROM claimtag.annotations WHERE owner <> 'bilal'");
      expect(del.rowCount).toBe(0);
      await expect(
        raw.query(
          `INSERT INTO claimtag.annotations (id, study_id, document_sha256, owner, annotator_id, annotator_name, label_id, start_offset, end_offset, quote, created_at, updated_at, revision)
           VALUES ('raw-forged', $1, $2, 'alice', $3, 'Alice Martin', 'fact', 0, 3, 'The', 'x', 'x', 1)`,
          [alicesRow.study_id, alicesRow.document_sha256, alicesRow.annotator_id],
        ),
      ).rejects.toMatchObject({ code: '42501' });
      await expect(raw.query("UPDATE claimtag.annotations SET owner = 'bilal' WHERE id = $1", [alicesRow.id]).then((r) => r.rowCount)).resolves.toBe(0);
      await expect(raw.query("UPDATE claimtag.members SET is_adjudicator = true WHERE role_name = 'bilal'")).rejects.toMatchObject({ code: '42501' });
      await expect(raw.query("UPDATE claimtag.members SET annotator_id = 'someone' WHERE role_name = 'bilal'").then((r) => r.rowCount)).resolves.toBe(0);
      await expect(raw.query('INSERT INTO claimtag.tag_set_versions (study_id, version_no, labels) VALUES ($1, 99, $2)', [alicesRow.study_id, '[]'])).rejects.toMatchObject({ code: '42501' });
      await expect(raw.query("INSERT INTO claimtag.studies (id, name) VALUES ('mine', 'Mine')")).rejects.toMatchObject({ code: '42501' });
      expect((await raw.query("SELECT * FROM claimtag.studies WHERE id = 'other'")).rowCount).toBe(0);
      await expect(raw.query("INSERT INTO claimtag.study_documents (study_id, document_sha256) VALUES ('other', $1)", [alicesRow.document_sha256])).rejects.toMatchObject({ code: '42501' });

      const after = (await admin.query('SELECT id, owner, label_id, note, revision, version FROM claimtag.annotations ORDER BY id')).rows;
      expect(after).toEqual(before);
    } finally {
      await raw.end();
      await admin.end();
    }
  });

  it('an analyst cannot join a study they are not in', async () => {
    const admin = await team.admin();
    try {
      await admin.query("INSERT INTO claimtag.studies (id, name) VALUES ('secret', 'Secret study') ON CONFLICT DO NOTHING");
    } finally {
      await admin.end();
    }
    const { joinTeam } = await import('./sync');
    const { parseServerUrl } = await import('./connection');
    const { address, password } = parseServerUrl(bilal.url);
    await expect(joinTeam(bilal.library, address, password, 'Secret study')).rejects.toMatchObject({ error: { code: 'refused' } });
  });
});

describe('volume', () => {
  it('10,000 annotations push and 10,000 pull within the test’s time box (figures: npm run bench)', async () => {
    const text = Array.from({ length: 2_000 }, (_, i) => `Sentence number ${i} says something checkable.`).join(' ');
    const doc = addArticle(carol, text, 'Long article');
    const carolId = new LocalTeam(carol.library).requireLink().annotatorId;
    carol.library.transaction(() => {
      const importer = carol.library.annotations.importer();
      for (let i = 0; i < 10_000; i++) {
        const start = (i * 7) % (text.length - 40);
        const s = text[start] === ' ' ? start + 1 : start;
        importer.add({ documentId: doc, annotatorId: carolId, labelId: ['fact', 'opinion', 'allegation'][i % 3], start: s, end: s + 20 + (i % 13) }, text);
      }
      importer.finish();
    });
    expect(new LocalTeam(carol.library).queuedCount()).toBe(10_000);
    const t0 = performance.now();
    const pushed = await carol.sync();
    const pushMs = performance.now() - t0;
    expect(pushed.pushed).toBe(10_000);
    const t1 = performance.now();
    const pulled = await bilal.sync();
    const pullMs = performance.now() - t1;
    expect(pulled.pulled).toBeGreaterThanOrEqual(10_000);
    const bilalDoc = bilal.library.documents.findBySha256(carol.library.documents.get(doc).sha256)!;
    expect(bilal.library.annotations.listForDocument(bilalDoc.id)).toHaveLength(10_000);
    console.log(`team sync: push 10,000 in ${pushMs.toFixed(0)} ms, pull 10,000 in ${pullMs.toFixed(0)} ms`);
  }, 180_000);
});

describe('the reference is the adjudicator’s', () => {
  it('Carol’s reference reaches the others; Alice’s local reference never leaves her library', async () => {
    const { ensureReferenceAnnotator } = await import('../compare/reference');
    const refOf = (a: Analyst) => a.library.transaction(() => ensureReferenceAnnotator(a.library));
    const docAt = (a: Analyst) => a.library.documents.list().find((d) => d.title === 'Jobs figures')!.id;
    const carolsRef = refOf(carol);
    const agreed = carol.library.annotations.add({ documentId: docAt(carol), annotatorId: carolsRef.id, labelId: 'fact', start: 4, end: 12 }, ARTICLE);
    const alicesRef = refOf(alice);
    const stray = alice.library.annotations.add({ documentId: docAt(alice), annotatorId: alicesRef.id, labelId: 'opinion', start: 4, end: 12 }, ARTICLE);
    await carol.sync();
    const aliceReport = await alice.sync();
    expect(aliceReport.refused).toEqual([]);
    expect(new LocalTeam(alice.library).queuedCount()).toBe(0);
    await bilal.sync();
    const atBilal = bilal.library.annotations.get(agreed.id);
    expect([atBilal.annotatorId, atBilal.annotatorName, atBilal.labelId]).toEqual([carolsRef.id, 'reference', 'fact']);
    expect(bilal.library.annotations.exists(stray.id)).toBe(false);
    const admin = await team.admin();
    try {
      const r = await admin.query('SELECT owner, is_reference FROM claimtag.annotations WHERE id = ANY($1) ORDER BY id', [[agreed.id, stray.id]]);
      expect(r.rows).toEqual([{ owner: 'carol', is_reference: true }]);
    } finally {
      await admin.end();
    }
  });
});

describe('adjudication decisions are the adjudicator’s, and travel', () => {
  const BUDGET = 'The budget doubles school funding. Teachers say the rise is a sham.';
  const quote = 'Teachers say the rise is a sham';
  const budgetAt = (a: Analyst) => a.library.documents.findBySha256(alice.library.documents.list().find((d) => d.title === 'Budget')!.sha256)!.id;
  const serverDecisions = async () => {
    const admin = await team.admin();
    try {
      return (await admin.query('SELECT id, owner, body, revision, version FROM claimtag.decisions ORDER BY id')).rows;
    } finally {
      await admin.end();
    }
  };

  it('Carol settles a difference; Bilal’s Compare shows it settled, by Carol, with her reason; syncing again changes nothing', async () => {
    addArticle(alice, BUDGET, 'Budget');
    addArticle(bilal, BUDGET, 'Budget');
    await alice.services.createAnnotation({ documentId: budgetAt(alice), labelId: 'fact', ...span(BUDGET, quote) });
    const bilalsSpan = await bilal.services.createAnnotation({ documentId: budgetAt(bilal), labelId: 'opinion', ...span(BUDGET, quote) });
    await alice.sync();
    await bilal.sync();
    await carol.sync();
    const atCarol = await carol.services.compareDocument({ documentId: budgetAt(carol) });
    const place = atCarol.differences.find((d) => d.spans.some((x) => x.annotationId === bilalsSpan.id))!;
    expect(place.settled).toBe(false);
    await carol.services.adjudicate({ documentId: budgetAt(carol), differenceId: place.id, decision: { kind: 'accept', annotationId: bilalsSpan.id }, reason: 'Teachers give a judgement, not a figure.' });
    const pushed = await carol.sync();
    expect(pushed.refused).toEqual([]);
    expect(pushed.pushed).toBe(2); // the reference span and the decision
    expect((await serverDecisions()).map((d) => [d.owner, d.body.kind, d.body.source, d.body.by])).toEqual([['carol', 'accept', 'Bilal Ahmed', 'Carol Diaz']]);

    await bilal.sync();
    const atBilal = await bilal.services.compareDocument({ documentId: budgetAt(bilal) });
    const settled = atBilal.differences.find((d) => d.spans.some((x) => x.annotationId === bilalsSpan.id))!;
    expect(settled.settled).toBe(true);
    const decision = atBilal.decisions.at(-1)!;
    expect(decision).toMatchObject({ kind: 'accept', source: 'Bilal Ahmed', by: 'Carol Diaz', reason: 'Teachers give a judgement, not a figure.', labelId: 'opinion', span: span(BUDGET, quote) });
    // (Compare words it from these fields: "accepted Bilal Ahmed’s opinion “…” — Carol Diaz, … · “reason”".)
    expect(BUDGET.slice(decision.span!.start, decision.span!.end)).toBe(quote);
    // A pulled decision never queues at the colleague's.
    expect(new LocalTeam(bilal.library).queuedCount()).toBe(0);

    expect(await carol.sync()).toMatchObject({ pushed: 0, refused: [] });
    const before = dumpFile(bilal.file);
    expect(await bilal.sync()).toMatchObject({ pushed: 0, pulled: 0 });
    const after = dumpFile(bilal.file);
    delete before.settings;
    delete after.settings;
    expect(after).toEqual(before);
  });

  it('a non-adjudicator’s decision stays in their library; forging one through our client or raw SQL is refused', async () => {
    const atAlice = await alice.services.compareDocument({ documentId: budgetAt(alice) });
    const place = atAlice.differences.find((d) => !d.settled && d.spans.length > 1) ?? atAlice.differences[0];
    await alice.services.adjudicate({ documentId: budgetAt(alice), differenceId: place.id, decision: { kind: 'reject' }, reason: 'mine only' });
    const aliceOutbox = () => alice.library.db.prepare("SELECT count(*) AS n FROM team_outbox WHERE kind = 'decision'").get() as { n: number };
    expect(aliceOutbox().n).toBe(0);
    const before = await serverDecisions();
    await alice.sync();
    expect(await serverDecisions()).toEqual(before);

    const carols = before[0];
    const link = new LocalTeam(alice.library).requireLink();
    const forged = { id: 'forged-decision', study_id: link.studyId, document_sha256: alice.library.documents.get(budgetAt(alice)).sha256, owner: 'alice', body: { ...carols.body, by: 'Carol Diaz', reason: 'forged' }, revision: 1 };
    const client = await alice.raw();
    try {
      await expect(upsertDecisions(client, [forged])).rejects.toMatchObject({ code: '42501' });
      await expect(upsertDecisions(client, [{ ...forged, owner: 'carol' }])).rejects.toMatchObject({ code: '42501' });
      await expect(upsertDecisions(client, [{ ...forged, id: carols.id, revision: 99 }])).rejects.toMatchObject({ code: '42501' });
    } finally {
      await client.end();
    }
    const raw = await bilal.raw();
    try {
      await expect(
        raw.query("INSERT INTO claimtag.decisions (id, study_id, document_sha256, body, revision) VALUES ('raw-decision', $1, $2, $3, 1)", [link.studyId, forged.document_sha256, JSON.stringify(forged.body)]),
      ).rejects.toMatchObject({ code: '42501' });
      expect((await raw.query("UPDATE claimtag.decisions SET body = '{}'::jsonb, revision = revision + 1")).rowCount).toBe(0);
      expect((await raw.query('DELETE FROM claimtag.decisions')).rowCount).toBe(0);
    } finally {
      await raw.end();
    }
    expect(await serverDecisions()).toEqual(before);
  });
});

describe('labels travel with the study', () => {
  it('a label only the adjudicator’s tag set has arrives with its name and colour; an unpublished one arrives by its id', async () => {
    const doc = (a: Analyst) => a.library.documents.list().find((d) => d.title === 'Jobs figures')!.id;
    await carol.services.saveLabel({ id: 'rumour', name: 'Rumour', color: '#7a4fb5', shortcut: '4', definition: 'Unsourced talk.' });
    await bilal.services.saveLabel({ id: 'satire', name: 'Satire', color: '#aa3377', shortcut: '5', definition: '' });
    await carol.services.createAnnotation({ documentId: doc(carol), labelId: 'rumour', start: 53, end: 60 });
    await bilal.services.createAnnotation({ documentId: doc(bilal), labelId: 'satire', start: 61, end: 67 });
    await carol.sync(); // publishes tag set version with "rumour"
    await bilal.sync();
    await alice.sync();
    const labels = Object.fromEntries(alice.library.labels.list().map((l) => [l.id, `${l.name} ${l.color}`]));
    expect(labels.rumour).toBe('Rumour #7a4fb5');
    expect(labels.satire).toBe('satire #6b6b6b');
    const admin = await team.admin();
    try {
      const versions = await admin.query('SELECT owner, labels FROM claimtag.tag_set_versions ORDER BY version_no DESC LIMIT 1');
      expect(versions.rows[0].owner).toBe('carol');
      expect(versions.rows[0].labels.map((l: { id: string }) => l.id)).toContain('rumour');
    } finally {
      await admin.end();
    }
  });
});
