import type { CenterProfile } from '$core/format/profile';
import type { Scenario } from '$core/format/scenario';
import type { AttemptRecord, AttemptStore } from '../platform/storage/types';
import {
  ASSESSMENTS_SETTING,
  cannotTake,
  definitionFrom,
  draftProblems,
  readDefinitions,
  type AssessmentDefinition,
  type AssessmentDraft,
  type FieldProblem,
  type Read,
} from './definition';
import type { RunOfAttempt } from './debrief-access';
import {
  closedRun,
  newRun,
  openRun,
  readRuns,
  resultsSettingKey,
  runProgress,
  withAttempt,
  type AssessmentRun,
  type ItemProgress,
} from './run';

export type RunStarted = { ok: true; run: AssessmentRun } | { ok: false; problem: string };

/**
 * The assessments set on this browser and one trainee's runs, as stored (settings, see definition.ts
 * and run.ts), and every change to them. Each change reads the stored list, changes it and writes it
 * back, so a run closed by the end of a call (closeCompleted) and the page never write over each
 * other; a stored list that cannot be read is reported and never written over.
 */
export class Assessments {
  /** Whose runs `runs` are; undefined until load(). */
  traineeId = $state<string | undefined>(undefined);
  definitions = $state.raw<AssessmentDefinition[]>([]);
  definitionsProblem = $state<string | undefined>(undefined);
  runs = $state.raw<AssessmentRun[]>([]);
  runsProblem = $state<string | undefined>(undefined);
  /** The open run's attempts in full: whether a finished call was scored or discarded shows in its report. */
  private openAttempts = $state.raw<AttemptRecord[]>([]);
  /** The run closed last, until the page has shown its report once (seen()). */
  unseen = $state<string | undefined>(undefined);

  readonly open = $derived(openRun(this.runs));
  readonly openProgress = $derived(this.open ? runProgress(this.open, this.openAttempts) : undefined);
  /** Closed runs, the latest first. */
  readonly finished = $derived(
    this.runs
      .filter((r) => r.result)
      .sort((a, b) => (b.result?.completedAt ?? 0) - (a.result?.completedAt ?? 0)),
  );

  constructor(private readonly store: () => AttemptStore | undefined) {}

  async load(traineeId: string): Promise<void> {
    const store = this.store();
    if (!store) return;
    const definitions = readDefinitions(await store.getSetting<unknown>(ASSESSMENTS_SETTING, undefined));
    const runs = await this.readRuns(store, traineeId);
    const open = runs.ok ? openRun(runs.value) : undefined;
    this.openAttempts = open ? await this.attemptsOf(store, open) : [];
    this.definitions = definitions.ok ? definitions.value : [];
    this.definitionsProblem = definitions.ok ? undefined : definitions.problem;
    this.showRuns(traineeId, runs);
  }

  seen(): void {
    this.unseen = undefined;
  }

  /** Save a new assessment; the draft's problems, field by field, when it cannot be saved ([] when saved). */
  async addDefinition(
    draft: AssessmentDraft,
    context: { scenarios: readonly Scenario[]; profiles: readonly CenterProfile[] },
  ): Promise<FieldProblem[]> {
    const problems = draftProblems(draft, context);
    if (problems.length > 0) return problems;
    const store = this.store();
    if (!store) return [{ field: 'name', message: 'Not saved: storage is not open yet.' }];
    const stored = readDefinitions(await store.getSetting<unknown>(ASSESSMENTS_SETTING, undefined));
    if (!stored.ok) return [{ field: 'name', message: `Not saved: ${stored.problem}` }];
    const definitions = [...stored.value, definitionFrom(draft, context, crypto.randomUUID(), Date.now())];
    await store.setSetting(ASSESSMENTS_SETTING, definitions);
    this.definitions = definitions;
    this.definitionsProblem = undefined;
    return [];
  }

  /** A new run of `definition` for the trainee: refused while another is open or the assessment cannot be taken. */
  async startRun(
    traineeId: string,
    definition: AssessmentDefinition,
    library: { scenarios: readonly Scenario[]; profiles: readonly CenterProfile[] },
  ): Promise<RunStarted> {
    const problem = cannotTake(definition, library.scenarios, library.profiles);
    if (problem) return { ok: false, problem };
    const store = this.store();
    if (!store) return { ok: false, problem: 'Storage is not open yet.' };
    const runs = await this.readRuns(store, traineeId);
    if (!runs.ok) return { ok: false, problem: `${runs.problem}. Nothing was started.` };
    if (openRun(runs.value)) return { ok: false, problem: 'Finish the assessment in progress first.' };
    const run = newRun(definition, library.scenarios, traineeId, crypto.randomUUID(), Date.now());
    await this.writeRuns(store, traineeId, [...runs.value, run]);
    return { ok: true, run };
  }

