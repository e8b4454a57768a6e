import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import type { StartupState } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import type { Annotator, DocumentRecord } from '../../../shared/types';
import { getApi } from '../api';
import { prefetchWorkbench } from '../workbench/workbench-prefetch';
import { LibraryShell } from './LibraryShell';
import { NamePrompt } from './NamePrompt';
import { StartupError } from './StartupError';
import { ClaimtagStore } from '../store/claimtag-store';
import { useCommandDispatcher, useCommands } from '../commands/use-commands';


type Screen =
  | { kind: 'loading' }
  | { kind: 'error'; error: AppError }
  | { kind: 'name'; state: StartupState }
  | { kind: 'workbench'; state: StartupState; annotator: Annotator; document: DocumentRecord };

export function App() {
  const api = getApi();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [renaming, setRenaming] = useState(false);
  const [store] = useState(() => new ClaimtagStore());
  // Whose layer is "mine": known before the workbench paints, so its list and figures start right.
  const annotator = screen.kind === 'workbench' ? screen.annotator : null;
  useLayoutEffect(() => {
    if (annotator) store.setMe(annotator);
  }, [annotator, store]);

  const openDocument = useCallback(
    async (state: StartupState, annotator: Annotator) => {
      if (!api || !state.initialDocumentId) return;
      // Asked for second, so the library serves the text first and the annotations meanwhile.
      const loading = api.getDocument({ id: state.initialDocumentId });
      prefetchWorkbench(api, state.initialDocumentId);
      const doc = await loading;
      setScreen(doc.ok ? { kind: 'workbench', state, annotator, document: doc.value } : { kind: 'error', error: doc.error });
    },
    [api],
  );

  const [attempt, setAttempt] = useState(0);
  useCommandDispatcher(api);
  useCommands({ 'rename-annotator': () => (screen.kind === 'workbench' ? setRenaming(true) : false) });

  useEffect(() => {
    if (!api) {
      setScreen({ kind: 'error', error: { code: 'internal', message: 'claimtag started without its connection to the library. Restart the app.' } });
      return;
    }
    void api.getStartupState({}).then((r) => {
      if (!r.ok) return setScreen({ kind: 'error', error: r.error });
      if (!r.value.annotator) return setScreen({ kind: 'name', state: r.value });
      void openDocument(r.value, r.value.annotator);
    });
  }, [api, openDocument, attempt]);

  if (screen.kind === 'loading') return <div className="splash" role="status">Opening your library…</div>;
  if (screen.kind === 'error') {
    return (
      <StartupError
        error={screen.error}
        onRecovered={() => {
          setScreen({ kind: 'loading' });
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  if (screen.kind === 'name') {
    return (
      <NamePrompt
        onSubmit={async (name) => {
          const r = await api!.setAnnotatorName({ name });
          if (!r.ok) return r.error.message;
          await openDocument(screen.state, r.value);
          return null;
        }}
      />
    );
  }
  return (
    <>
      <LibraryShell
        api={api!}
        store={store}
        initialDocument={screen.document}
        annotator={screen.annotator}
        dataDir={screen.state.dataDir}
        onRenameAnnotator={() => setRenaming(true)}
      />
      {renaming && (
        <NamePrompt
          initial={screen.annotator.name}
          onCancel={() => setRenaming(false)}
          onSubmit={async (name) => {
            const r = await api!.setAnnotatorName({ name });
            if (!r.ok) return r.error.message;
            setScreen({ ...screen, annotator: r.value });
            setRenaming(false);
            return null;
          }}
        />
      )}
    </>
  );
}
