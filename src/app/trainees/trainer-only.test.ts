// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { MIN_PIN_ITERATIONS, hashPin } from '$core/records/pin';
import { approvedScenario, scenario } from '$tests/support/factories';
import { bundledProfiles } from '$tests/support/profiles';
import { ASSESSMENTS_SETTING } from '../assessments/definition';
import { createMemoryStore } from '../platform/storage/memory-store';
import { newAttempt, report, saved } from '$tests/contracts/store-contract';
import { TRAINER_PIN_SETTING } from '../platform/storage/types';
import { openStore } from '../platform/storage';
import { standInApp } from '$tests/support/stand-in-app';
import { checkTraineePin } from './pins';
import { TrainerModeRequired } from './trainer-session.svelte';

vi.mock('../library/bundled', () => import('$tests/support/no-bundled-library'));

const fast = { iterations: MIN_PIN_ITERATIONS };
const TRAINER_PIN = '1357';
const BENS_PIN = '2468';

const call = approvedScenario(scenario({ id: 'call-a', title: 'Call A' }));
const profiles = [...bundledProfiles().values()];

/**
 * A browser with a trainer PIN and two profiles: Test Trainee A (current, no PIN) and Test Trainee
 * B (a PIN, one finished call).
 */
async function browser() {
  const store = createMemoryStore('test: kept in memory');
  const ana = await store.createTrainee({ name: 'Test Trainee A' });
  const ben = await store.createTrainee({ name: 'Test Trainee B', pin: await hashPin(BENS_PIN, fast) });
  const bens = await store.createAttempt(newAttempt('call-a', ben.id));
  await store.finishAttempt(bens.id, 0, report('call-a'), saved(1000, 'call-a'));
  await store.setSetting(TRAINER_PIN_SETTING, await hashPin(TRAINER_PIN, fast));
  const { app } = await standInApp({
    store,
    library: { scenarios: [call], profiles, questions: undefined, problems: [], warnings: [] },
  });
  return { app, store, ana: ana.id, ben: ben.id, bensCall: bens.id };
}

const namesIn = (text: string): string[] =>
  (JSON.parse(text) as { trainees: { name: string }[] }).trainees.map((t) => t.name).sort();

describe('trainer mode', () => {
  it('is off until the trainer PIN is given, and off again on leave', async () => {
    const { app } = await browser();
    expect(app.trainerMode).toBe(false);
    expect(await app.enterTrainerMode('0000')).toEqual({
      ok: false,
      problem: 'That is not the trainer PIN. 4 more tries before a wait.',
    });
    expect(app.trainerMode).toBe(false);
    expect(await app.enterTrainerMode(TRAINER_PIN)).toEqual({ ok: true });
    expect(app.trainerMode).toBe(true);
    app.leaveTrainerMode();
    expect(app.trainerMode).toBe(false);
  });

  it('cannot be switched on from outside the app state', async () => {
    const { app } = await browser();
    expect(() => {
      // @ts-expect-error trainerMode has no setter: enterTrainerMode() is the way in.
      app.trainerMode = true;
    }).toThrow(TypeError);
    expect(app.trainerMode).toBe(false);
  });

  it('is set up at the first start (typed twice), and still needs the PIN to turn on', async () => {
    // A browser that keeps records (a trainer PIN is never set where it would be forgotten).
    const { app } = await standInApp({
      store: await openStore({ name: `trainer-${crypto.randomUUID()}`, storage: undefined }),
    });
    expect(app.trainerPinState).toBe('not-set');
    expect((await app.enterTrainerMode(TRAINER_PIN)).ok).toBe(false);
    expect((await app.setUpTrainerPin(TRAINER_PIN, '7531')).ok).toBe(false);
    expect(await app.setUpTrainerPin(TRAINER_PIN, TRAINER_PIN)).toEqual({ ok: true });
    expect([app.trainerPinState, app.trainerMode]).toEqual(['set', false]);
    expect(await app.enterTrainerMode(TRAINER_PIN)).toEqual({ ok: true });
  });

  it('stays off, for good, when the trainer PIN record is deleted: nobody can set a new one', async () => {
    const { app, store } = await browser();
    await store.setSetting(TRAINER_PIN_SETTING, null); // "deleting the trainer-pin row"
    const reloaded = (await standInApp({ store })).app;
    expect(reloaded.trainerPinState).toBe('damaged');
    expect(await reloaded.setUpTrainerPin('1111', '1111')).toMatchObject({ ok: false });
    expect(await reloaded.enterTrainerMode(TRAINER_PIN)).toMatchObject({ ok: false });
    expect(reloaded.trainerMode).toBe(false);
    void app;
  });

  it('needs trainer mode to add a file’s records to a profile already on this browser', async () => {
    const { app, store, ben } = await browser();
    const exported = await store.exportRecords([ben]);
    const text = JSON.stringify({ ...exported, attempts: [] });
    const file = { name: 'bens-records.json', size: text.length, text: async () => text };
    expect(await app.importRecords(file)).toEqual({
      ok: false,
      kind: 'refused',
      problems: [
        `bens-records.json: it holds records of "Test Trainee B", whose profile is already on this browser. Adding to an existing trainee's records needs trainer mode (a trainer turns it on on this page); nothing was imported.`,
      ],
    });
    await app.enterTrainerMode(TRAINER_PIN);
    expect(await app.importRecords(file)).toMatchObject({ ok: true });
  });
});

