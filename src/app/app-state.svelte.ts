import type { ClockTime } from '../core/format/vocabulary';
import { contentHash, reviewState } from '../core/review/content-hash';
import { signatureFor, withSignatures, type ReviewSignature } from '../core/review/sign';
import type { Scenario } from '../core/format/scenario';
import { nextSurface } from '../core/variants/surface';
import { bundledLibrary } from './library/bundled';
import type { Library } from './library/load-library';
import { createHowlerPlayer } from './platform/audio/howler-player';
import type { ClipPlayer } from './platform/audio/types';
import { openStore } from './platform/storage';
import type { AttemptRecord, AttemptStore, Mode, StorageStatus, TraineeProfile } from './platform/storage/types';

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

const DEFAULTS: Preferences = { profileId: undefined, mode: 'practice', callTime: undefined, captions: true, volume: 1, rate: 1, shortcuts: true };

/**
 * What every page shares: the library, the store, the audio player, the trainee's preferences.
 * One instance, created at start-up.
 */
export class AppState {
  library = $state.raw<Library>({ scenarios: [], profiles: [], questions: undefined, problems: [] });
  readonly player: ClipPlayer = createHowlerPlayer();
  store = $state.raw<AttemptStore | undefined>(undefined);
  storage = $state.raw<StorageStatus | undefined>(undefined);
  prefs = $state<Preferences>({ ...DEFAULTS });
  attempts = $state.raw<AttemptRecord[]>([]);
  /** Every profile on this browser, oldest first. */
  trainees = $state.raw<TraineeProfile[]>([]);
  /**
   * Whose attempts are made and listed: the one last switched to (kept in settings), else the
   * oldest profile ("Trainee 1" on first start).
   */
  currentTraineeId = $state<string | undefined>(undefined);
  currentTrainee = $derived(this.trainees.find((t) => t.id === this.currentTraineeId));
  /** After a reload, a profile with a PIN stays closed until the PIN is given again. */
  locked = $state(false);
  /** Unlocked with the trainer's PIN on the Trainees page: every profile's records. Not kept across reloads. */
  trainerMode = $state(false);
  /** Approvals given in this browser by a center's clinician (see ReviewDialog). */
  signatures = $state.raw<ReviewSignature[]>([]);
  /** The library as the trainee sees it: file content with in-app approvals applied. */
  scenarios = $derived(withSignatures(this.library.scenarios, this.signatures));

  async start(): Promise<void> {
    const [store, library] = await Promise.all([openStore(), bundledLibrary()]);
    this.library = library;
    this.store = store;
    this.storage = store.status();
    store.onStatus((status) => (this.storage = status));
    const oldest = await store.ensureTrainee();
    this.trainees = await store.listTrainees();
    const saved = await store.getSetting<string | undefined>(CURRENT_TRAINEE_SETTING, undefined);
    this.currentTraineeId = this.trainees.some((t) => t.id === saved) ? saved : oldest.id;
    this.signatures = await store.getSetting<ReviewSignature[]>('review-signatures', []);
    const prefs = await store.getSetting<Partial<Preferences>>('preferences', {});
    this.prefs = { ...DEFAULTS, ...prefs, profileId: prefs.profileId ?? this.library.profiles[0]?.id };
    this.player.setVolume(this.prefs.volume);
    this.player.setRate(this.prefs.rate);
    this.locked = this.currentTrainee?.pin !== undefined;
    if (!this.locked) await this.refreshAttempts();
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
    this.attempts = (await this.store?.listAttempts({ traineeId: this.currentTraineeId })) ?? [];
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
    if (!this.trainees.some((t) => t.id === id)) throw new Error(`No trainee profile with id "${id}" is stored in this browser.`);
    this.currentTraineeId = id;
    await this.store.setSetting(CURRENT_TRAINEE_SETTING, id);
    await this.refreshAttempts();
  }

  get profile() {
    return this.library.profiles.find((p) => p.id === this.prefs.profileId) ?? this.library.profiles[0];
  }

  scenario(id: string): Scenario | undefined {
    return this.scenarios.find((s) => s.id === id);
  }

  /** Record a clinician's approval of the scenario exactly as it is now. */
  async sign(scenario: Scenario, reviewer: ReviewSignature['reviewer'], notes: string): Promise<void> {
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
    const variant = surface ? surface.variant : nextSurface(scenario, this.attempts.filter((a) => a.scenarioId === scenario.id));
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
