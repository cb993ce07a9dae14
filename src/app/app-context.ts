import { getContext, hasContext, setContext } from 'svelte';
import type { AppState } from './app-state.svelte';

// The app state reaches pages and components through Svelte context, not a module import, so a
// test mounts any of them with a stand-in (`mount(Page, { target, context: appContext(app) })`).
const KEY = Symbol('app-state');

/** In App: make `app` the one every page and component below gets. */
export function provideApp(app: AppState): AppState {
  return setContext(KEY, app);
}

/** In a page or component: the app state App provides. */
export function useApp(): AppState {
  if (!hasContext(KEY)) {
    throw new Error('useApp(): no app state here. Mount under App, or pass `context: appContext(app)`.');
  }
  return getContext<AppState>(KEY);
}

/** The context to mount a component with a given app state (tests). */
export function appContext(app: AppState): Map<symbol, AppState> {
  return new Map([[KEY, app]]);
}
