import type { ClockTime } from '$core/format/vocabulary';
import { contentHash, reviewState } from '$core/review/content-hash';
import { signatureFor, withSignatures, type ReviewSignature } from '$core/review/sign';
import type { Scenario } from '$core/format/scenario';
import type { ScoredAttempt } from '$core/records/summary';
import { nextSurface } from '$core/variants/surface';
import { bundledLibrary } from './library/bundled';
import { playTime } from './library/call-time';
import type { Library } from './library/load-library';
import { ClipUrls } from './platform/audio/clip-urls';
import { createHowlerPlayer } from './platform/audio/howler-player';
import type { ClipPlayer } from './platform/audio/types';
import { openStore } from './platform/storage';
import { ReportLoader, type LoadedReports } from './reports/report-loader';
import type {
  AttemptRecord,
  AttemptStore,
  AttemptSummary,
  DeletedTrainee,
  Mode,
  PersistenceInfo,
  PersistenceRequest,
  StorageStatus,
  TraineeChange,
  TraineeProfile,
} from './platform/storage/types';
import type { LogEntry } from '$core/engine/events';
import { hashPin } from '$core/records/pin';
import { Assessments } from './assessments/assessments.svelte';
import type { AssessmentDefinition, AssessmentDraft, FieldProblem } from './assessments/definition';
import type { AssessmentRun } from './assessments/run';
import { debriefAccess, followUp, type DebriefAccess, type FollowUp } from './assessments/debrief-access';
import {
  readStoredSession,
  refresherSettingKey,
  type ReadResult,
  type StoredSession,
} from './refresher/session';
import { traineeSettingKeys } from './trainees/delete-profile';
import { changePin, checkTraineePin, trainerPinNotKept, type Check } from './trainees/pins';
import {
  changeFrom,
  fieldsProblem,
  newPinProblem,
  newTraineeFrom,
  type ProfileFields,
} from './trainees/profile-form';
import {
  attemptCounts,
  exportFileName,
  exportText,
  importText,
  sizeProblem,
  type ImportOutcome,
} from './trainees/records-io';
import { rescore } from '$core/records/rescore';
import { DEFAULT_TRAINEE_NAME } from '$core/records/trainee';
import { scoreCounts } from '$core/records/attempt';
import { TrainerModeRequired, TrainerSession } from './trainees/trainer-session.svelte';

/** Settings key of the id of the trainee whose attempts are made and listed (kept across reloads). */
export const CURRENT_TRAINEE_SETTING = 'current-trainee';
/** Settings key: someone has said who is training on this browser (the first visit's question is answered). */
export const TRAINEE_CHOSEN_SETTING = 'trainee-chosen';

export interface Preferences {
  profileId: string | undefined;
  mode: Mode;
  /** undefined: play each call at the scenario's own time of day. */
  callTime: ClockTime | undefined;
  captions: boolean;
  volume: number;
  rate: number;
  /** Single-key shortcuts on the call position (WCAG 2.1.4: they can be turned off). */
  shortcuts: boolean;
}

const DEFAULTS: Preferences = {
  profileId: undefined,
  mode: 'practice',
  callTime: undefined,
  captions: true,
  volume: 1,
  rate: 1,
  shortcuts: true,
};

/** A profile as saved, or why it was not. */
export type TraineeChanged = { ok: true; trainee: TraineeProfile } | { ok: false; problem: string };
/** A records file to download, and what it holds in words. */
export interface RecordsExport {
  fileName: string;
  text: string;
  summary: string;
}
/** A call to open on the call position, or why none was started. */
export type CallOpened = { ok: true; attemptId: string } | { ok: false; problem: string };

/** What the app state runs on; each defaults to the browser's (a test gives stand-ins). */
export interface AppDeps {
  /** Where records are kept: IndexedDB, else memory (platform/storage openStore). */
  openStore?: () => Promise<AttemptStore>;
  /** The scenario library: the one shipped with the app. */
  library?: () => Promise<Library>;
  player?: ClipPlayer;
  /** PBKDF2 iterations of the PINs set here; core/records/pin's default unless a test lowers it. */
  pinIterations?: number;
}

/**
 * What every page shares: the library, the store, the audio player, the trainee's preferences,
 * and the operations on them with their rules (trainer mode included). Pages and components get
 * the one instance from useApp() (app-context.ts), so a test can mount them with a stand-in.
 */
