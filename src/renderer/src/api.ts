// The renderer's only door to the app: the preload's named functions on window.claimtag.
import type { ClaimtagBridge } from '../../shared/contract';

declare global {
  interface Window {
    claimtag?: ClaimtagBridge;
  }
}

export function getApi(): ClaimtagBridge | null {
  return window.claimtag ?? null;
}
