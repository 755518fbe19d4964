import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from a file:// URL in Electron and from the loopback host, so every asset path is
// relative (base './'). The page runs under `script-src 'self'; style-src 'self'`: the build must emit no
// inline script or style, hence no module-preload polyfill (Vite would inline it otherwise).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    port: 5173,
    strictPort: false,
    host: '127.0.0.1',
  },
});
