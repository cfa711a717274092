/* Generated from shared/src/schema.graphql by `pnpm codegen` (codegen.ts). Do not edit. */
/* eslint-disable */
import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Experiment as ExperimentRow, Run as RunRow, Job as JobRow } from '../../db/generated/prisma/client.ts';
import type { RunPage } from '../../modules/run/resolvers.ts';
import type { WorkerStateSnapshot } from '../../modules/job/executor.ts';
import type { Context } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string | number; output: string | number; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** ISO 8601 timestamp. */
  DateTime: { input: string; output: Date | string; }
  /** Arbitrary JSON value (specs, case files). */
  JSON: { input: unknown; output: unknown; }
};

export type CaseImport = {
  /** a "recovery-case/1" file */
  case: Scalars['JSON']['input'];
  /** optional solver answer for it (the result format); when absent the server solves the case */
  result?: InputMaybe<Scalars['JSON']['input']>;
};

export type Certificate = {
  __typename?: 'Certificate';
  /** max_j ||A_j^T lambda|| of the best dual vector */
  bestDual: Maybe<Scalars['Float']['output']>;
  /** nic < 1 */
  certified: Maybe<Scalars['Boolean']['output']>;
  kind: Maybe<Scalars['String']['output']>;
  /** NIC / NIC-1 / NNIC-k value (science.md 6); null when it does not apply */
  nic: Maybe<Scalars['Float']['output']>;
};

export type ComparisonCell = {
  __typename?: 'ComparisonCell';
  a: Maybe<PhaseCell>;
  b: Maybe<PhaseCell>;
  d: Scalars['Int']['output'];
  /** A minus B of the metric's cell value (p, pCertified, pApprox, pSupport, meanDistance, meanRelDistance, meanTestError or meanCosine); null when a side has no cell or no value */
  diff: Maybe<Scalars['Float']['output']>;
  diffHigh: Maybe<Scalars['Float']['output']>;
  /** Newcombe's 95% interval of diff for probability metrics; null for means */
  diffLow: Maybe<Scalars['Float']['output']>;
  n: Scalars['Int']['output'];
  sigma: Maybe<Scalars['Float']['output']>;
};

export type CreateExperimentInput = {
  name: Scalars['String']['input'];
  notes?: InputMaybe<Scalars['String']['input']>;
  spec: ExperimentSpecInput;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type DeleteResult = {
  __typename?: 'DeleteResult';
  id: Scalars['ID']['output'];
  runsDeleted: Scalars['Int']['output'];
};

export type Experiment = {
  __typename?: 'Experiment';
  createdAt: Scalars['DateTime']['output'];
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  method: Scalars['String']['output'];
  name: Scalars['String']['output'];
  notes: Scalars['String']['output'];
  progress: Progress;
  runs: RunConnection;
  spec: Scalars['JSON']['output'];
  specHash: Scalars['String']['output'];
  status: Scalars['String']['output'];
  tags: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
};


export type ExperimentRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<RunOrder>;
};

