import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../auth/index';
import { writeAudit } from '../crm/index';
import { sendWorkbook } from '../reports/index';
import { exportLanguage } from '../spreadsheet/index';
import { handoversWorkbook } from './export';
import { loadCenter } from '../org/index';
import { faultQuerySchema, faultSchema, faultUpdateSchema, listFaults, recordFault, updateFault } from './faults';
import {
  acknowledgeHandover,
  acknowledgeSchema,
  closeShift,
  handoverDraft,
  handoverSchema,
  handoverUpdateSchema,
  incomingLeaders,
  listHandovers,
  listQuerySchema,
  loadHandover,
  prefillQuerySchema,
  shiftLeaders,
  shiftSchema,
  updateHandover,
  writeHandover,
  type HandoverContext,
} from './service';

const tags = ['handovers'];
const idParams = z.object({ id: z.string().min(1) });

/** 交接班 and the system fault log over HTTP: leaders of the floor only, agents never. */
export async function handoverRoutes(app: FastifyInstance) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { store, clock } = app.banzu;
  const context = async (): Promise<HandoverContext> => ({ now: clock.now(), timeZone: (await loadCenter(store)).timeZone });
  const roles = shiftLeaders;

  routes.get(
    '/api/v1/handovers/prefill',
    {
      config: { roles },
      schema: { tags, summary: 'The five items (交情况、设备、工具、质量、记录) pre-filled from what is open for the team now', querystring: prefillQuerySchema },
    },
    async (request) => handoverDraft(store, actorOf(request), request.query, await context()),
  );

  routes.get('/api/v1/handovers/leaders', { config: { roles }, schema: { tags, summary: 'Who a shift can be handed over to' } }, (request) =>
    incomingLeaders(store, actorOf(request)),
  );

  routes.get('/api/v1/handovers', { config: { roles }, schema: { tags, summary: 'The handover log, newest first', querystring: listQuerySchema } }, async (request) => ({
    items: await listHandovers(store, actorOf(request), request.query),
  }));

  routes.get(
    '/api/v1/handovers/export.xlsx',
    { config: { roles }, schema: { tags, summary: 'The handover log as an Excel workbook (交接班记录), newest first', querystring: listQuerySchema } },
    async (request, reply) => {
      const actor = actorOf(request);
      const items = await listHandovers(store, actor, request.query);
      const xlsx = await handoversWorkbook(items, (await context()).timeZone, exportLanguage(request));
      await writeAudit(store, { userId: actor.userId, action: 'export', subject: 'handovers', rowCount: items.length, detail: { query: request.query } });
      return sendWorkbook(reply, 'handovers.xlsx', xlsx);
    },
  );

  routes.post(
    '/api/v1/handovers',
    { config: { roles }, schema: { tags, summary: 'Write the shift’s handover and hand it to the incoming leader; items left out are pre-filled', body: handoverSchema } },
    async (request, reply) => {
      const ctx = await context();
      return reply.status(201).send(await store.transaction((tx) => writeHandover(tx, actorOf(request), request.body, ctx)));
    },
  );

  routes.post(
    '/api/v1/handovers/close-shift',
    { config: { roles }, schema: { tags, summary: 'Close the shift: refused until its handover is written and acknowledged', body: shiftSchema } },
    async (request, reply) => {
      const ctx = await context();
      return reply.status(201).send(await store.transaction((tx) => closeShift(tx, actorOf(request), request.body, ctx)));
    },
  );

  routes.get('/api/v1/handovers/:id', { config: { roles }, schema: { tags, summary: 'One handover', params: idParams } }, (request) =>
    loadHandover(store, actorOf(request), request.params.id),
  );

  routes.patch(
    '/api/v1/handovers/:id',
    {
      config: { roles },
      schema: { tags, summary: 'The outgoing leader edits the items or the incoming leader until it is acknowledged', params: idParams, body: handoverUpdateSchema },
    },
    (request) => store.transaction((tx) => updateHandover(tx, actorOf(request), request.params.id, request.body, clock.now())),
  );

  routes.post(
    '/api/v1/handovers/:id/acknowledge',
    { config: { roles }, schema: { tags, summary: 'The named incoming leader takes the shift over and reports back', params: idParams, body: acknowledgeSchema } },
    (request) => store.transaction((tx) => acknowledgeHandover(tx, actorOf(request), request.params.id, request.body.note, clock.now())),
  );

  routes.get('/api/v1/faults', { config: { roles }, schema: { tags, summary: 'The system fault log (系统故障记录)', querystring: faultQuerySchema } }, async (request) => ({
    items: await listFaults(store, actorOf(request), request.query),
  }));

  routes.post(
    '/api/v1/faults',
    { config: { roles }, schema: { tags, summary: 'Record a fault: when it began, what it does, who was told', body: faultSchema } },
    async (request, reply) => reply.status(201).send(await store.transaction((tx) => recordFault(tx, actorOf(request), request.body, clock.now()))),
  );

  routes.patch(
    '/api/v1/faults/:id',
    { config: { roles }, schema: { tags, summary: 'Add to a fault, or end it with its resolution', params: idParams, body: faultUpdateSchema } },
    (request) => store.transaction((tx) => updateFault(tx, actorOf(request), request.params.id, request.body, clock.now())),
  );
}
