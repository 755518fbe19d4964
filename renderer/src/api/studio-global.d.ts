import type { StudioBridge } from '../../../shared/ipc';

// The preload's bridge as seen from the page. Optional: in a browser (loopback host) it is absent, and
// `pickTransport` uses HTTP instead.
declare global {
  interface Window {
    studio?: StudioBridge;
  }
}
