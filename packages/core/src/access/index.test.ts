import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roles, type Actor, type Role } from '../org/index';
import {
  canSeeAgentFigures,
  canSeeCall,
  canSeeCustomer,
  canSeeTeam,
  exportsFullNumbers,
  maskPhone,
  seesFullNumbers,
  showPhone,
  teamScope,
  visibleNumber,
  withVisibleNumbers,
} from './index';

const leader: Actor = { userId: 'l1', role: 'team_leader', teamId: 't1' };
const agent: Actor = { userId: 'a1', role: 'agent', teamId: 't1' };
const qa: Actor = { userId: 'q1', role: 'qa', teamId: null };
const as = (role: Role): Actor => ({ userId: `${role}-1`, role, teamId: 't1' });

describe('team scope', () => {
  it('limits a team leader and an agent to their own team', () => {
    expect(teamScope(leader)).toEqual({ kind: 'team', teamId: 't1' });
    expect(canSeeTeam(leader, 't1')).toBe(true);
    expect(canSeeTeam(leader, 't2')).toBe(false);
    expect(canSeeTeam({ userId: 'a', role: 'agent', teamId: 't2' }, 't2')).toBe(true);
  });

  it('lets QA, supervisors and managers see every team, and a teamless agent none', () => {
    expect(canSeeTeam(qa, 't9')).toBe(true);
    expect(canSeeTeam({ userId: 'm', role: 'manager', teamId: null }, 't9')).toBe(true);
    expect(teamScope({ userId: 'a', role: 'agent', teamId: null })).toEqual({ kind: 'none' });
    expect(canSeeTeam({ userId: 'a', role: 'agent', teamId: null }, null)).toBe(false);
  });

  it('shows customers of no team to everyone, and a team’s only to those who see the team', () => {
    expect(canSeeCustomer(leader, null)).toBe(true);
    expect(canSeeCustomer({ userId: 'a', role: 'agent', teamId: null }, null)).toBe(true);
    expect(canSeeCustomer(leader, 't1')).toBe(true);
    expect(canSeeCustomer(leader, 't2')).toBe(false);
    expect(canSeeCustomer(qa, 't2')).toBe(true);
  });

  it('shows an agent only the own figures, a team leader the own team’s, the floor-wide roles everyone’s', () => {
    const teammate = { userId: 'a2', teamId: 't1' };
    expect(canSeeAgentFigures(agent, { userId: 'a1', teamId: 't1' })).toBe(true);
    expect(canSeeAgentFigures(agent, teammate)).toBe(false);
    expect(canSeeAgentFigures(leader, teammate)).toBe(true);
    expect(canSeeAgentFigures(leader, { userId: 'a3', teamId: 't2' })).toBe(false);
    expect(canSeeAgentFigures({ ...leader, teamId: 't2' }, { userId: 'l1', teamId: 't1' })).toBe(true);
    expect(canSeeAgentFigures(qa, { userId: 'a3', teamId: 't2' })).toBe(true);
  });

  it('shows a call to the agents who handled it, the leaders of its team or of its agents’ teams, and the floor-wide roles', () => {
    const call = { teamId: 't2', agents: [{ userId: 'a1', teamId: 't1' }] };
    expect(canSeeCall(agent, call)).toBe(true);
    expect(canSeeCall({ userId: 'a2', role: 'agent', teamId: 't2' }, call)).toBe(false);
    expect(canSeeCall(leader, call)).toBe(true);
    expect(canSeeCall({ ...leader, teamId: 't2' }, call)).toBe(true);
    expect(canSeeCall({ ...leader, teamId: 't3' }, call)).toBe(false);
    expect(canSeeCall({ ...leader, teamId: null }, call)).toBe(false);
    expect(canSeeCall(qa, { teamId: null, agents: [] })).toBe(true);
  });
});

describe('who sees numbers', () => {
  it('masks numbers on screen for QA and trainers only, and in exports for all but managers and admins', () => {
    expect(roles.filter((r) => !seesFullNumbers(as(r)))).toEqual(['qa', 'trainer']);
    expect(roles.filter((r) => exportsFullNumbers(as(r)))).toEqual(['manager', 'admin']);
    expect(seesFullNumbers(null) && exportsFullNumbers(null)).toBe(true);
  });

  it('shows a number formatted to those who may see it and masked to the others', () => {
    expect(showPhone('+8613812345678', seesFullNumbers(leader))).toBe('138 1234 5678');
    expect(showPhone('+8613812345678', seesFullNumbers(qa))).toBe('138****5678');
  });

  it('gives one stored number as stored to those who may see it, masked to QA, and none as none', () => {
    expect(visibleNumber(leader, '13812345678')).toBe('13812345678');
    expect(visibleNumber(qa, '13812345678')).toBe('138****5678');
    expect(visibleNumber(qa, null)).toBeNull();
  });
});

describe('masking', () => {
  it('masks mobiles as 138****5678, landlines keeping the area code, others keeping the country code', () => {
    expect(maskPhone('+8613812345678')).toBe('138****5678');
    expect(maskPhone('+861012345678')).toBe('010****5678');
    expect(maskPhone('+8675588886666')).toBe('0755****6666');
    expect(maskPhone('+16502530000')).toBe('+1 ******0000');
  });

  it('masks a number the same whatever form it comes in', () => {
    for (const form of ['+8613812345678', '8613812345678', '13812345678', '013812345678', '008613812345678', '+86 138 1234 5678', '138-1234-5678']) {
      expect(maskPhone(form), form).toBe('138****5678');
    }
    for (const form of ['+861012345678', '01012345678', '010-1234 5678']) expect(maskPhone(form), form).toBe('010****5678');
  });

  it('hides short numbers and what is not a number too', () => {
    expect(maskPhone('95555')).toBe('****55');
    expect(maskPhone('123')).toBe('****');
    expect(maskPhone('anonymous')).toBe('****');
  });

  it('shows a Chinese mobile as its first three and last four digits in every form', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), fc.constantFrom('+86', '86', '0086', '0', ''), (national, prefix) => {
        expect(maskPhone(`${prefix}${national}`)).toBe(`${national.slice(0, 3)}****${national.slice(-4)}`);
      }),
    );
  });

  it('never shows more than the first three and last four digits, and always hides three', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[+]?[0-9 -]{0,20}$/), (text) => {
        const masked = maskPhone(text);
        // What the mask shows of the number itself: not a foreign country code, nor the Chinese trunk 0.
        const shown = masked.replace(/^\+\d+ /, '').replace(/^0/, '');
        const [head = '', tail = ''] = shown.split(/\*+/);
        const digits = text.replace(/\D/g, '');
        expect(head.length).toBeLessThanOrEqual(3);
        expect(tail.length).toBeLessThanOrEqual(4);
        expect(digits.endsWith(tail)).toBe(true);
        expect(head.length + tail.length).toBeLessThanOrEqual(Math.max(0, digits.length - 3));
      }),
    );
  });
});

describe('a call’s numbers as the viewer may see them', () => {
  const outbound = { callId: 'c1', from: null, to: '+8613812345678', agentId: 'a1' };
  it('masks the caller’s and the dialled number for QA, changing nothing else', () => {
    expect(withVisibleNumbers(qa, { callId: 'c1', from: '13812345678' })).toEqual({ callId: 'c1', from: '138****5678' });
    expect(withVisibleNumbers(qa, outbound)).toEqual({ ...outbound, to: '138****5678' });
  });
  it('leaves them whole for those who call or supervise calls', () => {
    for (const viewer of [agent, leader, as('manager')]) expect(withVisibleNumbers(viewer, outbound)).toBe(outbound);
  });
});
