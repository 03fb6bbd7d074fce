import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { LiveMessage } from '@banzu/contract';
import { api } from '../api/client';
import { applyEvents, fromSnapshot, type FloorState } from './reducer';

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting';

interface Floor {
  floor: FloorState | null;
  status: ConnectionStatus;
}

const FloorContext = createContext<Floor | null>(null);

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;

function liveUrl(since: number | null): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/api/v1/live${since === null ? '' : `?since=${since}`}`;
}

/**
 * One WebSocket to `/api/v1/live` for the whole console: the snapshot, then patches in order.
 * A dropped connection comes back with growing pauses and asks only for what it missed.
 */
export function FloorProvider({ children }: { children: ReactNode }) {
  const [floor, setFloor] = useState<FloorState | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_RETRY_MS;
    let closed = false;
    // The socket's handlers run outside React's render; they read and write the latest state here.
    let current: FloorState | null = null;
    const update = (next: FloorState) => {
      current = next;
      setFloor(next);
    };

    const connect = () => {
      socket = new WebSocket(liveUrl(current ? current.seq : null));
      socket.onopen = () => {
        delay = FIRST_RETRY_MS;
        setStatus('open');
      };
      socket.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as LiveMessage;
        if (message.type === 'snapshot') update(fromSnapshot(message.seq, message.state, Date.now(), current?.messages));
        else if (current) update(applyEvents(current, message.events));
      };
      socket.onclose = () => {
        if (closed) return;
        // The server closes the channel when the session ends: asking who is logged in sends the
        // console back to the login page with its message, if that is why.
        void api('GET', '/api/v1/auth/me').catch(() => undefined);
        setStatus('reconnecting');
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      };
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, []);

  return <FloorContext.Provider value={{ floor, status }}>{children}</FloorContext.Provider>;
}

/** The live floor within the user's scope, and the state of the connection. */
export function useFloor(): Floor {
  const value = useContext(FloorContext);
  if (!value) throw new Error('useFloor outside FloorProvider');
  return value;
}

/** The server's clock now, re-rendering every `everyMs`, so times in state tick. */
export function useNow(clockOffset: number, everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    setNow(Date.now() + clockOffset);
    const timer = setInterval(() => setNow(Date.now() + clockOffset), everyMs);
    return () => clearInterval(timer);
  }, [clockOffset, everyMs]);
  return now;
}