export type ExperimentConnection = {
  __typename?: 'ExperimentConnection';
  nodes: Array<Experiment>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ExperimentFilter = {
  method?: InputMaybe<Array<Scalars['String']['input']>>;
  nameContains?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<Array<Scalars['String']['input']>>;
  tag?: InputMaybe<Scalars['String']['input']>;
};

export type ExperimentSpecInput = {
  architecture: Scalars['String']['input'];
  /** the trainer's backend for method train/both: wasm (default), cpu, tensorflow, webgpu */
  backend?: InputMaybe<Scalars['String']['input']>;
  /** convex runs also compute the best-dual certificate (science.md section 6; one more convex program each) */
  bestDual?: InputMaybe<Scalars['Boolean']['input']>;
  beta?: InputMaybe<Scalars['Float']['input']>;
  d: Array<Scalars['Int']['input']>;
  data?: InputMaybe<Scalars['String']['input']>;
  /** training epochs for method train/both (default: the trainer's) */
  epochs?: InputMaybe<Scalars['Int']['input']>;
  method?: InputMaybe<Scalars['String']['input']>;
  n: Array<Scalars['Int']['input']>;
  patternSamples?: InputMaybe<Scalars['Int']['input']>;
  planted?: InputMaybe<Scalars['JSON']['input']>;
  program?: InputMaybe<Scalars['String']['input']>;
  seed?: InputMaybe<Scalars['Int']['input']>;
  sigma?: InputMaybe<Array<Scalars['Float']['input']>>;
  testSize?: InputMaybe<Scalars['Int']['input']>;
  trials?: InputMaybe<Scalars['Int']['input']>;
};

export type ExportFormat =
  | 'CSV'
  | 'JSON';

export type FloatRange = {
  max?: InputMaybe<Scalars['Float']['input']>;
  min?: InputMaybe<Scalars['Float']['input']>;
};

export type ImportCasesInput = {
  cases: Array<CaseImport>;
  /** existing experiment to add the runs to; a new one named `name` otherwise */
  experimentId?: InputMaybe<Scalars['ID']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type ImportResult = {
  __typename?: 'ImportResult';
  experiment: Experiment;
  runs: Array<Run>;
};

export type IntRange = {
  eq?: InputMaybe<Scalars['Int']['input']>;
  in?: InputMaybe<Array<Scalars['Int']['input']>>;
  max?: InputMaybe<Scalars['Int']['input']>;
  min?: InputMaybe<Scalars['Int']['input']>;
};

export type Job = {
  __typename?: 'Job';
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  error: Maybe<Scalars['String']['output']>;
  experimentId: Scalars['ID']['output'];
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  runId: Scalars['ID']['output'];
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: JobStatus;
  worker: Maybe<Scalars['String']['output']>;
};

export type JobConnection = {
  __typename?: 'JobConnection';
  nodes: Array<Job>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type JobStatus =
  | 'cancelled'
  | 'done'
  | 'failed'
  | 'queued'
  | 'running';

/** One sample of a training loss curve. */
export type LossPoint = {
  __typename?: 'LossPoint';
  epoch: Scalars['Int']['output'];
  loss: Scalars['Float']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  annotateExperiment: Experiment;
  annotateRun: Run;
  cancelExperiment: Experiment;
  createExperiment: Experiment;
  deleteExperiment: DeleteResult;
  importCases: ImportResult;
  retryFailed: RetryResult;
  tagExperiment: Experiment;
  tagRun: Run;
};


export type MutationAnnotateExperimentArgs = {
  id: Scalars['ID']['input'];
  notes: Scalars['String']['input'];
};


export type MutationAnnotateRunArgs = {
  id: Scalars['ID']['input'];
  notes: Scalars['String']['input'];
};


export type MutationCancelExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateExperimentArgs = {
  input: CreateExperimentInput;
};


export type MutationDeleteExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type MutationImportCasesArgs = {
  input: ImportCasesInput;
};


export type MutationRetryFailedArgs = {
  experimentId: Scalars['ID']['input'];
};


export type MutationTagExperimentArgs = {
  add?: InputMaybe<Array<Scalars['String']['input']>>;
  id: Scalars['ID']['input'];
  remove?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type MutationTagRunArgs = {
  add?: InputMaybe<Array<Scalars['String']['input']>>;
  id: Scalars['ID']['input'];
  remove?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
};

/** One (n, d[, sigma]) cell over finished runs with a planted model. */
export type PhaseCell = {
  __typename?: 'PhaseCell';
  /** trials recovered approximately: relative distance <= the query's approxTolerance */
  approxCount: Scalars['Int']['output'];
  certifiedCount: Scalars['Int']['output'];
  d: Scalars['Int']['output'];
  /** mean over trials of the run's cosine: the smallest, over planted neurons (and the planted skip), of the cosine with the closest recovered neuron */
  meanCosine: Maybe<Scalars['Float']['output']>;
  meanDistance: Maybe<Scalars['Float']['output']>;
  /** mean over trials of the relative distance ||recovered planted weights - planted weights|| / ||planted weights|| (science.md 5) */
  meanRelDistance: Maybe<Scalars['Float']['output']>;
  meanTestError: Maybe<Scalars['Float']['output']>;
  /** median over trials of the relative distance */
  medianRelDistance: Maybe<Scalars['Float']['output']>;
  n: Scalars['Int']['output'];
  /** P(recovered) */
  p: Scalars['Float']['output'];
  /** P(approximately recovered) */
  pApprox: Scalars['Float']['output'];
  pApproxHigh: Scalars['Float']['output'];
  /** Wilson 95% interval of pApprox */
  pApproxLow: Scalars['Float']['output'];
  /** P(certified), certified = nic < 1 */
  pCertified: Scalars['Float']['output'];
  pHigh: Scalars['Float']['output'];
  /** Wilson 95% interval of p */
  pLow: Scalars['Float']['output'];
  /** P(support right): the planted blocks are the largest and every other block is below 0.1 of the smallest planted one */
  pSupport: Scalars['Float']['output'];
  /** first quartile of the relative distance over trials (the spread of the paper's distance curves) */
  q25RelDistance: Maybe<Scalars['Float']['output']>;
  /** third quartile of the relative distance over trials */
  q75RelDistance: Maybe<Scalars['Float']['output']>;
  /** n / d */
  ratio: Scalars['Float']['output'];
  sigma: Maybe<Scalars['Float']['output']>;
  successes: Scalars['Int']['output'];
  /** trials whose support is right */
  supportCount: Scalars['Int']['output'];
  trials: Scalars['Int']['output'];
};

export type PhaseDiagram = {
  __typename?: 'PhaseDiagram';
  /** the relative-distance tolerance of approximate recovery the cells were counted with */
  approxTolerance: Scalars['Float']['output'];
  cells: Array<PhaseCell>;
  trials: Scalars['Int']['output'];
};

/** What a phase-diagram cell is summarized by: probabilities (RECOVERED, CERTIFIED, APPROX, SUPPORT) or means over trials (DISTANCE, REL_DISTANCE, TEST_ERROR, COSINE). */
export type PhaseMetric =
  | 'APPROX'
  | 'CERTIFIED'
  | 'COSINE'
  | 'DISTANCE'
  | 'RECOVERED'
  | 'REL_DISTANCE'
  | 'SUPPORT'
  | 'TEST_ERROR';

export type Progress = {
  __typename?: 'Progress';
  cancelled: Scalars['Int']['output'];
  done: Scalars['Int']['output'];
  experimentId: Scalars['ID']['output'];
  failed: Scalars['Int']['output'];
  queued: Scalars['Int']['output'];
  running: Scalars['Int']['output'];
  status: Scalars['String']['output'];
  total: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** cell-by-cell A minus B of the metric; `sigma` slices both sides, sigmaA / sigmaB one side each (they override `sigma`), e.g. one experiment at two noise levels */
  compareRecovery: RecoveryComparison;
  experiment: Maybe<Experiment>;
  experiments: ExperimentConnection;
  jobs: JobConnection;
  /** cells over (n, d), or (n, d, sigma) with bySigma; `sigma` keeps only the runs with that noise level; approxTolerance (> 0) is the relative distance under which a run counts as approximately recovered */
  phaseDiagram: PhaseDiagram;
  run: Maybe<Run>;
  /** a page of runs: `first` of them after the cursor `after`, or from position `offset` (0-based, in this filter and order: jumps anywhere in a million runs without reading the pages before) */
  runs: RunConnection;
  /** the runs a filter selects as one file (the columns of /export/runs.csv); more than 200,000 runs is refused naming `filter` */
  runsExport: RunsExport;
  /** the threshold c of n = c d where the metric's probability crosses `level` (metric RECOVERED, CERTIFIED, APPROX or SUPPORT) */
  transitionEstimate: TransitionEstimate;
  workerState: WorkerState;
};


export type QueryCompareRecoveryArgs = {
  a: RunFilter;
  approxTolerance?: InputMaybe<Scalars['Float']['input']>;
  b: RunFilter;
  bySigma?: InputMaybe<Scalars['Boolean']['input']>;
  metric?: InputMaybe<PhaseMetric>;
  sigma?: InputMaybe<Scalars['Float']['input']>;
  sigmaA?: InputMaybe<Scalars['Float']['input']>;
  sigmaB?: InputMaybe<Scalars['Float']['input']>;
};


export type QueryExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryExperimentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ExperimentFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  experimentId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<Array<JobStatus>>;
};


export type QueryPhaseDiagramArgs = {
  approxTolerance?: InputMaybe<Scalars['Float']['input']>;
  bySigma?: InputMaybe<Scalars['Boolean']['input']>;
  filter?: InputMaybe<RunFilter>;
  sigma?: InputMaybe<Scalars['Float']['input']>;
};


export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<RunFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<RunOrder>;
};


export type QueryRunsExportArgs = {
  filter?: InputMaybe<RunFilter>;
  format?: InputMaybe<ExportFormat>;
};


export type QueryTransitionEstimateArgs = {
  approxTolerance?: InputMaybe<Scalars['Float']['input']>;
  filter?: InputMaybe<RunFilter>;
  level?: InputMaybe<Scalars['Float']['input']>;
  metric?: InputMaybe<PhaseMetric>;
  sigma?: InputMaybe<Scalars['Float']['input']>;
};

export type RecoveryComparison = {
  __typename?: 'RecoveryComparison';
  approxTolerance: Scalars['Float']['output'];
  cells: Array<ComparisonCell>;
  metric: PhaseMetric;
};

export type RetryResult = {
  __typename?: 'RetryResult';
  experiment: Experiment;
  retried: Scalars['Int']['output'];
};

export type Run = {
  __typename?: 'Run';
  activeNeurons: Maybe<Scalars['Int']['output']>;
  allOnesPattern: Maybe<Scalars['Boolean']['output']>;
  architecture: Scalars['String']['output'];
  backend: Scalars['String']['output'];
  beta: Scalars['Float']['output'];
  caseName: Maybe<Scalars['String']['output']>;
  certificate: Certificate;
  /** smallest over planted neurons (and the planted skip) of the cosine with the closest recovered neuron of the same sign */
  cosine: Maybe<Scalars['Float']['output']>;
  createdAt: Scalars['DateTime']['output'];
  d: Scalars['Int']['output'];
  data: Scalars['String']['output'];
  distance: Maybe<Scalars['Float']['output']>;
  error: Maybe<Scalars['String']['output']>;
  experiment: Experiment;
  experimentId: Scalars['ID']['output'];
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  iterations: Maybe<Scalars['Int']['output']>;
  /** trained runs: the loss curve, sampled (null for convex runs) */
  lossCurve: Maybe<Array<LossPoint>>;
  maxOtherBlockNorm: Maybe<Scalars['Float']['output']>;
  method: Scalars['String']['output'];
  n: Scalars['Int']['output'];
  nearTie: Maybe<Scalars['Boolean']['output']>;
  notes: Scalars['String']['output'];
  objective: Maybe<Scalars['Float']['output']>;
  patternSamples: Maybe<Scalars['Int']['output']>;
  patterns: Maybe<Scalars['Int']['output']>;
  planted: Scalars['String']['output'];
  plantedK: Scalars['Int']['output'];
  /** the planted network (null without a planted model) */
  plantedNetwork: Maybe<Weights>;
  plantedObjective: Maybe<Scalars['Float']['output']>;
  plantedWeights: Scalars['String']['output'];
  program: Scalars['String']['output'];
  recovered: Maybe<Scalars['Boolean']['output']>;
  recoveredAllclose: Maybe<Scalars['Boolean']['output']>;
  /** the network the solver recovered */
  recoveredNetwork: Maybe<Weights>;
  recoveredTolerance: Maybe<Scalars['Float']['output']>;
  /** distance / ||planted weights|| (science.md 5) */
  relDistance: Maybe<Scalars['Float']['output']>;
  relErrPlanted: Maybe<Scalars['Float']['output']>;
  seed: Scalars['Int']['output'];
  sigma: Scalars['Float']['output'];
  solverStatus: Maybe<Scalars['String']['output']>;
  source: Scalars['String']['output'];
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: RunStatus;
  /** the planted blocks are the largest and every other block is below 0.1 of the smallest planted one */
  support: Maybe<Scalars['Boolean']['output']>;
  tags: Array<Scalars['String']['output']>;
  testError: Maybe<Scalars['Float']['output']>;
  testErrorRel: Maybe<Scalars['Float']['output']>;
  testOk: Maybe<Scalars['Boolean']['output']>;
  testSize: Scalars['Int']['output'];
  timeMs: Maybe<Scalars['Float']['output']>;
  trial: Scalars['Int']['output'];
};

export type RunConnection = {
  __typename?: 'RunConnection';
  nodes: Array<Run>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

/** Runs matching every given field; `and`, `or` and `not` combine nested filters (at most 5 levels). */
export type RunFilter = {
  activeNeurons?: InputMaybe<IntRange>;
  and?: InputMaybe<Array<RunFilter>>;
  architecture?: InputMaybe<Array<Scalars['String']['input']>>;
  backend?: InputMaybe<Array<Scalars['String']['input']>>;
  beta?: InputMaybe<FloatRange>;
  certified?: InputMaybe<Scalars['Boolean']['input']>;
  cosine?: InputMaybe<FloatRange>;
  d?: InputMaybe<IntRange>;
  data?: InputMaybe<Array<Scalars['String']['input']>>;
  distance?: InputMaybe<FloatRange>;
  experimentId?: InputMaybe<Array<Scalars['ID']['input']>>;
  iterations?: InputMaybe<IntRange>;
  method?: InputMaybe<Array<Scalars['String']['input']>>;
  n?: InputMaybe<IntRange>;
  nearTie?: InputMaybe<Scalars['Boolean']['input']>;
  nic?: InputMaybe<FloatRange>;
  not?: InputMaybe<RunFilter>;
  objective?: InputMaybe<FloatRange>;
  or?: InputMaybe<Array<RunFilter>>;
  planted?: InputMaybe<Array<Scalars['String']['input']>>;
  program?: InputMaybe<Array<Scalars['String']['input']>>;
  recovered?: InputMaybe<Scalars['Boolean']['input']>;
  relDistance?: InputMaybe<FloatRange>;
  seed?: InputMaybe<IntRange>;
  sigma?: InputMaybe<FloatRange>;
  source?: InputMaybe<Array<Scalars['String']['input']>>;
  status?: InputMaybe<Array<RunStatus>>;
  support?: InputMaybe<Scalars['Boolean']['input']>;
  /** runs carrying this tag */
  tag?: InputMaybe<Scalars['String']['input']>;
  testError?: InputMaybe<FloatRange>;
  testOk?: InputMaybe<Scalars['Boolean']['input']>;
  timeMs?: InputMaybe<FloatRange>;
  trial?: InputMaybe<IntRange>;
};

export type RunOrder = {
  direction?: InputMaybe<SortDirection>;
  field: RunSortField;
};

export type RunSortField =
  | 'COSINE'
  | 'CREATED_AT'
  | 'D'
  | 'DISTANCE'
  | 'FINISHED_AT'
  | 'ID'
  | 'N'
  | 'NIC'
  | 'OBJECTIVE'
  | 'REL_DISTANCE'
  | 'SEED'
  | 'SIGMA'
  | 'TEST_ERROR'
  | 'TIME_MS'
  | 'TRIAL';

export type RunStatus =
  | 'cancelled'
  | 'done'
  | 'failed'
  | 'queued'
  | 'running';

/** An export of runs: a whole file, to save as `filename`. */
export type RunsExport = {
  __typename?: 'RunsExport';
  content: Scalars['String']['output'];
  filename: Scalars['String']['output'];
  mimeType: Scalars['String']['output'];
  /** the number of runs in it */
  rows: Scalars['Int']['output'];
  /** whether runs were left out (never today: a filter selecting too many runs is refused instead) */
  truncated: Scalars['Boolean']['output'];
};

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type Subscription = {
  __typename?: 'Subscription';
  experimentProgress: Progress;
  runFinished: Run;
};


export type SubscriptionExperimentProgressArgs = {
  experimentId: Scalars['ID']['input'];
};


export type SubscriptionRunFinishedArgs = {
  experimentId?: InputMaybe<Scalars['ID']['input']>;
};

export type TransitionEstimate = {
  __typename?: 'TransitionEstimate';
  approxTolerance: Scalars['Float']['output'];
  /** threshold c of n = c d where the metric's probability (P(recovered) by default) crosses `level`; null when the data do not cross it */
  c: Maybe<Scalars['Float']['output']>;
  cells: Scalars['Int']['output'];
  high: Maybe<Scalars['Float']['output']>;
  level: Scalars['Float']['output'];
  low: Maybe<Scalars['Float']['output']>;
  /** logistic (fit in log(n/d), delta-method interval) or interpolation */
  method: Scalars['String']['output'];
  /** the probability that was fitted (RECOVERED, CERTIFIED, APPROX or SUPPORT) */
  metric: PhaseMetric;
  note: Maybe<Scalars['String']['output']>;
  trials: Scalars['Int']['output'];
};

export type Weights = {
  __typename?: 'Weights';
  /** output weights, one per neuron */
  a: Array<Scalars['Float']['output']>;
  checksum: Scalars['String']['output'];
  /** the stored checksum matches the stored values */
  checksumOk: Scalars['Boolean']['output'];
  d: Scalars['Int']['output'];
  neurons: Scalars['Int']['output'];
  role: Scalars['String']['output'];
  skip: Maybe<Array<Scalars['Float']['output']>>;
  /** first layer, one row of d numbers per neuron */
  w: Array<Array<Scalars['Float']['output']>>;
};

/** A compute process of the job executor. */
export type WorkerInfo = {
  __typename?: 'WorkerInfo';
  /** its compute backend (RLAB_BACKEND, or auto) */
  backend: Scalars['String']['output'];
  busy: Scalars['Boolean']['output'];
  host: Scalars['String']['output'];
  id: Scalars['String']['output'];
  jobsDone: Scalars['Int']['output'];
  pid: Maybe<Scalars['Int']['output']>;
  /** how far that run is (0..1), when it reports progress */
  progress: Maybe<Scalars['Float']['output']>;
  /** the run it is computing */
  runId: Maybe<Scalars['ID']['output']>;
};

export type WorkerState = {
  __typename?: 'WorkerState';
  active: Scalars['Int']['output'];
  concurrency: Scalars['Int']['output'];
  executor: Scalars['String']['output'];
  failed: Scalars['Int']['output'];
  processed: Scalars['Int']['output'];
  queued: Scalars['Int']['output'];
  started: Scalars['Boolean']['output'];
  /** one entry per compute process: the local pool's, or those of every `rlab worker` on Redis */
  workers: Array<WorkerInfo>;
};



export type ResolverTypeWrapper<T> = T | Promise<T>;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  CaseImport: CaseImport;
  Certificate: ResolverTypeWrapper<Certificate>;
  ComparisonCell: ResolverTypeWrapper<ComparisonCell>;
  CreateExperimentInput: CreateExperimentInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeleteResult: ResolverTypeWrapper<DeleteResult>;
  Experiment: ResolverTypeWrapper<ExperimentRow>;
  ExperimentConnection: ResolverTypeWrapper<Omit<ExperimentConnection, 'nodes'> & { nodes: Array<ResolversTypes['Experiment']> }>;
  ExperimentFilter: ExperimentFilter;
  ExperimentSpecInput: ExperimentSpecInput;
  ExportFormat: ExportFormat;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  FloatRange: FloatRange;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ImportCasesInput: ImportCasesInput;
  ImportResult: ResolverTypeWrapper<Omit<ImportResult, 'experiment' | 'runs'> & { experiment: ResolversTypes['Experiment'], runs: Array<ResolversTypes['Run']> }>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  IntRange: IntRange;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  Job: ResolverTypeWrapper<JobRow>;
  JobConnection: ResolverTypeWrapper<Omit<JobConnection, 'nodes'> & { nodes: Array<ResolversTypes['Job']> }>;
  JobStatus: JobStatus;
  LossPoint: ResolverTypeWrapper<LossPoint>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PhaseCell: ResolverTypeWrapper<PhaseCell>;
  PhaseDiagram: ResolverTypeWrapper<PhaseDiagram>;
  PhaseMetric: PhaseMetric;
  Progress: ResolverTypeWrapper<Progress>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RecoveryComparison: ResolverTypeWrapper<RecoveryComparison>;
  RetryResult: ResolverTypeWrapper<Omit<RetryResult, 'experiment'> & { experiment: ResolversTypes['Experiment'] }>;
  Run: ResolverTypeWrapper<RunRow>;
  RunConnection: ResolverTypeWrapper<RunPage>;
  RunFilter: RunFilter;
  RunOrder: RunOrder;
  RunSortField: RunSortField;
  RunStatus: RunStatus;
  RunsExport: ResolverTypeWrapper<RunsExport>;
  SortDirection: SortDirection;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TransitionEstimate: ResolverTypeWrapper<TransitionEstimate>;
  Weights: ResolverTypeWrapper<Weights>;
  WorkerInfo: ResolverTypeWrapper<WorkerInfo>;
  WorkerState: ResolverTypeWrapper<WorkerStateSnapshot>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Boolean: Scalars['Boolean']['output'];
  CaseImport: CaseImport;
  Certificate: Certificate;
  ComparisonCell: ComparisonCell;
  CreateExperimentInput: CreateExperimentInput;
  DateTime: Scalars['DateTime']['output'];
  DeleteResult: DeleteResult;
  Experiment: ExperimentRow;
  ExperimentConnection: Omit<ExperimentConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Experiment']> };
  ExperimentFilter: ExperimentFilter;
  ExperimentSpecInput: ExperimentSpecInput;
  Float: Scalars['Float']['output'];
  FloatRange: FloatRange;
  ID: Scalars['ID']['output'];
  ImportCasesInput: ImportCasesInput;
  ImportResult: Omit<ImportResult, 'experiment' | 'runs'> & { experiment: ResolversParentTypes['Experiment'], runs: Array<ResolversParentTypes['Run']> };
  Int: Scalars['Int']['output'];
  IntRange: IntRange;
  JSON: Scalars['JSON']['output'];
  Job: JobRow;
  JobConnection: Omit<JobConnection, 'nodes'> & { nodes: Array<ResolversParentTypes['Job']> };
  LossPoint: LossPoint;
  Mutation: Record<PropertyKey, never>;
  PageInfo: PageInfo;
  PhaseCell: PhaseCell;
  PhaseDiagram: PhaseDiagram;
  Progress: Progress;
  Query: Record<PropertyKey, never>;
  RecoveryComparison: RecoveryComparison;
  RetryResult: Omit<RetryResult, 'experiment'> & { experiment: ResolversParentTypes['Experiment'] };
  Run: RunRow;
  RunConnection: RunPage;
  RunFilter: RunFilter;
  RunOrder: RunOrder;
  RunsExport: RunsExport;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  TransitionEstimate: TransitionEstimate;
  Weights: Weights;
  WorkerInfo: WorkerInfo;
  WorkerState: WorkerStateSnapshot;
};

export type CertificateResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Certificate'] = ResolversParentTypes['Certificate']> = {
  bestDual?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  certified?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  kind?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  nic?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export type ComparisonCellResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ComparisonCell'] = ResolversParentTypes['ComparisonCell']> = {
  a?: Resolver<Maybe<ResolversTypes['PhaseCell']>, ParentType, ContextType>;
  b?: Resolver<Maybe<ResolversTypes['PhaseCell']>, ParentType, ContextType>;
  d?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  diff?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  diffHigh?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  diffLow?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  n?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sigma?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['DeleteResult'] = ResolversParentTypes['DeleteResult']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  runsDeleted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ExperimentResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Experiment'] = ResolversParentTypes['Experiment']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  notes?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Progress'], ParentType, ContextType>;
  runs?: Resolver<ResolversTypes['RunConnection'], ParentType, ContextType, RequireFields<ExperimentRunsArgs, 'first'>>;
  spec?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  specHash?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ExperimentConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ExperimentConnection'] = ResolversParentTypes['ExperimentConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Experiment']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ImportResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['ImportResult'] = ResolversParentTypes['ImportResult']> = {
  experiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType>;
  runs?: Resolver<Array<ResolversTypes['Run']>, ParentType, ContextType>;
};

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type JobResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Job'] = ResolversParentTypes['Job']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  experimentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  runId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
  worker?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type JobConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['JobConnection'] = ResolversParentTypes['JobConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Job']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type LossPointResolvers<ContextType = Context, ParentType extends ResolversParentTypes['LossPoint'] = ResolversParentTypes['LossPoint']> = {
  epoch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  loss?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
};

