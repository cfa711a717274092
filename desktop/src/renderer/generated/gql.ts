/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment ProgressFields on Progress { experimentId status total queued running done failed cancelled }\n": typeof types.ProgressFieldsFragmentDoc,
    "\n  fragment ExperimentFields on Experiment { id name method status tags spec createdAt finishedAt progress { ...ProgressFields } }\n": typeof types.ExperimentFieldsFragmentDoc,
    "\n  fragment PhaseCellFields on PhaseCell {\n    n d sigma ratio trials successes p pLow pHigh certifiedCount pCertified meanDistance meanTestError\n    meanRelDistance medianRelDistance q25RelDistance q75RelDistance approxCount pApprox pApproxLow pApproxHigh meanCosine supportCount pSupport\n  }\n": typeof types.PhaseCellFieldsFragmentDoc,
    "\n  fragment ComparisonCellFields on ComparisonCell { n d sigma diff diffLow diffHigh a { ...PhaseCellFields } b { ...PhaseCellFields } }\n": typeof types.ComparisonCellFieldsFragmentDoc,
    "\n  fragment RunRowFields on Run {\n    id experimentId trial status architecture program n d seed sigma recovered distance testError objective timeMs certificate { nic certified }\n  }\n": typeof types.RunRowFieldsFragmentDoc,
    "\n  fragment WeightsFields on Weights { role neurons d w a skip checksum checksumOk }\n": typeof types.WeightsFieldsFragmentDoc,
    "\n  query Experiments($filter: ExperimentFilter) { experiments(filter: $filter, first: 200) { totalCount nodes { ...ExperimentFields } } }\n": typeof types.ExperimentsDocument,
    "\n  query Experiment($id: ID!) { experiment(id: $id) { notes ...ExperimentFields } }\n": typeof types.ExperimentDocument,
    "\n  mutation Create($input: CreateExperimentInput!) { createExperiment(input: $input) { ...ExperimentFields } }\n": typeof types.CreateDocument,
    "\n  mutation Cancel($id: ID!) { cancelExperiment(id: $id) { id } }\n": typeof types.CancelDocument,
    "\n  query Phase($filter: RunFilter, $bySigma: Boolean, $sigma: Float, $approxTolerance: Float) {\n    phaseDiagram(filter: $filter, bySigma: $bySigma, sigma: $sigma, approxTolerance: $approxTolerance) { cells { ...PhaseCellFields } }\n  }\n": typeof types.PhaseDocument,
    "\n  query Transition($filter: RunFilter, $metric: PhaseMetric, $sigma: Float, $approxTolerance: Float) {\n    transitionEstimate(filter: $filter, metric: $metric, sigma: $sigma, approxTolerance: $approxTolerance) { c low high level method cells trials note metric approxTolerance }\n  }\n": typeof types.TransitionDocument,
    "\n  query Compare($a: RunFilter!, $b: RunFilter!, $metric: PhaseMetric, $sigmaA: Float, $sigmaB: Float, $approxTolerance: Float) {\n    compareRecovery(a: $a, b: $b, metric: $metric, sigmaA: $sigmaA, sigmaB: $sigmaB, approxTolerance: $approxTolerance) { cells { ...ComparisonCellFields } }\n  }\n": typeof types.CompareDocument,
    "\n  query Runs($filter: RunFilter, $orderBy: RunOrder, $first: Int, $after: String, $offset: Int) {\n    runs(filter: $filter, orderBy: $orderBy, first: $first, after: $after, offset: $offset) { totalCount pageInfo { endCursor hasNextPage } nodes { ...RunRowFields } }\n  }\n": typeof types.RunsDocument,
    "\n  query RunsExport($filter: RunFilter, $format: ExportFormat) {\n    runsExport(filter: $filter, format: $format) { filename mimeType content rows truncated }\n  }\n": typeof types.RunsExportDocument,
    "\n  query Run($id: ID!) {\n    run(id: $id) {\n      id experimentId experiment { id name } trial status error architecture program method planted plantedK plantedWeights data n d seed sigma beta\n      patternSamples testSize backend source caseName recovered recoveredTolerance recoveredAllclose testOk nearTie allOnesPattern objective plantedObjective\n      relErrPlanted distance relDistance cosine support testError testErrorRel activeNeurons maxOtherBlockNorm patterns iterations solverStatus\n      certificate { nic kind bestDual certified } timeMs lossCurve { epoch loss } createdAt startedAt finishedAt tags notes\n      plantedNetwork { ...WeightsFields } recoveredNetwork { ...WeightsFields }\n    }\n  }\n": typeof types.RunDocument,
    "\n  query Worker { workerState { executor started concurrency queued active processed failed } }\n": typeof types.WorkerDocument,
    "\n  query Timings { runs(filter: { status: [done] }, orderBy: { field: FINISHED_AT, direction: DESC }, first: 200) { nodes { n d timeMs architecture } } }\n": typeof types.TimingsDocument,
    "\n  subscription ExperimentProgress($id: ID!) { experimentProgress(experimentId: $id) { ...ProgressFields } }\n": typeof types.ExperimentProgressDocument,
};
const documents: Documents = {
    "\n  fragment ProgressFields on Progress { experimentId status total queued running done failed cancelled }\n": types.ProgressFieldsFragmentDoc,
    "\n  fragment ExperimentFields on Experiment { id name method status tags spec createdAt finishedAt progress { ...ProgressFields } }\n": types.ExperimentFieldsFragmentDoc,
    "\n  fragment PhaseCellFields on PhaseCell {\n    n d sigma ratio trials successes p pLow pHigh certifiedCount pCertified meanDistance meanTestError\n    meanRelDistance medianRelDistance q25RelDistance q75RelDistance approxCount pApprox pApproxLow pApproxHigh meanCosine supportCount pSupport\n  }\n": types.PhaseCellFieldsFragmentDoc,
    "\n  fragment ComparisonCellFields on ComparisonCell { n d sigma diff diffLow diffHigh a { ...PhaseCellFields } b { ...PhaseCellFields } }\n": types.ComparisonCellFieldsFragmentDoc,
    "\n  fragment RunRowFields on Run {\n    id experimentId trial status architecture program n d seed sigma recovered distance testError objective timeMs certificate { nic certified }\n  }\n": types.RunRowFieldsFragmentDoc,
    "\n  fragment WeightsFields on Weights { role neurons d w a skip checksum checksumOk }\n": types.WeightsFieldsFragmentDoc,
    "\n  query Experiments($filter: ExperimentFilter) { experiments(filter: $filter, first: 200) { totalCount nodes { ...ExperimentFields } } }\n": types.ExperimentsDocument,
    "\n  query Experiment($id: ID!) { experiment(id: $id) { notes ...ExperimentFields } }\n": types.ExperimentDocument,
    "\n  mutation Create($input: CreateExperimentInput!) { createExperiment(input: $input) { ...ExperimentFields } }\n": types.CreateDocument,
    "\n  mutation Cancel($id: ID!) { cancelExperiment(id: $id) { id } }\n": types.CancelDocument,
    "\n  query Phase($filter: RunFilter, $bySigma: Boolean, $sigma: Float, $approxTolerance: Float) {\n    phaseDiagram(filter: $filter, bySigma: $bySigma, sigma: $sigma, approxTolerance: $approxTolerance) { cells { ...PhaseCellFields } }\n  }\n": types.PhaseDocument,
    "\n  query Transition($filter: RunFilter, $metric: PhaseMetric, $sigma: Float, $approxTolerance: Float) {\n    transitionEstimate(filter: $filter, metric: $metric, sigma: $sigma, approxTolerance: $approxTolerance) { c low high level method cells trials note metric approxTolerance }\n  }\n": types.TransitionDocument,
    "\n  query Compare($a: RunFilter!, $b: RunFilter!, $metric: PhaseMetric, $sigmaA: Float, $sigmaB: Float, $approxTolerance: Float) {\n    compareRecovery(a: $a, b: $b, metric: $metric, sigmaA: $sigmaA, sigmaB: $sigmaB, approxTolerance: $approxTolerance) { cells { ...ComparisonCellFields } }\n  }\n": types.CompareDocument,
    "\n  query Runs($filter: RunFilter, $orderBy: RunOrder, $first: Int, $after: String, $offset: Int) {\n    runs(filter: $filter, orderBy: $orderBy, first: $first, after: $after, offset: $offset) { totalCount pageInfo { endCursor hasNextPage } nodes { ...RunRowFields } }\n  }\n": types.RunsDocument,
    "\n  query RunsExport($filter: RunFilter, $format: ExportFormat) {\n    runsExport(filter: $filter, format: $format) { filename mimeType content rows truncated }\n  }\n": types.RunsExportDocument,
    "\n  query Run($id: ID!) {\n    run(id: $id) {\n      id experimentId experiment { id name } trial status error architecture program method planted plantedK plantedWeights data n d seed sigma beta\n      patternSamples testSize backend source caseName recovered recoveredTolerance recoveredAllclose testOk nearTie allOnesPattern objective plantedObjective\n      relErrPlanted distance relDistance cosine support testError testErrorRel activeNeurons maxOtherBlockNorm patterns iterations solverStatus\n      certificate { nic kind bestDual certified } timeMs lossCurve { epoch loss } createdAt startedAt finishedAt tags notes\n      plantedNetwork { ...WeightsFields } recoveredNetwork { ...WeightsFields }\n    }\n  }\n": types.RunDocument,
    "\n  query Worker { workerState { executor started concurrency queued active processed failed } }\n": types.WorkerDocument,
    "\n  query Timings { runs(filter: { status: [done] }, orderBy: { field: FINISHED_AT, direction: DESC }, first: 200) { nodes { n d timeMs architecture } } }\n": types.TimingsDocument,
    "\n  subscription ExperimentProgress($id: ID!) { experimentProgress(experimentId: $id) { ...ProgressFields } }\n": types.ExperimentProgressDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProgressFields on Progress { experimentId status total queued running done failed cancelled }\n"): typeof import('./graphql').ProgressFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExperimentFields on Experiment { id name method status tags spec createdAt finishedAt progress { ...ProgressFields } }\n"): typeof import('./graphql').ExperimentFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PhaseCellFields on PhaseCell {\n    n d sigma ratio trials successes p pLow pHigh certifiedCount pCertified meanDistance meanTestError\n    meanRelDistance medianRelDistance q25RelDistance q75RelDistance approxCount pApprox pApproxLow pApproxHigh meanCosine supportCount pSupport\n  }\n"): typeof import('./graphql').PhaseCellFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ComparisonCellFields on ComparisonCell { n d sigma diff diffLow diffHigh a { ...PhaseCellFields } b { ...PhaseCellFields } }\n"): typeof import('./graphql').ComparisonCellFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunRowFields on Run {\n    id experimentId trial status architecture program n d seed sigma recovered distance testError objective timeMs certificate { nic certified }\n  }\n"): typeof import('./graphql').RunRowFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WeightsFields on Weights { role neurons d w a skip checksum checksumOk }\n"): typeof import('./graphql').WeightsFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Experiments($filter: ExperimentFilter) { experiments(filter: $filter, first: 200) { totalCount nodes { ...ExperimentFields } } }\n"): typeof import('./graphql').ExperimentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Experiment($id: ID!) { experiment(id: $id) { notes ...ExperimentFields } }\n"): typeof import('./graphql').ExperimentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Create($input: CreateExperimentInput!) { createExperiment(input: $input) { ...ExperimentFields } }\n"): typeof import('./graphql').CreateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Cancel($id: ID!) { cancelExperiment(id: $id) { id } }\n"): typeof import('./graphql').CancelDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Phase($filter: RunFilter, $bySigma: Boolean, $sigma: Float, $approxTolerance: Float) {\n    phaseDiagram(filter: $filter, bySigma: $bySigma, sigma: $sigma, approxTolerance: $approxTolerance) { cells { ...PhaseCellFields } }\n  }\n"): typeof import('./graphql').PhaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Transition($filter: RunFilter, $metric: PhaseMetric, $sigma: Float, $approxTolerance: Float) {\n    transitionEstimate(filter: $filter, metric: $metric, sigma: $sigma, approxTolerance: $approxTolerance) { c low high level method cells trials note metric approxTolerance }\n  }\n"): typeof import('./graphql').TransitionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Compare($a: RunFilter!, $b: RunFilter!, $metric: PhaseMetric, $sigmaA: Float, $sigmaB: Float, $approxTolerance: Float) {\n    compareRecovery(a: $a, b: $b, metric: $metric, sigmaA: $sigmaA, sigmaB: $sigmaB, approxTolerance: $approxTolerance) { cells { ...ComparisonCellFields } }\n  }\n"): typeof import('./graphql').CompareDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Runs($filter: RunFilter, $orderBy: RunOrder, $first: Int, $after: String, $offset: Int) {\n    runs(filter: $filter, orderBy: $orderBy, first: $first, after: $after, offset: $offset) { totalCount pageInfo { endCursor hasNextPage } nodes { ...RunRowFields } }\n  }\n"): typeof import('./graphql').RunsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunsExport($filter: RunFilter, $format: ExportFormat) {\n    runsExport(filter: $filter, format: $format) { filename mimeType content rows truncated }\n  }\n"): typeof import('./graphql').RunsExportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Run($id: ID!) {\n    run(id: $id) {\n      id experimentId experiment { id name } trial status error architecture program method planted plantedK plantedWeights data n d seed sigma beta\n      patternSamples testSize backend source caseName recovered recoveredTolerance recoveredAllclose testOk nearTie allOnesPattern objective plantedObjective\n      relErrPlanted distance relDistance cosine support testError testErrorRel activeNeurons maxOtherBlockNorm patterns iterations solverStatus\n      certificate { nic kind bestDual certified } timeMs lossCurve { epoch loss } createdAt startedAt finishedAt tags notes\n      plantedNetwork { ...WeightsFields } recoveredNetwork { ...WeightsFields }\n    }\n  }\n"): typeof import('./graphql').RunDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Worker { workerState { executor started concurrency queued active processed failed } }\n"): typeof import('./graphql').WorkerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Timings { runs(filter: { status: [done] }, orderBy: { field: FINISHED_AT, direction: DESC }, first: 200) { nodes { n d timeMs architecture } } }\n"): typeof import('./graphql').TimingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ExperimentProgress($id: ID!) { experimentProgress(experimentId: $id) { ...ProgressFields } }\n"): typeof import('./graphql').ExperimentProgressDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
