import { describe, expect, it } from 'vitest';
import { scenario } from '../test-data/factories';
import { bundledProfiles, profile } from '../test-data/profiles';
import type { Disposition, SafetyFact } from '../format/vocabulary';
import type { Scenario } from '../format/scenario';
import { expectedRouting } from './expected-routing';
import { withinHours } from './hours';

function withKey(
  disposition: Disposition,
  present: SafetyFact[] = [],
  alternatives: Disposition[] = [],
): Scenario {
  const base = scenario();
  return {
    ...base,
    facts: { ...base.facts, present },
    answerKey: { ...base.answerKey, disposition, alternatives },
  };
}

describe('coverage hours', () => {
  it('treats the start as inside and the end as outside', () => {
    const day = { from: '06:00', to: '22:00' };
    expect(withinHours(day, '06:00')).toBe(true);
    expect(withinHours(day, '21:59')).toBe(true);
    expect(withinHours(day, '22:00')).toBe(false);
    expect(withinHours(day, '02:00')).toBe(false);
  });
  it('wraps windows past midnight', () => {
    const night = { from: '22:00', to: '06:00' };
    expect(withinHours(night, '23:30')).toBe(true);
    expect(withinHours(night, '02:00')).toBe(true);
    expect(withinHours(night, '12:00')).toBe(false);
  });
  it('means around the clock when absent', () => {
    expect(withinHours(undefined, '03:00')).toBe(true);
  });
});

describe('expected routing for a clinician-eligible call, per center model', () => {
  const phoneCall = withKey('clinician-phone');

  it('embedded clinician (6 AM–10 PM): clinician at 14:00, 988 fallback at 02:00', () => {
    const p = profile('embedded-clinician-day');
    expect(expectedRouting(phoneCall, p, '14:00').best.resources).toEqual(['embedded-clinician']);
    const night = expectedRouting(phoneCall, p, '02:00');
    expect(night.best.resources).toEqual(['crisis-line']);
    expect(night.reasons.map((r) => r.text).join(' ')).toMatch(
      /Center clinician \(warm handoff\) is off duty at 02:00; next option at this center: 988 crisis line/,
    );
    expect(night.acceptable.flatMap((o) => o.resources)).not.toContain('embedded-clinician');
  });

  it('crisis-line transfer center: 988 day and night', () => {
    const p = profile('crisis-line-transfer');
    expect(expectedRouting(phoneCall, p, '14:00').best.resources).toEqual(['crisis-line']);
    expect(expectedRouting(phoneCall, p, '02:00').best.resources).toEqual(['crisis-line']);
  });

  it('dispatcher-routing center has no clinician: 988 transfer first, BH team acceptable', () => {
    const e = expectedRouting(phoneCall, profile('dispatcher-routing'), '14:00');
    expect(e.best.resources).toEqual(['crisis-line']);
    expect(e.acceptable.map((o) => o.resources)).toContainEqual(['mobile-crisis']);
    expect(e.reasons[0]?.text).toBe(
      'This center has no embedded clinician; next option here: 988 crisis line (warm transfer).',
    );
  });

  it('dual-mechanism center: clinician around the clock', () => {
    const p = profile('dual-cad-flag');
    expect(expectedRouting(phoneCall, p, '14:00').best.resources).toEqual(['embedded-clinician']);
    expect(expectedRouting(phoneCall, p, '02:00').best.resources).toEqual(['embedded-clinician']);
  });

  it('differs between day and night only where coverage hours differ', () => {
    for (const p of bundledProfiles().values()) {
      const day = expectedRouting(phoneCall, p, '14:00').best.resources;
      const night = expectedRouting(phoneCall, p, '02:00').best.resources;
      const hasHours = p.resources.some((r) => r.hours);
      expect(JSON.stringify(day) !== JSON.stringify(night)).toBe(hasHours);
    }
  });
});

