import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MyDay, ScreenPop } from '@banzu/contract';
import { canSeeTeam, systemNotReadyReasons, teamScope, type Actor, type DomainEvent, type RouterInput } from '@banzu/core';
import { maySeeRecordedCall } from '../access/index';
import { actorOf } from '../auth/index';
import { screenPopCustomer } from '../crm/index';
import { ApiError, Refusal, StoreUnavailableError } from '../http/errors';
import { loadCenter } from '../org/index';
import { loadCenterSettings, metricParameters } from '../org/settings';
import { metricsReport } from '../reports/index';
import type { Floor } from './start';

const supervisors = ['team_leader', 'supervisor', 'manager', 'admin'] as const;
/** A not-ready reason a person may pick: the system's own (未接来电) is refused with the reason why. */
function pickedReason(reason: string | undefined): string | undefined {
  if (reason && systemNotReadyReasons.has(reason)) throw new Refusal(400, 'invalid_request', 'desk.system_reason', {}, { field: 'reason' });
  return reason;
}

/** A team-scoped caller's previous calls of a customer are the own team's: for the team, or taken by one of it. */
function teamCalls(actor: Actor, param: string): string {
  const scope = teamScope(actor).kind;
  if (scope === 'all') return '';
  if (scope === 'none') return 'AND false';
  return `AND (team_id = ${param} OR agent_id IN (SELECT id FROM users WHERE team_id = ${param}))`;
}

/** How long a person's action waits for the database before the answer is 503 (wall time: it is about the network). */
const durableWaitMs = 10_000;
const target = z.union([z.object({ agentId: z.string().min(1) }), z.object({ queueId: z.string().min(1) })]);

/**
 * The live floor for the modules that need it, as `app.floor` (null when the server runs none),
 * with its routes. Plugins that use the floor declare `dependencies: ['floor']`.
 *
 * @example
 * await app.register(floorPlugin(floor));
 */
export function floorPlugin(floor: Floor | null) {
  return fastifyPlugin(
    async (app: FastifyInstance) => {
      app.decorate('floor', floor);
      if (floor) await app.register(floorRoutes(floor));
    },
    { name: 'floor' },
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The live floor, when the server runs one. */
    floor: Floor | null;
  }
}

