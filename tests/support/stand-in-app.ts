import { MIN_PIN_ITERATIONS } from '$core/records/pin';
import { AppState } from '$app/app-state.svelte';
import type { Library } from '$app/library/load-library';
import { FakePlayer } from '$app/platform/audio/fake-player';
import { createMemoryStore } from '$app/platform/storage/memory-store';
import type { AttemptStore } from '$app/platform/storage/types';

// Test helper (not app code). A spec that imports it mocks '../library/bundled' (or the path to it
// from the spec): that module reads files a Vite plugin serves, which the unit tests do not run.

export const EMPTY_LIBRARY: Library = {
  scenarios: [],
  profiles: [],
  questions: undefined,
  problems: [],
  warnings: [],
};

/**
 * A real AppState, started as the app starts it, on a memory store (a new one unless given), with
 * the given library, a fake audio player, and PINs hashed with the fewest iterations allowed.
 */
export async function standInApp(
  setup: { store?: AttemptStore; library?: Library } = {},
): Promise<{ app: AppState; store: AttemptStore }> {
  const store = setup.store ?? createMemoryStore('test: kept in memory');
  const app = new AppState({
    openStore: async () => store,
    library: async () => setup.library ?? EMPTY_LIBRARY,
    player: new FakePlayer(),
    pinIterations: MIN_PIN_ITERATIONS,
  });
  await app.start();
  return { app, store };
}
