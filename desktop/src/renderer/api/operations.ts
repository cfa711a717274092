/**
 * The operations the app sends. Each is a document checked against the SDL by `pnpm codegen`, which
 * generates its result and variable types (desktop/src/renderer/generated/); nothing here is typed by hand.
 */
import { gql, subscribe, type Subscription } from './client.ts';
import { graphql } from '../generated/gql.ts';
import type {
  ComparisonCellFieldsFragment,
  CreateExperimentInput,
  ExperimentFieldsFragment,
  ExperimentFilter,
  ExperimentQuery,
  ExportFormat,
  PhaseMetric,
  PhaseCellFieldsFragment,
  ProgressFieldsFragment,
  RunFilter,
  RunOrder,
  RunQuery,
  RunRowFieldsFragment,
  RunsExportQuery,
  TimingsQuery,
  TransitionQuery,
  WorkerQuery,
} from '../generated/graphql.ts';

graphql(`
  fragment ProgressFields on Progress { experimentId status total queued running done failed cancelled }
`);
graphql(`
  fragment ExperimentFields on Experiment { id name method status tags spec createdAt finishedAt progress { ...ProgressFields } }
`);
graphql(`
  fragment PhaseCellFields on PhaseCell {
    n d sigma ratio trials successes p pLow pHigh certifiedCount pCertified meanDistance meanTestError
    meanRelDistance medianRelDistance q25RelDistance q75RelDistance approxCount pApprox pApproxLow pApproxHigh meanCosine supportCount pSupport
  }
`);
graphql(`
  fragment ComparisonCellFields on ComparisonCell { n d sigma diff diffLow diffHigh a { ...PhaseCellFields } b { ...PhaseCellFields } }
`);
graphql(`
  fragment RunRowFields on Run {
    id experimentId trial status architecture program n d seed sigma recovered distance testError objective timeMs certificate { nic certified }
  }
`);
graphql(`
  fragment WeightsFields on Weights { role neurons d w a skip checksum checksumOk }
`);

export type ExperimentSummary = ExperimentFieldsFragment;
export type Progress = ProgressFieldsFragment;
export type PhaseCell = PhaseCellFieldsFragment;
export type ComparisonCell = ComparisonCellFieldsFragment;
export type TransitionEstimate = TransitionQuery['transitionEstimate'];
export type RunRow = RunRowFieldsFragment;
export type RunDetail = NonNullable<RunQuery['run']>;
export type WorkerState = WorkerQuery['workerState'];
export type RunTiming = TimingsQuery['runs']['nodes'][number];

const ExperimentsDocument = graphql(`
  query Experiments($filter: ExperimentFilter) { experiments(filter: $filter, first: 200) { totalCount nodes { ...ExperimentFields } } }
`);

export async function listExperiments(filter: ExperimentFilter | null = null): Promise<{ nodes: ExperimentSummary[]; totalCount: number }> {
  const data = await gql(ExperimentsDocument, { filter });
  return data.experiments;
}

const ExperimentDocument = graphql(`
  query Experiment($id: ID!) { experiment(id: $id) { notes ...ExperimentFields } }
`);

export async function getExperiment(id: string): Promise<NonNullable<ExperimentQuery['experiment']> | null> {
  const data = await gql(ExperimentDocument, { id });
  return data.experiment ?? null;
}

const CreateDocument = graphql(`
  mutation Create($input: CreateExperimentInput!) { createExperiment(input: $input) { ...ExperimentFields } }
`);

export async function createExperiment(input: CreateExperimentInput): Promise<ExperimentSummary> {
  const data = await gql(CreateDocument, { input });
  return data.createExperiment;
}

const CancelDocument = graphql(`
  mutation Cancel($id: ID!) { cancelExperiment(id: $id) { id } }
`);

export async function cancelExperiment(id: string): Promise<void> {
  await gql(CancelDocument, { id });
}

/** the slice and tolerance every phase query takes (science.md 5: approximate recovery = relative distance <= tolerance) */
export interface PhaseOptions {
  bySigma?: boolean;
  sigma?: number | null;
  approxTolerance?: number;
}

const PhaseDocument = graphql(`
  query Phase($filter: RunFilter, $bySigma: Boolean, $sigma: Float, $approxTolerance: Float) {
    phaseDiagram(filter: $filter, bySigma: $bySigma, sigma: $sigma, approxTolerance: $approxTolerance) { cells { ...PhaseCellFields } }
  }
`);

export async function phaseDiagram(filter: RunFilter, opts: PhaseOptions = {}): Promise<PhaseCell[]> {
  const data = await gql(PhaseDocument, { filter, bySigma: opts.bySigma ?? false, sigma: opts.sigma ?? null, approxTolerance: opts.approxTolerance ?? 0.1 });
  return data.phaseDiagram.cells;
}

const TransitionDocument = graphql(`
  query Transition($filter: RunFilter, $metric: PhaseMetric, $sigma: Float, $approxTolerance: Float) {
    transitionEstimate(filter: $filter, metric: $metric, sigma: $sigma, approxTolerance: $approxTolerance) { c low high level method cells trials note metric approxTolerance }
  }
`);