export class AppState {
  library = $state.raw<Library>({
    scenarios: [],
    profiles: [],
    questions: undefined,
    problems: [],
    warnings: [],
  });
  private readonly clips = new ClipUrls();
  readonly player: ClipPlayer;
  store = $state.raw<AttemptStore | undefined>(undefined);
  storage = $state.raw<StorageStatus | undefined>(undefined);
  prefs = $state<Preferences>({ ...DEFAULTS });
  /**
   * The current trainee's attempts, newest first, as summaries: no saved call, and of each report
   * only its headline (`result`). All the library and the history need, and quick to read.
   */
  attempts = $state.raw<AttemptSummary[]>([]);
  /** Every profile on this browser, oldest first. */
  trainees = $state.raw<TraineeProfile[]>([]);
  /**
   * Whose attempts are made and listed: the one last switched to (kept in settings), else the
   * oldest profile ("Trainee 1" on first start).
   */
  currentTraineeId = $state<string | undefined>(undefined);
  currentTrainee = $derived(this.trainees.find((t) => t.id === this.currentTraineeId));
  /** Whose list `attempts` is (the current trainee's once refreshAttempts() has read it). */
  private attemptsOf: string | undefined;
  /** The last load of reports/report-loader, kept here so that `scored` follows it. */
  private reportsLoaded = $state.raw<LoadedReports | undefined>(undefined);
  private readonly reportLoader = new ReportLoader(
    (ids) => this.store?.reports(ids) ?? Promise.resolve(new Map()),
    (loaded) => (this.reportsLoaded = loaded),
  );
  /**
   * The current trainee's attempts, each summary with its report where the pages that read
   * reports (progress, refresher, assessments) need it: the latest calls of each competency and
   * what else core/progress reportsNeeded names, plus those asked for (an assessment run's);
   * undefined until loadReports() has read them. It can lag `attempts` by the calls made since,
   * until loadReports() is called again: those pages call it whenever `attempts` changes, and use
   * what it resolves to where it must be up to date.
   */
  scored = $derived(
    this.reportsLoaded && this.reportsLoaded.traineeId === this.currentTraineeId
      ? this.reportsLoaded.attempts
      : undefined,
  );
  /**
   * The profile being opened, until it is current (or refused): a call started meanwhile waits
   * for it, so it is not made in the profile being left.
   */
  private switching: Promise<unknown> = Promise.resolve();
  /** The current profile has a PIN and was opened in trainer mode without it: leaving trainer mode closes it. */
  private openedWithoutPin = false;
  /** Opening the records waits for another tab to let go of them (an update's upgrade): start-up says so. */
  storageBlocked = $state(false);
  /**
   * `scored` as evidence of what the trainee can do (progress, refresher): without the calls whose
   * results an assessment run under way withholds, nor scores kept from a file without being
   * re-scored here (core/records/attempt scoreCounts).
   */
  evidence = $derived(this.scored?.filter((a) => !this.withheld.has(a.id) && scoreCounts(a)));
  /** After a reload, a profile with a PIN stays closed until the PIN is given again. */
  locked = $state(false);
  /** Whether someone has said who is training on this browser; undefined until read. */
  private traineeChosen = $state<boolean | undefined>(undefined);
  /** Trainer mode: read `trainerMode`, switched only by enterTrainerMode() and leaveTrainerMode(). */
  private readonly trainer: TrainerSession;
  /** How PINs set here are hashed. */
  private readonly pins: { iterations?: number };
  /** Assessments set on this browser and the current trainee's runs. */
  readonly assessments: Assessments;
  /** Approvals given in this browser by a center's clinician (see ReviewDialog). */
  signatures = $state.raw<ReviewSignature[]>([]);
  /** The library as the trainee sees it: file content with in-app approvals applied. */
  scenarios = $derived(withSignatures(this.library.scenarios, this.signatures));

  constructor(private readonly deps: AppDeps = {}) {
    this.player = deps.player ?? createHowlerPlayer((ref) => this.clips.urls(ref));
    this.pins = deps.pinIterations === undefined ? {} : { iterations: deps.pinIterations };
    this.trainer = new TrainerSession(() => this.store, this.pins);
    this.assessments = new Assessments(() => this.store);
  }

  async start(): Promise<void> {
    // The library loads (fetch, validation) while the store opens and reads this trainee's
    // attempts: the first page needs both.
    const loadLibrary = this.deps.library ?? (() => bundledLibrary(this.clips));
    const [library, prefs] = await Promise.all([loadLibrary(), this.openRecords()]);
    this.library = library;
    this.prefs = { ...DEFAULTS, ...prefs, profileId: prefs.profileId ?? this.library.profiles[0]?.id };
    this.player.setVolume(this.prefs.volume);
    this.player.setRate(this.prefs.rate);
  }

