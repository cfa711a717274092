/* Generated from shared/src/schema.graphql by server/src/graphql/codegen.ts. Do not edit. */

export interface CaseImport {
  /** a "recovery-case/1" file */
  case: unknown;
  /** optional solver answer for it (the result format); when absent the server solves the case */
  result?: unknown | null;
}

export interface Certificate {
  /** NIC / NIC-1 / NNIC-k value (science.md 6); null when it does not apply */
  nic: number | null;
  kind: string | null;
  /** max_j ||A_j^T lambda|| of the best dual vector */
  bestDual: number | null;
  /** nic < 1 */
  certified: boolean | null;
}

export interface ComparisonCell {
  n: number;
  d: number;
  sigma: number | null;
  a: PhaseCell | null;
  b: PhaseCell | null;
  /** A minus B of the metric's cell value (p, pCertified, pApprox, pSupport, meanDistance, meanRelDistance, meanTestError or meanCosine); null when a side has no cell or no value */
  diff: number | null;
  /** Newcombe's 95% interval of diff for probability metrics; null for means */
  diffLow: number | null;
  diffHigh: number | null;
}

export interface CreateExperimentInput {
  name: string;
  notes?: string | null;
  tags?: Array<string> | null;
  spec: ExperimentSpecInput;
}

export interface DeleteResult {
  id: string;
  runsDeleted: number;
}

export interface Experiment {
  id: string;
  name: string;
  notes: string;
  tags: Array<string>;
  spec: unknown;
  specHash: string;
  method: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  progress: Progress;
  runs: RunConnection;
}

export interface ExperimentRunsArgs {
  filter?: RunFilter | null;
  orderBy?: RunOrder | null;
  first?: number | null;
  after?: string | null;
}

export interface ExperimentConnection {
  nodes: Array<Experiment>;
  pageInfo: PageInfo;
  totalCount: number;
}

export interface ExperimentFilter {
  status?: Array<string> | null;
  method?: Array<string> | null;
  tag?: string | null;
  nameContains?: string | null;
}

export interface ExperimentSpecInput {
  architecture: string;
  program?: string | null;
  planted?: unknown | null;
  data?: string | null;
  n: Array<number>;
  d: Array<number>;
  sigma?: Array<number> | null;
  trials?: number | null;
  beta?: number | null;
  seed?: number | null;
  patternSamples?: number | null;
  testSize?: number | null;
  method?: string | null;
  /** the trainer's backend for method train/both: wasm (default), cpu, tensorflow, webgpu */
  backend?: string | null;
}

export interface FloatRange {
  min?: number | null;
  max?: number | null;
}

export interface ImportCasesInput {
  /** existing experiment to add the runs to; a new one named `name` otherwise */
  experimentId?: string | null;
  name?: string | null;
  cases: Array<CaseImport>;
}

export interface ImportResult {
  experiment: Experiment;
  runs: Array<Run>;
}

export interface IntRange {
  eq?: number | null;
  in?: Array<number> | null;
  min?: number | null;
  max?: number | null;
}

