import { describe, expect, it } from 'vitest';
import { canGrantRole, type Actor } from './index';

describe('roles', () => {
  it('lets a manager create agents but not other managers or admins', () => {
    const manager: Actor = { userId: 'm', role: 'manager', teamId: null };
    expect(canGrantRole(manager, 'agent')).toBe(true);
    expect(canGrantRole(manager, 'manager')).toBe(false);
    expect(canGrantRole(manager, 'admin')).toBe(false);
    expect(canGrantRole({ userId: 'x', role: 'admin', teamId: null }, 'admin')).toBe(true);
  });
});