  /** Start-up's storage part: the store, the profiles, the settings, the current trainee's attempts. Returns the saved preferences. */
  private async openRecords(): Promise<Partial<Preferences>> {
    const store = await (
      this.deps.openStore ?? (() => openStore({ onBlocked: () => (this.storageBlocked = true) }))
    )();
    this.storageBlocked = false;
    this.store = store;
    this.storage = store.status();
    store.onStatus((status) => (this.storage = status));
    // Another tab changed the records: nothing shown here may outlive them (a "Resume call" of a call
    // finished there, a profile deleted there).
    store.onRecordsChanged(() => void this.refreshTrainees().then(() => this.refreshAttempts()));
    const [oldest, saved, signatures, prefs, chosen] = await Promise.all([
      store.ensureTrainee(),
      store.getSetting<string | undefined>(CURRENT_TRAINEE_SETTING, undefined),
      store.getSetting<ReviewSignature[]>('review-signatures', []),
      store.getSetting<Partial<Preferences>>('preferences', {}),
      store.getSetting<boolean>(TRAINEE_CHOSEN_SETTING, false),
    ]);
    this.traineeChosen = chosen;
    this.trainees = await store.listTrainees();
    this.currentTraineeId = this.trainees.some((t) => t.id === saved) ? saved : oldest.id;
    this.signatures = signatures;
    this.locked = this.currentTrainee?.pin !== undefined;
    if (!this.locked) await this.refreshAttempts();
    await this.trainer.readPin();
    // A run whose last call ended as the tab closed, before it could be closed (see onAttemptFinished).
    for (const trainee of this.trainees) await this.assessments.closeCompleted(trainee.id);
    return prefs;
  }

  /** Open a profile after a reload, with its PIN when it has one. */
  async unlock(id: string, pin = ''): Promise<Check> {
    const opened = await this.openTrainee(id, pin);
    if (!opened.ok) return opened;
    this.locked = false;
    // Opening a profile on the unlock screen answers who is training.
    await this.markTraineeChosen();
    // Read while locked, the list was left empty: read it now ("Resume call", best scores).
    await this.refreshAttempts();
    return opened;
  }

  async setPrefs(change: Partial<Preferences>): Promise<void> {
    this.prefs = { ...this.prefs, ...change };
    if (change.volume !== undefined) this.player.setVolume(change.volume);
    if (change.rate !== undefined) this.player.setRate(change.rate);
    await this.store?.setSetting('preferences', $state.snapshot(this.prefs));
  }

  async refreshAttempts(): Promise<void> {
    if (this.locked) return;
    const traineeId = this.currentTraineeId;
    const attempts = (await this.store?.listSummaries({ traineeId })) ?? [];
    // The trainee's assessment run under way decides which of these results are withheld.
    if (traineeId) await this.assessments.load(traineeId);
    this.attemptsOf = traineeId;
    this.attempts = attempts;
  }

  /**
   * Calls of the current trainee's assessment run under way: their results are withheld until the
   * run's last call ends (the history lists them as recorded, the library's best leaves them out).
   */
  get withheld(): ReadonlySet<string> {
    return new Set(this.openRun?.items.flatMap((i) => (i.attemptId ? [i.attemptId] : [])) ?? []);
  }

  /**
   * Whether the library may start this scenario now: not while it is in the current trainee's
   * assessment run under way (practising it there would show its answer key before it is assessed).
   * Undefined: it may; else why not, in words for the library row.
   */
  libraryStartBlocked(scenario: Scenario): string | undefined {
    const run = this.openRun;
    if (!run?.items.some((i) => i.scenarioId === scenario.id)) return undefined;
    return `In your assessment under way (${run.assessmentName}): take it there.`;
  }

  /** The current trainee's assessment run under way, if any. */
  private get openRun() {
    return this.assessments.traineeId === this.currentTraineeId ? this.assessments.open : undefined;
  }

