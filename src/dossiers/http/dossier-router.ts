import express, { Router, type RequestHandler, type Response } from 'express';
import { actorName, type AdminAuth, type Actor } from '../../admin';
import { badRequest, HttpError } from '../../http/errors';
import type { Logger } from '../../ops/logger';
import type { DossierRecord, DossierRepository } from '../../store/ports';
import type { Clock } from '../../store/store-options';
import { importDossierCsv, ImportHeaderError } from '../csv-import';
import { CSV_COLUMNS, type CsvVocabulary } from '../csv-vocabulary';
import { listDossiers, parseListQuery } from '../dossier-list';
import { normaliseDossierCode } from '../dossier-code';
import { describeProblems, validateDossier } from '../dossier-schema';
import type { DossierService } from '../dossier-service';
import { buildDossierReport, parseReportQuery, reportToCsv } from '../dossier-report';
import type { ImportJournal } from '../import-journal';
import type { RecordDossierAudit } from '../lookup-audit';
import { csvCell } from '../../util/csv-cell';

/** What the dossier API is built from; the guards come from the admin module. */
export interface DossierRouterDeps {
  service: DossierService;
  imports: ImportJournal;
  dossiers: DossierRepository;
  audit: RecordDossierAudit;
  auth: Pick<AdminAuth, 'requireRole' | 'requireStaff' | 'requireDossierWriter'>;
  maxBodyBytes: number;
  logger: Logger;
  now: Clock;
  /** The desk's spreadsheet words, built afresh for each import (content may have been reloaded). */
  vocabulary: () => CsvVocabulary;
}

/** The dossier routes of /api/admin, laid out as a table. */
export function createDossierRouter(deps: DossierRouterDeps): Router {
  const { auth } = deps;
  const router = Router();
  const desk = auth.requireRole('desk');
  router.put('/api/admin/dossiers/:code', auth.requireDossierWriter, express.json({ limit: deps.maxBodyBytes, strict: true }), putDossier(deps));
  router.post('/api/admin/dossiers/import', desk, importDossiers(deps));
  router.get('/api/admin/dossiers', desk, getList(deps));
  // Before /:code, which would otherwise take "imports" or "template.csv" for a code.
  router.get('/api/admin/dossiers/imports', desk, listImports(deps));
  router.get('/api/admin/dossiers/template.csv', desk, getTemplate(deps));
  router.get('/api/admin/dossiers/:code', desk, getDossier(deps));
  router.get('/api/admin/reports/dossiers', auth.requireStaff, getReport(deps));
  return router;
}

/** PUT: idempotent upsert-if-newer; 201 when created, 200 when applied or ignored (older than the stored version). */
function putDossier({ service, audit }: DossierRouterDeps): RequestHandler {
  return async (req, res) => {
    const checked = validateDossier(req.params.code, req.body);
    if (!checked.ok) throw badRequest(describeProblems(checked.problems), { fields: checked.problems });
    const result = await service.apply(checked.input);
    // Every write is on the audit trail, the one-stop system's included (imports are audited per file).
    await audit(actorOf(res), 'dossier.write', result.record.code, { outcome: result.outcome, status: result.record.status });
    res.status(result.outcome === 'created' ? 201 : 200).json({
      code: result.record.code,
      outcome: result.outcome,
      status: result.record.status,
      updatedAt: result.record.updatedAt.toISOString(),
    });
  };
}

/** GET: the record and its history for desk staff; the phone digits never leave the store. */
function getDossier({ dossiers, audit }: DossierRouterDeps): RequestHandler {
  return async (req, res) => {
    const code = normaliseDossierCode(String(req.params.code));
    if (!code) throw badRequest('Invalid fields: code (must be A-Z, 0-9, "." or "-")', { fields: [{ field: 'code', message: 'invalid' }] });
    const record = await dossiers.get(code);
    await audit(actorOf(res), 'dossier.staff_view', code, { found: record !== undefined });
    if (!record) throw new HttpError('not_found', `No dossier ${code}`);
    const history = await dossiers.history(code);
    res.json({ ...publicView(record), history: history.map((h) => ({ status: h.status, at: h.at.toISOString() })) });
  };
}

