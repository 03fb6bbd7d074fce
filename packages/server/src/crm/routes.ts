import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { checkMapping, customerFields, localDate, suggestMapping, type Actor, type ColumnMapping, type ImportError, type MappingProblem } from '@banzu/core';
// Who may do what with customers (docs/crm.md, "Access"): the console hides by the same lists.
import {
  auditReaders,
  classAdmins,
  customerDeleters,
  customerExporters,
  customerImporters,
  customerWriters,
  importModes,
  type CustomerClass,
  type CustomerImport,
  type CustomerImportUpload,
  type ImportProgress,
} from '@banzu/contract';
import { actorOf } from '../auth/index';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { importProblem, missing, userLanguage, words, type Wording } from '../http/messages';
import { sendWorkbook } from '../reports/excel';
import { exportLanguage } from '../spreadsheet/index';
import { auditQuerySchema, listAudit } from './audit';
import { createCustomer, customerQuerySchema, customerSchema, loadCustomer, searchCustomers, updateCustomer } from './customers';
import { exportCustomers } from './export';
import { patchOf } from './patch';
import { failInterruptedImports, finishDecidedImports, finishImportJob, recordJobProgress } from './import-jobs';
import { bufferSource, detectFormat, importCustomers, previewImport, writeErrorReport } from './imports';
import { addOrder, addServiceRecord, addVisit, customerProfile, numbersOf, orderSchema, serviceRecordSchema, updateServiceRecord, updateVisit, visitSchema } from './records';
import { centerTimeZone } from '../org/center';

const tags = ['customers'];
const idParams = z.object({ id: z.string().min(1) });
const UPLOAD_LIMIT = 64 * 1024 * 1024;
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const classSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'org.code_characters'),
  nameZh: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(50),
  vipLevel: z.number().int().min(0).max(9).default(0),
});

const mappingSchema = z.partialRecord(z.enum(customerFields), z.string().min(1).max(200));

/** A mapping problem in the user's words, the fields by their names. */
function mappingProblem(p: MappingProblem): Wording {
  if (p.kind === 'no_name') return words('import_mapping.no_name');
  if (p.kind === 'unknown_field') return words('import_mapping.unknown_field', { field: p.field });
  const field = words(`import_field.${p.field}`);
  if (p.kind === 'no_column') return words('import_mapping.no_column', { field, header: p.header });
  return words('import_mapping.mapped_twice', { field, header: p.header, other: words(`import_field.${p.other}`) });
}

/** Progress of the imports running in this process; the UI polls it. Finished imports are read from the store. */
const running = new Map<string, ImportProgress>();

