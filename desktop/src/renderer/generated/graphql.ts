// Generated from shared/src/schema.graphql by desktop/scripts/codegen.ts. Do not edit; run `pnpm --filter @rlab/desktop codegen`.
/* eslint-disable */

export interface CaseImport {
  case: unknown;
  result?: unknown | null;
}

export interface Certificate {
  nic: number | null;
  kind: string | null;
  bestDual: number | null;
  certified: boolean | null;
}

export interface ComparisonCell {
  n: number;
  d: number;
  sigma: number | null;
  a: PhaseCell | null;
  b: PhaseCell | null;
  diff: number | null;
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
  backend?: string | null;
}

export interface FloatRange {
  min?: number | null;
  max?: number | null;
}

export interface ImportCasesInput {
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

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface PhaseCell {
  n: number;
  d: number;
  sigma: number | null;
  ratio: number;
  trials: number;
  successes: number;
  p: number;
  pLow: number;
  pHigh: number;
  certifiedCount: number;
  pCertified: number;
  meanDistance: number | null;
  meanTestError: number | null;
}

export interface PhaseDiagram {
  cells: Array<PhaseCell>;
  trials: number;
}

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
  phaseDiagram: PhaseDiagram;
  transitionEstimate: TransitionEstimate;
  compareRecovery: RecoveryComparison;
  jobs: JobConnection;
  workerState: WorkerState;
}

export interface RecoveryComparison {
  cells: Array<ComparisonCell>;
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
  testError: number | null;
  testErrorRel: number | null;
  activeNeurons: number | null;
  maxOtherBlockNorm: number | null;
  patterns: number | null;
  iterations: number | null;
  solverStatus: string | null;
  certificate: Certificate;
  timeMs: number | null;
  lossCurve: Array<LossPoint> | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  tags: Array<string>;
  notes: string;
  plantedNetwork: Weights | null;
  recoveredNetwork: Weights | null;
}

export interface RunConnection {
  nodes: Array<Run>;
  pageInfo: PageInfo;
  totalCount: number;
}

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
  testError?: FloatRange | null;
  objective?: FloatRange | null;
  nic?: FloatRange | null;
  activeNeurons?: IntRange | null;
  iterations?: IntRange | null;
  timeMs?: FloatRange | null;
  tag?: string | null;
}

export interface RunOrder {
  field: RunSortField;
  direction?: SortDirection | null;
}

export type RunSortField = 'ID' | 'N' | 'D' | 'SIGMA' | 'SEED' | 'TRIAL' | 'DISTANCE' | 'TEST_ERROR' | 'OBJECTIVE' | 'NIC' | 'TIME_MS' | 'CREATED_AT' | 'FINISHED_AT';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export type SortDirection = 'ASC' | 'DESC';

export interface Subscription {
  experimentProgress: Progress;
  runFinished: Run;
}

export interface TransitionEstimate {
  c: number | null;
  low: number | null;
  high: number | null;
  level: number;
  method: string;
  cells: number;
  trials: number;
  note: string | null;
}

export interface Weights {
  role: string;
  neurons: number;
  d: number;
  w: Array<Array<number>>;
  a: Array<number>;
  skip: Array<number> | null;
  checksum: string;
  checksumOk: boolean;
}

export interface WorkerInfo {
  id: string;
  backend: string;
  busy: boolean;
  jobsDone: number;
  runId: string | null;
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
  workers: Array<WorkerInfo>;
}