export async function transitionEstimate(filter: RunFilter, opts: { metric?: PhaseMetric; sigma?: number | null; approxTolerance?: number } = {}): Promise<TransitionEstimate> {
  const data = await gql(TransitionDocument, { filter, metric: opts.metric ?? 'RECOVERED', sigma: opts.sigma ?? null, approxTolerance: opts.approxTolerance ?? 0.1 });
  return data.transitionEstimate;
}

const CompareDocument = graphql(`
  query Compare($a: RunFilter!, $b: RunFilter!, $metric: PhaseMetric, $sigmaA: Float, $sigmaB: Float, $approxTolerance: Float) {
    compareRecovery(a: $a, b: $b, metric: $metric, sigmaA: $sigmaA, sigmaB: $sigmaB, approxTolerance: $approxTolerance) { cells { ...ComparisonCellFields } }
  }
`);

/** the cells of A and B and A minus B of `metric`, each side sliced at its own sigma (null: pooled) */
export async function compareRecovery(a: RunFilter, b: RunFilter, opts: { metric?: PhaseMetric; sigmaA?: number | null; sigmaB?: number | null; approxTolerance?: number } = {}): Promise<ComparisonCell[]> {
  const data = await gql(CompareDocument, { a, b, metric: opts.metric ?? 'RECOVERED', sigmaA: opts.sigmaA ?? null, sigmaB: opts.sigmaB ?? null, approxTolerance: opts.approxTolerance ?? 0.1 });
  return data.compareRecovery.cells;
}

const RunsDocument = graphql(`
  query Runs($filter: RunFilter, $orderBy: RunOrder, $first: Int, $after: String, $offset: Int) {
    runs(filter: $filter, orderBy: $orderBy, first: $first, after: $after, offset: $offset) { totalCount pageInfo { endCursor hasNextPage } nodes { ...RunRowFields } }
  }
`);

export interface RunPage {
  nodes: RunRow[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

/** a page of runs after the cursor `after`, or from position `offset` (0-based; jumps anywhere without the pages before) */
export async function listRuns(filter: RunFilter | null, orderBy: RunOrder | null, first: number, after: string | null, offset: number | null = null): Promise<RunPage> {
  const data = await gql(RunsDocument, { filter, orderBy, first, after, offset });
  return { nodes: data.runs.nodes, totalCount: data.runs.totalCount, endCursor: data.runs.pageInfo.endCursor ?? null, hasNextPage: data.runs.pageInfo.hasNextPage };
}

const RunsExportDocument = graphql(`
  query RunsExport($filter: RunFilter, $format: ExportFormat) {
    runsExport(filter: $filter, format: $format) { filename mimeType content rows truncated }
  }
`);

/** the runs a filter selects as one file (the columns of /export/runs.csv), from the API */
export async function exportRuns(filter: RunFilter | null, format: ExportFormat = 'CSV'): Promise<RunsExportQuery['runsExport']> {
  const data = await gql(RunsExportDocument, { filter, format });
  return data.runsExport;
}

const RunDocument = graphql(`
  query Run($id: ID!) {
    run(id: $id) {
      id experimentId experiment { id name } trial status error architecture program method planted plantedK plantedWeights data n d seed sigma beta
      patternSamples testSize backend source caseName recovered recoveredTolerance recoveredAllclose testOk nearTie allOnesPattern objective plantedObjective
      relErrPlanted distance relDistance cosine support testError testErrorRel activeNeurons maxOtherBlockNorm patterns iterations solverStatus
      certificate { nic kind bestDual certified } timeMs lossCurve { epoch loss } createdAt startedAt finishedAt tags notes
      plantedNetwork { ...WeightsFields } recoveredNetwork { ...WeightsFields }
    }
  }
`);

export async function getRun(id: string): Promise<RunDetail | null> {
  const data = await gql(RunDocument, { id });
  return data.run ?? null;
}

const WorkerDocument = graphql(`
  query Worker { workerState { executor started concurrency queued active processed failed } }
`);

export async function workerState(): Promise<WorkerState> {
  const data = await gql(WorkerDocument);
  return data.workerState;
}

const TimingsDocument = graphql(`
  query Timings { runs(filter: { status: [done] }, orderBy: { field: FINISHED_AT, direction: DESC }, first: 200) { nodes { n d timeMs architecture } } }
`);

export async function recentTimings(): Promise<RunTiming[]> {
  const data = await gql(TimingsDocument);
  return data.runs.nodes;
}

const ExperimentProgressDocument = graphql(`
  subscription ExperimentProgress($id: ID!) { experimentProgress(experimentId: $id) { ...ProgressFields } }
`);

/** the experiment's progress now, then on every change */
export function subscribeExperimentProgress(id: string, onNext: (progress: Progress) => void, onError: (err: Error) => void): Subscription {
  return subscribe(ExperimentProgressDocument, { id }, (d) => onNext(d.experimentProgress), onError);
}
