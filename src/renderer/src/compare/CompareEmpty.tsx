import type { CompareResult } from '../../../shared/compare';

/** What the view shows instead of a comparison: a failure with Try again, the wait, or why there is nothing to compare yet. */
export function CompareEmpty({ error, result, onRetry }: { error: string | null; result: CompareResult | null; onRetry(): void }) {
  if (error && !result) {
    return (
      <div className="cmp-empty" role="alert">
        <p className="cmp-empty-title">The comparison could not be made.</p>
        <p>{error}</p>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  if (!result) return <p className="cmp-empty">Comparing…</p>;
  return (
    <div className="cmp-empty">
      <p className="cmp-empty-title">{result.available.length === 0 ? 'Nobody has tagged this article yet.' : `Only ${result.available[0].name} has tagged this article.`}</p>
      <p>Comparing needs the work of at least two annotators on the same article. To bring in a colleague’s work:</p>
      <ol>
        <li>
          They open the article in their claimtag and choose <strong>Export…</strong> → <strong>claimtag JSON</strong>.
        </li>
        <li>
          You choose <strong>Import…</strong> in the library panel (or drop the file on this window) and pick their JSON file.
        </li>
        <li>Their annotations join this library under their name; come back here to compare.</li>
      </ol>
    </div>
  );
}
