/**
 * Runs `task` while no other task of the same name runs, in this tab or any other of this origin
 * (Web Locks). Where the browser has no Web Locks, only this tab's tasks are kept apart.
 */
export function exclusively<T>(name: string, task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks) return locks.request(name, task);
  const before = inThisTab.get(name) ?? Promise.resolve();
  const run = before.then(task, task);
  inThisTab.set(
    name,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
}

const inThisTab = new Map<string, Promise<void>>();