describe('trainer-only operations: refused outside trainer mode, done in it', () => {
  it('clinical review (signing a scenario)', async () => {
    const { app } = await browser();
    const reviewer = { name: 'Test Reviewer', credential: 'LPC' as const };
    await expect(app.sign(call, reviewer, '')).rejects.toThrow(TrainerModeRequired);
    expect(app.signatures).toEqual([]);
    await app.enterTrainerMode(TRAINER_PIN);
    await app.sign(call, reviewer, '');
    expect(app.signatures.map((s) => s.scenarioId)).toEqual(['call-a']);
  });

  it('deleting a profile with its records', async () => {
    const { app, store, ben } = await browser();
    await expect(app.attemptsToDelete(ben)).rejects.toThrow(TrainerModeRequired);
    await expect(app.deleteTrainee(ben)).rejects.toThrow(TrainerModeRequired);
    expect(await store.getTrainee(ben)).toBeDefined();
    await app.enterTrainerMode(TRAINER_PIN);
    expect(await app.attemptsToDelete(ben)).toHaveLength(1);
    expect((await app.deleteTrainee(ben)).attempts).toBe(1);
    expect(await store.getTrainee(ben)).toBeUndefined();
  });

  it('seeing every profile’s attempts', async () => {
    const { app, ben } = await browser();
    await expect(app.attemptCounts()).rejects.toThrow(TrainerModeRequired);
    await app.enterTrainerMode(TRAINER_PIN);
    expect((await app.attemptCounts()).get(ben)).toEqual({ total: 1, finished: 1 });
  });

  it('exporting other trainees’ records: outside trainer mode only one’s own', async () => {
    const { app, ana, ben } = await browser();
    expect(namesIn((await app.exportRecords()).text)).toEqual(['Test Trainee A']);
    expect(namesIn((await app.exportTraineeRecords(ana)).text)).toEqual(['Test Trainee A']);
    expect(() => app.exportTraineeRecords(ben)).toThrow(TrainerModeRequired);
    await app.enterTrainerMode(TRAINER_PIN);
    expect(namesIn((await app.exportRecords()).text)).toEqual(['Test Trainee A', 'Test Trainee B']);
    expect(namesIn((await app.exportTraineeRecords(ben)).text)).toEqual(['Test Trainee B']);
  });

  it('opening a profile without its PIN', async () => {
    const { app, ana, ben } = await browser();
    expect(app.opensWithoutPin(app.trainees.find((t) => t.id === ben)!)).toBe(false);
    expect((await app.openTrainee(ben)).ok).toBe(false);
    expect((await app.openTrainee(ben, '1111')).ok).toBe(false);
    expect(app.currentTraineeId).toBe(ana);
    await app.enterTrainerMode(TRAINER_PIN);
    expect(await app.openTrainee(ben)).toEqual({ ok: true });
    expect(app.currentTraineeId).toBe(ben);
  });

  it('editing another trainee’s profile', async () => {
    const { app, store, ben } = await browser();
    const fields = { name: 'Renamed', badge: '', academyClass: '' };
    expect(app.canEdit((await store.getTrainee(ben))!)).toBe(false);
    expect(await app.saveProfile(ben, fields)).toMatchObject({ ok: false, problem: /needs trainer mode/ });
    expect((await store.getTrainee(ben))?.name).toBe('Test Trainee B');
    await app.enterTrainerMode(TRAINER_PIN);
    expect(await app.saveProfile(ben, fields)).toMatchObject({ ok: true, trainee: { name: 'Renamed' } });
  });

  it('resetting a trainee’s PIN without the current one', async () => {
    const { app, store, ben } = await browser();
    const reset = { current: '', next: '1111', repeat: '1111' };
    // Someone else's: refused outside trainer mode.
    expect(await app.changeTraineePin(ben, reset)).toMatchObject({
      ok: false,
      problem: /needs trainer mode/,
    });
    // Their own: the current PIN is asked for.
    await app.openTrainee(ben, BENS_PIN);
    expect(await app.changeTraineePin(ben, reset)).toMatchObject({ ok: false, problem: /^Current PIN/ });
    expect((await checkTraineePin(store, (await store.getTrainee(ben))!, BENS_PIN)).ok).toBe(true);
    // A trainer resets a forgotten one.
    await app.enterTrainerMode(TRAINER_PIN);
    expect((await app.changeTraineePin(ben, reset)).ok).toBe(true);
    expect((await checkTraineePin(store, (await store.getTrainee(ben))!, '1111')).ok).toBe(true);
  });

  it('changing the trainer PIN, even with the current one', async () => {
    const { app } = await browser();
    const change = { current: TRAINER_PIN, next: '9753', repeat: '9753' };
    expect(await app.changeTrainerPin(change)).toMatchObject({ ok: false, problem: /needs trainer mode/ });
    expect((await app.enterTrainerMode(TRAINER_PIN)).ok).toBe(true);
    expect(await app.changeTrainerPin(change)).toEqual({ ok: true });
    app.leaveTrainerMode();
    expect((await app.enterTrainerMode('9753')).ok).toBe(true);
  });

  it('setting an assessment, once the browser has a trainer PIN', async () => {
    const { app, store } = await browser();
    const draft = {
      name: 'Quarterly check',
      profileId: 'embedded-clinician-day',
      scenarios: [{ scenarioId: 'call-a', callTime: '' }],
      passMark: '80',
    };
    expect(app.canSetAssessments).toBe(false);
    expect((await app.saveAssessment(draft))[0]?.message).toMatch(/needs trainer mode/);
    expect(await store.getSetting(ASSESSMENTS_SETTING, undefined)).toBeUndefined();
    await app.enterTrainerMode(TRAINER_PIN);
    expect(await app.saveAssessment(draft)).toEqual([]);
    expect(app.assessments.definitions.map((d) => d.name)).toEqual(['Quarterly check']);
  });
});

