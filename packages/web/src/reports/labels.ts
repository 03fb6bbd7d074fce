import { useEffect, useState } from 'react';
import type { Profile, Queue, Team } from '@banzu/contract';
import { api } from '../api/client';
import { useAuth } from '../auth/AuthProvider';

/** Names for the ids reports are grouped by, as far as the caller may see them. */
export function useLabels() {
  const [labels, setLabels] = useState(new Map<string, string>());
  const [queues, setQueues] = useState<Queue[]>([]);
  const { user } = useAuth();
  useEffect(() => {
    if (!user) return;
    void Promise.all([
      api<Queue[]>('GET', '/api/v1/queues'),
      api<Team[]>('GET', '/api/v1/teams'),
      // An agent may not list users (403) and sees only the own row: the own name is known already.
      user.role === 'agent' ? Promise.resolve([user]) : api<Profile[]>('GET', '/api/v1/users?role=agent'),
      api<{ id: string; name: string }[]>('GET', '/api/v1/sites'),
    ]).then(([q, teams, agents, sites]) => {
      setQueues(q);
      setLabels(
        new Map([
          ...q.map((x) => [x.id, x.name] as const),
          ...teams.map((x) => [x.id, x.name] as const),
          ...sites.map((x) => [x.id, x.name] as const),
          ...agents.map((x) => [x.id, `${x.employeeNo ?? ''} ${x.displayName}`.trim()] as const),
        ]),
      );
    });
  }, [user]);
  return { label: (key: string) => labels.get(key) ?? key, queues };
}
