import './focus.css';

/** The first stop of Tab: straight to the article, past the toolbar and the library list. */
export function SkipLink({ onSkip }: { onSkip(): void }) {
  return (
    <a
      className="skip-link"
      href="#article"
      onClick={(e) => {
        e.preventDefault();
        onSkip();
      }}
    >
      Skip to article
    </a>
  );
}