export type MutationResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  annotateExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationAnnotateExperimentArgs, 'id' | 'notes'>>;
  annotateRun?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationAnnotateRunArgs, 'id' | 'notes'>>;
  cancelExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationCancelExperimentArgs, 'id'>>;
  createExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationCreateExperimentArgs, 'input'>>;
  deleteExperiment?: Resolver<ResolversTypes['DeleteResult'], ParentType, ContextType, RequireFields<MutationDeleteExperimentArgs, 'id'>>;
  importCases?: Resolver<ResolversTypes['ImportResult'], ParentType, ContextType, RequireFields<MutationImportCasesArgs, 'input'>>;
  retryFailed?: Resolver<ResolversTypes['RetryResult'], ParentType, ContextType, RequireFields<MutationRetryFailedArgs, 'experimentId'>>;
  tagExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationTagExperimentArgs, 'id'>>;
  tagRun?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationTagRunArgs, 'id'>>;
};

export type PageInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type PhaseCellResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PhaseCell'] = ResolversParentTypes['PhaseCell']> = {
  approxCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  certifiedCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  d?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  meanCosine?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  meanDistance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  meanRelDistance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  meanTestError?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  medianRelDistance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  n?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  p?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pApprox?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pApproxHigh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pApproxLow?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pCertified?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pHigh?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pLow?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  pSupport?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  q25RelDistance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  q75RelDistance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  ratio?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  sigma?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  successes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  supportCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  trials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PhaseDiagramResolvers<ContextType = Context, ParentType extends ResolversParentTypes['PhaseDiagram'] = ResolversParentTypes['PhaseDiagram']> = {
  approxTolerance?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  cells?: Resolver<Array<ResolversTypes['PhaseCell']>, ParentType, ContextType>;
  trials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProgressResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Progress'] = ResolversParentTypes['Progress']> = {
  cancelled?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  done?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  experimentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  running?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  compareRecovery?: Resolver<ResolversTypes['RecoveryComparison'], ParentType, ContextType, RequireFields<QueryCompareRecoveryArgs, 'a' | 'approxTolerance' | 'b' | 'bySigma' | 'metric'>>;
  experiment?: Resolver<Maybe<ResolversTypes['Experiment']>, ParentType, ContextType, RequireFields<QueryExperimentArgs, 'id'>>;
  experiments?: Resolver<ResolversTypes['ExperimentConnection'], ParentType, ContextType, RequireFields<QueryExperimentsArgs, 'first'>>;
  jobs?: Resolver<ResolversTypes['JobConnection'], ParentType, ContextType, RequireFields<QueryJobsArgs, 'first'>>;
  phaseDiagram?: Resolver<ResolversTypes['PhaseDiagram'], ParentType, ContextType, RequireFields<QueryPhaseDiagramArgs, 'approxTolerance' | 'bySigma'>>;
  run?: Resolver<Maybe<ResolversTypes['Run']>, ParentType, ContextType, RequireFields<QueryRunArgs, 'id'>>;
  runs?: Resolver<ResolversTypes['RunConnection'], ParentType, ContextType, RequireFields<QueryRunsArgs, 'first'>>;
  runsExport?: Resolver<ResolversTypes['RunsExport'], ParentType, ContextType, RequireFields<QueryRunsExportArgs, 'format'>>;
  transitionEstimate?: Resolver<ResolversTypes['TransitionEstimate'], ParentType, ContextType, RequireFields<QueryTransitionEstimateArgs, 'approxTolerance' | 'level' | 'metric'>>;
  workerState?: Resolver<ResolversTypes['WorkerState'], ParentType, ContextType>;
};

