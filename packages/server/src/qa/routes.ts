import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate, wallTimer, type TranscriptionPort } from '@banzu/core';
import { libraryReaders, reportTeam } from '../access/index';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/index';
import { sendWorkbook } from '../reports/index';
import { exportLanguage } from '../spreadsheet/index';
import { recordingsDir } from '../recordings/index';
import { loadCenterCalendar } from '../wfm/index';
import type { Queryable } from '../store/index';
import {
  acknowledge,
  confirmOverdue,
  dispute,
  disputesWaiting,
  evaluationSchema,
  listEvaluations,
  loadEvaluation,
  resolutionSchema,
  resolveDispute,
  resolvers,
  scoreCall,
  scorers,
  type QaContext,
} from './evaluations';
import { pickableCalls, qaCallDetail } from './calls';
import { coachingRecords, coachingSchema, openCoaching } from './coaching';
import { qaReportWorkbook, reportScope } from './export';
import { calibration, calibrationQueue, checkNotBlind, withoutBlindSheets } from './calibration';
import { qaReport, reportQuerySchema, stars } from './insights';
import { leadsRoutes } from './leads-routes';
import { logRoutes } from './log';
import { startQaRounds } from './rounds';
import { inspectorQueue, samplePeriod } from './sampling';
import { saveTranscript, transcriptSchema, transcriptView } from './speech';
import { commandTranscriber, transcribeDay } from './transcriber';
import { checkedForm, createForm, formSchema, formVersions, listForms, loadForm, loadQaSettings, reviseForm, saveQaSettings, setFormArchived, settingsSchema } from './forms';
import { addToLibrary, changeLibraryEntry, library, libraryCategories, libraryChangeSchema, libraryEntrySchema, removeLibraryEntry } from './library';

const tags = ['qa'];
/** Who writes the scoring standard: QA sets it (seed 003), supervisors and managers own it. */
const formEditors = ['qa', 'supervisor', 'manager', 'admin'] as const;
/** Who reads the forms: everyone who scores, and trainers who teach from them. */
const formReaders = [...scorers, 'trainer'] as const;
const idParams = z.object({ id: z.string().min(1) });
/** Who runs sampling and sees every inspector's queue: QA, supervisors, managers. */
const samplers = ['qa', 'supervisor', 'manager', 'admin'] as const;
/** Who uses the model-call library in training (seed 004) and adds to it: the same who may play its calls. */
const librarians = libraryReaders;
/** Who coaches (个别辅导): team leaders their own team, supervisors and managers. */
const coaches = ['team_leader', 'supervisor', 'manager', 'admin'] as const;

/** How often the nightly transcription looks for the day before's calls left to transcribe. */
const TRANSCRIBE_EVERY_MS = 3_600_000;

/**
 * The nightly job of a center with a local recogniser: each hour, the day before's recorded calls
 * without a transcript are transcribed, so the first hour after midnight does the day and later
 * hours only what failed; never on the router's path, one call at a time.
 */
