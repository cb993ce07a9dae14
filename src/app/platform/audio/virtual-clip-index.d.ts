declare module 'virtual:clip-index' {
  /** Path of the clip index, relative to the app's base URL (scripts/vite-library-plugin.ts). */
  const file: string;
  export default file;
}
