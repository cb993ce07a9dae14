/// <reference types="svelte" />
/// <reference types="vite/client" />

declare module 'virtual:library-index' {
  /** Paths of the library's JSON files, relative to scenarios/. */
  const files: string[];
  export default files;
}

declare module 'howler/dist/howler.core.min.js' {
  export { Howl, Howler } from 'howler';
}
