import { describe, expect, it } from 'vitest';
import { canGrantRole, canSeeTeam, teamScope, type Actor } from './index';

const leader: Actor = { userId: 'l1', role: 'team_leader', teamId: 't1' };

describe('team scope', () => {
  it('limits a team leader and an agent to their own team', () => {
    expect(teamScope(leader)).toEqual({ kind: 'team', teamId: 't1' });
    expect(canSeeTeam(leader, 't1')).toBe(true);
    expect(canSeeTeam(leader, 't2')).toBe(false);
    expect(canSeeTeam({ userId: 'a', role: 'agent', teamId: 't2' }, 't2')).toBe(true);
  });

  it('lets QA, supervisors and managers see every team, and a teamless agent none', () => {
    expect(canSeeTeam({ userId: 'q', role: 'qa', teamId: null }, 't9')).toBe(true);
    expect(canSeeTeam({ userId: 'm', role: 'manager', teamId: null }, 't9')).toBe(true);
    expect(teamScope({ userId: 'a', role: 'agent', teamId: null })).toEqual({ kind: 'none' });
  });

  it('lets a manager create agents but not other managers or admins', () => {
    const manager: Actor = { userId: 'm', role: 'manager', teamId: null };
    expect(canGrantRole(manager, 'agent')).toBe(true);
    expect(canGrantRole(manager, 'manager')).toBe(false);
    expect(canGrantRole(manager, 'admin')).toBe(false);
    expect(canGrantRole({ userId: 'x', role: 'admin', teamId: null }, 'admin')).toBe(true);
  });
});
