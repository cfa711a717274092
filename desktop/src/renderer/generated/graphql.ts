/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/* Generated from shared/src/schema.graphql and desktop/src/renderer/api/ by `pnpm codegen`. Do not edit. */
/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CreateExperimentInput = {
  name: string;
  notes?: string | null | undefined;
  spec: ExperimentSpecInput;
  tags?: Array<string> | null | undefined;
};

export type ExperimentFilter = {
  method?: Array<string> | null | undefined;
  nameContains?: string | null | undefined;
  status?: Array<string> | null | undefined;
  tag?: string | null | undefined;
};

export type ExperimentSpecInput = {
  architecture: string;
  /** the trainer's backend for method train/both: wasm (default), cpu, tensorflow, webgpu */
  backend?: string | null | undefined;
  /** convex runs also compute the best-dual certificate (science.md section 6; one more convex program each) */
  bestDual?: boolean | null | undefined;
  beta?: number | null | undefined;
  d: Array<number>;
  data?: string | null | undefined;
  /** training epochs for method train/both (default: the trainer's) */
  epochs?: number | null | undefined;
  method?: string | null | undefined;
  n: Array<number>;
  patternSamples?: number | null | undefined;
  planted?: unknown;
  program?: string | null | undefined;
  seed?: number | null | undefined;
  sigma?: Array<number> | null | undefined;
  testSize?: number | null | undefined;
  trials?: number | null | undefined;
};

export type ExportFormat =
  | 'CSV'
  | 'JSON';

export type FloatRange = {
  max?: number | null | undefined;
  min?: number | null | undefined;
};

