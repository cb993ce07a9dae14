import { describe, expect, it } from 'vitest';
import { runScript } from '$core/engine/run-script';
import type { ScriptedAction } from '$core/format/actions';
import { line, scenario, withStates } from '$tests/support/factories';
import { practiceHints } from './hints';

const logAfter = (actions: ScriptedAction[]) => runScript(scenario(), actions).log;

describe('practice hints', () => {
  it('reminds of the safety screen until a safety question is asked', () => {
    expect(practiceHints(logAfter([{ type: 'answer' }]), 'live')[0]).toMatch(/^Before any routing: weapon\?/);
    expect(
      practiceHints(logAfter([{ type: 'answer' }, { type: 'ask', question: 'safety.weapon' }]), 'live').join(
        ' ',
      ),
    ).not.toMatch(/Before any routing/);
  });

  it('suggests de-escalation only while a distressed line has not been answered by one', () => {
    const frantic = withStates({
      opening: {
        ...scenario().states.opening!,
        lines: [line('open', 'Please, please help him!', { emotion: 'frantic' })],
      },
    });
    const before = runScript(frantic, [{ type: 'answer' }]).log;
    expect(practiceHints(before, 'live')).toContain(
      'The caller sounds frantic: acknowledge them and slow the call down (Z X C V B).',
    );
    const after = runScript(frantic, [
      { type: 'answer' },
      { type: 'deescalate', phrase: 'calm.acknowledge' },
    ]).log;
    expect(practiceHints(after, 'live').join(' ')).not.toMatch(/sounds frantic/);
  });

  it('tells a caller who hung up to be called back', () => {
    const gone = logAfter([{ type: 'answer' }, { type: 'wait', seconds: 31 }]);
    expect(practiceHints(gone, 'disconnected')).toEqual([
      'The caller hung up. Call back (Space), and decide who still needs to go to the address.',
    ]);
  });

  it('says nothing while the line rings or after the call', () => {
    expect(practiceHints([], 'ringing')).toEqual([]);
    expect(practiceHints(logAfter([{ type: 'answer' }]), 'ended')).toEqual([]);
  });

  it('mentions taking the caller back when something new came out after the transfer', () => {
    const telling = withStates({
      screened: {
        ...scenario().states.screened!,
        responses: [
          {
            on: { type: 'transfer', to: 'embedded-clinician' },
            say: [line('pills', 'Wait, he says he has pills with him.', { reveals: ['self-harm-ideation'] })],
          },
        ],
      },
    });
    const steps: ScriptedAction[] = [
      { type: 'answer' },
      { type: 'ask', question: 'safety.weapon' },
      { type: 'transfer', to: 'embedded-clinician' },
    ];
    expect(practiceHints(runScript(telling, steps).log, 'handoff')).toEqual([
      'Stay on the line until the counselor has the caller.',
      'The caller said something new after you started the transfer. If it changes who should respond, take the caller back (Shift+R) before the counselor has them.',
    ]);
    expect(practiceHints(runScript(scenario(), steps).log, 'handoff')).toEqual([
      'Stay on the line until the counselor has the caller.',
    ]);
  });
});