/** The floor's commands over HTTP: an agent's desktop, and the team leader's actions. */
export function floorRoutes(floor: Floor) {
  const { engine, feed } = floor;
  /**
   * Runs a router input and answers once it and its events are written, so an acknowledged action
   * survives a crash; a refusal becomes 409 with the router's stable code. While the database is
   * away the writes wait for it; the caller is told 503 after a while (the action still lands).
   */
  async function run(input: RouterInput): Promise<{ ok: true }> {
    const rejected = engine.command(input);
    // The code is the catalogue's key (http/messages): the answer reads in the user's language.
    if (rejected) throw new ApiError(409, rejected.code, rejected.message);
    let timeout: NodeJS.Timeout | undefined;
    const unavailable = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new StoreUnavailableError()), durableWaitMs);
    });
    try {
      await Promise.race([engine.durable(), unavailable]);
    } finally {
      clearTimeout(timeout);
    }
    return { ok: true };
  }

  /** A person at a desktop: from now on the switch leaves this agent to them. */
  function desktopAgent(actor: Actor) {
    const agent = feed.agent(actor.userId);
    if (!agent) throw new Refusal(404, 'not_found', 'desk.not_an_agent');
    floor.personAtDesk(agent.agentId);
    return agent;
  }

  function supervised(actor: Actor, agentId: string) {
    const agent = feed.agent(agentId);
    if (!agent) throw new Refusal(404, 'not_found', 'desk.unknown_agent');
    if (!canSeeTeam(actor, agent.teamId)) throw new Refusal(403, 'forbidden', 'desk.agent_not_in_team');
    return agent;
  }

  return async function plugin(app: FastifyInstance) {
    const routes = app.withTypeProvider<ZodTypeProvider>();
    const desk = { config: { roles: ['agent'] as const } };
    const tags = ['desktop'];

    routes.post(
      '/api/v1/desktop/state',
      {
        ...desk,
        schema: {
          tags,
          summary: 'Ready (置闲), not ready with a reason (示忙), or log out; from logged out this logs in',
          body: z.object({ status: z.enum(['ready', 'not_ready', 'logged_out']), reason: z.string().min(1).max(50).optional() }),
        },
      },
      async (request) => {
        const agentId = desktopAgent(actorOf(request)).agentId;
        const { status } = request.body;
        const reason = pickedReason(request.body.reason);
        if (status === 'not_ready' && !reason) throw new Refusal(400, 'invalid_request', 'desk.reason_needed', {}, { field: 'reason' });
        // The router's state, not the feed's: the feed shows an action only once its events are read back.
        const current = engine.router.agentState(agentId) ?? { status: 'logged_out', notReadyReason: null };
        if (status === current.status && (status !== 'not_ready' || reason === current.notReadyReason)) return { ok: true };
        if (current.status === 'logged_out') {
          if (status === 'logged_out') return { ok: true };
          return run({ type: 'agent.login', agentId, ...(status === 'not_ready' ? { notReadyReason: reason } : {}) });
        }
        if (status === 'ready') return run({ type: 'agent.ready', agentId });
        if (status === 'not_ready') return run({ type: 'agent.not_ready', agentId, reason: reason! });
        return run({ type: 'agent.logout', agentId });
      },
    );

    routes.post('/api/v1/desktop/answer', { ...desk, schema: { tags, summary: 'Answer the call ringing on the desktop' } }, async (request) => {
      const agent = desktopAgent(actorOf(request));
      if (agent.status !== 'ringing' || !agent.callId) throw new Refusal(409, 'conflict', 'desk.nothing_ringing');
      return run({ type: 'switch.agent_answered', callId: agent.callId, agentId: agent.agentId });
    });

    for (const [path, type, summary] of [
      ['hang-up', 'agent.hang_up', 'Hang up the current call'],
      ['hold', 'agent.hold', 'Put the caller on hold'],
      ['retrieve', 'agent.retrieve', 'Take the caller back from hold'],
      ['consult/complete', 'agent.complete_transfer', 'Complete a consult transfer'],
      ['consult/cancel', 'agent.cancel_consult', 'Cancel the consultation and return to the caller'],
      ['consult/conference', 'agent.conference', 'Bring the consulted agent into a conference'],
      ['wrap-up/finish', 'agent.ready', 'Finish wrap-up (事后处理) and become ready'],
    ] as const) {
      routes.post(`/api/v1/desktop/${path}`, { ...desk, schema: { tags, summary } }, async (request) => run({ type, agentId: desktopAgent(actorOf(request)).agentId }));
    }

    routes.post(
      '/api/v1/desktop/transfer',
      {
        ...desk,
        schema: { tags, summary: 'Transfer the call: blind to an agent or a queue, or consult an agent first', body: z.object({ mode: z.enum(['blind', 'consult']), to: target }) },
      },
      async (request) => {
        const agentId = desktopAgent(actorOf(request)).agentId;
        const { mode, to } = request.body;
        if (mode === 'blind') return run({ type: 'agent.transfer', agentId, to });
        if (!('agentId' in to)) throw new Refusal(400, 'invalid_request', 'desk.consult_to_agent', {}, { field: 'to' });
        return run({ type: 'agent.consult', agentId, targetAgentId: to.agentId });
      },
    );

    routes.post(
      '/api/v1/desktop/wrap-up/extend',
      { ...desk, schema: { tags, summary: 'Ask for more wrap-up time', body: z.object({ seconds: z.number().int().min(1).max(600) }) } },
      async (request) => run({ type: 'agent.extend_wrap_up', agentId: desktopAgent(actorOf(request)).agentId, seconds: request.body.seconds }),
    );

    routes.post(
      '/api/v1/desktop/disposition',
      {
        ...desk,
        schema: {
          tags,
          summary: 'Record the disposition, whether the issue was resolved, and a note of the call; optionally finish wrap-up',
          body: z.object({
            callId: z.string().min(1),
            code: z.string().min(1).max(50),
            resolved: z.boolean().optional(),
            note: z.string().max(2000).optional(),
            finish: z.boolean().default(false),
          }),
        },
      },
      async (request) => {
        const agentId = desktopAgent(actorOf(request)).agentId;
        const { callId, code, resolved, note, finish } = request.body;
        await run({ type: 'agent.set_disposition', agentId, callId, code });
        // After the router accepted the disposition: the agent is on or wrapping up this call.
        const extra: DomainEvent[] = [];
        if (resolved !== undefined) extra.push({ type: 'call.resolution_recorded', stream: callId, at: engine.now(), payload: { agentId, resolved } });
        if (note) extra.push({ type: 'call.note_added', stream: callId, at: engine.now(), payload: { agentId, note } });
        if (extra.length > 0) await app.banzu.log.append(extra);
        if (finish && engine.router.agentState(agentId)?.status === 'wrap_up') await run({ type: 'agent.ready', agentId });
        return { ok: true };
      },
    );

    routes.get(
      '/api/v1/desktop/calls/:callId/screen-pop',
      {
        config: { roles: ['agent', ...supervisors] },
        schema: { tags, summary: 'Screen pop (弹屏): the caller, the customer profile when known, previous calls', params: z.object({ callId: z.string().min(1) }) },
      },
      async (request): Promise<ScreenPop> => {
        const actor = actorOf(request);
        const [call] = await app.banzu.store.query<{
          from_number: string | null;
          vip_level: number;
          record: { agents: string[]; legs: { agentId: string }[]; direction: 'inbound' | 'outbound'; to: string | null };
        }>('SELECT from_number, vip_level, record FROM call_records WHERE call_id = $1', [request.params.callId]);
        // Within the caller's scope, as for the recording: a live call the floor shows them, or a past one
        // they may hear. Anything else is a 404, so a guessed id does not tell whether the call exists.
        const live = feed.snapshot(actor).state.calls.find((c) => c.callId === request.params.callId);
        if (!live && !(call && (await maySeeRecordedCall(app.banzu.store, actor, request.params.callId)))) throw new Refusal(404, 'not_found', 'desk.unknown_live_call');
        // The customer on the line: the caller, or on an outbound call the number dialled.
        const outbound = live ? live.to !== undefined : call?.record.direction === 'outbound';
        const from = outbound ? (live?.to ?? call?.record.to ?? null) : (live?.from ?? call?.from_number ?? null);
        const previousCalls = from
          ? await app.banzu.store.query<Omit<ScreenPop['previousCalls'][number], 'startedAt'> & { startedAt: Date }>(
              `SELECT call_id AS "callId", started_at AS "startedAt", outcome, record->>'disposition' AS disposition, agent_id AS "agentId"
               FROM call_records WHERE from_number = $1 AND call_id <> $2 ${teamCalls(actor, '$3')} ORDER BY started_at DESC LIMIT 10`,
              [from, request.params.callId, ...(teamScope(actor).kind === 'team' ? [actor.teamId] : [])],
            )
          : [];
        const customer = await screenPopCustomer(app.banzu.store, actor, from);
        return {
          callId: request.params.callId,
          from,
          vipLevel: live?.vipLevel ?? call?.vip_level ?? 0,
          customer,
          previousCalls: previousCalls.map((c) => ({ ...c, startedAt: c.startedAt.toISOString() })),
        };
      },
    );

    routes.get(
      '/api/v1/desktop/my-day',
      {
        ...desk,
        schema: {
          tags,
          summary: "My day: the agent's figures for a day and the own team's, by the same metric code as the reports",
          querystring: z.object({ date: z.iso.date() }),
        },
      },
      async (request): Promise<MyDay> => {
        const actor = actorOf(request);
        const { date } = request.query;
        const [{ timeZone }, settings] = await Promise.all([loadCenter(app.banzu.store), loadCenterSettings(app.banzu.store)]);
        // The team's figures as a whole, never a teammate's own: an agent sees only the own.
        const report = await metricsReport(app.banzu.store, {
          from: date,
          to: date,
          by: 'agent',
          timeZone,
          parameters: metricParameters(settings),
          ...(actor.teamId ? { teamId: actor.teamId } : { agentId: actor.userId }),
        });
        const mine = report.rows.find((r) => r.key === actor.userId)?.metrics ?? {};
        return { mine, team: actor.teamId ? { agents: report.rows.length, metrics: report.total.metrics } : null, serviceLevel: report.serviceLevel };
      },
    );

    const floorTags = ['floor'];
    routes.post(
      '/api/v1/floor/agents/:agentId/state',
      {
        config: { roles: supervisors },
        schema: {
          tags: floorTags,
          summary: "Force an agent's state with a reason; the event records who did it",
          params: z.object({ agentId: z.string().min(1) }),
          body: z.object({ status: z.enum(['ready', 'not_ready', 'logged_out']), reason: z.string().min(1).max(50).optional() }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const agent = supervised(actor, request.params.agentId);
        const { status } = request.body;
        const reason = pickedReason(request.body.reason);
        if (status === 'not_ready' && !reason) throw new Refusal(400, 'invalid_request', 'desk.reason_needed', {}, { field: 'reason' });
        return run({ type: 'supervisor.force_state', supervisorId: actor.userId, agentId: agent.agentId, to: status, ...(reason ? { reason } : {}) });
      },
    );

    const callParams = z.object({ callId: z.string().min(1) });
    const assertCallInScope = (actor: Actor, callId: string) => {
      const call = feed.snapshot(actor).state.calls.find((c) => c.callId === callId);
      if (!call) throw teamScope(actor).kind === 'all' ? new Refusal(404, 'not_found', 'desk.unknown_live_call') : new Refusal(403, 'forbidden', 'desk.call_not_in_team');
    };
    routes.post(
      '/api/v1/floor/calls/:callId/monitor',
      {
        config: { roles: [...supervisors, 'qa'] },
        schema: {
          tags: floorTags,
          summary: 'Listen, whisper to the agent, or barge in; QA listens, and whispers or barges only where the center allows it',
          params: callParams,
          body: z.object({ mode: z.enum(['listen', 'whisper', 'barge']) }),
        },
      },
      async (request) => {
        const actor = actorOf(request);
        if (actor.role === 'qa' && request.body.mode !== 'listen' && !(await loadCenterSettings(app.banzu.store)).qaMayWhisperAndBarge) {
          throw new Refusal(403, 'forbidden', 'desk.qa_listen_only');
        }
        assertCallInScope(actor, request.params.callId);
        return run({ type: 'supervisor.monitor', supervisorId: actor.userId, callId: request.params.callId, mode: request.body.mode });
      },
    );
    routes.delete(
      '/api/v1/floor/calls/:callId/monitor',
      { config: { roles: [...supervisors, 'qa'] }, schema: { tags: floorTags, summary: 'Stop monitoring the call', params: callParams } },
      async (request) => {
        const actor = actorOf(request);
        assertCallInScope(actor, request.params.callId);
        return run({ type: 'supervisor.stop_monitor', supervisorId: actor.userId, callId: request.params.callId });
      },
    );

    routes.post(
      '/api/v1/floor/agents/:agentId/messages',
      {
        config: { roles: supervisors },
        schema: {
          tags: floorTags,
          summary: "Send a message to an agent's desktop",
          params: z.object({ agentId: z.string().min(1) }),
          body: z.object({ text: z.string().trim().min(1).max(500) }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const agent = supervised(actor, request.params.agentId);
        const [sender] = await app.banzu.store.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [actor.userId]);
        const id = randomUUID();
        await app.banzu.log.append([
          {
            type: 'agent.message_sent',
            stream: agent.agentId,
            at: engine.now(),
            payload: { id, fromUserId: actor.userId, fromName: sender?.display_name ?? '', text: request.body.text },
          },
        ]);
        return reply.status(201).send({ id });
      },
    );
  };
}
