import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { registryPlugin } from './scripts/gen-registry.mjs';

// Cross-origin isolation lets the training worker share memory later; Monaco and workers work with it.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: 'app',
  publicDir: false,
  // registryPlugin: the node-type lists follow graph-schema/nodes/ and engine/layers/ (dev and build)
  plugins: [registryPlugin(), react()],
  server: { port: 5173, strictPort: true, headers: isolation, fs: { allow: ['..'] } },
  preview: { port: 4173, strictPort: true, headers: isolation },
  worker: { format: 'es' },
  build: { outDir: '../dist', emptyOutDir: true, chunkSizeWarningLimit: 6000 },
});