/** Customers: search, profile, records, classes, import, export, and the audit log. */
export async function crmRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store } = app.banzu;
  // An import a stopped server was running will never finish: it shows as failed, not running for ever.
  await failInterruptedImports(store, [...running.keys()]);
  // An all-or-nothing import a crash stopped while it wrote its rows is finished, in the background:
  // the store serves the floor and the API between its batches.
  const closing = new AbortController();
  const finishing = finishDecidedImports(store, closing.signal).catch((err: unknown) =>
    app.log.error({ err }, 'customer import: could not finish an all-or-nothing import a stop interrupted; it is finished at the next start'),
  );
  app.addHook('onClose', async () => {
    closing.abort();
    await finishing;
  });

  // Routing serves VIP callers first: a change of a customer's level or numbers counts from the next call.
  const customersChanged = async (numbers?: readonly string[]) => app.floor?.customersChanged(numbers);

  // Uploads arrive as the raw file: the workbook or CSV is the body.
  app.addContentTypeParser(['application/octet-stream', 'text/csv', xlsxType], { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) => done(null, body));

  routes.get('/api/v1/customers', { config: { roles: 'any' }, schema: { tags, summary: 'Search customers within your scope', querystring: customerQuerySchema } }, (request) =>
    searchCustomers(store, actorOf(request), request.query),
  );

  routes.get('/api/v1/customers/:id', { config: { roles: 'any' }, schema: { tags, summary: 'One customer', params: idParams } }, (request) =>
    loadCustomer(store, actorOf(request), request.params.id),
  );

  routes.get(
    '/api/v1/customers/:id/profile',
    { config: { roles: 'any' }, schema: { tags, summary: 'A customer with orders, service records, field visits and calls', params: idParams } },
    (request) => customerProfile(store, actorOf(request), request.params.id),
  );

  routes.post('/api/v1/customers', { config: { roles: customerWriters }, schema: { tags, summary: 'Create a customer', body: customerSchema } }, async (request, reply) => {
    const actor = actorOf(request);
    const id = await store.transaction((tx) => createCustomer(tx, actor, request.body));
    await customersChanged(await numbersOf(store, id));
    return reply.status(201).send(await loadCustomer(store, actor, id));
  });

  routes.patch(
    '/api/v1/customers/:id',
    {
      config: { roles: customerWriters },
      schema: { tags, summary: 'Change a customer; `phones` replaces the numbers as a whole', params: idParams, body: patchOf(customerSchema) },
    },
    async (request) => {
      const actor = actorOf(request);
      const patch = Object.fromEntries(Object.entries(request.body).filter(([, v]) => v !== undefined));
      // Only the numbers, the level and the class decide a caller's priority.
      const routed = 'phones' in patch || 'vipLevel' in patch || 'classCode' in patch;
      const before = routed ? await numbersOf(store, request.params.id) : [];
      await store.transaction((tx) => updateCustomer(tx, actor, request.params.id, patch));
      if (routed) await customersChanged([...before, ...(await numbersOf(store, request.params.id))]);
      return loadCustomer(store, actor, request.params.id);
    },
  );

  routes.delete(
    '/api/v1/customers/:id',
    { config: { roles: customerDeleters }, schema: { tags, summary: 'Delete a customer and its records', params: idParams } },
    async (request, reply) => {
      await loadCustomer(store, actorOf(request), request.params.id);
      const numbers = await numbersOf(store, request.params.id);
      await store.query('DELETE FROM customers WHERE id = $1', [request.params.id]);
      await customersChanged(numbers);
      return reply.status(204).send();
    },
  );

  const inScope = (request: { params: { id: string } }, actor: Actor) => loadCustomer(store, actor, request.params.id);

  routes.post(
    '/api/v1/customers/:id/orders',
    { config: { roles: customerWriters }, schema: { tags, summary: 'Add an order', params: idParams, body: orderSchema } },
    async (request, reply) => {
      await inScope(request, actorOf(request));
      return reply.status(201).send(await addOrder(store, request.params.id, request.body));
    },
  );

  routes.post(
    '/api/v1/customers/:id/service-records',
    { config: { roles: customerWriters }, schema: { tags, summary: 'Add a repair or after-sales record', params: idParams, body: serviceRecordSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      await inScope(request, actor);
      return reply.status(201).send(await addServiceRecord(store, actor, request.params.id, request.body));
    },
  );

  const recordParams = z.object({ id: z.string().min(1), recordId: z.uuid() });
  routes.patch(
    '/api/v1/customers/:id/service-records/:recordId',
    {
      config: { roles: customerWriters },
      schema: { tags, summary: 'Change a service record (status, the customer’s feedback)', params: recordParams, body: patchOf(serviceRecordSchema) },
    },
    async (request) => {
      await inScope(request, actorOf(request));
      return updateServiceRecord(store, request.params.id, request.params.recordId, request.body);
    },
  );

  routes.post(
    '/api/v1/customers/:id/visits',
    { config: { roles: customerWriters }, schema: { tags, summary: 'Record a field visit (at the customer’s or remote)', params: idParams, body: visitSchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      await inScope(request, actor);
      return reply.status(201).send(await addVisit(store, actor, request.params.id, request.body));
    },
  );

  routes.patch(
    '/api/v1/customers/:id/visits/:recordId',
    { config: { roles: customerWriters }, schema: { tags, summary: 'Change a field visit record', params: recordParams, body: patchOf(visitSchema) } },
    async (request) => {
      const actor = actorOf(request);
      await inScope(request, actor);
      return updateVisit(store, actor, request.params.id, request.params.recordId, request.body);
    },
  );

  routes.get('/api/v1/customer-classes', { config: { roles: 'any' }, schema: { tags, summary: 'Customer classes' } }, () =>
    store.query<CustomerClass>(
      `SELECT code, name_zh AS "nameZh", name_en AS "nameEn", vip_level AS "vipLevel", built_in AS "builtIn" FROM customer_classes ORDER BY built_in DESC, code`,
    ),
  );

  routes.post('/api/v1/customer-classes', { config: { roles: classAdmins }, schema: { tags, summary: 'Add a customer class', body: classSchema } }, async (request, reply) => {
    const c = request.body;
    const [exists] = await store.query('SELECT 1 FROM customer_classes WHERE code = $1', [c.code]);
    if (exists) throw new ConflictError(words('crm.class_exists', { code: c.code }));
    await store.query('INSERT INTO customer_classes (code, name_zh, name_en, vip_level) VALUES ($1, $2, $3, $4)', [c.code, c.nameZh, c.nameEn, c.vipLevel]);
    return reply.status(201).send({ ...c, builtIn: false } satisfies CustomerClass);
  });

  routes.patch(
    '/api/v1/customer-classes/:code',
    {
      config: { roles: classAdmins },
      schema: { tags, summary: 'Rename a class or change its VIP level', params: z.object({ code: z.string() }), body: patchOf(classSchema.omit({ code: true })) },
    },
    async (request) => {
      const b = request.body;
      const [row] = await store.query<CustomerClass>(
        `UPDATE customer_classes SET name_zh = coalesce($2, name_zh), name_en = coalesce($3, name_en), vip_level = coalesce($4, vip_level) WHERE code = $1
         RETURNING code, name_zh AS "nameZh", name_en AS "nameEn", vip_level AS "vipLevel", built_in AS "builtIn"`,
        [request.params.code, b.nameZh ?? null, b.nameEn ?? null, b.vipLevel ?? null],
      );
      if (!row) throw new NotFoundError(missing('customer_class', request.params.code));
      if (b.vipLevel !== undefined) await customersChanged();
      return row;
    },
  );

  routes.delete(
    '/api/v1/customer-classes/:code',
    { config: { roles: classAdmins }, schema: { tags, summary: 'Remove a class the center added and no customer has', params: z.object({ code: z.string() }) } },
    async (request, reply) => {
      const [c] = await store.query<{ built_in: boolean }>('SELECT built_in FROM customer_classes WHERE code = $1', [request.params.code]);
      if (!c) throw new NotFoundError(missing('customer_class', request.params.code));
      if (c.built_in) throw new ConflictError(words('crm.class_built_in', { code: request.params.code }));
      const [used] = await store.query('SELECT 1 FROM customers WHERE class_code = $1 LIMIT 1', [request.params.code]);
      if (used) throw new ConflictError(words('crm.class_in_use', { code: request.params.code }));
      await store.query('DELETE FROM customer_classes WHERE code = $1', [request.params.code]);
      return reply.status(204).send();
    },
  );

  routes.get(
    '/api/v1/customers/export.xlsx',
    {
      config: { roles: customerExporters },
      schema: {
        tags,
        summary: 'The customers of a search as Excel (numbers masked unless manager or admin); recorded in the audit log',
        querystring: customerQuerySchema.omit({ limit: true, offset: true }),
      },
    },
    async (request, reply) => {
      const timeZone = await centerTimeZone(store);
      const { xlsx } = await exportCustomers(store, actorOf(request), request.query, { language: exportLanguage(request), timeZone });
      return sendWorkbook(reply, `banzu-customers-${localDate(app.banzu.clock.now(), timeZone)}.xlsx`, xlsx);
    },
  );

  routes.get(
    '/api/v1/audit',
    { config: { roles: auditReaders }, schema: { tags: ['audit'], summary: 'The audit log: exports, imports …', querystring: auditQuerySchema } },
    (request) => listAudit(store, request.query),
  );

  // Import: upload the file, map its columns (preview), run, poll, download the error report.
  const importTags = ['customer import'];
  const jobParams = z.object({ id: z.uuid() });
  const loadJob = async (actor: Actor, id: string) => {
    const [job] = await store.query<{
      id: string;
      user_id: string | null;
      file_name: string;
      format: 'xlsx' | 'csv';
      status: CustomerImport['status'];
      mode: CustomerImport['mode'];
      total_rows: number;
      imported: number;
      updated: number;
      rejected: number;
      errorCount: number;
      firstErrors: ImportError[];
      failure: string | null;
    }>(
      // The first 200 errors only: a big file's half a million are read for the report alone.
      `SELECT id, user_id, file_name, format, status, mode, total_rows, imported, updated, rejected, failure,
              jsonb_array_length(errors) AS "errorCount", jsonb_path_query_array(errors, '$[0 to 199]') AS "firstErrors"
       FROM import_jobs WHERE id = $1`,
      [id],
    );
    if (!job) throw new NotFoundError(missing('import', id));
    if (job.user_id !== actor.userId && !auditReaders.includes(actor.role)) throw new ForbiddenError(words('crm.import_not_yours'));
    return job;
  };

  routes.post(
    '/api/v1/customers/imports',
    {
      config: { roles: customerImporters },
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: importTags,
        summary: 'Upload a .xlsx or .csv file (the raw file as the body); answers its columns, a suggested mapping and the first rows',
        querystring: z.object({ fileName: z.string().trim().min(1).max(200).default('customers.xlsx') }),
      },
    },
    async (request, reply) => {
      const file = request.body;
      if (!Buffer.isBuffer(file) || file.length === 0) {
        throw new BadRequestError(words('crm.upload_body'));
      }
      const format = detectFormat(file, request.query.fileName);
      const preview = await previewImport(bufferSource(file), format);
      const [job] = await store.query<{ id: string }>(`INSERT INTO import_jobs (user_id, subject, file_name, format, file) VALUES ($1, 'customers', $2, $3, $4) RETURNING id`, [
        actorOf(request).userId,
        request.query.fileName,
        format,
        file,
      ]);
      return reply
        .status(201)
        .send({ id: job!.id, fileName: request.query.fileName, ...preview, mapping: suggestMapping(preview.headers), fields: customerFields } satisfies CustomerImportUpload);
    },
  );

  routes.post(
    '/api/v1/customers/imports/:id/run',
    {
      config: { roles: customerImporters },
      schema: {
        tags: importTags,
        summary: 'Run an uploaded import with a column mapping; poll the import for progress',
        params: jobParams,
        body: z.object({ mode: z.enum(importModes), mapping: mappingSchema }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const job = await loadJob(actor, request.params.id);
      if (job.status !== 'uploaded') throw new ConflictError(words('crm.import_ran', { status: words(`import_status.${job.status}`) }));
      const [{ file } = { file: null }] = await store.query<{ file: Buffer | null }>('SELECT file FROM import_jobs WHERE id = $1', [job.id]);
      const preview = await previewImport(bufferSource(Buffer.from(file!)), job.format, 0);
      const mapping = request.body.mapping as ColumnMapping;
      const problems = checkMapping(mapping, preview.headers);
      if (problems.length > 0) throw new BadRequestError(words('import_mapping.wrong', { problems: problems.map(mappingProblem) }), { field: 'mapping', problems });
      const { mode } = request.body;
      await store.query(`UPDATE import_jobs SET status = 'running', mode = $2, mapping = $3 WHERE id = $1`, [job.id, mode, JSON.stringify(mapping)]);
      running.set(job.id, { phase: 'checking', fraction: 0, rows: 0 });
      void importCustomers(store, bufferSource(Buffer.from(file!)), job.format, {
        mode,
        mapping,
        userId: actor.userId,
        fileName: job.file_name,
        onProgress: (p) => running.set(job.id, p),
        onBatchWritten: recordJobProgress(job.id),
        onFinished: finishImportJob(job.id),
        jobId: job.id,
      })
        .then(() => {
          // The import is done whatever happens here; routing also reloads the levels every minute.
          customersChanged().catch((err: unknown) => request.log.error({ err }, 'customer import: routing did not take up the new VIP levels'));
        })
        .catch((err: Error) => {
          request.log.error({ err }, 'customer import failed');
          // An all-or-nothing import decided to write all its rows stays running: the next start finishes it.
          return store.query(
            `UPDATE import_jobs SET status = 'failed', file = NULL, failure = $2, finished_at = now()
             WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM customer_import_commits c WHERE c.job_id = import_jobs.id)`,
            [job.id, err.message],
          );
        })
        .catch((err: unknown) => request.log.error({ err }, 'customer import: could not record the result'))
        .finally(() => running.delete(job.id));
      return reply.status(202).send({ id: job.id, status: 'running' });
    },
  );

  routes.get(
    '/api/v1/customers/imports/:id',
    {
      config: { roles: customerImporters },
      schema: { tags: importTags, summary: 'An import: progress while running, then the result with the first 200 errors', params: jobParams },
    },
    async (request): Promise<CustomerImport> => {
      const job = await loadJob(actorOf(request), request.params.id);
      const progress = running.get(job.id) ?? (job.status === 'done' || job.status === 'failed' ? { phase: 'done', fraction: 1, rows: job.total_rows } : null);
      const status = running.has(job.id) ? 'running' : job.status;
      return {
        id: job.id,
        fileName: job.file_name,
        status,
        mode: job.mode,
        progress,
        imported: job.imported,
        updated: job.updated,
        rejected: job.rejected,
        errorCount: job.errorCount,
        errors: job.firstErrors.map((e) => ({ ...e, message: importProblem(e, userLanguage(request)) })),
        failure: job.failure,
      };
    },
  );

  routes.get(
    '/api/v1/customers/imports/:id/errors.xlsx',
    { config: { roles: customerImporters }, schema: { tags: importTags, summary: 'The error report: row, column and problem of every rejected cell', params: jobParams } },
    async (request, reply) => {
      const job = await loadJob(actorOf(request), request.params.id);
      if (job.status !== 'done') throw new ConflictError(words('crm.report_not_ready', { status: words(`import_status.${job.status}`) }));
      const [{ errors }] = (await store.query<{ errors: ImportError[] }>('SELECT errors FROM import_jobs WHERE id = $1', [job.id])) as [{ errors: ImportError[] }];
      const report = new PassThrough();
      writeErrorReport(errors, report, userLanguage(request)).catch((err: Error) => report.destroy(err));
      return reply
        .header('content-type', xlsxType)
        .header('content-disposition', `attachment; filename="banzu-import-errors-${job.id.slice(0, 8)}.xlsx"`)
        .send(report);
    },
  );
}
