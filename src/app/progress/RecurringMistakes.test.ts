// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, type Rendered } from '$tests/support/render';
import { standInApp } from '$tests/support/stand-in-app';
import type { RecurringItem } from './progress-view';
import RecurringMistakes from './RecurringMistakes.svelte';

vi.mock('../library/bundled', () => import('$tests/support/no-bundled-library'));

const item: RecurringItem = {
  key: 'recognition.hidden-bh|recognition.wrong-call-type|',
  competencyId: 'recognition.hidden-bh',
  competency: 'Recognition & coding',
  rule: 'recognition.wrong-call-type',
  title: 'Coded the call as "suicidal-ideation".',
  critical: false,
  count: 2,
  of: 3,
  points: 14,
  calls: [
    {
      attemptId: 'a2',
      at: 2,
      scenarioTitle: 'Call A',
      points: 7,
      what: 'x',
      expected: 'Code it as "welfare-check".',
    },
    {
      attemptId: 'a1',
      at: 1,
      scenarioTitle: 'Call B',
      points: 7,
      what: 'x',
      expected: 'Code it as "psychosis".',
    },
  ],
};

let page: Rendered | undefined;
afterEach(() => page?.destroy());

describe('RecurringMistakes', () => {
  it('names what was missed and gives each call its own expected answer', async () => {
    const { app } = await standInApp();
    page = render(RecurringMistakes, app, { items: [item] });
    expect(page.texts('strong')).toEqual([item.title]);
    expect(page.texts('.expected')).toEqual([
      'Expected in this call: Code it as "welfare-check".',
      'Expected in this call: Code it as "psychosis".',
    ]);
    expect(page.texts('.calls a')[0]).toMatch(/^Call A, /);
  });
});