describe('owner checks: another trainee’s call or debrief', () => {
  it('opens only in the owner’s profile (her PIN given) or in trainer mode, whatever the URL', async () => {
    const { app, ben, bensCall } = await browser();
    expect(app.currentTrainee?.name).toBe('Test Trainee A');
    expect(await app.callRecord(bensCall)).toBeUndefined();
    expect(await app.attemptAccess(bensCall)).toMatchObject({ kind: 'owner', owner: { id: ben } });
    await app.discardAttempt(bensCall); // refused quietly: not hers to discard
    expect(await app.attemptAccess('no-such-call')).toEqual({ kind: 'missing' });

    expect((await app.unlock(ben, '0000')).ok).toBe(false);
    expect(await app.callRecord(bensCall)).toBeUndefined();
    expect((await app.unlock(ben, BENS_PIN)).ok).toBe(true);
    expect(await app.attemptAccess(bensCall)).toEqual({ kind: 'open' });
    expect((await app.callRecord(bensCall))?.attempt.report?.total).toBe(84.5);
  });

  it('lets a trainer open any trainee’s debrief', async () => {
    const { app, bensCall } = await browser();
    await app.enterTrainerMode(TRAINER_PIN);
    expect(await app.attemptAccess(bensCall)).toEqual({ kind: 'open' });
    app.leaveTrainerMode();
    expect(await app.attemptAccess(bensCall)).toMatchObject({ kind: 'owner' });
  });
});

describe('leaving trainer mode', () => {
  it('closes again a PIN profile the trainer opened without its PIN', async () => {
    const { app, ben } = await browser();
    await app.enterTrainerMode(TRAINER_PIN);
    expect(await app.openTrainee(ben)).toEqual({ ok: true });
    expect(app.locked).toBe(false);
    app.leaveTrainerMode();
    expect(app.locked).toBe(true);
    expect(
      await app.attemptAccess((await app.store!.listSummaries({ traineeId: ben }))[0]!.id),
    ).toMatchObject({
      kind: 'owner',
    });
  });

  it('leaves open a profile opened with its own PIN', async () => {
    const { app, ben } = await browser();
    expect((await app.openTrainee(ben, BENS_PIN)).ok).toBe(true);
    await app.enterTrainerMode(TRAINER_PIN);
    app.leaveTrainerMode();
    expect(app.locked).toBe(false);
  });

  it('a trainer reading another trainee’s debrief cannot start a call from it in the open profile', async () => {
    const { app, bensCall } = await browser();
    await app.enterTrainerMode(TRAINER_PIN);
    const record = await app.callRecord(bensCall);
    const rules = await app.debriefRules(record!.attempt);
    expect(rules.followUp.offered).toBe(false);
    expect(await app.followUpCall(record!.attempt, 'practice', call)).toBeUndefined();
  });
});

describe('switching profile', () => {
  it('makes a call started while the PIN is still being checked the new profile’s, not the old one’s', async () => {
    const { app, ben } = await browser();
    const opening = app.openTrainee(ben, BENS_PIN); // not awaited: Start pressed at once
    const attempt = await app.startAttempt(call);
    expect((await opening).ok).toBe(true);
    expect(attempt?.traineeId).toBe(ben);
  });
});

describe('a PIN profile after a reload', () => {
  it('lists her calls once her PIN is given (the library’s resume and best scores)', async () => {
    const { store, ben, bensCall } = await browser();
    await store.setSetting('current-trainee', ben);
    const { app } = await standInApp({ store }); // the reload
    expect(app.locked).toBe(true);
    expect(app.attempts).toEqual([]);
    expect((await app.unlock(ben, BENS_PIN)).ok).toBe(true);
    expect(app.attempts.map((a) => a.id)).toEqual([bensCall]);
  });
});
