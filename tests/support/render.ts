import { flushSync, mount, unmount, type Component } from 'svelte';
import { appContext } from '$app/app-context';
import type { AppState } from '$app/app-state.svelte';

// Test helper (not app code): mount a page or component with a given app state, in the spec's DOM
// (`// @vitest-environment happy-dom`), and find things in it the way a person does: by what they say.

export interface Rendered {
  root: HTMLElement;
  /** The button whose text is `name` (trimmed); undefined when there is none. */
  button(name: string): HTMLButtonElement | undefined;
  /** The text of every element matching `selector`, trimmed. */
  texts(selector: string): string[];
  destroy(): void;
}

export function render<Props extends Record<string, unknown>>(
  component: Component<Props>,
  app: AppState,
  props: Props,
): Rendered {
  const root = document.createElement('div');
  document.body.append(root);
  const mounted = mount(component, { target: root, props, context: appContext(app) });
  flushSync();
  const texts = (selector: string) =>
    [...root.querySelectorAll(selector)].map((e) => e.textContent?.trim() ?? '');
  return {
    root,
    button: (name) => [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name),
    texts,
    destroy: () => {
      void unmount(mounted);
      root.remove();
    },
  };
}
