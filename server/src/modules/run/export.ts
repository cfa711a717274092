/**
 * Exports of runs (CSV or JSON), one function for the REST route (/export/runs.{csv,json}, for scripts
 * and the CLI) and the GraphQL query `runsExport` (the app): same columns, cap and formatting.
 */
import { stringify } from 'csv-stringify/sync';
import type { Run } from '../../db/generated/prisma/client.ts';
import { badInput } from '../errors.ts';
import type { RunFilter } from './filter.ts';
import { parseTags, type Page, type RunService } from './service.ts';

export const RUN_COLUMNS = [
  'id', 'experimentId', 'trial', 'status', 'error', 'architecture', 'program', 'method', 'planted', 'plantedK', 'plantedWeights', 'data', 'n', 'd', 'seed', 'sigma', 'beta',
  'patternSamples', 'testSize', 'backend', 'source', 'caseName', 'recovered', 'recoveredTol', 'recoveredAllclose', 'testOk', 'nearTie', 'allOnesPattern', 'objective',
  'plantedObjective', 'relErrPlanted', 'distance', 'relDistance', 'cosine', 'support', 'testError', 'testErrorRel', 'activeNeurons', 'maxOtherBlockNorm', 'patterns', 'iterations', 'solverStatus', 'nic',
  'nicKind', 'bestDual', 'certified', 'timeMs', 'createdAt', 'startedAt', 'finishedAt', 'tags', 'notes',
] as const;
/** the most runs one export holds; a filter selecting more is refused (narrow it down) */
export const MAX_EXPORT_ROWS = 200_000;

export type ExportFormat = 'csv' | 'json';

export interface ExportFile {
  filename: string;
  mimeType: string;
  content: string;
  rows: number;
  /** always false today: a filter selecting more than MAX_EXPORT_ROWS runs is refused rather than cut */
  truncated: boolean;
}

/** rows as a CSV (header, ISO dates, true/false) or JSON file, as the export routes have always sent them */
export function exportFile(format: ExportFormat, name: string, columns: readonly string[], rows: Record<string, unknown>[]): ExportFile {
  if (format === 'csv') {
    const content = stringify(rows, { header: true, columns: [...columns], cast: { date: (d) => d.toISOString(), boolean: (b) => (b ? 'true' : 'false') } });
    return { filename: `${name}.csv`, mimeType: 'text/csv', content, rows: rows.length, truncated: false };
  }
  return { filename: `${name}.json`, mimeType: 'application/json', content: JSON.stringify(rows), rows: rows.length, truncated: false };
}

/** the runs a filter selects, in the default order, tags joined by ';'; more than MAX_EXPORT_ROWS is refused naming `filter` */
export async function exportRunRows(runs: Pick<RunService, 'page'>, filter: RunFilter | null | undefined): Promise<Record<string, unknown>[]> {
  const rows: Record<string, unknown>[] = [];
  let after: string | null = null;
  do {
    const page: Page<Run> = await runs.page(filter, null, 500, after);
    for (const r of page.nodes) rows.push({ ...r, tags: parseTags(r.tags).join(';') });
    after = page.hasNextPage ? page.endCursor : null;
    if (rows.length > MAX_EXPORT_ROWS) throw badInput('filter', `selects more than ${MAX_EXPORT_ROWS} runs; narrow it down`);
  } while (after);
  return rows;
}

/** the runs a filter selects as a file (runs.csv or runs.json) */
export async function exportRuns(runs: Pick<RunService, 'page'>, filter: RunFilter | null | undefined, format: ExportFormat): Promise<ExportFile> {
  return exportFile(format, 'runs', RUN_COLUMNS, await exportRunRows(runs, filter));
}
