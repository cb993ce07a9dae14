import type { Library } from '$app/library/load-library';

/**
 * Stands in for `src/app/library/bundled.ts` in component and app-state tests, which give the app
 * its library themselves: `vi.mock('../library/bundled', () => import('$tests/support/no-bundled-library'))`.
 * The real module reads Vite's virtual library module, which only exists in a build.
 */
export async function bundledLibrary(): Promise<Library> {
  return { scenarios: [], profiles: [], questions: undefined, problems: [], warnings: [] };
}
