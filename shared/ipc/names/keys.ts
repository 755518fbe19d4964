/** Name of the property the preload sets on `window`. */
export const BRIDGE_KEY = 'studio';

/** HTTP header that carries the loopback host's per-launch token (`?token=` works too). */
export const TOKEN_HEADER = 'x-studio-token';
