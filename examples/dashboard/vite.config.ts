import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves the build under /dashboard/ (same origin: no CORS).
// `pnpm dev` proxies /graphql to a gateway on MUJUN_GATEWAY (default :4500).
export default defineConfig({
  base: '/dashboard/',
  plugins: [react()],
  build: { outDir: 'dist', assetsDir: 'assets', chunkSizeWarningLimit: 1500 },
  server: {
    port: 4501,
    strictPort: true,
    proxy: { '/graphql': process.env.MUJUN_GATEWAY ?? 'http://127.0.0.1:4500' },
  },
});
