/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The app's version, set at build time in vite.config.ts. */
  readonly VITE_APP_VERSION: string;
}
