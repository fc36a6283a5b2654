// Vite builds web/app into the folder cmake/web_app.cmake embeds into qgp; `npm run dev` serves it
// with the API of a `qgp serve` on :8000 behind the same origin.
import { defineConfig } from 'vitest/config';

const api = process.env.QGP_API ?? 'http://127.0.0.1:8000';

export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: false,
    // No inline script under the Content-Security-Policy; every browser we target preloads modules.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    rollupOptions: {
      // React Router marks its modules "use client" (for server components); a plain SPA ignores it.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/api': api, '/openapi.json': api } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
