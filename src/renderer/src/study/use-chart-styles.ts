// The charts' class-based colours (one home: CHART_CSS in src/charts) as a constructed style
// sheet: the app's CSP allows no inline <style> or style attributes.
import { useEffect } from 'react';
import { CHART_CSS } from '../../../charts/charts';

let sheet: CSSStyleSheet | null = null;

export function useChartStyles(): void {
  useEffect(() => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CHART_CSS);
    }
    if (!document.adoptedStyleSheets.includes(sheet)) document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, []);
}