  /**
   * Makes `scored` the current `attempts` with the reports the pages need (see `scored`; `also`:
   * these attempts' too), and resolves to that. Reads only reports not read yet (or of attempts
   * changed since): the first time ~20 per competency, not every call's, then only new calls'.
   * Asked again for the same list and library, it reads nothing (reports/report-loader.ts).
   */
  loadReports(also: readonly string[] = []): Promise<ScoredAttempt[]> {
    // Which reports are needed depends on the scenarios (their required questions), centers and questions.
    const { profiles, questions } = this.library;
    return this.reportLoader.load({
      attempts: this.attempts,
      traineeId: this.attemptsOf,
      library: { scenarios: this.scenarios, profiles, questions },
      also,
    });
  }

  async refreshTrainees(): Promise<void> {
    this.trainees = (await this.store?.listTrainees()) ?? [];
  }

  /**
   * Make `id` the current trainee (remembered across reloads) and list their attempts. A PIN, if
   * the profile has one, is checked by the caller before this.
   */
  async switchTrainee(id: string): Promise<void> {
    if (!this.store) return;
    await this.refreshTrainees();
    if (!this.trainees.some((t) => t.id === id)) {
      throw new Error(`No trainee profile with id "${id}" is stored in this browser.`);
    }
    this.currentTraineeId = id;
    await this.store.setSetting(CURRENT_TRAINEE_SETTING, id);
    await this.refreshAttempts();
  }

  /**
   * Delete a profile with all its records and its own settings (trainer mode only). If it was the
   * current one, the oldest remaining profile becomes current, or a new "Trainee 1" when none is
   * left. Rejects, with nothing deleted, outside trainer mode and as the store does.
   */
  async deleteTrainee(id: string): Promise<DeletedTrainee> {
    this.trainer.require('Deleting a profile');
    if (!this.store) throw new Error('Nothing was deleted: storage is not open yet.');
    const deleted = await this.store.deleteTrainee(id, { settings: traineeSettingKeys(id) });
    await this.refreshTrainees();
    if (this.currentTraineeId === id) {
      await this.switchTrainee((this.trainees[0] ?? (await this.store.ensureTrainee())).id);
    }
    return deleted;
  }

  get profile() {
    return this.library.profiles.find((p) => p.id === this.prefs.profileId) ?? this.library.profiles[0];
  }

  scenario(id: string): Scenario | undefined {
    return this.scenarios.find((s) => s.id === id);
  }

  /** Record a clinician's approval of the scenario exactly as it is now. Only in trainer mode (the Library offers review there only). */
  async sign(scenario: Scenario, reviewer: ReviewSignature['reviewer'], notes: string): Promise<void> {
    this.trainer.require('Clinical review');
    const date = new Date().toISOString().slice(0, 10);
    this.signatures = [...this.signatures, signatureFor(scenario, reviewer, date, notes.trim() || undefined)];
    await this.store?.setSetting('review-signatures', this.signatures);
  }

  /** Assessment uses approved scenarios only. */
  eligible(scenario: Scenario, mode: Mode): boolean {
    return mode === 'practice' || reviewState(scenario).status === 'approved';
  }

  /**
   * Start a call. `like` replays an earlier attempt's center, call time and mode ("Try again");
   * otherwise the current preferences apply. A call time outside the scenario's story hours is
   * replaced by its own. Assessment refuses unapproved scenarios here too.
   * The surface (names, address, wording) is the one this trainee played least recently, unless
   * `surface` asks for a given one (the same call again).
   */
  async startAttempt(
    scenario: Scenario,
    like?: Pick<AttemptRecord, 'profileId' | 'callTime' | 'mode'>,
    surface?: { variant: string | undefined },
  ): Promise<AttemptRecord | undefined> {
    // A profile being opened (its PIN checked, ~1 s) becomes current first: the call is its.
    await this.switching;
    // From the library (no `like`): never a scenario of the assessment run under way.
    if (!like && this.libraryStartBlocked(scenario)) return undefined;
    const profile = like ? this.library.profiles.find((p) => p.id === like.profileId) : this.profile;
    const mode = like?.mode ?? this.prefs.mode;
    if (!this.store || !profile || !this.currentTraineeId || !this.eligible(scenario, mode)) return undefined;
    const variant = surface
      ? surface.variant
      : nextSurface(
          scenario,
          this.attempts.filter((a) => a.scenarioId === scenario.id),
        );
    const attempt = await this.store.createAttempt({
      traineeId: this.currentTraineeId,
      scenarioId: scenario.id,
      scenarioHash: contentHash(scenario),
      ...(variant === undefined ? {} : { variant }),
      profileId: profile.id,
      // A time the caller's words do not fit gives way to the scenario's own (library/call-time.ts).
      callTime: playTime(scenario, like?.callTime ?? this.prefs.callTime).time,
      mode,
    });
    await this.refreshAttempts();
    return attempt;
  }