describe('safety exclusions', () => {
  it.each([...bundledProfiles().keys()])('%s: a weapon keeps a clinician-eligible call with police', (id) => {
    const e = expectedRouting(
      withKey('clinician-phone', ['weapon', 'self-harm-ideation']),
      profile(id),
      '14:00',
    );
    expect(e.policeRequired).toBe(true);
    expect(e.best.resources).toContain('police');
    for (const option of e.acceptable) {
      expect(option.resources.some((r) => r === 'police' || r === 'co-responder')).toBe(true);
    }
    expect(e.reasons[0]?.source?.ref).toMatch(/^seed:001#decision-/);
  });

  it.each([...bundledProfiles().keys()])('%s: a threat to others keeps the call with police', (id) => {
    expect(expectedRouting(withKey('mobile-crisis', ['threat-to-others']), profile(id)).policeRequired).toBe(
      true,
    );
  });

  it('priority 1 stays with police where the profile says so', () => {
    const s = withKey('mobile-crisis');
    const p1 = { ...s, answerKey: { ...s.answerKey, priority: 1 } };
    expect(expectedRouting(p1, profile('dispatcher-routing')).best.resources).toEqual(['police']);
    expect(expectedRouting(p1, profile('dual-cad-flag')).policeRequired).toBe(false);
  });

  it('leaves a priority-1 medical call with EMS alone: the rule is about diverting', () => {
    const s = withKey('ems-required', ['medical-emergency']);
    const p1 = { ...s, answerKey: { ...s.answerKey, priority: 1 } };
    expect(expectedRouting(p1, profile('dispatcher-routing')).best.resources).toEqual(['ems']);
  });

  it('a medical emergency adds EMS to every answer', () => {
    const e = expectedRouting(
      withKey('clinician-phone', ['medical-emergency', 'intoxication']),
      profile('embedded-clinician-day'),
      '14:00',
    );
    expect(e.emsRequired).toBe(true);
    expect(e.best.resources).toEqual(['embedded-clinician', 'ems']);
    for (const option of e.acceptable) expect(option.resources).toContain('ems');
  });

  it('a co-responder team counts as police presence where one exists', () => {
    const e = expectedRouting(withKey('co-responder', ['weapon']), profile('dispatcher-routing'));
    expect(e.best.resources).toEqual(['police']);
    expect(e.acceptable.map((o) => o.resources)).toContainEqual(['co-responder']);
  });
});

describe('who the phone can reach', () => {
  it('does not send a passer-by to a phone line as the field response', () => {
    const base = withKey('mobile-crisis');
    const passerBy = {
      ...base,
      cad: { ...base.cad, callerRelationship: 'passer-by' as const, callerWithPerson: false },
    };
    expect(expectedRouting(passerBy, profile('crisis-line-transfer')).best.resources).toEqual(['police']);
    const withPerson = { ...base, cad: { ...base.cad, callerWithPerson: true } };
    expect(expectedRouting(withPerson, profile('crisis-line-transfer')).best.resources).toEqual([
      'crisis-line',
    ]);
  });
});

describe('alternatives and priority', () => {
  it('lists the first available option of each alternative disposition', () => {
    const e = expectedRouting(
      withKey('clinician-phone', [], ['mobile-crisis']),
      profile('dual-cad-flag'),
      '14:00',
    );
    expect(e.acceptable.map((o) => o.resources)).toContainEqual(['mobile-crisis']);
  });

  it('falls back to police when no behavioral-health response exists at all', () => {
    const p = profile('crisis-line-transfer');
    const e = expectedRouting(withKey('mobile-crisis'), {
      ...p,
      resources: p.resources.filter((r) => r.resource !== 'crisis-line'),
    });
    expect(e.best.resources).toEqual(['police']);
    expect(e.reasons.at(-1)?.source?.ref).toBe('seed:001#decision-4');
  });

  it('labels the priority with the center scale', () => {
    expect(expectedRouting(withKey('clinician-phone'), profile('dispatcher-routing')).priorityLabel).toBe(
      'P3 prompt',
    );
  });
});
