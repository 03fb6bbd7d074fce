import { useEffect, useState } from 'react';
import type { Profile, Queue, Team } from '@banzu/contract';
import { api } from '../api/client';

/** Names for the ids reports are grouped by, as far as the caller may see them. */
export function useLabels() {
  const [labels, setLabels] = useState(new Map<string, string>());
  const [queues, setQueues] = useState<Queue[]>([]);
  useEffect(() => {
    void Promise.all([
      api<Queue[]>('GET', '/api/v1/queues'),
      api<Team[]>('GET', '/api/v1/teams'),
      api<Profile[]>('GET', '/api/v1/users?role=agent').catch(() => [] as Profile[]),
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
  }, []);
  return { label: (key: string) => labels.get(key) ?? key, queues };
}