  // Trainer mode: readable by everyone, switched only here; every trainer-only operation checks it here.

  get trainerMode(): boolean {
    return this.trainer.on;
  }

  /**
   * This browser's trainer PIN: `not-set` on a first start (the app asks for it before anything
   * else), `damaged` when its record went missing (trainer mode stays off); undefined until read.
   */
  get trainerPinState(): 'set' | 'not-set' | 'damaged' | undefined {
    return this.trainer.pinState;
  }

  /** The first start: the trainer PIN is to be chosen before anything else (only where it will be kept). */
  get needsSetup(): boolean {
    return this.trainerPinState === 'not-set' && this.storage?.persistent === true;
  }

  /**
   * The first visit, after the trainer PIN: who is training is asked before the first call, instead
   * of recording it under the placeholder profile. Asked once per browser, and only where the answer
   * will be kept; a profile with a PIN is asked for by the unlock screen instead.
   */
  get needsTrainee(): boolean {
    return (
      !this.needsSetup && this.traineeChosen === false && !this.locked && this.storage?.persistent === true
    );
  }

  /**
   * First visit: train under a new name. The placeholder profile made on the first start (the only
   * one, untouched: no calls, no PIN) takes the name; otherwise a new profile is made and opened.
   */
  async startAsNewTrainee(name: string): Promise<TraineeChanged> {
    const current = this.currentTrainee;
    const placeholder =
      current !== undefined &&
      this.trainees.length === 1 &&
      current.name === DEFAULT_TRAINEE_NAME &&
      !current.pin &&
      this.attempts.length === 0;
    const fields = { name, badge: '', academyClass: '' };
    const saved = placeholder
      ? await this.saveProfile(current.id, fields)
      : await this.createTrainee(fields, '', '');
    if (!saved.ok) return saved;
    if (!placeholder) await this.switchTrainee(saved.trainee.id);
    await this.markTraineeChosen();
    return saved;
  }

  /** First visit: train as a profile already on this browser (its PIN checked, when it has one). */
  async startAsTrainee(id: string, pin = ''): Promise<Check> {
    const opened = await this.openTrainee(id, pin);
    if (opened.ok) await this.markTraineeChosen();
    return opened;
  }

  private async markTraineeChosen(): Promise<void> {
    this.traineeChosen = true;
    await this.store?.setSetting(TRAINEE_CHOSEN_SETTING, true);
  }

  /** Why there is no trainer mode on a browser with no trainer PIN that cannot set one (not saving). */
  get trainerPinUnavailable(): string {
    return this.store ? trainerPinNotKept(this.store) : 'Storage is not open yet.';
  }

  /** The first start's step: choose the trainer PIN, typed twice. */
  setUpTrainerPin(pin: string, repeat: string): Promise<Check> {
    return this.trainer.setUp(pin, repeat);
  }

  /** Turn trainer mode on with the trainer PIN (wrong PINs wait longer and longer: pins.ts). */
  enterTrainerMode(pin: string): Promise<Check> {
    return this.trainer.enter(pin);
  }

  /**
   * Trainer mode off. A profile with a PIN that the trainer opened without it closes again (its PIN
   * is asked for), as after a reload.
   */
  leaveTrainerMode(): void {
    this.trainer.leave();
    if (this.openedWithoutPin && this.currentTrainee?.pin) this.locked = true;
    this.openedWithoutPin = false;
  }

  /** In trainer mode, with the current trainer PIN. */
  changeTrainerPin(input: { current: string; next: string; repeat: string }): Promise<Check> {
    return this.trainer.changePin(input);
  }

  // Trainee profiles.

  /** Whether the profile opens without its PIN: it has none, or a trainer opens it (a forgotten PIN). */
  opensWithoutPin(trainee: TraineeProfile): boolean {
    return !trainee.pin || this.trainerMode;
  }

  /** Make the profile current, after checking its PIN unless it opens without one. */
  openTrainee(id: string, pin = ''): Promise<Check> {
    const opening = this.opening(id, pin);
    this.switching = opening.catch(() => undefined);
    return opening;
  }

