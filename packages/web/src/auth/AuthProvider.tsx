import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AuthSession, Profile } from '@banzu/contract';
import { api, onUnauthorized } from '../api/client';

/** Why the login page is shown: the console tells the user. */
export type LoginReason = 'expired' | 'loggedOut' | null;

interface AuthState {
  user: Profile | null;
  loading: boolean;
  reason: LoginReason;
  login(username: string, password: string): Promise<void>;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Profile | null>(null);
  const [loading, setLoading] = useState(true);
  const [reason, setReason] = useState<LoginReason>(null);
  const signedIn = useRef(false);
  useEffect(() => {
    signedIn.current = user !== null;
  }, [user]);

  useEffect(() => {
    // Asks who is logged in in a way that answers a visitor with null, not a 401 in the browser's console.
    api<AuthSession>('GET', '/api/v1/auth/session')
      .then(
        (session) => {
          setUser(session.user);
          if (session.expired) setReason('expired');
        },
        () => setUser(null),
      )
      .finally(() => setLoading(false));
    return onUnauthorized((code) => {
      // A session that ends under a logged-in user has expired, even when the browser already
      // dropped the cookie with it and the server can only say "not logged in".
      setReason(code === 'session_expired' || signedIn.current ? 'expired' : null);
      setUser(null);
    });
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const result = await api<{ user: Profile }>('POST', '/api/v1/auth/login', { username, password });
    setReason(null);
    setUser(result.user);
  }, []);

  const logout = useCallback(async () => {
    await api('POST', '/api/v1/auth/logout').catch(() => undefined);
    setUser(null);
    setReason('loggedOut');
  }, []);

  const value = useMemo(() => ({ user, loading, reason, login, logout }), [user, loading, reason, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
