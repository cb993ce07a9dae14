import { describe, expect, it } from 'vitest';
import { contentHash } from '../review/content-hash';
import { scenario } from '$tests/support/factories';
import type { SurfaceVariant } from '../format/scenario';
import { linesOf } from '../validate/lines';
import { nextSurface, surfaces, variantChanges, withSurface } from './surface';

const okafor: SurfaceVariant = {
  id: 'okafor',
  description: 'Another family, on Ridge Rd',
  cad: { address: '40 Ridge Rd', callerName: 'Ada Okafor', callbackNumber: '555-0199' },
  involved: ['brother, 29'],
  lines: { address: { text: '40 Ridge Road.', audio: 'test-scenario/address-okafor' } },
};
const withVariants = scenario({
  variants: [
    okafor,
    {
      id: 'night-shift',
      description: 'Caller on a night shift',
      notes: 'The brother keeps his age.',
      lines: {},
    },
  ],
});

function played(s: ReturnType<typeof scenario>) {
  return Object.fromEntries([...linesOf(s)].map(([l]) => [l.id, l]));
}

describe('withSurface', () => {
  it('plays the file as written without a variant', () => {
    const result = withSurface(withVariants, undefined);
    expect(result).toEqual({ ok: true, scenario: withVariants, variant: undefined });
  });

  it('rewords the variant’s lines with their own clips and shows its CAD details and people', () => {
    const result = withSurface(withVariants, 'okafor');
    if (!result.ok) throw new Error(result.problem);
    const lines = played(result.scenario);
    expect(lines['address']).toMatchObject({
      text: '40 Ridge Road.',
      audio: 'test-scenario/address-okafor',
      emotion: 'worried',
    });
    expect(result.scenario.cad).toMatchObject({
      address: '40 Ridge Rd',
      callerName: 'Ada Okafor',
      callbackNumber: '555-0199',
      callTime: '14:00',
    });
    expect(result.scenario.facts.involved).toEqual(['brother, 29']);
    expect(result.variant?.id).toBe('okafor');
  });

  it('changes nothing a trainee is scored on: states, facts, answer key, other lines', () => {
    const result = withSurface(withVariants, 'okafor');
    if (!result.ok) throw new Error(result.problem);
    const { address: _a, ...otherLines } = played(result.scenario);
    const { address: _b, ...writtenOther } = played(withVariants);
    expect(otherLines).toEqual(writtenOther);
    expect(result.scenario.answerKey).toEqual(withVariants.answerKey);
    expect(result.scenario.facts.present).toEqual(withVariants.facts.present);
    expect(Object.keys(result.scenario.states)).toEqual(Object.keys(withVariants.states));
    expect(result.scenario.cad.locationConfidence).toBe(withVariants.cad.locationConfidence);
  });

  it('says which variant is gone when the file no longer has it', () => {
    expect(withSurface(withVariants, 'gone')).toEqual({
      ok: false,
      problem: 'The scenario "Test scenario" no longer has the variant "gone" this call was played with.',
    });
  });
});

describe('nextSurface', () => {
  it('plays a scenario without variants as written, always', () => {
    const plain = scenario();
    expect(surfaces(plain)).toEqual([undefined]);
    expect(nextSurface(plain, [{ startedAt: 1 }, { startedAt: 2 }])).toBeUndefined();
  });

  it('starts with the file as written, then each variant not yet played, in file order', () => {
    expect(nextSurface(withVariants, [])).toBeUndefined();
    expect(nextSurface(withVariants, [{ startedAt: 1 }])).toBe('okafor');
    expect(nextSurface(withVariants, [{ startedAt: 1 }, { variant: 'okafor', startedAt: 2 }])).toBe(
      'night-shift',
    );
  });

  it('then comes back to the one played longest ago', () => {
    const history = [
      { variant: 'night-shift', startedAt: 30 },
      { startedAt: 10 },
      { variant: 'okafor', startedAt: 20 },
      { startedAt: 40 }, // as written, most recently
    ];
    expect(nextSurface(withVariants, history)).toBe('okafor');
  });

  it('ignores attempts with a variant the file no longer has', () => {
    expect(
      nextSurface(withVariants, [
        { startedAt: 1 },
        { variant: 'okafor', startedAt: 2 },
        { variant: 'removed', startedAt: 0 },
      ]),
    ).toBe('night-shift');
  });
});

describe('variants and the content hash', () => {
  it('a file without variants hashes as before variants existed (no default added)', () => {
    const plain = scenario();
    expect(plain.variants).toBeUndefined();
    expect(contentHash(plain)).toBe(contentHash(scenario({ variants: undefined })));
  });

  it('adding or rewording a variant changes the hash, so an approval does not carry over', () => {
    const reworded = scenario({
      variants: [
        {
          ...okafor,
          lines: { address: { text: '40 Ridge Rd, the back door.', audio: 'test-scenario/address-okafor' } },
        },
      ],
    });
    expect(contentHash(withVariants)).not.toBe(contentHash(scenario()));
    expect(contentHash(reworded)).not.toBe(contentHash(scenario({ variants: [okafor] })));
  });
});

describe('variantChanges', () => {
  it('lists what each variant changes, from what, to what, for the reviewer', () => {
    expect(variantChanges(withVariants)).toEqual([
      {
        id: 'okafor',
        description: 'Another family, on Ridge Rd',
        changes: [
          { what: 'Address', from: '12 Elm St', to: '40 Ridge Rd' },
          { what: 'Caller name', from: '(none)', to: 'Ada Okafor' },
          { what: 'Callback number', from: '555-0100', to: '555-0199' },
          { what: 'People involved', from: 'brother, 34', to: 'brother, 29' },
          { what: 'Line "address"', from: '12 Elm Street.', to: '40 Ridge Road.' },
        ],
      },
      {
        id: 'night-shift',
        description: 'Caller on a night shift',
        notes: 'The brother keeps his age.',
        changes: [],
      },
    ]);
  });
});
