/**
 * Agents' SIP accounts: a desk phone or the desktop's softphone registers as sip:<工号>@… with a
 * password a manager sets. Only the digest HA1 is stored; Kamailio checks registrations against it
 * (voice/kamailio.ts) and the desktop's softphone registers with it.
 *
 * @example
 * await setSipPassword(store, agentId, 'secret123');
 * await app.register(sipAccountRoutes({ address: '127.0.0.1', wsPort: 5066, accountsChanged: () => sip.accountsChanged() }));
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SipAccountStatus, SoftphoneAnswer } from '@banzu/contract';
import { canGrantRole, canSeeTeam, orgAdminRoles, type Actor } from '@banzu/core';
import { actorOf } from '../auth/index';
import { passwordProblem } from '../auth/policy';
import { BadRequestError, ForbiddenError } from '../http/errors';
import { roleName, words } from '../http/messages';
import { loadProfile } from '../org/index';
import type { Queryable } from '../store/index';

/** The digest realm of every SIP account: part of the HA1, so changing it would void every password. */
export const sipRealm = 'banzu';

/**
 * The digest HA1 of RFC 2617, md5(user:realm:password): what Kamailio and JsSIP authenticate with.
 *
 * @example
 * sipHa1('8001', 'banzu', 'secret123'); // 32 hex digits
 */
export function sipHa1(user: string, realm: string, password: string): string {
  return createHash('md5').update(`${user}:${realm}:${password}`).digest('hex');
}

/** Sets an agent's SIP password (its HA1 under `sipRealm`); the caller tells the switch (`SipEdge.accountsChanged`). */
export async function setSipPassword(db: Queryable, agentId: string, password: string): Promise<void> {
  const [agent] = await db.query<{ employee_no: string }>('SELECT employee_no FROM agents WHERE user_id = $1', [agentId]);
  if (!agent) throw new BadRequestError(words('sip.not_an_agent', { user: agentId }));
  await db.query(
    `INSERT INTO sip_accounts (agent_id, realm, ha1) VALUES ($1, $2, $3)
     ON CONFLICT (agent_id) DO UPDATE SET realm = excluded.realm, ha1 = excluded.ha1, updated_at = now()`,
    [agentId, sipRealm, sipHa1(agent.employee_no, sipRealm, password)],
  );
}

/** Gives every agent without one the same SIP password: the demo's and the test center's seeding. */
export async function seedSipPasswords(db: Queryable, password: string): Promise<void> {
  const agents = await db.query<{ user_id: string; employee_no: string }>('SELECT user_id, employee_no FROM agents WHERE user_id NOT IN (SELECT agent_id FROM sip_accounts)');
  for (const agent of agents) {
    await db.query('INSERT INTO sip_accounts (agent_id, realm, ha1) VALUES ($1, $2, $3)', [agent.user_id, sipRealm, sipHa1(agent.employee_no, sipRealm, password)]);
  }
}

/** The accounts Kamailio checks: enabled agents with a password under `sipRealm`, by 工号. */
export function listSipAccounts(db: Queryable): Promise<{ user: string; ha1: string }[]> {
  return db.query(
    `SELECT a.employee_no AS "user", s.ha1 FROM sip_accounts s JOIN agents a ON a.user_id = s.agent_id JOIN users u ON u.id = s.agent_id
     WHERE s.realm = $1 AND NOT u.disabled ORDER BY a.employee_no`,
    [sipRealm],
  );
}

/** The SIP switch as the HTTP routes see it, when the server runs one. */
export interface SipEdge {
  /** The address Kamailio listens on: the host part of the agents' SIP URIs. */
  address: string;
  /** SIP over WebSocket for the desktop's softphone. */
  wsPort: number;
  /** Rewrites the accounts Kamailio checks; resolves once a new password counts. */
  accountsChanged(): Promise<void>;
}

