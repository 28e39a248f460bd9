import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const monacoEsm = fileURLToPath(new URL('./node_modules/monaco-editor/esm/vs/', import.meta.url));

// The dev server proxies the API to a running `perses-cm serve` (PERSES_CM_API, default :8080).
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'PERSES_CM_');
  const api = env.PERSES_CM_API ?? 'http://127.0.0.1:8080';
  return {
    plugins: [react()],
    resolve: {
      // Monaco's package exports cannot address its CSS files; point at them directly.
      alias: [{ find: /^monaco-editor\/(.*\.css)$/, replacement: `${monacoEsm}$1` }],
    },
    server: {
      proxy: {
        '/api': { target: api, changeOrigin: true },
        '/healthz': api,
        '/readyz': api,
      },
    },
    build: {
      target: 'es2022',
      // Monaco's chunk is large by nature and lazy; the warning would only be noise.
      chunkSizeWarningLimit: 4096,
    },
    worker: { format: 'es' },
  };
});
