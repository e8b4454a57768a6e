import { useId, useState } from 'react';
import type { BlindState, DocumentLayers } from '../../../shared/layers';

interface Props {
  layers: DocumentLayers | null;
  shown: ReadonlySet<string>;
  blind: BlindState;
  onToggle(annotatorId: string, shown: boolean): void;
  onBlind(scope: 'document' | 'library', on: boolean): void;
}

/**
 * Names the other layers in this document ("Also here: Bilal, reference") and shows each
 * beside hers on request, read-only; in blind mode says they are hidden until she is done.
 */
export function LayerBar({ layers, shown, blind, onToggle, onBlind }: Props) {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const panelId = useId();
  if (!layers) return <div className="layer-bar" aria-busy="true" />;
  const others = layers.layers.filter((l) => l.kind !== 'mine');
  const documentBlind = blind.documentIds.includes(layers.documentId);
  return (
    <div className="layer-bar" role="group" aria-label="Layers">
      {layers.hidden ? (
        <p className="layer-blind" role="note">
          <span className="layer-blind-mark" aria-hidden="true">
            ◐
          </span>{' '}
          Blind {layers.blind === 'library' ? 'library' : 'document'}:{' '}
          {layers.hiddenLayers > 0 ? `${layers.hiddenLayers === 1 ? 'one other layer is' : `${layers.hiddenLayers} other layers are`} hidden` : 'other layers stay hidden'} until you mark this document done.
        </p>
      ) : others.length === 0 ? (
        <p className="layer-none">Only your work here.</p>
      ) : (
        <>
          <span className="layer-also">Also here:</span>
          {others.map((l) => {
            const on = shown.has(l.annotatorId);
            return (
              <button
                key={l.annotatorId}
                type="button"
                className={`layer-chip layer-${l.kind}`}
                aria-pressed={on}
                onClick={() => onToggle(l.annotatorId, !on)}
                title={`${on ? 'Hide' : 'Show'} ${l.kind === 'reference' ? 'the reference version' : `${l.name}'s annotations`} (${l.count}); read-only, never counted in your figures`}
              >
                <span className="layer-chip-mark" aria-hidden="true" />
                {l.name}
                <span className="layer-chip-count">{l.count}</span>
              </button>
            );
          })}
        </>
      )}
      {layers.blind && !layers.hidden && <span className="layer-blind-done">Blind — shown because you marked it done</span>}
      <button type="button" className="link-button layer-settings" aria-expanded={settingsOpen} aria-controls={panelId} onClick={() => setSettingsOpen((v) => !v)}>
        Blind mode{blind.library || documentBlind ? ': on' : ''}
      </button>
      {settingsOpen && (
        <div className="layer-settings-panel" id={panelId} role="group" aria-label="Blind mode">
          <label>
            <input type="checkbox" checked={documentBlind} onChange={(e) => onBlind('document', e.target.checked)} /> This document
          </label>
          <label>
            <input type="checkbox" checked={blind.library} onChange={(e) => onBlind('library', e.target.checked)} /> Every document in the library
          </label>
          <p className="layer-settings-hint">Other analysts’ work stays hidden from you until you mark the document done.</p>
        </div>
      )}
    </div>
  );
}