export type IntRange = {
  eq?: number | null | undefined;
  in?: Array<number> | null | undefined;
  max?: number | null | undefined;
  min?: number | null | undefined;
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

/** Runs matching every given field; `and`, `or` and `not` combine nested filters (at most 5 levels). */
export type RunFilter = {
  activeNeurons?: IntRange | null | undefined;
  and?: Array<RunFilter> | null | undefined;
  architecture?: Array<string> | null | undefined;
  backend?: Array<string> | null | undefined;
  beta?: FloatRange | null | undefined;
  certified?: boolean | null | undefined;
  cosine?: FloatRange | null | undefined;
  d?: IntRange | null | undefined;
  data?: Array<string> | null | undefined;
  distance?: FloatRange | null | undefined;
  experimentId?: Array<string> | null | undefined;
  iterations?: IntRange | null | undefined;
  method?: Array<string> | null | undefined;
  n?: IntRange | null | undefined;
  nearTie?: boolean | null | undefined;
  nic?: FloatRange | null | undefined;
  not?: RunFilter | null | undefined;
  objective?: FloatRange | null | undefined;
  or?: Array<RunFilter> | null | undefined;
  planted?: Array<string> | null | undefined;
  program?: Array<string> | null | undefined;
  recovered?: boolean | null | undefined;
  relDistance?: FloatRange | null | undefined;
  seed?: IntRange | null | undefined;
  sigma?: FloatRange | null | undefined;
  source?: Array<string> | null | undefined;
  status?: Array<RunStatus> | null | undefined;
  support?: boolean | null | undefined;
  /** runs carrying this tag */
  tag?: string | null | undefined;
  testError?: FloatRange | null | undefined;
  testOk?: boolean | null | undefined;
  timeMs?: FloatRange | null | undefined;
  trial?: IntRange | null | undefined;
};

export type RunOrder = {
  direction?: SortDirection | null | undefined;
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

export type SortDirection =
  | 'ASC'
  | 'DESC';

export type ProgressFieldsFragment = { experimentId: string, status: string, total: number, queued: number, running: number, done: number, failed: number, cancelled: number };

export type ExperimentFieldsFragment = { id: string, name: string, method: string, status: string, tags: Array<string>, spec: unknown, createdAt: string, finishedAt: string | null, progress: { experimentId: string, status: string, total: number, queued: number, running: number, done: number, failed: number, cancelled: number } };

export type PhaseCellFieldsFragment = { n: number, d: number, sigma: number | null, ratio: number, trials: number, successes: number, p: number, pLow: number, pHigh: number, certifiedCount: number, pCertified: number, meanDistance: number | null, meanTestError: number | null, meanRelDistance: number | null, medianRelDistance: number | null, q25RelDistance: number | null, q75RelDistance: number | null, approxCount: number, pApprox: number, pApproxLow: number, pApproxHigh: number, meanCosine: number | null, supportCount: number, pSupport: number };

export type ComparisonCellFieldsFragment = { n: number, d: number, sigma: number | null, diff: number | null, diffLow: number | null, diffHigh: number | null, a: { n: number, d: number, sigma: number | null, ratio: number, trials: number, successes: number, p: number, pLow: number, pHigh: number, certifiedCount: number, pCertified: number, meanDistance: number | null, meanTestError: number | null, meanRelDistance: number | null, medianRelDistance: number | null, q25RelDistance: number | null, q75RelDistance: number | null, approxCount: number, pApprox: number, pApproxLow: number, pApproxHigh: number, meanCosine: number | null, supportCount: number, pSupport: number } | null, b: { n: number, d: number, sigma: number | null, ratio: number, trials: number, successes: number, p: number, pLow: number, pHigh: number, certifiedCount: number, pCertified: number, meanDistance: number | null, meanTestError: number | null, meanRelDistance: number | null, medianRelDistance: number | null, q25RelDistance: number | null, q75RelDistance: number | null, approxCount: number, pApprox: number, pApproxLow: number, pApproxHigh: number, meanCosine: number | null, supportCount: number, pSupport: number } | null };

export type RunRowFieldsFragment = { id: string, experimentId: string, trial: number, status: RunStatus, architecture: string, program: string, n: number, d: number, seed: number, sigma: number, recovered: boolean | null, distance: number | null, testError: number | null, objective: number | null, timeMs: number | null, certificate: { nic: number | null, certified: boolean | null } };

export type WeightsFieldsFragment = { role: string, neurons: number, d: number, w: Array<Array<number>>, a: Array<number>, skip: Array<number> | null, checksum: string, checksumOk: boolean };

export type ExperimentsQueryVariables = Exact<{
  filter?: ExperimentFilter | null | undefined;
}>;


export type ExperimentsQuery = { experiments: { totalCount: number, nodes: Array<{ id: string, name: string, method: string, status: string, tags: Array<string>, spec: unknown, createdAt: string, finishedAt: string | null, progress: { experimentId: string, status: string, total: number, queued: number, running: number, done: number, failed: number, cancelled: number } }> } };

export type ExperimentQueryVariables = Exact<{
  id: string;
}>;


export type ExperimentQuery = { experiment: { notes: string, id: string, name: string, method: string, status: string, tags: Array<string>, spec: unknown, createdAt: string, finishedAt: string | null, progress: { experimentId: string, status: string, total: number, queued: number, running: number, done: number, failed: number, cancelled: number } } | null };

export type CreateMutationVariables = Exact<{
  input: CreateExperimentInput;
}>;


export type CreateMutation = { createExperiment: { id: string, name: string, method: string, status: string, tags: Array<string>, spec: unknown, createdAt: string, finishedAt: string | null, progress: { experimentId: string, status: string, total: number, queued: number, running: number, done: number, failed: number, cancelled: number } } };

export type CancelMutationVariables = Exact<{
  id: string;
}>;


export type CancelMutation = { cancelExperiment: { id: string } };

export type PhaseQueryVariables = Exact<{
  filter?: RunFilter | null | undefined;
  bySigma?: boolean | null | undefined;
  sigma?: number | null | undefined;
  approxTolerance?: number | null | undefined;
}>;


export type PhaseQuery = { phaseDiagram: { cells: Array<{ n: number, d: number, sigma: number | null, ratio: number, trials: number, successes: number, p: number, pLow: number, pHigh: number, certifiedCount: number, pCertified: number, meanDistance: number | null, meanTestError: number | null, meanRelDistance: number | null, medianRelDistance: number | null, q25RelDistance: number | null, q75RelDistance: number | null, approxCount: number, pApprox: number, pApproxLow: number, pApproxHigh: number, meanCosine: number | null, supportCount: number, pSupport: number }> } };

export type TransitionQueryVariables = Exact<{
  filter?: RunFilter | null | undefined;
  metric?: PhaseMetric | null | undefined;
  sigma?: number | null | undefined;
  approxTolerance?: number | null | undefined;
}>;


export type TransitionQuery = { transitionEstimate: { c: number | null, low: number | null, high: number | null, level: number, method: string, cells: number, trials: number, note: string | null, metric: PhaseMetric, approxTolerance: number } };

export type CompareQueryVariables = Exact<{
  a: RunFilter;
  b: RunFilter;
  metric?: PhaseMetric | null | undefined;
  sigmaA?: number | null | undefined;
  sigmaB?: number | null | undefined;
  approxTolerance?: number | null | undefined;
}>;


export type CompareQuery = { compareRecovery: { cells: Array<{ n: number, d: number, sigma: number | null, diff: number | null, diffLow: number | null, diffHigh: number | null, a: { n: number, d: number, sigma: number | null, ratio: number, trials: number, successes: number, p: number, pLow: number, pHigh: number, certifiedCount: number, pCertified: number, meanDistance: number | null, meanTestError: number | null, meanRelDistance: number | null, medianRelDistance: number | null, q25RelDistance: number | null, q75RelDistance: number | null, approxCount: number, pApprox: number, pApproxLow: number, pApproxHigh: number, meanCosine: number | null, supportCount: number, pSupport: number } | null, b: { n: number, d: number, sigma: number | null, ratio: number, trials: number, successes: number, p: number, pLow: number, pHigh: number, certifiedCount: number, pCertified: number, meanDistance: number | null, meanTestError: number | null, meanRelDistance: number | null, medianRelDistance: number | null, q25RelDistance: number | null, q75RelDistance: number | null, approxCount: number, pApprox: number, pApproxLow: number, pApproxHigh: number, meanCosine: number | null, supportCount: number, pSupport: number } | null }> } };

export type RunsQueryVariables = Exact<{
  filter?: RunFilter | null | undefined;
  orderBy?: RunOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  offset?: number | null | undefined;
}>;


export type RunsQuery = { runs: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, nodes: Array<{ id: string, experimentId: string, trial: number, status: RunStatus, architecture: string, program: string, n: number, d: number, seed: number, sigma: number, recovered: boolean | null, distance: number | null, testError: number | null, objective: number | null, timeMs: number | null, certificate: { nic: number | null, certified: boolean | null } }> } };

export type RunsExportQueryVariables = Exact<{
  filter?: RunFilter | null | undefined;
  format?: ExportFormat | null | undefined;
}>;


export type RunsExportQuery = { runsExport: { filename: string, mimeType: string, content: string, rows: number, truncated: boolean } };

export type RunQueryVariables = Exact<{
  id: string;
}>;


export type RunQuery = { run: { id: string, experimentId: string, trial: number, status: RunStatus, error: string | null, architecture: string, program: string, method: string, planted: string, plantedK: number, plantedWeights: string, data: string, n: number, d: number, seed: number, sigma: number, beta: number, patternSamples: number | null, testSize: number, backend: string, source: string, caseName: string | null, recovered: boolean | null, recoveredTolerance: number | null, recoveredAllclose: boolean | null, testOk: boolean | null, nearTie: boolean | null, allOnesPattern: boolean | null, objective: number | null, plantedObjective: number | null, relErrPlanted: number | null, distance: number | null, relDistance: number | null, cosine: number | null, support: boolean | null, testError: number | null, testErrorRel: number | null, activeNeurons: number | null, maxOtherBlockNorm: number | null, patterns: number | null, iterations: number | null, solverStatus: string | null, timeMs: number | null, createdAt: string, startedAt: string | null, finishedAt: string | null, tags: Array<string>, notes: string, experiment: { id: string, name: string }, certificate: { nic: number | null, kind: string | null, bestDual: number | null, certified: boolean | null }, lossCurve: Array<{ epoch: number, loss: number }> | null, plantedNetwork: { role: string, neurons: number, d: number, w: Array<Array<number>>, a: Array<number>, skip: Array<number> | null, checksum: string, checksumOk: boolean } | null, recoveredNetwork: { role: string, neurons: number, d: number, w: Array<Array<number>>, a: Array<number>, skip: Array<number> | null, checksum: string, checksumOk: boolean } | null } | null };

export type WorkerQueryVariables = Exact<{ [key: string]: never; }>;


export type WorkerQuery = { workerState: { executor: string, started: boolean, concurrency: number, queued: number, active: number, processed: number, failed: number } };

export type TimingsQueryVariables = Exact<{ [key: string]: never; }>;


export type TimingsQuery = { runs: { nodes: Array<{ n: number, d: number, timeMs: number | null, architecture: string }> } };

export type ExperimentProgressSubscriptionVariables = Exact<{
  id: string;
}>;


export type ExperimentProgressSubscription = { experimentProgress: { experimentId: string, status: string, total: number, queued: number, running: number, done: number, failed: number, cancelled: number } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ProgressFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProgressFields on Progress {
  experimentId
  status
  total
  queued
  running
  done
  failed
  cancelled
}
    `, {"fragmentName":"ProgressFields"}) as unknown as TypedDocumentString<ProgressFieldsFragment, unknown>;
export const ExperimentFieldsFragmentDoc = new TypedDocumentString(`
    fragment ExperimentFields on Experiment {
  id
  name
  method
  status
  tags
  spec
  createdAt
  finishedAt
  progress {
    ...ProgressFields
  }
}
    fragment ProgressFields on Progress {
  experimentId
  status
  total
  queued
  running
  done
  failed
  cancelled
}`, {"fragmentName":"ExperimentFields"}) as unknown as TypedDocumentString<ExperimentFieldsFragment, unknown>;
export const PhaseCellFieldsFragmentDoc = new TypedDocumentString(`
    fragment PhaseCellFields on PhaseCell {
  n
  d
  sigma
  ratio
  trials
  successes
  p
  pLow
  pHigh
  certifiedCount
  pCertified
  meanDistance
  meanTestError
  meanRelDistance
  medianRelDistance
  q25RelDistance
  q75RelDistance
  approxCount
  pApprox
  pApproxLow
  pApproxHigh
  meanCosine
  supportCount
  pSupport
}
    `, {"fragmentName":"PhaseCellFields"}) as unknown as TypedDocumentString<PhaseCellFieldsFragment, unknown>;
export const ComparisonCellFieldsFragmentDoc = new TypedDocumentString(`
    fragment ComparisonCellFields on ComparisonCell {
  n
  d
  sigma
  diff
  diffLow
  diffHigh
  a {
    ...PhaseCellFields
  }
  b {
    ...PhaseCellFields
  }
}
    fragment PhaseCellFields on PhaseCell {
  n
  d
  sigma
  ratio
  trials
  successes
  p
  pLow
  pHigh
  certifiedCount
  pCertified
  meanDistance
  meanTestError
  meanRelDistance
  medianRelDistance
  q25RelDistance
  q75RelDistance
  approxCount
  pApprox
  pApproxLow
  pApproxHigh
  meanCosine
  supportCount
  pSupport
}`, {"fragmentName":"ComparisonCellFields"}) as unknown as TypedDocumentString<ComparisonCellFieldsFragment, unknown>;
export const RunRowFieldsFragmentDoc = new TypedDocumentString(`
    fragment RunRowFields on Run {
  id
  experimentId
  trial
  status
  architecture
  program
  n
  d
  seed
  sigma
  recovered
  distance
  testError
  objective
  timeMs
  certificate {
    nic
    certified
  }
}
    `, {"fragmentName":"RunRowFields"}) as unknown as TypedDocumentString<RunRowFieldsFragment, unknown>;
export const WeightsFieldsFragmentDoc = new TypedDocumentString(`
    fragment WeightsFields on Weights {
  role
  neurons
  d
  w
  a
  skip
  checksum
  checksumOk
}
    `, {"fragmentName":"WeightsFields"}) as unknown as TypedDocumentString<WeightsFieldsFragment, unknown>;
export const ExperimentsDocument = new TypedDocumentString(`
    query Experiments($filter: ExperimentFilter) {
  experiments(filter: $filter, first: 200) {
    totalCount
    nodes {
      ...ExperimentFields
    }
  }
}
    fragment ProgressFields on Progress {
  experimentId
  status
  total
  queued
  running
  done
  failed
  cancelled
}
fragment ExperimentFields on Experiment {
  id
  name
  method
  status
  tags
  spec
  createdAt
  finishedAt
  progress {
    ...ProgressFields
  }
}`) as unknown as TypedDocumentString<ExperimentsQuery, ExperimentsQueryVariables>;
export const ExperimentDocument = new TypedDocumentString(`
    query Experiment($id: ID!) {
  experiment(id: $id) {
    notes
    ...ExperimentFields
  }
}
    fragment ProgressFields on Progress {
  experimentId
  status
  total
  queued
  running
  done
  failed
  cancelled
}
fragment ExperimentFields on Experiment {
  id
  name
  method
  status
  tags
  spec
  createdAt
  finishedAt
  progress {
    ...ProgressFields
  }
}`) as unknown as TypedDocumentString<ExperimentQuery, ExperimentQueryVariables>;
export const CreateDocument = new TypedDocumentString(`
    mutation Create($input: CreateExperimentInput!) {
  createExperiment(input: $input) {
    ...ExperimentFields
  }
}
    fragment ProgressFields on Progress {
  experimentId
  status
  total
  queued
  running
  done
  failed
  cancelled
}
fragment ExperimentFields on Experiment {
  id
  name
  method
  status
  tags
  spec
  createdAt
  finishedAt
  progress {
    ...ProgressFields
  }
}`) as unknown as TypedDocumentString<CreateMutation, CreateMutationVariables>;
export const CancelDocument = new TypedDocumentString(`
    mutation Cancel($id: ID!) {
  cancelExperiment(id: $id) {
    id
  }
}
    `) as unknown as TypedDocumentString<CancelMutation, CancelMutationVariables>;
export const PhaseDocument = new TypedDocumentString(`
    query Phase($filter: RunFilter, $bySigma: Boolean, $sigma: Float, $approxTolerance: Float) {
  phaseDiagram(
    filter: $filter
    bySigma: $bySigma
    sigma: $sigma
    approxTolerance: $approxTolerance
  ) {
    cells {
      ...PhaseCellFields
    }
  }
}
    fragment PhaseCellFields on PhaseCell {
  n
  d
  sigma
  ratio
  trials
  successes
  p
  pLow
  pHigh
  certifiedCount
  pCertified
  meanDistance
  meanTestError
  meanRelDistance
  medianRelDistance
  q25RelDistance
  q75RelDistance
  approxCount
  pApprox
  pApproxLow
  pApproxHigh
  meanCosine
  supportCount
  pSupport
}`) as unknown as TypedDocumentString<PhaseQuery, PhaseQueryVariables>;
export const TransitionDocument = new TypedDocumentString(`
    query Transition($filter: RunFilter, $metric: PhaseMetric, $sigma: Float, $approxTolerance: Float) {
  transitionEstimate(
    filter: $filter
    metric: $metric
    sigma: $sigma
    approxTolerance: $approxTolerance
  ) {
    c
    low
    high
    level
    method
    cells
    trials
    note
    metric
    approxTolerance
  }
}
    `) as unknown as TypedDocumentString<TransitionQuery, TransitionQueryVariables>;
export const CompareDocument = new TypedDocumentString(`
    query Compare($a: RunFilter!, $b: RunFilter!, $metric: PhaseMetric, $sigmaA: Float, $sigmaB: Float, $approxTolerance: Float) {
  compareRecovery(
    a: $a
    b: $b
    metric: $metric
    sigmaA: $sigmaA
    sigmaB: $sigmaB
    approxTolerance: $approxTolerance
  ) {
    cells {
      ...ComparisonCellFields
    }
  }
}
    fragment PhaseCellFields on PhaseCell {
  n
  d
  sigma
  ratio
  trials
  successes
  p
  pLow
  pHigh
  certifiedCount
  pCertified
  meanDistance
  meanTestError
  meanRelDistance
  medianRelDistance
  q25RelDistance
  q75RelDistance
  approxCount
  pApprox
  pApproxLow
  pApproxHigh
  meanCosine
  supportCount
  pSupport
}
fragment ComparisonCellFields on ComparisonCell {
  n
  d
  sigma
  diff
  diffLow
  diffHigh
  a {
    ...PhaseCellFields
  }
  b {
    ...PhaseCellFields
  }
}`) as unknown as TypedDocumentString<CompareQuery, CompareQueryVariables>;
export const RunsDocument = new TypedDocumentString(`
    query Runs($filter: RunFilter, $orderBy: RunOrder, $first: Int, $after: String, $offset: Int) {
  runs(
    filter: $filter
    orderBy: $orderBy
    first: $first
    after: $after
    offset: $offset
  ) {
    totalCount
    pageInfo {
      endCursor
      hasNextPage
    }
    nodes {
      ...RunRowFields
    }
  }
}
    fragment RunRowFields on Run {
  id
  experimentId
  trial
  status
  architecture
  program
  n
  d
  seed
  sigma
  recovered
  distance
  testError
  objective
  timeMs
  certificate {
    nic
    certified
  }
}`) as unknown as TypedDocumentString<RunsQuery, RunsQueryVariables>;
export const RunsExportDocument = new TypedDocumentString(`
    query RunsExport($filter: RunFilter, $format: ExportFormat) {
  runsExport(filter: $filter, format: $format) {
    filename
    mimeType
    content
    rows
    truncated
  }
}
    `) as unknown as TypedDocumentString<RunsExportQuery, RunsExportQueryVariables>;
export const RunDocument = new TypedDocumentString(`
    query Run($id: ID!) {
  run(id: $id) {
    id
    experimentId
    experiment {
      id
      name
    }
    trial
    status
    error
    architecture
    program
    method
    planted
    plantedK
    plantedWeights
    data
    n
    d
    seed
    sigma
    beta
    patternSamples
    testSize
    backend
    source
    caseName
    recovered
    recoveredTolerance
    recoveredAllclose
    testOk
    nearTie
    allOnesPattern
    objective
    plantedObjective
    relErrPlanted
    distance
    relDistance
    cosine
    support
    testError
    testErrorRel
    activeNeurons
    maxOtherBlockNorm
    patterns
    iterations
    solverStatus
    certificate {
      nic
      kind
      bestDual
      certified
    }
    timeMs
    lossCurve {
      epoch
      loss
    }
    createdAt
    startedAt
    finishedAt
    tags
    notes
    plantedNetwork {
      ...WeightsFields
    }
    recoveredNetwork {
      ...WeightsFields
    }
  }
}
    fragment WeightsFields on Weights {
  role
  neurons
  d
  w
  a
  skip
  checksum
  checksumOk
}`) as unknown as TypedDocumentString<RunQuery, RunQueryVariables>;
export const WorkerDocument = new TypedDocumentString(`
    query Worker {
  workerState {
    executor
    started
    concurrency
    queued
    active
    processed
    failed
  }
}
    `) as unknown as TypedDocumentString<WorkerQuery, WorkerQueryVariables>;
export const TimingsDocument = new TypedDocumentString(`
    query Timings {
  runs(
    filter: {status: [done]}
    orderBy: {field: FINISHED_AT, direction: DESC}
    first: 200
  ) {
    nodes {
      n
      d
      timeMs
      architecture
    }
  }
}
    `) as unknown as TypedDocumentString<TimingsQuery, TimingsQueryVariables>;
export const ExperimentProgressDocument = new TypedDocumentString(`
    subscription ExperimentProgress($id: ID!) {
  experimentProgress(experimentId: $id) {
    ...ProgressFields
  }
}
    fragment ProgressFields on Progress {
  experimentId
  status
  total
  queued
  running
  done
  failed
  cancelled
}`) as unknown as TypedDocumentString<ExperimentProgressSubscription, ExperimentProgressSubscriptionVariables>;