export type RecoveryComparisonResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RecoveryComparison'] = ResolversParentTypes['RecoveryComparison']> = {
  approxTolerance?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  cells?: Resolver<Array<ResolversTypes['ComparisonCell']>, ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['PhaseMetric'], ParentType, ContextType>;
};

export type RetryResultResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RetryResult'] = ResolversParentTypes['RetryResult']> = {
  experiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType>;
  retried?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RunResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Run'] = ResolversParentTypes['Run']> = {
  activeNeurons?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  allOnesPattern?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  architecture?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  backend?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  beta?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  caseName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  certificate?: Resolver<ResolversTypes['Certificate'], ParentType, ContextType>;
  cosine?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  d?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  data?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  distance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  experiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType>;
  experimentId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  iterations?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lossCurve?: Resolver<Maybe<Array<ResolversTypes['LossPoint']>>, ParentType, ContextType>;
  maxOtherBlockNorm?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  n?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  nearTie?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  notes?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  objective?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  patternSamples?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  patterns?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  planted?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  plantedK?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  plantedNetwork?: Resolver<Maybe<ResolversTypes['Weights']>, ParentType, ContextType>;
  plantedObjective?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  plantedWeights?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  program?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recovered?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  recoveredAllclose?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  recoveredNetwork?: Resolver<Maybe<ResolversTypes['Weights']>, ParentType, ContextType>;
  recoveredTolerance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  relDistance?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  relErrPlanted?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sigma?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  solverStatus?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  source?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RunStatus'], ParentType, ContextType>;
  support?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  testError?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  testErrorRel?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  testOk?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  testSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  timeMs?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  trial?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RunConnectionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RunConnection'] = ResolversParentTypes['RunConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Run']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RunsExportResolvers<ContextType = Context, ParentType extends ResolversParentTypes['RunsExport'] = ResolversParentTypes['RunsExport']> = {
  content?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  filename?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  mimeType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rows?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  truncated?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  experimentProgress?: SubscriptionResolver<ResolversTypes['Progress'], "experimentProgress", ParentType, ContextType, RequireFields<SubscriptionExperimentProgressArgs, 'experimentId'>>;
  runFinished?: SubscriptionResolver<ResolversTypes['Run'], "runFinished", ParentType, ContextType, Partial<SubscriptionRunFinishedArgs>>;
};

