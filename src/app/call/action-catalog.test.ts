import { describe, expect, it } from 'vitest';
import { bundledQuestions, profile } from '$tests/support/profiles';
import { actionCatalog, buttonsForKey, type KeyPress } from './action-catalog';

const press = (code: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  code,
  shiftKey: false,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
});

describe('action catalog', () => {
  const buttons = actionCatalog(bundledQuestions(), profile('embedded-clinician-day'), '14:00');

  it('gives every question, phrase, routing and call action a distinct visible shortcut', () => {
    const bindings = buttons
      .filter((b) => b.key)
      .map((b) => `${b.key!.shift ? 'S' : ''}${b.key!.alt ? 'A' : ''}${b.key!.code}`);
    const shared = bindings.filter((k, i) => bindings.indexOf(k) !== i);
    // Only Space is shared: answer a ringing line, call back a dead one.
    expect(shared).toEqual(['Space']);
    for (const b of buttons) expect(b.key?.label, b.id).toBeTruthy();
  });

  it('offers only the routing this center has, with a brief step before each transfer', () => {
    const routing = buttons.filter((b) => b.group === 'routing').map((b) => b.id);
    expect(routing).toEqual([
      'dispatch:police',
      'dispatch:fire',
      'dispatch:ems',
      'brief:embedded-clinician',
      'transfer:embedded-clinician',
      'brief:crisis-line',
      'transfer:crisis-line',
    ]);
  });

  it('marks the clinician off duty at 02:00 and says when they work', () => {
    const night = actionCatalog(bundledQuestions(), profile('embedded-clinician-day'), '02:00');
    expect(night.find((b) => b.id === 'transfer:embedded-clinician')!.unavailable).toBe(
      'Off duty at 02:00 (staffed 06:00–22:00)',
    );
    expect(night.find((b) => b.id === 'transfer:crisis-line')!.unavailable).toBeUndefined();
  });

  it('maps key presses to buttons, modifiers included', () => {
    expect(buttonsForKey(press('KeyQ'), buttons).map((b) => b.id)).toEqual(['ask:safety.weapon']);
    expect(buttonsForKey(press('KeyP', { shiftKey: true }), buttons).map((b) => b.id)).toEqual([
      'dispatch:police',
    ]);
    expect(buttonsForKey(press('KeyC', { altKey: true }), buttons).map((b) => b.id)).toEqual([
      'brief:embedded-clinician',
    ]);
    expect(buttonsForKey(press('Digit3', { shiftKey: true }), buttons).map((b) => b.id)).toEqual([
      'priority:3',
    ]);
    expect(buttonsForKey(press('KeyQ', { ctrlKey: true }), buttons)).toEqual([]);
  });
});