export interface Job {
  id: string;
  experimentId: string;
  runId: string;
  status: JobStatus;
  attempts: number;
  worker: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobConnection {
  nodes: Array<Job>;
  pageInfo: PageInfo;
  totalCount: number;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** One sample of a training loss curve. */
export interface LossPoint {
  epoch: number;
  loss: number;
}

export interface Mutation {
  createExperiment: Experiment;
  cancelExperiment: Experiment;
  retryFailed: RetryResult;
  deleteExperiment: DeleteResult;
  tagExperiment: Experiment;
  annotateExperiment: Experiment;
  tagRun: Run;
  annotateRun: Run;
  importCases: ImportResult;
}

export interface MutationCreateExperimentArgs {
  input: CreateExperimentInput;
}

export interface MutationCancelExperimentArgs {
  id: string;
}

export interface MutationRetryFailedArgs {
  experimentId: string;
}

export interface MutationDeleteExperimentArgs {
  id: string;
}

export interface MutationTagExperimentArgs {
  id: string;
  add?: Array<string> | null;
  remove?: Array<string> | null;
}

export interface MutationAnnotateExperimentArgs {
  id: string;
  notes: string;
}

export interface MutationTagRunArgs {
  id: string;
  add?: Array<string> | null;
  remove?: Array<string> | null;
}

export interface MutationAnnotateRunArgs {
  id: string;
  notes: string;
}

export interface MutationImportCasesArgs {
  input: ImportCasesInput;
}

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

/** One (n, d[, sigma]) cell over finished runs with a planted model. */
export interface PhaseCell {
  n: number;
  d: number;
  sigma: number | null;
  /** n / d */
  ratio: number;
  trials: number;
  successes: number;
  /** P(recovered) */
  p: number;
  /** Wilson 95% interval of p */
  pLow: number;
  pHigh: number;
  certifiedCount: number;
  /** P(certified), certified = nic < 1 */
  pCertified: number;
  meanDistance: number | null;
  meanTestError: number | null;
  /** mean over trials of the relative distance ||recovered planted weights - planted weights|| / ||planted weights|| (science.md 5) */
  meanRelDistance: number | null;
  /** median over trials of the relative distance */
  medianRelDistance: number | null;
  /** first quartile of the relative distance over trials (the spread of the paper's distance curves) */
  q25RelDistance: number | null;
  /** third quartile of the relative distance over trials */
  q75RelDistance: number | null;
  /** trials recovered approximately: relative distance <= the query's approxTolerance */
  approxCount: number;
  /** P(approximately recovered) */
  pApprox: number;
  /** Wilson 95% interval of pApprox */
  pApproxLow: number;
  pApproxHigh: number;
  /** mean over trials of the run's cosine: the smallest, over planted neurons (and the planted skip), of the cosine with the closest recovered neuron */
  meanCosine: number | null;
  /** trials whose support is right */
  supportCount: number;
  /** P(support right): the planted blocks are the largest and every other block is below 0.1 of the smallest planted one */
  pSupport: number;
}

export interface PhaseDiagram {
  cells: Array<PhaseCell>;
  trials: number;
  /** the relative-distance tolerance of approximate recovery the cells were counted with */
  approxTolerance: number;
}

/** What a phase-diagram cell is summarized by: probabilities (RECOVERED, CERTIFIED, APPROX, SUPPORT) or means over trials (DISTANCE, REL_DISTANCE, TEST_ERROR, COSINE). */
export type PhaseMetric = 'RECOVERED' | 'CERTIFIED' | 'APPROX' | 'DISTANCE' | 'REL_DISTANCE' | 'TEST_ERROR' | 'COSINE' | 'SUPPORT';

export interface Progress {
  experimentId: string;
  status: string;
  total: number;
  queued: number;
  running: number;
  done: number;
  failed: number;
  cancelled: number;
}

export interface Query {
  experiments: ExperimentConnection;
  experiment: Experiment | null;
  runs: RunConnection;
  run: Run | null;
  /** cells over (n, d), or (n, d, sigma) with bySigma; `sigma` keeps only the runs with that noise level; approxTolerance (> 0) is the relative distance under which a run counts as approximately recovered */
  phaseDiagram: PhaseDiagram;
  /** the threshold c of n = c d where the metric's probability crosses `level` (metric RECOVERED, CERTIFIED, APPROX or SUPPORT) */
  transitionEstimate: TransitionEstimate;
  /** cell-by-cell A minus B of the metric; `sigma` slices both sides, sigmaA / sigmaB one side each (they override `sigma`), e.g. one experiment at two noise levels */
  compareRecovery: RecoveryComparison;
  jobs: JobConnection;
  workerState: WorkerState;
}

export interface QueryExperimentsArgs {
  filter?: ExperimentFilter | null;
  first?: number | null;
  after?: string | null;
}

export interface QueryExperimentArgs {
  id: string;
}

export interface QueryRunsArgs {
  filter?: RunFilter | null;
  orderBy?: RunOrder | null;
  first?: number | null;
  after?: string | null;
}

export interface QueryRunArgs {
  id: string;
}

export interface QueryPhaseDiagramArgs {
  filter?: RunFilter | null;
  bySigma?: boolean | null;
  sigma?: number | null;
  approxTolerance?: number | null;
}

export interface QueryTransitionEstimateArgs {
  filter?: RunFilter | null;
  level?: number | null;
  metric?: PhaseMetric | null;
  sigma?: number | null;
  approxTolerance?: number | null;
}

export interface QueryCompareRecoveryArgs {
  a: RunFilter;
  b: RunFilter;
  bySigma?: boolean | null;
  metric?: PhaseMetric | null;
  sigma?: number | null;
  sigmaA?: number | null;
  sigmaB?: number | null;
  approxTolerance?: number | null;
}

export interface QueryJobsArgs {
  experimentId?: string | null;
  status?: Array<JobStatus> | null;
  first?: number | null;
  after?: string | null;
}

export interface RecoveryComparison {
  cells: Array<ComparisonCell>;
  metric: PhaseMetric;
  approxTolerance: number;
}

export interface RetryResult {
  experiment: Experiment;
  retried: number;
}

export interface Run {
  id: string;
  experimentId: string;
  experiment: Experiment;
  trial: number;
  status: RunStatus;
  error: string | null;
  architecture: string;
  program: string;
  method: string;
  planted: string;
  plantedK: number;
  plantedWeights: string;
  data: string;
  n: number;
  d: number;
  seed: number;
  sigma: number;
  beta: number;
  patternSamples: number | null;
  testSize: number;
  backend: string;
  source: string;
  caseName: string | null;
  recovered: boolean | null;
  recoveredTolerance: number | null;
  recoveredAllclose: boolean | null;
  testOk: boolean | null;
  nearTie: boolean | null;
  allOnesPattern: boolean | null;
  objective: number | null;
  plantedObjective: number | null;
  relErrPlanted: number | null;
  distance: number | null;
  /** distance / ||planted weights|| (science.md 5) */
  relDistance: number | null;
  /** smallest over planted neurons (and the planted skip) of the cosine with the closest recovered neuron of the same sign */
  cosine: number | null;
  /** the planted blocks are the largest and every other block is below 0.1 of the smallest planted one */
  support: boolean | null;
  testError: number | null;
  testErrorRel: number | null;
  activeNeurons: number | null;
  maxOtherBlockNorm: number | null;
  patterns: number | null;
  iterations: number | null;
  solverStatus: string | null;
  certificate: Certificate;
  timeMs: number | null;
  /** trained runs: the loss curve, sampled (null for convex runs) */
  lossCurve: Array<LossPoint> | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  tags: Array<string>;
  notes: string;
  /** the planted network (null without a planted model) */
  plantedNetwork: Weights | null;
  /** the network the solver recovered */
  recoveredNetwork: Weights | null;
}

export interface RunConnection {
  nodes: Array<Run>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** Runs matching every given field; `and`, `or` and `not` combine nested filters (at most 5 levels). */
export interface RunFilter {
  and?: Array<RunFilter> | null;
  or?: Array<RunFilter> | null;
  not?: RunFilter | null;
  experimentId?: Array<string> | null;
  status?: Array<RunStatus> | null;
  architecture?: Array<string> | null;
  program?: Array<string> | null;
  method?: Array<string> | null;
  planted?: Array<string> | null;
  data?: Array<string> | null;
  backend?: Array<string> | null;
  source?: Array<string> | null;
  n?: IntRange | null;
  d?: IntRange | null;
  seed?: IntRange | null;
  trial?: IntRange | null;
  sigma?: FloatRange | null;
  beta?: FloatRange | null;
  recovered?: boolean | null;
  certified?: boolean | null;
  testOk?: boolean | null;
  nearTie?: boolean | null;
  distance?: FloatRange | null;
  relDistance?: FloatRange | null;
  cosine?: FloatRange | null;
  support?: boolean | null;
  testError?: FloatRange | null;
  objective?: FloatRange | null;
  nic?: FloatRange | null;
  activeNeurons?: IntRange | null;
  iterations?: IntRange | null;
  timeMs?: FloatRange | null;
  /** runs carrying this tag */
  tag?: string | null;
}

export interface RunOrder {
  field: RunSortField;
  direction?: SortDirection | null;
}

export type RunSortField = 'ID' | 'N' | 'D' | 'SIGMA' | 'SEED' | 'TRIAL' | 'DISTANCE' | 'REL_DISTANCE' | 'COSINE' | 'TEST_ERROR' | 'OBJECTIVE' | 'NIC' | 'TIME_MS' | 'CREATED_AT' | 'FINISHED_AT';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export type SortDirection = 'ASC' | 'DESC';

export interface Subscription {
  experimentProgress: Progress;
  runFinished: Run;
}

export interface SubscriptionExperimentProgressArgs {
  experimentId: string;
}

export interface SubscriptionRunFinishedArgs {
  experimentId?: string | null;
}

export interface TransitionEstimate {
  /** threshold c of n = c d where the metric's probability (P(recovered) by default) crosses `level`; null when the data do not cross it */
  c: number | null;
  low: number | null;
  high: number | null;
  level: number;
  /** logistic (fit in log(n/d), delta-method interval) or interpolation */
  method: string;
  cells: number;
  trials: number;
  note: string | null;
  /** the probability that was fitted (RECOVERED, CERTIFIED, APPROX or SUPPORT) */
  metric: PhaseMetric;
  approxTolerance: number;
}

export interface Weights {
  role: string;
  neurons: number;
  d: number;
  /** first layer, one row of d numbers per neuron */
  w: Array<Array<number>>;
  /** output weights, one per neuron */
  a: Array<number>;
  skip: Array<number> | null;
  checksum: string;
  /** the stored checksum matches the stored values */
  checksumOk: boolean;
}

/** A compute process of the job executor. */
export interface WorkerInfo {
  id: string;
  /** its compute backend (RLAB_BACKEND, or auto) */
  backend: string;
  busy: boolean;
  jobsDone: number;
  /** the run it is computing */
  runId: string | null;
  /** how far that run is (0..1), when it reports progress */
  progress: number | null;
  host: string;
  pid: number | null;
}

export interface WorkerState {
  executor: string;
  started: boolean;
  concurrency: number;
  queued: number;
  active: number;
  processed: number;
  failed: number;
  /** one entry per compute process: the local pool's, or those of every `rlab worker` on Redis */
  workers: Array<WorkerInfo>;
}