export type TransitionEstimateResolvers<ContextType = Context, ParentType extends ResolversParentTypes['TransitionEstimate'] = ResolversParentTypes['TransitionEstimate']> = {
  approxTolerance?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  c?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  cells?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  high?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  level?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  low?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  method?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  metric?: Resolver<ResolversTypes['PhaseMetric'], ParentType, ContextType>;
  note?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  trials?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type WeightsResolvers<ContextType = Context, ParentType extends ResolversParentTypes['Weights'] = ResolversParentTypes['Weights']> = {
  a?: Resolver<Array<ResolversTypes['Float']>, ParentType, ContextType>;
  checksum?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  checksumOk?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  d?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  neurons?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  role?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  skip?: Resolver<Maybe<Array<ResolversTypes['Float']>>, ParentType, ContextType>;
  w?: Resolver<Array<Array<ResolversTypes['Float']>>, ParentType, ContextType>;
};

export type WorkerInfoResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WorkerInfo'] = ResolversParentTypes['WorkerInfo']> = {
  backend?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  busy?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  host?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  jobsDone?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pid?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  progress?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  runId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
};

export type WorkerStateResolvers<ContextType = Context, ParentType extends ResolversParentTypes['WorkerState'] = ResolversParentTypes['WorkerState']> = {
  active?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  concurrency?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  executor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  processed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  queued?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  started?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  workers?: Resolver<Array<ResolversTypes['WorkerInfo']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = Context> = {
  Certificate?: CertificateResolvers<ContextType>;
  ComparisonCell?: ComparisonCellResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeleteResult?: DeleteResultResolvers<ContextType>;
  Experiment?: ExperimentResolvers<ContextType>;
  ExperimentConnection?: ExperimentConnectionResolvers<ContextType>;
  ImportResult?: ImportResultResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  Job?: JobResolvers<ContextType>;
  JobConnection?: JobConnectionResolvers<ContextType>;
  LossPoint?: LossPointResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PhaseCell?: PhaseCellResolvers<ContextType>;
  PhaseDiagram?: PhaseDiagramResolvers<ContextType>;
  Progress?: ProgressResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RecoveryComparison?: RecoveryComparisonResolvers<ContextType>;
  RetryResult?: RetryResultResolvers<ContextType>;
  Run?: RunResolvers<ContextType>;
  RunConnection?: RunConnectionResolvers<ContextType>;
  RunsExport?: RunsExportResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TransitionEstimate?: TransitionEstimateResolvers<ContextType>;
  Weights?: WeightsResolvers<ContextType>;
  WorkerInfo?: WorkerInfoResolvers<ContextType>;
  WorkerState?: WorkerStateResolvers<ContextType>;
};

