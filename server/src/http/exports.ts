/**
 * CSV and JSON exports of runs and of phase diagrams (GET, token-protected like everything else).
 * /export/runs.{csv,json}?filter=<RunFilter JSON>   /export/phase.{csv,json}?filter=...&bySigma=1
 */
import { Router, type Request, type Response } from 'express';
import { coerceInputValue, isInputObjectType, type GraphQLInputObjectType, type GraphQLSchema } from 'graphql';
import type { Services } from '../graphql/context.ts';
import { AppError, appErrorExtensions, badInput, describeValue, logInternal } from '../graphql/errors.ts';
import type { RunFilter } from '../modules/run/filter.ts';
import { exportFile, exportRuns, type ExportFile } from '../modules/run/export.ts';

const PHASE_COLUMNS = [
  'n', 'd', 'sigma', 'ratio', 'trials', 'successes', 'p', 'pLow', 'pHigh', 'certifiedCount', 'pCertified', 'meanDistance', 'meanTestError',
  'meanRelDistance', 'medianRelDistance', 'q25RelDistance', 'q75RelDistance', 'approxCount', 'pApprox', 'pApproxLow', 'pApproxHigh', 'meanCosine', 'supportCount', 'pSupport',
] as const;

/**
 * The filter of an export: JSON coerced through the SDL's RunFilter input type exactly as a GraphQL
 * variable is (a single value where a list is expected becomes a list of one, unknown fields and wrong
 * types are refused naming the field), so the routes and the API accept the same filters.
 */
function parseFilter(req: Request, runFilterType: GraphQLInputObjectType): RunFilter | null {
  const raw = req.query.filter;
  const experimentId = req.query.experimentId;
  let filter: RunFilter | null = null;
  if (raw !== undefined && typeof raw !== 'string') throw badInput('filter', 'is given more than once; give one RunFilter JSON object');
  if (typeof raw === 'string' && raw !== '') {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw badInput('filter', `${describeValue(raw)} is not JSON (a RunFilter object)`);
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) throw badInput('filter', 'must be a JSON object (a RunFilter)');
    let problem: AppError | null = null;
    const coerced = coerceInputValue(json, runFilterType, (path, invalid, error) => {
      problem ??= badInput(['filter', ...path.map(String)].join('.'), `${describeValue(invalid)} is not allowed: ${error.message}`);
    });
    if (problem) throw problem;
    filter = coerced as RunFilter;
  }
  if (experimentId !== undefined) {
    if (typeof experimentId !== 'string') throw badInput('experimentId', 'is given more than once; give one id');
    if (experimentId !== '') filter = { and: [{ experimentId: [experimentId] }, ...(filter ? [filter] : [])] };
  }
  return filter;
}

function send(res: Response, file: ExportFile): void {
  res.type(file.mimeType).set('Content-Disposition', `attachment; filename="${file.filename}"`).send(file.content);
}

export function exportRouter(services: Services, schema: GraphQLSchema): Router {
  const runFilterType = schema.getType('RunFilter');
  if (!isInputObjectType(runFilterType)) throw new Error('RunFilter is missing from the SDL');
  const router = Router();
  const handle = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response) => {
    fn(req, res).catch((err: unknown) => {
      if (err instanceof AppError) res.status(err.code === 'NOT_FOUND' ? 404 : 400).json({ errors: [{ message: err.message, extensions: appErrorExtensions(err) }] });
      else {
        logInternal('export failed', err);
        res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      }
    });
  };
  router.get('/export/runs.:format', handle(async (req, res) => {
    const format = String(req.params.format);
    if (format !== 'csv' && format !== 'json') throw badInput('format', `${describeValue(format)} is not allowed; allowed: csv, json`);
    send(res, await exportRuns(services.runs, parseFilter(req, runFilterType), format));
  }));
  router.get('/export/phase.:format', handle(async (req, res) => {
    const format = String(req.params.format);
    if (format !== 'csv' && format !== 'json') throw badInput('format', `${describeValue(format)} is not allowed; allowed: csv, json`);
    // the GraphQL arguments' meaning: approxTolerance (default 0.1) and a sigma slice, as numbers in the query string
    const numberParam = (name: string): number | null => {
      const v = req.query[name];
      if (v === undefined) return null;
      const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (!Number.isFinite(x)) throw badInput(name, `${describeValue(v)} is not a number`);
      return x;
    };
    const cells = await services.sweeps.phaseDiagram(parseFilter(req, runFilterType), req.query.bySigma === '1' || req.query.bySigma === 'true', {
      sigma: numberParam('sigma'),
      approxTolerance: numberParam('approxTolerance'),
    });
    send(res, exportFile(format, 'phase-diagram', PHASE_COLUMNS, cells as unknown as Record<string, unknown>[]));
  }));
  return router;
}
