import type { ClockTime } from '../core/format/vocabulary';
import { contentHash, reviewState } from '../core/review/content-hash';
import { signatureFor, withSignatures, type ReviewSignature } from '../core/review/sign';
import type { Scenario } from '../core/format/scenario';
import type { ScoredAttempt } from '../core/records/summary';
import { nextSurface } from '../core/variants/surface';
import { bundledLibrary } from './library/bundled';
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
  StorageStatus,
  TraineeProfile,
} from './platform/storage/types';

/** Settings key of the id of the trainee whose attempts are made and listed (kept across reloads). */
export const CURRENT_TRAINEE_SETTING = 'current-trainee';

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

/**
 * What every page shares: the library, the store, the audio player, the trainee's preferences.
 * One instance, created at start-up.
 */
export class AppState {
  library = $state.raw<Library>({ scenarios: [], profiles: [], questions: undefined, problems: [] });
  private readonly clips = new ClipUrls();
  readonly player: ClipPlayer = createHowlerPlayer((ref) => this.clips.urls(ref));
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
  /** After a reload, a profile with a PIN stays closed until the PIN is given again. */
  locked = $state(false);
  /** Unlocked with the trainer's PIN on the Trainees page: every profile's records. Not kept across reloads. */
  trainerMode = $state(false);
  /** Approvals given in this browser by a center's clinician (see ReviewDialog). */
  signatures = $state.raw<ReviewSignature[]>([]);
  /** The library as the trainee sees it: file content with in-app approvals applied. */
  scenarios = $derived(withSignatures(this.library.scenarios, this.signatures));

  async start(): Promise<void> {
    // The library loads (fetch, validation) while the store opens and reads this trainee's
    // attempts: the first page needs both.
    const [library, prefs] = await Promise.all([bundledLibrary(this.clips), this.openRecords()]);
    this.library = library;
    this.prefs = { ...DEFAULTS, ...prefs, profileId: prefs.profileId ?? this.library.profiles[0]?.id };
    this.player.setVolume(this.prefs.volume);
    this.player.setRate(this.prefs.rate);
  }

  /** Start-up's storage part: the store, the profiles, the settings, the current trainee's attempts. Returns the saved preferences. */
  private async openRecords(): Promise<Partial<Preferences>> {
    const store = await openStore();
    this.store = store;
    this.storage = store.status();
    store.onStatus((status) => (this.storage = status));
    const [oldest, saved, signatures, prefs] = await Promise.all([
      store.ensureTrainee(),
      store.getSetting<string | undefined>(CURRENT_TRAINEE_SETTING, undefined),
      store.getSetting<ReviewSignature[]>('review-signatures', []),
      store.getSetting<Partial<Preferences>>('preferences', {}),
    ]);
    this.trainees = await store.listTrainees();
    this.currentTraineeId = this.trainees.some((t) => t.id === saved) ? saved : oldest.id;
    this.signatures = signatures;
    this.locked = this.currentTrainee?.pin !== undefined;
    if (!this.locked) await this.refreshAttempts();
    return prefs;
  }

  /** Open a profile after a reload: its PIN, if it has one, was checked by the caller. */
  async unlock(id: string): Promise<void> {
    await this.switchTrainee(id);
    this.locked = false;
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
    this.attemptsOf = traineeId;
    this.attempts = attempts;
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
   * Delete a profile with all its records (trainer mode; `settings`: the trainee's own settings).
   * If it was the current one, the oldest remaining profile becomes current, or a new "Trainee 1"
   * when none is left. Rejects, with nothing deleted, as the store does.
   */
  async deleteTrainee(id: string, settings: readonly string[]): Promise<DeletedTrainee> {
    if (!this.store) throw new Error('Nothing was deleted: storage is not open yet.');
    const deleted = await this.store.deleteTrainee(id, { settings });
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
    if (!this.trainerMode) {
      throw new Error('Clinical review needs trainer mode: a trainer turns it on on the Trainees page.');
    }
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
   * otherwise the current preferences apply. Assessment refuses unapproved scenarios here too.
   * The surface (names, address, wording) is the one this trainee played least recently, unless
   * `surface` asks for a given one (the same call again).
   */
  async startAttempt(
    scenario: Scenario,
    like?: Pick<AttemptRecord, 'profileId' | 'callTime' | 'mode'>,
    surface?: { variant: string | undefined },
  ): Promise<AttemptRecord | undefined> {
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
      callTime: like?.callTime ?? this.prefs.callTime ?? scenario.cad.callTime,
      mode,
    });
    await this.refreshAttempts();
    return attempt;
  }
}

export const app = new AppState();