function nightlyTranscription(app: FastifyInstance, port: TranscriptionPort): void {
  const { store, clock, config } = app.banzu;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const { timeZone } = await loadCenterCalendar(store);
      const yesterday = localDate(clock.now() - 86_400_000, timeZone);
      const { done, failed } = await transcribeDay(store, port, recordingsDir(config), yesterday, timeZone, (err) => app.log.warn({ err }, 'transcription failed'));
      if (done + failed > 0) app.log.info({ date: yesterday, done, failed }, 'calls transcribed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => run().catch((err: unknown) => app.log.warn({ err }, 'nightly transcription failed')), TRANSCRIBE_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

/**
 * Quality assurance over HTTP: scoring sheets and their versions, evaluations of calls, the agent's
 * acknowledgement (签字) or dispute and the QA lead's decision, and the center's QA settings.
 */
export const qaPlugin = fastifyPlugin(
  async function qaRoutes(app: FastifyInstance) {
    const routes = app.withTypeProvider<ZodTypeProvider>();
    const { store, log, clock, config } = app.banzu;
    if (config.transcribeCommand) nightlyTranscription(app, commandTranscriber(config.transcribeCommand));
    // Each hour of the center's clock: deadlines that passed are confirmed, and the plan's schedule samples.
    const stopRounds = startQaRounds({
      store,
      log,
      clock,
      timer: wallTimer(clock),
      onError: (err) => app.log.warn({ err }, 'the QA round failed'),
      onRound: (round) => {
        if (round.confirmed > 0 || (round.sampled?.added ?? 0) > 0) app.log.info(round, 'QA round');
      },
    });
    app.addHook('onClose', async () => stopRounds());

    /**
     * A transaction with the QA context, after confirming what passed its deadline meanwhile (in a
     * transaction of its own, so the log's head is not held for the request's work).
     */
    const withQa = async <T>(work: (tx: Queryable, ctx: QaContext) => Promise<T>) => {
      const { calendar, timeZone } = await loadCenterCalendar(store);
      const ctx: QaContext = { log, now: clock.now(), timeZone, calendar, settings: await loadQaSettings(store) };
      await store.transaction((tx) => confirmOverdue(tx, ctx));
      return store.transaction((tx) => work(tx, ctx));
    };
    leadsRoutes(app, withQa);
    logRoutes(app, withQa);

    routes.get(
      '/api/v1/qa/forms',
      {
        config: { roles: formReaders },
        schema: {
          tags,
          summary: 'The scoring sheets in use (or the archived ones), each at its newest version',
          querystring: z.object({ archived: z.enum(['true', 'false']).default('false') }),
        },
      },
      (request) => listForms(store, request.query.archived === 'true'),
    );

    routes.post(
      '/api/v1/qa/forms',
      {
        config: { roles: formEditors },
        schema: { tags, summary: 'Create a scoring sheet: sections of weighted items, N/A and fatal (致命项) items; it is version 1', body: formSchema },
      },
      async (request, reply) => {
        const form = checkedForm(request.body);
        return reply.status(201).send(await store.transaction((tx) => createForm(tx, actorOf(request).userId, form)));
      },
    );

    routes.get(
      '/api/v1/qa/forms/:id',
      {
        config: { roles: formReaders },
        schema: {
          tags,
          summary: 'A scoring sheet at its newest or a given version',
          params: idParams,
          querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        },
      },
      (request) => loadForm(store, request.params.id, request.query.version),
    );

    routes.get(
      '/api/v1/qa/forms/:id/versions',
      { config: { roles: formReaders }, schema: { tags, summary: 'Every version of a scoring sheet, newest first', params: idParams } },
      (request) => formVersions(store, request.params.id),
    );

    routes.put(
      '/api/v1/qa/forms/:id',
      { config: { roles: formEditors }, schema: { tags, summary: 'Edit a scoring sheet: makes its next version; evaluations keep theirs', params: idParams, body: formSchema } },
      async (request) => {
        const form = checkedForm(request.body);
        return store.transaction((tx) => reviseForm(tx, actorOf(request).userId, request.params.id, form));
      },
    );

    routes.patch(
      '/api/v1/qa/forms/:id',
      {
        config: { roles: formEditors },
        schema: {
          tags,
          summary: 'Archive a scoring sheet (停用: no new evaluations, old ones keep it) or bring it back',
          params: idParams,
          body: z.object({ archived: z.boolean({ message: 'qa.form_archived_flag' }) }),
        },
      },
      (request) => store.transaction((tx) => setFormArchived(tx, actorOf(request).userId, request.params.id, request.body.archived)),
    );

    routes.post(
      '/api/v1/qa/evaluations',
      {
        // Agents reach the handler only to be told they may not score (their own call is a 400, as the contract says).
        config: { roles: [...scorers, 'agent'] },
        schema: { tags, summary: 'Score a call on a scoring sheet: 0-100, fatal when a 致命项 failed; the agent is asked to sign or dispute', body: evaluationSchema },
      },
      async (request, reply) => reply.status(201).send(await withQa((tx, ctx) => scoreCall(tx, actorOf(request), request.body, ctx))),
    );

    routes.get(
      '/api/v1/qa/calls',
      {
        config: { roles: scorers },
        schema: {
          tags,
          summary: 'The recorded, answered calls of a day a scorer may pick outside the sample: a team leader the own team’s',
          querystring: z.object({ date: z.iso.date(), agentId: z.string().min(1).optional() }),
        },
      },
      async (request) => pickableCalls(store, actorOf(request), request.query, (await loadCenterCalendar(store)).timeZone),
    );

    routes.get(
      '/api/v1/qa/calls/:id',
      {
        config: { roles: scorers },
        schema: {
          tags,
          summary: 'A call as it is scored: its facts, disposition and notes, and the screen pop the agent saw (customer, earlier calls, tickets)',
          params: idParams,
        },
      },
      (request) => qaCallDetail(store, actorOf(request), request.params.id),
    );

    routes.get(
      '/api/v1/qa/evaluations',
      {
        config: { roles: 'any' },
        schema: {
          tags,
          summary: 'Evaluations newest first: an agent sees the own, a team leader the team’s',
          querystring: z.object({
            agentId: z.string().min(1).optional(),
            teamId: z.string().min(1).optional(),
            inspectorId: z.string().min(1).optional(),
            callId: z.string().min(1).optional(),
            status: z.enum(['pending', 'disputed', 'confirmed']).optional(),
            purpose: z.enum(['evaluation', 'calibration']).optional(),
            from: z.iso.datetime({ offset: true }).optional(),
            to: z.iso.datetime({ offset: true }).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
        },
      },
      (request) => withQa(async (tx) => withoutBlindSheets(tx, actorOf(request), await listEvaluations(tx, actorOf(request), request.query))),
    );

    routes.get('/api/v1/qa/evaluations/:id', { config: { roles: 'any' }, schema: { tags, summary: 'One evaluation with its items and comments', params: idParams } }, (request) =>
      withQa(async (tx) => checkNotBlind(tx, actorOf(request), await loadEvaluation(tx, actorOf(request), request.params.id))),
    );

    routes.post(
      '/api/v1/qa/evaluations/:id/acknowledge',
      // Whoever was scored signs, whatever their role (a team leader who took a call); the handler refuses anyone else.
      { config: { roles: 'any' }, schema: { tags, summary: 'The evaluated person signs (签字) the evaluation after hearing the recording', params: idParams } },
      (request) => withQa((tx, ctx) => acknowledge(tx, actorOf(request), request.params.id, ctx)),
    );

    routes.post(
      '/api/v1/qa/evaluations/:id/dispute',
      {
        config: { roles: 'any' },
        schema: {
          tags,
          summary: 'The evaluated person disputes the evaluation before the deadline, with the reason',
          params: idParams,
          body: z.object({ reason: z.string().trim().min(1).max(2000) }),
        },
      },
      (request) => withQa((tx, ctx) => dispute(tx, actorOf(request), request.params.id, request.body.reason, ctx)),
    );

    routes.post(
      '/api/v1/qa/evaluations/:id/resolve',
      {
        config: { roles: resolvers },
        schema: { tags, summary: 'A QA lead upholds or changes a disputed score, with the reason', params: idParams, body: resolutionSchema },
      },
      (request) => withQa((tx, ctx) => resolveDispute(tx, actorOf(request), request.params.id, request.body, ctx)),
    );

    routes.get(
      '/api/v1/qa/disputes/waiting',
      { config: { roles: resolvers }, schema: { tags, summary: 'How many disputes wait for a decision the caller may make, and since when the oldest waits' } },
      (request) => withQa((tx) => disputesWaiting(tx, actorOf(request))),
    );

    routes.post(
      '/api/v1/qa/queue/sample',
      {
        config: { roles: samplers },
        schema: {
          tags,
          summary: 'Sample the period of the plan holding a date (today when left out) into the inspectors’ queues, evenly',
          body: z.object({ date: z.iso.date().optional() }),
        },
      },
      (request) =>
        withQa(async (tx, ctx) => {
          const date = request.body.date ?? localDate(ctx.now, ctx.timeZone);
          return { date, added: await samplePeriod(tx, date, ctx) };
        }),
    );

    routes.get(
      '/api/v1/qa/queue',
      {
        config: { roles: samplers },
        schema: {
          tags,
          summary: 'An inspector’s queue: calibration calls (marked with their session) and sampled calls with why each was picked (QA: the own unless asked; leads: everyone’s)',
          querystring: z.object({ inspectorId: z.string().min(1).optional(), all: z.coerce.boolean().default(false), open: z.enum(['true', 'false']).default('true') }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const inspectorId = request.query.inspectorId ?? (actor.role === 'qa' && !request.query.all ? actor.userId : null);
        const open = request.query.open === 'true';
        // Calls of calibration sessions the inspector was invited to come first, marked with their session.
        return [...(await calibrationQueue(store, actor, inspectorId, open)), ...(await inspectorQueue(store, actor, inspectorId, open))];
      },
    );

    routes.post(
      '/api/v1/qa/library',
      { config: { roles: librarians }, schema: { tags, summary: 'Put a call in the model-call library (优秀录音 / 差录音) with a category and a note', body: libraryEntrySchema } },
      async (request, reply) => reply.status(201).send(await store.transaction((tx) => addToLibrary(tx, actorOf(request), request.body, clock.now()))),
    );

    routes.get(
      '/api/v1/qa/library',
      {
        config: { roles: librarians },
        schema: {
          tags,
          summary: 'The model-call library, newest first; each entry says whether the caller may change or remove it (QA and leads any, others their own)',
          querystring: z.object({ kind: z.enum(['good', 'bad']).optional(), category: z.string().min(1).optional() }),
        },
      },
      (request) => library(store, actorOf(request), request.query),
    );

    routes.get(
      '/api/v1/qa/library/categories',
      { config: { roles: librarians }, schema: { tags, summary: 'The model-call library’s categories with how many calls each holds' } },
      () => libraryCategories(store),
    );

    routes.patch(
      '/api/v1/qa/library/:id',
      {
        config: { roles: librarians },
        schema: { tags, summary: 'Re-categorise a library entry (kind, category, note): QA and leads any, others their own', params: idParams, body: libraryChangeSchema },
      },
      (request) => store.transaction((tx) => changeLibraryEntry(tx, actorOf(request), request.params.id, request.body)),
    );

    routes.delete(
      '/api/v1/qa/library/:id',
      { config: { roles: librarians }, schema: { tags, summary: 'Take an entry out of the library: QA and leads any, others their own', params: idParams } },
      async (request, reply) => {
        await store.transaction((tx) => removeLibraryEntry(tx, actorOf(request), request.params.id));
        return reply.status(204).send();
      },
    );

    routes.post(
      '/api/v1/qa/coaching',
      {
        config: { roles: coaches },
        schema: { tags, summary: 'Open a coaching record (个别辅导) from an evaluation, a KPI or a discipline item: focus, agreed actions, follow-up date', body: coachingSchema },
      },
      async (request, reply) => reply.status(201).send(await store.transaction((tx) => openCoaching(tx, actorOf(request), request.body, clock.now()))),
    );

    routes.get(
      '/api/v1/qa/coaching',
      {
        config: { roles: 'any' },
        schema: {
          tags,
          summary: 'Coaching records with their follow-up: the figure it was about before and after',
          querystring: z.object({ agentId: z.string().min(1).optional() }),
        },
      },
      (request) => coachingRecords(store, actorOf(request), request.query, clock.now()),
    );

    routes.get(
      '/api/v1/qa/stars',
      {
        config: { roles: 'any' },
        schema: {
          tags,
          summary: 'QA stars (质检明星) per team of a day or month',
          querystring: z.object({ date: z.iso.date().optional(), period: z.enum(['day', 'month']).default('day') }),
        },
      },
      (request) =>
        withQa((tx, ctx) => stars(tx, request.query.date ?? localDate(ctx.now, ctx.timeZone), request.query.period, ctx.settings.starMinimum[request.query.period], ctx.timeZone)),
    );

    routes.get(
      '/api/v1/qa/report',
      {
        config: { roles: [...librarians] },
        schema: { tags, summary: 'QA report per agent, team or inspector: average, 致命项率, most-failed items, trend, disputes', querystring: reportQuerySchema },
      },
      (request) => withQa((tx, ctx) => qaReport(tx, actorOf(request), request.query, ctx.timeZone)),
    );

    routes.get(
      '/api/v1/qa/report/export.xlsx',
      {
        config: { roles: [...librarians] },
        schema: { tags, summary: 'The QA report as an Excel workbook in the user’s language: rows and total, items, daily trend; audited', querystring: reportQuerySchema },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { query } = request;
        const language = exportLanguage(request);
        const xlsx = await withQa(async (tx, ctx) => {
          const report = await qaReport(tx, actor, query, ctx.timeZone);
          const scope = await reportScope(tx, report, { ...query, teamId: reportTeam(actor, query.teamId) }, language);
          await writeAudit(tx, { userId: actor.userId, action: 'export', subject: 'qa_report', rowCount: report.rows.length, detail: { query } });
          return qaReportWorkbook(report, query.from === query.to ? query.from : `${query.from} – ${query.to}`, scope, language);
        });
        return sendWorkbook(reply, `qa-report-${query.by}-${query.from}-${query.to}.xlsx`, xlsx);
      },
    );

    routes.get(
      '/api/v1/qa/calibrations/:id',
      {
        config: { roles: samplers },
        schema: { tags, summary: 'Calibration of a call: each inspector’s score, the spread per item and Fleiss’ kappa (hidden from an invitee yet to score)', params: idParams },
      },
      (request) => calibration(store, actorOf(request), request.params.id),
    );

    routes.put(
      '/api/v1/qa/transcripts/:id',
      { config: { roles: samplers }, schema: { tags, summary: 'Store a call’s transcript (from a recogniser or an outside job)', params: idParams, body: transcriptSchema } },
      async (request, reply) => {
        await saveTranscript(store, request.params.id, request.body);
        return reply.status(204).send();
      },
    );

    routes.get(
      '/api/v1/qa/transcripts/:id',
      { config: { roles: scorers }, schema: { tags, summary: 'A call’s transcript with the speech rules’ hits (禁语 …) and the answers they suggest', params: idParams } },
      (request) => transcriptView(store, actorOf(request), request.params.id),
    );

    routes.get('/api/v1/qa/settings', { config: { roles: 'any' }, schema: { tags, summary: 'The center’s QA settings: deadline, penalty ladder, sampling plan, QA star' } }, () =>
      loadQaSettings(store),
    );

    routes.patch(
      '/api/v1/qa/settings',
      {
        config: { roles: formEditors },
        schema: { tags, summary: 'Change the QA settings it names; a bad value is a 400 naming the setting in Chinese', body: settingsSchema.partial() },
      },
      (request) => store.transaction((tx) => saveQaSettings(tx, actorOf(request).userId, request.body)),
    );
  },
  { name: 'qa', dependencies: [] },
);
