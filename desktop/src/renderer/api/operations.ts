/** The operations the app sends, typed with the types generated from the SDL. */
import { gql } from './client.ts';
import type {
  CreateExperimentInput,
  Experiment,
  ExperimentFilter,
  PhaseCell,
  Progress,
  Run,
  RunFilter,
  RunOrder,
  TransitionEstimate,
  ComparisonCell,
  WorkerState,
  Weights,
} from '../generated/graphql.ts';

export type ExperimentSummary = Pick<Experiment, 'id' | 'name' | 'method' | 'status' | 'tags' | 'spec' | 'createdAt' | 'finishedAt'> & { progress: Progress };

const EXPERIMENT_FIELDS = 'id name method status tags spec createdAt finishedAt progress { experimentId status total queued running done failed cancelled }';

export async function listExperiments(filter: ExperimentFilter | null = null): Promise<{ nodes: ExperimentSummary[]; totalCount: number }> {
  const data = await gql<{ experiments: { nodes: ExperimentSummary[]; totalCount: number } }>(
    `query Experiments($filter: ExperimentFilter) { experiments(filter: $filter, first: 200) { totalCount nodes { ${EXPERIMENT_FIELDS} } } }`,
    { filter },
  );
  return data.experiments;
}

export async function getExperiment(id: string): Promise<(ExperimentSummary & { notes: string }) | null> {
  const data = await gql<{ experiment: (ExperimentSummary & { notes: string }) | null }>(`query Experiment($id: ID!) { experiment(id: $id) { notes ${EXPERIMENT_FIELDS} } }`, { id });
  return data.experiment;
}

export async function createExperiment(input: CreateExperimentInput): Promise<ExperimentSummary> {
  const data = await gql<{ createExperiment: ExperimentSummary }>(`mutation Create($input: CreateExperimentInput!) { createExperiment(input: $input) { ${EXPERIMENT_FIELDS} } }`, { input });
  return data.createExperiment;
}

export async function cancelExperiment(id: string): Promise<void> {
  await gql(`mutation Cancel($id: ID!) { cancelExperiment(id: $id) { id } }`, { id });
}

export const PHASE_CELL_FIELDS = 'n d sigma ratio trials successes p pLow pHigh certifiedCount pCertified meanDistance meanTestError';

export async function phaseDiagram(filter: RunFilter, bySigma = false): Promise<PhaseCell[]> {
  const data = await gql<{ phaseDiagram: { cells: PhaseCell[] } }>(
    `query Phase($filter: RunFilter, $bySigma: Boolean) { phaseDiagram(filter: $filter, bySigma: $bySigma) { cells { ${PHASE_CELL_FIELDS} } } }`,
    { filter, bySigma },
  );
  return data.phaseDiagram.cells;
}

export async function transitionEstimate(filter: RunFilter): Promise<TransitionEstimate> {
  const data = await gql<{ transitionEstimate: TransitionEstimate }>(
    `query Transition($filter: RunFilter) { transitionEstimate(filter: $filter) { c low high level method cells trials note } }`,
    { filter },
  );
  return data.transitionEstimate;
}

export async function compareRecovery(a: RunFilter, b: RunFilter): Promise<ComparisonCell[]> {
  const data = await gql<{ compareRecovery: { cells: ComparisonCell[] } }>(
    `query Compare($a: RunFilter!, $b: RunFilter!) { compareRecovery(a: $a, b: $b) { cells { n d sigma diff diffLow diffHigh a { ${PHASE_CELL_FIELDS} } b { ${PHASE_CELL_FIELDS} } } } }`,
    { a, b },
  );
  return data.compareRecovery.cells;
}

export type RunRow = Pick<
  Run,
  'id' | 'experimentId' | 'trial' | 'status' | 'architecture' | 'program' | 'n' | 'd' | 'seed' | 'sigma' | 'recovered' | 'distance' | 'testError' | 'objective' | 'timeMs'
> & { certificate: Pick<Run['certificate'], 'nic' | 'certified'> };

const RUN_ROW_FIELDS = 'id experimentId trial status architecture program n d seed sigma recovered distance testError objective timeMs certificate { nic certified }';

export interface RunPage {
  nodes: RunRow[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

export async function listRuns(filter: RunFilter | null, orderBy: RunOrder | null, first: number, after: string | null): Promise<RunPage> {
  const data = await gql<{ runs: { nodes: RunRow[]; totalCount: number; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
    `query Runs($filter: RunFilter, $orderBy: RunOrder, $first: Int, $after: String) { runs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) { totalCount pageInfo { endCursor hasNextPage } nodes { ${RUN_ROW_FIELDS} } } }`,
    { filter, orderBy, first, after },
  );
  return { nodes: data.runs.nodes, totalCount: data.runs.totalCount, endCursor: data.runs.pageInfo.endCursor, hasNextPage: data.runs.pageInfo.hasNextPage };
}

export type RunDetail = Omit<Run, 'experiment' | 'plantedNetwork' | 'recoveredNetwork'> & { plantedNetwork: Weights | null; recoveredNetwork: Weights | null; experiment: { id: string; name: string } };

export async function getRun(id: string): Promise<RunDetail | null> {
  const w = 'role neurons d w a skip checksum checksumOk';
  const data = await gql<{ run: RunDetail | null }>(
    `query Run($id: ID!) { run(id: $id) {
      id experimentId experiment { id name } trial status error architecture program method planted plantedK plantedWeights data n d seed sigma beta
      patternSamples testSize backend source caseName recovered recoveredTolerance recoveredAllclose testOk nearTie allOnesPattern objective plantedObjective
      relErrPlanted distance testError testErrorRel activeNeurons maxOtherBlockNorm patterns iterations solverStatus
      certificate { nic kind bestDual certified } timeMs lossCurve { epoch loss } createdAt startedAt finishedAt tags notes
      plantedNetwork { ${w} } recoveredNetwork { ${w} } } }`,
    { id },
  );
  return data.run;
}

export async function workerState(): Promise<WorkerState> {
  const data = await gql<{ workerState: WorkerState }>('query Worker { workerState { executor started concurrency queued active processed failed } }');
  return data.workerState;
}

export interface RunTiming {
  n: number;
  d: number;
  timeMs: number | null;
  architecture: string;
}

export async function recentTimings(): Promise<RunTiming[]> {
  const data = await gql<{ runs: { nodes: RunTiming[] } }>(
    'query Timings { runs(filter: { status: [done] }, orderBy: { field: FINISHED_AT, direction: DESC }, first: 200) { nodes { n d timeMs architecture } } }',
  );
  return data.runs.nodes;
}
