import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The version shown in Settings: package.json's, unless VITE_APP_VERSION is set, as the
// browser tests do to build two versions of the app that differ.
const packageVersion = (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;
const appVersion = process.env.VITE_APP_VERSION ?? packageVersion;

export default defineConfig({
  define: {
    'import.meta.env.VITE_APP_VERSION': JSON.stringify(appVersion),
  },
  plugins: [
    preact(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // The page registers the worker itself through workbox-window (src/ui/service-worker.ts).
      injectRegister: false,
      registerType: 'prompt',
      injectManifest: {
        // `wasm` brings in the barcode reader, so the camera scanner also works offline.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,ico,wasm}'],
      },
      manifest: {
        name: 'Serial Capture',
        short_name: 'Serials',
        description: 'Capture product serial numbers at checkout and picking, online or offline.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        // PNG icons drawn by scripts/make-icons.ts; the maskable one keeps its bars inside
        // the central 80 % that every mask shape leaves visible.
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
  },
  // The decode worker is a module worker: it loads the barcode reader in chunks of its own.
  worker: {
    format: 'es',
  },
});
