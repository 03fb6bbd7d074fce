import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Public assets: the placeholder page in public/ is only for a server without a built console.
  publicDir: false,
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  server: { proxy: { '/api': { target: 'http://localhost:8080', ws: true }, '/health': 'http://localhost:8080' } },
});