  private async opening(id: string, pin: string): Promise<Check> {
    const trainee = this.trainees.find((t) => t.id === id);
    if (!trainee) return { ok: false, problem: 'That profile is no longer on this browser.' };
    if (!this.opensWithoutPin(trainee)) {
      if (!this.store) return { ok: false, problem: 'Storage is not open yet.' };
      const check = await checkTraineePin(this.store, trainee, pin);
      if (!check.ok) return check;
    }
    await this.switchTrainee(id);
    this.openedWithoutPin = trainee.pin !== undefined && this.trainerMode;
    return { ok: true };
  }

  /** A trainee edits their own profile; a trainer edits any. */
  canEdit(trainee: TraineeProfile): boolean {
    return this.trainerMode || trainee.id === this.currentTraineeId;
  }

  /** Save the profile form's fields (only what changed). */
  async saveProfile(id: string, fields: ProfileFields): Promise<TraineeChanged> {
    const trainee = await this.editable(id, "Editing another trainee's profile");
    if (!trainee.ok) return trainee;
    const problem = fieldsProblem(fields);
    if (problem) return { ok: false, problem };
    return this.updateTrainee(id, changeFrom(trainee.trainee, fields));
  }

  /**
   * Set, change or remove (`next` and `repeat` empty) a trainee's PIN. The current PIN is needed
   * when there is one, except in trainer mode: a trainer resets a forgotten PIN.
   */
  async changeTraineePin(
    id: string,
    input: { current: string; next: string; repeat: string },
  ): Promise<TraineeChanged> {
    const trainee = await this.editable(id, "Changing another trainee's PIN");
    if (!trainee.ok) return trainee;
    if (!this.store) return { ok: false, problem: 'Storage is not open yet.' };
    const result = await changePin(
      this.store,
      trainee.trainee,
      { ...input, trainer: this.trainerMode },
      this.pins,
    );
    if (!result.ok) return result;
    return this.updateTrainee(id, { pin: result.pin });
  }