  /** The run's next call as it stands in the store: the one in progress, else the first to take. */
  async nextCall(run: AssessmentRun): Promise<ItemProgress | undefined> {
    const store = this.store();
    return store ? runProgress(run, await this.attemptsOf(store, run)).next : undefined;
  }

  /**
   * The run an attempt was taken in, with where that run stands (a completed run closed first, so
   * the answer does not depend on whether the end of its last call has been handled yet).
   */
  async runWith(traineeId: string, attemptId: string): Promise<RunOfAttempt | undefined> {
    const store = this.store();
    if (!store) return undefined;
    await this.closeCompleted(traineeId);
    const runs = await this.readRuns(store, traineeId);
    const run = runs.ok ? runs.value.find((r) => r.items.some((i) => i.attemptId === attemptId)) : undefined;
    return run ? { run, progress: runProgress(run, await this.attemptsOf(store, run)) } : undefined;
  }

  /** The trainee's run under way, as stored. */
  async openRunOf(traineeId: string): Promise<AssessmentRun | undefined> {
    const store = this.store();
    const runs = store ? await this.readRuns(store, traineeId) : undefined;
    return runs?.ok ? openRun(runs.value) : undefined;
  }

  /** Record the attempt made for one of the run's scenarios (the first one only: each is taken once). */
  async recordAttempt(run: AssessmentRun, scenarioId: string, attemptId: string): Promise<void> {
    const store = this.store();
    if (!store) return;
    const runs = await this.readRuns(store, run.traineeId);
    if (!runs.ok) return;
    const next = runs.value.map((r) => (r.id === run.id ? withAttempt(r, scenarioId, attemptId) : r));
    await this.writeRuns(store, run.traineeId, next);
  }

  /**
   * Close the trainee's open run if its last call has ended: its result is frozen, dated when that
   * call ended (run.ts closedRun). Called when a call ends or is discarded, and at start-up for a
   * call that ended as the tab closed. Returns the run it closed; nothing is written otherwise, so
   * calling it again changes nothing.
   */
  async closeCompleted(traineeId: string): Promise<AssessmentRun | undefined> {
    const store = this.store();
    if (!store) return undefined;
    const runs = await this.readRuns(store, traineeId);
    const open = runs.ok ? openRun(runs.value) : undefined;
    if (!runs.ok || !open) return undefined;
    const closed = closedRun(open, await this.attemptsOf(store, open));
    if (!closed) return undefined;
    await this.writeRuns(
      store,
      traineeId,
      runs.value.map((r) => (r.id === closed.id ? closed : r)),
    );
    this.unseen = closed.id;
    return closed;
  }

  private readRuns(store: AttemptStore, traineeId: string): Promise<Read<AssessmentRun[]>> {
    return store
      .getSetting<unknown>(resultsSettingKey(traineeId), undefined)
      .then((value) => readRuns(value, traineeId));
  }

  private async writeRuns(store: AttemptStore, traineeId: string, runs: AssessmentRun[]): Promise<void> {
    await store.setSetting(resultsSettingKey(traineeId), runs);
    if (traineeId !== this.traineeId) return;
    const open = openRun(runs);
    this.openAttempts = open ? await this.attemptsOf(store, open) : [];
    this.showRuns(traineeId, { ok: true, value: runs });
  }

  private showRuns(traineeId: string, runs: Read<AssessmentRun[]>): void {
    this.traineeId = traineeId;
    this.runs = runs.ok ? runs.value : [];
    this.runsProblem = runs.ok ? undefined : runs.problem;
  }

  /** The run's attempts in full (a handful: one per scenario). */
  private async attemptsOf(store: AttemptStore, run: AssessmentRun): Promise<AttemptRecord[]> {
    const ids = run.items.flatMap((i) => (i.attemptId ? [i.attemptId] : []));
    const found = await Promise.all(ids.map((id) => store.getAttempt(id)));
    return found.filter((a): a is AttemptRecord => a !== undefined);
  }
}
