// The renderer's only door to the app: the preload's named functions on window.claimtag.
import type { ClaimtagBridge } from '../../shared/contract';
import { withActivity } from './chrome/job-activity';

declare global {
  interface Window {
    claimtag?: ClaimtagBridge;
  }
}

let timed: ClaimtagBridge | null = null;

/** The bridge, its calls timed for the status bar's "Working…" and its job events followed (chrome/job-activity.ts). */
export function getApi(): ClaimtagBridge | null {
  if (!window.claimtag) return null;
  return (timed ??= withActivity(window.claimtag));
}