/** POST import: a CSV body (text/csv), streamed; answers the counts and the rows that failed. Audited at start and end. */
function importDossiers({ service, imports, logger, vocabulary }: DossierRouterDeps): RequestHandler {
  return async (req, res) => {
    const type = req.get('content-type') ?? '';
    if (!/^(text\/csv|text\/plain|application\/csv)\b/i.test(type)) {
      throw new HttpError('unsupported_media_type', 'Send the file as the body with Content-Type: text/csv');
    }
    const words = vocabulary();
    try {
      const report = await imports.run(actorOf(res), () =>
        importDossierCsv(req, service, words, {
          onProgress: (p) => logger.info({ ...p }, 'dossier import progress'),
        }),
      );
      res.json(report);
    } catch (err) {
      if (err instanceof ImportHeaderError) throw badRequest(err.message);
      throw err;
    }
  };
}

/** GET list: one page of dossiers by status, procedure, unit, overdue or due this week; audited like a single view. */
function getList({ dossiers, audit, now }: DossierRouterDeps): RequestHandler {
  return async (req, res) => {
    const parsed = parseListQuery(req.query as Record<string, unknown>);
    if (!parsed.ok) throw badRequest(describeProblems(parsed.problems), { fields: parsed.problems });
    const page = await listDossiers(dossiers, parsed.query, now());
    await audit(actorOf(res), 'dossier.staff_list', 'list', { filter: parsed.query, total: page.total });
    res.json({ ...page, dossiers: page.dossiers.map(publicView) });
  };
}

/** GET template.csv: the import's columns with the desk's Vietnamese headers, ready to fill in a spreadsheet. */
function getTemplate({ vocabulary }: DossierRouterDeps): RequestHandler {
  return (_req, res) => {
    const words = vocabulary();
    res.type('text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="mau-nhap-ho-so.csv"');
    // The BOM makes Excel read the Vietnamese headers as UTF-8.
    res.send(`\uFEFF${CSV_COLUMNS.map((c) => csvCell(words.header(c))).join(',')}\r\n`);
  };
}

/** GET imports: the latest CSV imports and how each stands (an interrupted one was cut off by a crash or restart). */
function listImports({ imports }: DossierRouterDeps): RequestHandler {
  return async (_req, res) => {
    res.json({ imports: await imports.recent(20) });
  };
}

/** GET report: JSON for the console, or CSV to download. */
function getReport({ dossiers, now }: DossierRouterDeps): RequestHandler {
  return async (req, res) => {
    const parsed = parseReportQuery(req.query as Record<string, unknown>, now());
    if (!parsed.ok) throw badRequest(describeProblems(parsed.problems), { fields: parsed.problems });
    const report = await buildDossierReport(dossiers, parsed.query);
    if (parsed.format === 'csv') {
      res.type('text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="dossiers-${parsed.query.groupBy}.csv"`);
      // The BOM makes Excel read the file as UTF-8 (unit names are Vietnamese).
      res.send(`\uFEFF${reportToCsv(report)}`);
      return;
    }
    res.json(report);
  };
}

function actorOf(res: Response): string {
  return actorName(res.locals.actor as Actor);
}

function publicView(r: DossierRecord) {
  return {
    code: r.code,
    procedure: r.procedure,
    status: r.status,
    receivedAt: r.receivedAt.toISOString(),
    dueAt: r.dueAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    statusChangedAt: r.statusChangedAt.toISOString(),
    submission: r.submission ?? null,
    returnMethod: r.returnMethod ?? null,
    unit: r.unit ?? null,
    note: r.note ?? null,
    applicantName: r.applicantMasked,
  };
}