  /** A new profile from the form's fields, with a PIN when one was typed (twice). */
  async createTrainee(fields: ProfileFields, pin: string, repeat: string): Promise<TraineeChanged> {
    const problem = fieldsProblem(fields) ?? newPinProblem(pin, repeat, true);
    if (problem) return { ok: false, problem };
    if (!this.store) return { ok: false, problem: 'Storage is not open yet.' };
    try {
      const hash = pin ? await hashPin(pin, this.pins) : undefined;
      const trainee = await this.store.createTrainee({
        ...newTraineeFrom(fields),
        ...(hash ? { pin: hash } : {}),
      });
      await this.refreshTrainees();
      return { ok: true, trainee };
    } catch (error) {
      return { ok: false, problem: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Every profile's attempts, counted (trainer mode only). */
  async attemptCounts(): Promise<Map<string, { total: number; finished: number }>> {
    this.trainer.require("Seeing every trainee's attempts");
    return attemptCounts((await this.store?.listSummaries()) ?? []);
  }

  /** What deleting the profile would remove: its attempts (trainer mode only). */
  async attemptsToDelete(traineeId: string): Promise<AttemptSummary[]> {
    this.trainer.require('Deleting a profile');
    return (await this.store?.listSummaries({ traineeId })) ?? [];
  }

  private async editable(
    id: string,
    what: string,
  ): Promise<{ ok: true; trainee: TraineeProfile } | { ok: false; problem: string }> {
    const trainee = await this.store?.getTrainee(id);
    if (!trainee) return { ok: false, problem: 'That profile is no longer on this browser.' };
    if (!this.canEdit(trainee)) return { ok: false, problem: new TrainerModeRequired(what).message };
    return { ok: true, trainee };
  }

  private async updateTrainee(id: string, change: TraineeChange): Promise<TraineeChanged> {
    if (!this.store) return { ok: false, problem: 'Storage is not open yet.' };
    try {
      const trainee = await this.store.updateTrainee(id, change);
      await this.refreshTrainees();
      return { ok: true, trainee };
    } catch (error) {
      return { ok: false, problem: error instanceof Error ? error.message : String(error) };
    }
  }

  // Records: export, import, the browser's storage.

  /**
   * The records file to download: every trainee's in trainer mode, else the current trainee's,
   * without the calls of her assessment run under way (their reports are withheld until its results).
   */
  exportRecords(): Promise<RecordsExport> {
    if (this.trainerMode) return this.exportOf(undefined);
    return this.exportOf(this.currentTraineeId ? [this.currentTraineeId] : [], this.withheld);
  }

  /** One trainee's records (offered before a delete): a trainee's own (as exportRecords), or anyone's in trainer mode. */
  exportTraineeRecords(traineeId: string): Promise<RecordsExport> {
    if (this.trainerMode) return this.exportOf([traineeId]);
    if (traineeId !== this.currentTraineeId) this.trainer.require("Exporting another trainee's records");
    return this.exportOf([traineeId], this.withheld);
  }

  /**
   * Merge a records file; the profiles and attempts shown include what it added. Every added call is
   * re-scored here from its log (core/records/rescore), and marked imported. Adding to a profile
   * already on this browser is for trainer mode only: otherwise anyone could put calls in another
   * trainee's history. A file over MAX_IMPORT_BYTES is refused before it is read.
   */
  async importRecords(file: { name: string; size: number; text(): Promise<string> }): Promise<ImportOutcome> {
    const store = this.store;
    if (!store) return { ok: false, kind: 'storage', problems: [`${file.name}: storage is not open yet.`] };
    const tooBig = sizeProblem(file.name, file.size);
    if (tooBig) return { ok: false, kind: 'file', problems: [tooBig] };
    const { profiles, questions } = this.library;
    const library = { scenarios: this.scenarios, profiles, questions };
    const outcome = await importText(store, await file.text(), file.name, {
      prepare: (attempt) => rescore(attempt, library, Date.now()),
      refusal: async (records) => {
        if (this.trainerMode) return undefined;
        for (const trainee of records.trainees) {
          const here = await store.getTrainee(trainee.id);
          if (here) {
            return `it holds records of "${here.name}", whose profile is already on this browser. Adding to an existing trainee's records needs trainer mode (a trainer turns it on on this page); nothing was imported.`;
          }
        }
        return undefined;
      },
    });
    if (outcome.ok) await Promise.all([this.refreshTrainees(), this.refreshAttempts()]);
    return outcome;
  }

  async persistence(): Promise<PersistenceInfo | undefined> {
    return this.store?.persistence();
  }

  async requestPersistence(): Promise<PersistenceRequest> {
    return (await this.store?.requestPersistence()) ?? 'unsupported';
  }

  private async exportOf(
    traineeIds: readonly string[] | undefined,
    leaveOut: ReadonlySet<string> = new Set(),
  ): Promise<RecordsExport> {
    if (!this.store) throw new Error('Nothing was exported: storage is not open yet.');
    const { text, summary } = await exportText(this.store, traineeIds, leaveOut);
    return { fileName: exportFileName(new Date()), text, summary };
  }

  // Attempts.

  /**
   * May the person at the screen open this attempt (its call or its debrief)? Its own trainee, with
   * the profile open (its PIN given, if it has one), or a trainer. Everyone else needs the owner's
   * PIN first (openTrainee), whatever the URL or the browser's history brings up.
   */
  mayOpen(attempt: Pick<AttemptRecord, 'traineeId'>): boolean {
    if (this.trainerMode) return true;
    return !this.locked && attempt.traineeId === this.currentTraineeId;
  }

  /**
   * Whose attempt this is, when it may not be opened as things stand (mayOpen): the owner's
   * profile to open first. `open`: it may; `missing`: no such attempt here.
   */
  async attemptAccess(
    id: string,
  ): Promise<{ kind: 'open' } | { kind: 'missing' } | { kind: 'owner'; owner: TraineeProfile | undefined }> {
    const attempt = await this.store?.getAttempt(id);
    if (!attempt) return { kind: 'missing' };
    if (this.mayOpen(attempt)) return { kind: 'open' };
    return { kind: 'owner', owner: await this.store?.getTrainee(attempt.traineeId) };
  }

  /** An attempt with its whole log (the debrief); undefined when it is not stored here or may not be opened (mayOpen). */
  async callRecord(id: string): Promise<{ attempt: AttemptRecord; log: LogEntry[] } | undefined> {
    const attempt = await this.store?.getAttempt(id);
    if (!attempt || !this.store || !this.mayOpen(attempt)) return undefined;
    return { attempt, log: await this.store.events(id) };
  }

  /**
   * What the debrief of a finished call may show (a call of an assessment run under way: only that
   * it was recorded), and what its "Try again" and "Next scenario" start.
   */
  async debriefRules(attempt: AttemptRecord): Promise<{ access: DebriefAccess; followUp: FollowUp }> {
    const found =
      attempt.mode === 'assessment'
        ? await this.assessments.runWith(attempt.traineeId, attempt.id)
        : undefined;
    const open = await this.assessments.openRunOf(attempt.traineeId);
    return {
      access: debriefAccess(attempt, found, this.assessments.unseen),
      followUp: followUp(
        attempt,
        found !== undefined,
        this.scenarios,
        (s, m) => this.eligible(s, m),
        open,
        attempt.traineeId === this.currentTraineeId,
      ),
    };
  }

  /**
   * "Try again" (the same scenario: the very same call, surface details included, at the same
   * time) or "Next scenario" (at its own time), at the call's center, in the mode `followUp` gave.
   */
  async followUpCall(
    attempt: AttemptRecord,
    mode: Mode,
    scenario: Scenario,
  ): Promise<AttemptRecord | undefined> {
    if (attempt.traineeId !== this.currentTraineeId) return undefined; // see FollowUp.offered
    const same = scenario.id === attempt.scenarioId;
    const like = {
      profileId: attempt.profileId,
      mode,
      callTime: same ? attempt.callTime : scenario.cad.callTime,
    };
    return this.startAttempt(scenario, like, same ? { variant: attempt.variant } : undefined);
  }

  /** Abandon a call in progress: it stays listed, finished with no score (0 in an assessment). */
  async discardAttempt(id: string): Promise<void> {
    const attempt = await this.store?.getAttempt(id);
    if (!attempt || !this.mayOpen(attempt)) return;
    await this.store?.discardAttempt(id);
    await this.refreshAttempts();
    await this.onAttemptFinished(id);
  }

  /**
   * What follows from an attempt's end (scored, or discarded): the assessment run it completes is
   * closed now, dated when it ended. The call position calls this when a call ends.
   */
  async onAttemptFinished(id: string): Promise<void> {
    const attempt = await this.store?.getAttempt(id);
    if (attempt?.status === 'finished') await this.assessments.closeCompleted(attempt.traineeId);
  }

  // Refresher sessions, kept per trainee.

  async refresherSession(traineeId: string): Promise<ReadResult<StoredSession>> {
    const key = refresherSettingKey(traineeId);
    return readStoredSession(await this.store?.getSetting<unknown>(key, undefined), key);
  }

  /** Keep the trainee's session (null: none, plan a new one). */
  async keepRefresherSession(traineeId: string, session: StoredSession | null): Promise<void> {
    await this.store?.setSetting(refresherSettingKey(traineeId), session);
  }

  // Assessments.

  /** Setting an assessment is for trainers. */
  get canSetAssessments(): boolean {
    return this.trainerMode;
  }

  /** Save a new assessment; its problems, field by field, when it cannot be saved ([] when saved). */
  async saveAssessment(draft: AssessmentDraft): Promise<FieldProblem[]> {
    if (!this.canSetAssessments) {
      return [
        { field: 'name', message: `Not saved: ${new TrainerModeRequired('Setting an assessment').message}` },
      ];
    }
    return this.assessments.addDefinition(draft, {
      scenarios: this.scenarios,
      profiles: this.library.profiles,
    });
  }

  /** Start a run of the assessment for the current trainee, and its first call. */
  async takeAssessment(definition: AssessmentDefinition): Promise<CallOpened> {
    await this.switching;
    if (!this.currentTraineeId) return { ok: false, problem: 'No trainee profile is open.' };
    const started = await this.assessments.startRun(this.currentTraineeId, definition, {
      scenarios: this.scenarios,
      profiles: this.library.profiles,
    });
    return started.ok ? this.nextAssessmentCall(started.run) : started;
  }

  /** The run's next call: the one in progress, else the next scenario started in assessment mode. */
  async nextAssessmentCall(run: AssessmentRun): Promise<CallOpened> {
    const step = await this.assessments.nextCall(run);
    if (!step) return { ok: false, problem: 'Every call of this assessment has been taken.' };
    if (step.status === 'in-progress' && step.attempt) return { ok: true, attemptId: step.attempt.id };
    const scenario = this.scenario(step.item.scenarioId);
    const like = { profileId: run.profileId, callTime: step.item.callTime, mode: 'assessment' as const };
    const attempt = scenario ? await this.startAttempt(scenario, like) : undefined;
    if (!attempt) {
      return {
        ok: false,
        problem: `"${step.item.title}" cannot be started: it is no longer approved or no longer in the library.`,
      };
    }
    await this.assessments.recordAttempt(run, step.item.scenarioId, attempt.id);
    return { ok: true, attemptId: attempt.id };
  }
}
