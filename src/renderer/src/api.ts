// The renderer's only door to the app: the preload's named functions on window.claimtag.
import type { ClaimtagApi } from '../../shared/contract';

declare global {
  interface Window {
    claimtag?: ClaimtagApi;
  }
}

export function getApi(): ClaimtagApi | null {
  return window.claimtag ?? null;
}