async function accountStatus(db: Queryable, agentId: string, user: string): Promise<SipAccountStatus> {
  const [row] = await db.query<{ updated_at: Date }>('SELECT updated_at FROM sip_accounts WHERE agent_id = $1 AND realm = $2', [agentId, sipRealm]);
  return { agentId, user, passwordSet: Boolean(row), updatedAt: row ? new Date(row.updated_at).toISOString() : null };
}

const idParams = z.object({ id: z.string().min(1) });

declare module 'fastify' {
  interface FastifyInstance {
    /** The SIP switch's edge when the server runs one: other modules tell it when accounts change (an agent disabled or deleted). */
    sipEdge: SipEdge | null;
  }
}

/** The SIP password routes (console) and the softphone's settings (desktop); `edge` is null without the SIP switch. */
export function sipAccountRoutes(edge: SipEdge | null) {
  return fastifyPlugin(async (app: FastifyInstance) => {
    app.decorate('sipEdge', edge);
    const routes = app.withTypeProvider<ZodTypeProvider>();
    const { store } = app.banzu;

    const agentInScope = async (actor: Actor, id: string) => {
      const target = await loadProfile(store, id);
      if (!canSeeTeam(actor, target.teamId)) throw new ForbiddenError(words('sip.not_your_team', { user: target.username }));
      if (target.role !== 'agent' || !target.employeeNo) throw new BadRequestError(words('sip.not_an_agent', { user: target.username }));
      return { target, user: target.employeeNo };
    };

    routes.get(
      '/api/v1/users/:id/sip-account',
      { config: { roles: ['team_leader', ...orgAdminRoles] }, schema: { tags: ['users'], summary: "Whether an agent's SIP account has a password", params: idParams } },
      async (request): Promise<SipAccountStatus> => {
        const { target, user } = await agentInScope(actorOf(request), request.params.id);
        return accountStatus(store, target.id, user);
      },
    );

    routes.put(
      '/api/v1/users/:id/sip-password',
      {
        config: { roles: orgAdminRoles },
        schema: {
          tags: ['users'],
          summary: "Set an agent's SIP password (desk phone and softphone); only its digest is kept",
          params: idParams,
          body: z.object({ password: z.string().min(8, 'sip.password_short').max(128, 'sip.password_long') }),
        },
      },
      async (request): Promise<SipAccountStatus> => {
        const actor = actorOf(request);
        const { target, user } = await agentInScope(actor, request.params.id);
        if (!canGrantRole(actor, target.role)) throw new ForbiddenError(words('sip.may_not_set', { role: roleName(actor.role) }));
        // Phones answer challenges without a person watching: a guessable SIP password is refused like a login's.
        const weak = passwordProblem(request.body.password, user);
        if (weak) throw new BadRequestError(words('sip.weak_password', { problem: weak }), { field: 'password' });
        await setSipPassword(store, target.id, request.body.password);
        await edge?.accountsChanged();
        return accountStatus(store, target.id, user);
      },
    );

    routes.get(
      '/api/v1/desktop/softphone',
      { config: { roles: ['agent'] }, schema: { tags: ['desktop'], summary: "The desktop softphone's SIP settings, when the server runs the SIP switch" } },
      async (request): Promise<SoftphoneAnswer> => {
        if (!edge) return { softphone: null, passwordMissing: false };
        const actor = actorOf(request);
        const profile = await loadProfile(store, actor.userId);
        const [account] = await store.query<{ ha1: string }>('SELECT ha1 FROM sip_accounts WHERE agent_id = $1 AND realm = $2', [actor.userId, sipRealm]);
        if (!account || !profile.employeeNo) return { softphone: null, passwordMissing: true };
        return {
          softphone: {
            // The host the browser reached the console at: on one machine, where Kamailio listens too.
            wsUrl: `ws://${request.hostname}:${edge.wsPort}`,
            uri: `sip:${profile.employeeNo}@${edge.address}`,
            realm: sipRealm,
            ha1: account.ha1,
            displayName: profile.displayName,
          },
          passwordMissing: false,
        };
      },
    );
  });
}
