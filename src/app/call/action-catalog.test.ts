import { describe, expect, it } from 'vitest';
import type { QuestionBank, QuestionGroup } from '$core/format/question-bank';
import { scenario } from '$tests/support/factories';
import { bundledQuestions, profile } from '$tests/support/profiles';
import { actionCatalog, buttonsForKey, rowKey, type KeyPress } from './action-catalog';

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

  it('shows a question by its short label and keeps the words said as its description', () => {
    const weapon = buttons.find((b) => b.id === 'ask:safety.weapon');
    expect(weapon?.label).toBe('Weapon, or access?');
    expect(weapon?.detail).toBe('Does anyone there have a weapon, or access to one?');
    const bank = bundledQuestions();
    const unlabelled: QuestionBank = {
      ...bank,
      questions: [{ id: 'case.plain', group: 'case-entry', text: 'Where are you?', screens: [] }],
      phrases: [{ id: 'calm.plain', text: 'Stay with me.' }],
    };
    const plain = actionCatalog(unlabelled, profile('embedded-clinician-day'), '14:00');
    expect(plain.find((b) => b.id === 'ask:case.plain')).toMatchObject({ label: 'Where are you?' });
    expect(plain.find((b) => b.id === 'ask:case.plain')?.detail).toBeUndefined();
    expect(plain.find((b) => b.id === 'calm:calm.plain')?.label).toBe('Stay with me.');
  });

  it('gives every question of the bank a key: a second pass over the row with Alt', () => {
    for (const q of bundledQuestions().questions) {
      expect(buttons.find((b) => b.id === `ask:${q.id}`)?.key?.label, q.id).toBeTruthy();
    }
  });

  it('keeps the keys distinct for a bank of 16 safety and 9 clinical questions, at every center', () => {
    const bank = bundledQuestions();
    const many = (group: QuestionGroup, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${group}.q${i}`, group, text: `Q ${i}`, screens: [] }));
    const big: QuestionBank = {
      ...bank,
      questions: [...many('case-entry', 5), ...many('safety-screen', 16), ...many('clinical-screen', 9)],
    };
    for (const id of [
      'dispatcher-routing',
      'dual-cad-flag',
      'embedded-clinician-day',
      'crisis-line-transfer',
    ]) {
      const all = actionCatalog(big, profile(id), '14:00');
      const bindings = all
        .filter((b) => b.key)
        .map((b) => `${b.key!.shift ? 'S' : ''}${b.key!.alt ? 'A' : ''}${b.key!.code}`);
      expect(
        bindings.filter((k, i) => bindings.indexOf(k) !== i),
        id,
      ).toEqual(['Space']);
      expect(
        all.filter((b) => b.group !== 'call' && !b.key).map((b) => b.id),
        id,
      ).toEqual([]);
    }
  });

  it('names the keys of a row: plain first, then Alt + the same keys', () => {
    expect(rowKey('safety-screen', 0)?.label).toBe('Q');
    expect(rowKey('safety-screen', 7)?.label).toBe('I');
    expect(rowKey('safety-screen', 8)).toEqual({ code: 'KeyQ', alt: true, label: 'Alt+Q' });
    expect(rowKey('safety-screen', 15)?.label).toBe('Alt+I');
    expect(rowKey('safety-screen', 16)).toBeUndefined();
    expect(rowKey('clinical-screen', 6)?.label).toBe('Alt+A');
    expect(rowKey('clinical-screen', 8)?.label).toBe('Alt+D');
    expect(rowKey('case-entry', 5)).toBeUndefined();
  });

  it('has a recall key and a cancel key for each unit the center can send, labelled with its name', () => {
    const recall = buttons.find((b) => b.id === 'call:recall')!;
    expect(recall.key?.label).toBe('Shift+R');
    expect(recall.whenPossible).toBe(true);
    const cancels = buttons.filter((b) => b.group === 'cancel');
    expect(cancels.map((b) => [b.id, b.label, b.key?.label])).toEqual([
      ['cancel:police', 'Cancel Police', 'Alt+Shift+P'],
      ['cancel:fire', 'Cancel Fire', 'Alt+Shift+F'],
      ['cancel:ems', 'Cancel EMS', 'Alt+Shift+E'],
    ]);
    expect(cancels.every((b) => b.whenPossible)).toBe(true);
    expect(buttonsForKey(press('KeyE', { altKey: true, shiftKey: true }), buttons).map((b) => b.id)).toEqual([
      'cancel:ems',
    ]);
    expect(buttonsForKey(press('KeyR', { shiftKey: true }), buttons).map((b) => b.id)).toEqual([
      'call:recall',
    ]);
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

  it('words each question for the caller on the line: to a caller about themselves, about them', () => {
    const thirdParty = scenario();
    const self = scenario({ cad: { ...thirdParty.cad, callerRelationship: 'self' } });
    const plan = (s: typeof thirdParty) =>
      actionCatalog(bundledQuestions(), profile('embedded-clinician-day'), '14:00', s).find(
        (b) => b.id === 'ask:safety.self-harm-plan',
      );
    expect(plan(thirdParty)?.detail).toBe('Have they said how they would do it?');
    expect(plan(self)?.detail).toBe('Have you thought about how you would do it?');
  });
});
