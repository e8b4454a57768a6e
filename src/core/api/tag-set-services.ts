import { promises as fs } from 'node:fs';
import type { ApiServices } from '../../shared/contract';
import { AppFailure, type AppError } from '../../shared/result';
import type { Label } from '../../shared/types';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Library } from '../store/library';
import { archivedHolders, checkLabel, inUseMessage, plural } from '../../shared/label-rules';
import { checkLabelStructure, mergeFits } from '../tagset/label-structure';
import { MAX_TAG_SET_BYTES, parseTagSet, planTagSetImport, serializeTagSet } from '../tagset/tag-set-file';
import type { HostPorts } from './host-ports';

type TagSetServices = Pick<ApiServices, 'saveLabel' | 'archiveLabel' | 'mergeLabel' | 'deleteLabel' | 'exportTagSet' | 'importTagSet'>;

const failWith = (error: AppError): never => {
  throw new AppFailure(error);
};

/**
 * Tag-set management: add and edit labels (name, colour, shortcut, guidelines), archive,
 * merge, delete unused ones, and move the whole scheme in and out as a tag-set file.
 * Field problems carry "field: message" details, the same shape as contract validation.
 */
export function createTagSetServices(library: Library, ports: HostPorts, currentAnnotator: () => { id: string } | null = () => null): TagSetServices {
  const store = library.labels;

  /** Merging or deleting a label rewrites its annotations: refused while other analysts' rows carry it. */
  const requireNoOthersUse = (label: Label, action: 'merge' | 'delete'): void => {
    const others = library.annotations.labelUseByOthers(label.id, currentAnnotator()?.id ?? null);
    if (others.length === 0) return;
    const whose = others.map((o) => `${o.name} (${plural(o.rows, 'annotation')})`).join(', ');
    throw AppFailure.forbidden(
      'not-owner',
      `"${label.name}" is used by other annotators' work: ${whose}. ${action === 'merge' ? 'Merging' : 'Deleting'} it would change their annotations; archive the label instead.`,
      others.map((o) => `${o.name}: ${plural(o.rows, 'annotation')}`),
    );
  };

  const requireLabel = (id: string): Label =>
    library.labels.find(id) ?? failWith({ code: 'not-found', message: `There is no label "${id}" in this tag set.` });

  return {
    saveLabel(input) {
      return library.transaction(() => {
        const labels = library.labels.list();
        const existing = labels.find((l) => l.id === input.id);
        const problems = checkLabel(input, labels);
        if (problems.length) {
          failWith({ code: problems[0].field === 'color' ? 'invalid-input' : 'conflict', message: problems[0].message, details: problems.map((p) => `${p.field}: ${p.message}`) });
        }
        const structure = checkLabelStructure(library, existing ?? null, input.role, input.attributes);
        if (!structure.ok) return failWith(structure.error);
        for (const holder of archivedHolders(input.shortcut, input.id, labels)) store.clearShortcut(holder.id);
        const fields = {
          id: input.id,
          name: input.name.trim(),
          color: input.color.toLowerCase(),
          shortcut: input.shortcut,
          definition: input.definition.trim(),
          examples: cleanExamples(input.examples ?? existing?.examples),
          role: structure.value.role,
          attributes: structure.value.attributes,
        };
        if (existing) store.update({ ...fields, archived: existing.archived });
        else store.add({ ...fields, archived: false, sortOrder: store.nextSortOrder() });
        return library.labels.list();
      });
    },

    archiveLabel({ id, archived }) {
      return library.transaction(() => {
        requireLabel(id);
        store.setArchived(id, archived);
        return library.labels.list();
      });
    },

    mergeLabel({ from, into }) {
      return library.transaction(() => {
        const source = requireLabel(from);
        const target = requireLabel(into);
        if (source.id === target.id) failWith({ code: 'invalid-input', message: 'Choose another label to merge into.' });
        requireNoOthersUse(source, 'merge');
        const fits = mergeFits(library, source, target);
        if (!fits.ok) failWith(fits.error);
        const { live } = library.annotations.labelUsage(from);
        library.annotations.relabelAll(from, into);
        store.remove(from);
        return { labels: library.labels.list(), moved: live };
      });
    },

    deleteLabel({ id }) {
      return library.transaction(() => {
        const label = requireLabel(id);
        const { live } = library.annotations.labelUsage(id);
        if (live > 0) failWith({ code: 'conflict', message: inUseMessage(label, live), details: [`usage: ${plural(live, 'annotation')}`] });
        requireNoOthersUse(label, 'delete');
        // Deleted annotations of this label can no longer come back with Undo: the label is gone.
        library.annotations.purgeDeletedOfLabel(id);
        store.remove(id);
        return library.labels.list();
      });
    },

    async exportTagSet() {
      const target = await ports.chooseExportPath('claimtag-tag-set.json', '.json');
      if (!target) return { cancelled: true as const };
      await writeFileAtomic(target, serializeTagSet(library.labels.list()));
      return { written: target };
    },

    async importTagSet() {
      const file = await ports.chooseFileToOpen('Import a tag set', ['json']);
      if (!file) return { cancelled: true as const };
      const text = await readTagSetFile(file);
      const parsed = parseTagSet(text);
      if (!parsed.ok) return failWith(parsed.error);
      const tagSet = parsed.value;
      return library.transaction(() => {
        const plan = planTagSetImport(tagSet, library.labels.list(), store.nextSortOrder());
        if (!plan.ok) return failWith(plan.error);
        for (const id of plan.value.clearShortcuts) store.clearShortcut(id);
        for (const l of plan.value.update) {
          // A role or attribute change must not strand links or values already saved.
          const structure = checkLabelStructure(library, requireLabel(l.id), l.role ?? 'claim', l.attributes ?? []);
          if (!structure.ok) return failWith({ ...structure.error, message: `${l.name}: ${structure.error.message} Nothing was changed.` });
        }
        for (const l of plan.value.update) store.update(l);
        for (const l of plan.value.add) store.add(l);
        return { labels: library.labels.list(), added: plan.value.add.map((l) => l.name), updated: plan.value.update.map((l) => l.name) };
      });
    },
  };
}

function cleanExamples(e: { positive: string[]; negative: string[] } | undefined): { positive: string[]; negative: string[] } {
  const clean = (xs: string[] | undefined) => (xs ?? []).map((x) => x.trim()).filter((x) => x.length > 0);
  return { positive: clean(e?.positive), negative: clean(e?.negative) };
}

async function readTagSetFile(file: string): Promise<string> {
  let size: number;
  try {
    const info = await fs.stat(file);
    if (!info.isFile()) failWith({ code: 'invalid-input', message: 'That is not a file.' });
    size = info.size;
  } catch (e) {
    if (e instanceof AppFailure) throw e;
    return failWith({ code: 'not-found', message: 'The tag-set file could not be opened.' });
  }
  if (size > MAX_TAG_SET_BYTES) failWith({ code: 'too-large', message: `The file is ${Math.round(size / 1024)} KB; a tag-set file is at most ${MAX_TAG_SET_BYTES / 1024 / 1024} MB. Nothing was changed.` });
  const bytes = await fs.readFile(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return failWith({ code: 'invalid-input', message: 'The tag-set file is not UTF-8 text. Nothing was changed.' });
  }
}
