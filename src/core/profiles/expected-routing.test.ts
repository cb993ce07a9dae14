import { describe, expect, it } from 'vitest';
import { scenario } from '$tests/support/factories';
import { bundledProfiles, profile } from '$tests/support/profiles';
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
    const said = night.reasons.map((r) => r.text).join(' ');
    expect(said).toContain('Center clinician (warm handoff) is off duty at 02:00 (works 06:00–22:00).');
    expect(said).toContain('Here that is 988 crisis line (warm transfer): a 988 counselor takes the call');
    // The 988 option cites the model it comes from, not the coverage-hours section.
    expect(night.reasons.find((r) => r.claim.kind === 'option')?.source?.ref).toBe('seed:001#decision-1');
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
    expect(e.reasons[0]?.text).toBe('This center has no embedded clinician.');
    expect(e.reasons[1]?.text).toMatch(
      /^The answer key calls for a clinician by phone\. Here that is 988 crisis line/,
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

describe('a caller who is not with the person in crisis', () => {
  const base = withKey('mobile-crisis');
  const passerBy: Scenario = {
    ...base,
    cad: { ...base.cad, callerRelationship: 'passer-by', callerWithPerson: false },
  };

  it('goes to the embedded clinician, who can assess with the caller and dispatch a field team of the clinical program', () => {
    const e = expectedRouting(passerBy, profile('embedded-clinician-day'), '14:00');
    expect(e.best.resources).toEqual(['embedded-clinician']);
    const said = e.reasons.map((r) => r.text).join(' ');
    expect(said).toContain('This center has no mobile crisis team.');
    expect(said).toContain('The person in crisis is not on the line');
    expect(said).toContain(
      'the clinician can assess the situation with the caller and dispatch a field team of the clinical program',
    );
    // Nothing claims the clinician is off duty in the daytime.
    expect(said).not.toMatch(/off duty/);
  });

  it('goes to 988 where that is the only behavioral-health option, since 988 can refer an in-person team', () => {
    const e = expectedRouting(passerBy, profile('crisis-line-transfer'), '14:00');
    expect(e.best.resources).toEqual(['crisis-line']);
    expect(e.reasons.map((r) => r.text).join(' ')).toContain(
      'the 988 counselor can assess with the caller and refer an in-person team',
    );
    expect(e.reasons.some((r) => r.claim.kind === 'no-response')).toBe(false);
  });

  it('goes to a field team where the center has one, and says nothing about the phone', () => {
    const e = expectedRouting(passerBy, profile('dual-cad-flag'), '02:00');
    expect(e.best.resources).toEqual(['mobile-crisis']);
    expect(e.reasons.some((r) => r.claim.kind === 'not-on-line')).toBe(false);
  });
});

describe('what was known', () => {
  it('judges on the facts known, not every fact present', () => {
    const armed = withKey('clinician-phone', ['weapon', 'self-harm-ideation']);
    const p = profile('embedded-clinician-day');
    expect(expectedRouting(armed, p, '14:00', new Set(['self-harm-ideation'])).best.resources).toEqual([
      'embedded-clinician',
    ]);
    expect(expectedRouting(armed, p, '14:00').best.resources).toEqual(['police']);
  });

  it.each([...bundledProfiles().keys()])(
    '%s: imminent risk about to happen needs police who can stop it, with EMS; no phone-only answer',
    (id) => {
      const e = expectedRouting(
        withKey('clinician-phone', ['imminent-risk', 'self-harm-ideation']),
        profile(id),
      );
      expect(e.emergencyRequired).toBe(true);
      expect(e.policeRequired).toBe(true);
      expect(e.best.resources).toEqual(['ems', 'police']);
      expect(e.acceptable.map((o) => o.resources)).toContainEqual(['police']);
      for (const o of e.acceptable) {
        expect(o.resources.some((r) => r === 'police' || r === 'co-responder')).toBe(true);
      }
      expect(e.reasons.find((r) => r.claim.kind === 'imminent-risk')?.source?.ref).toMatch(
        /988 Lifeline Policy/,
      );
    },
  );

  it.each([...bundledProfiles().keys()])(
    '%s: an attempt under way with a medical emergency needs EMS, best with police; EMS alone is acceptable',
    (id) => {
      const e = expectedRouting(withKey('ems-required', ['imminent-risk', 'medical-emergency']), profile(id));
      expect(e.best.resources).toEqual(['ems', 'police']);
      if (profile(id).safetyScreen.policeAtOrAbovePriority === undefined) {
        expect(e.acceptable.map((o) => o.resources)).toContainEqual(['ems']);
      }
    },
  );

  it('an act about to happen: a co-responder team, whose officer can stop it, is acceptable as police alone is', () => {
    const e = expectedRouting(
      withKey('co-responder', ['imminent-risk', 'self-harm-ideation']),
      profile('dispatcher-routing'),
    );
    const acceptable = e.acceptable.map((o) => o.resources);
    expect(acceptable).toContainEqual(['co-responder']);
    expect(acceptable).toContainEqual(['co-responder', 'ems']);
    const noTeam = expectedRouting(
      withKey('co-responder', ['imminent-risk', 'self-harm-ideation']),
      profile('crisis-line-transfer'),
    );
    expect(noTeam.acceptable.flatMap((o) => o.resources)).not.toContain('co-responder');
  });

  it('medical signs make EMS welcome without requiring it', () => {
    const e = expectedRouting(withKey('crisis-line-988', ['medical-signs']), profile('crisis-line-transfer'));
    expect(e.emsRequired).toBe(false);
    expect(e.best.resources).toEqual(['crisis-line']);
    expect(e.reasons.some((r) => r.claim.kind === 'medical-signs')).toBe(true);
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
    expect(e.reasons.at(-1)?.claim).toEqual({ kind: 'no-response', time: '14:00' });
    expect(e.reasons.at(-1)?.source?.ref).toBe('seed:001#decision-4');
  });

  it('labels the priority with the center scale', () => {
    expect(expectedRouting(withKey('clinician-phone'), profile('dispatcher-routing')).priorityLabel).toBe(
      'P3 prompt',
    );
  });
});
