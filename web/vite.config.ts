import { defineConfig } from 'vite'

// The Rust server (`randori serve`) listens on 8080 by default; override with
// RANDORI_SERVER=http://127.0.0.1:PORT npm run dev
const target = process.env.RANDORI_SERVER ?? 'http://127.0.0.1:8080'

export default defineConfig({
  appType: 'spa',
  server: {
    proxy: {
      '/api': { target, changeOrigin: true },
      '/rooms': { target, changeOrigin: true, ws: true },
      '/healthz': { target, changeOrigin: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target, changeOrigin: true },
      '/rooms': { target, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
})
