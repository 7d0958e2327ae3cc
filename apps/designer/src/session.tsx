// Session-wide state: language, who is signed in, the API client, and the one place errors and notices are shown.
// People sign in with e-mail and password: the server keeps the session in an httpOnly cookie this code never sees,
// and answers the session's CSRF token, held in memory. An integrator may paste an API key instead; it too is held
// in memory only (gone on reload). Nothing of either is written to localStorage.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Account } from '@dbi/schema';
import { Api, ApiError, type Principal, type SessionInfo } from './api.ts';
import { translate, type AppLang, type StringKey } from './strings.ts';

/** Where earlier versions kept a pasted key: removed on load, so no key outlives this version in a browser. */
const OLD_KEY_STORAGE = 'dbi.apiKey';
const LANG_STORAGE = 'dbi.lang';

export interface Notice {
  id: number;
  kind: 'info' | 'success';
  text: string;
  detail?: string;
}

export interface Session {
  lang: AppLang;
  setLang(lang: AppLang): void;
  t(key: StringKey, vars?: Record<string, string | number>): string;
  api: Api;
  /** Who requests are made as (the account's session or the pasted key), null when anonymous; changes on sign-in. */
  credential: string | null;
  /** True while the page asks the server whether the browser holds a session. */
  checking: boolean;
  principal: Principal | null;
  /** The signed-in account (null when anonymous or signed in with a key). */
  account: Account | null;
  /** Signs in with e-mail and password. Throws ApiError when the server refuses. */
  signIn(email: string, password: string): Promise<void>;
  /** Checks a pasted API key against the server, then holds it in memory. */
  signInWithKey(key: string): Promise<void>;
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  signOut(): void;
  /** The last error (an ApiError carries the server's problem+json). */
  error: unknown;
  showError(error: unknown): void;
  clearError(): void;
  notice: Notice | null;
  notify(kind: Notice['kind'], text: string, detail?: string): void;
  clearNotice(): void;
}

const SessionContext = createContext<Session | null>(null);

export function readStorage(name: string): string | null {
  try {
    return localStorage.getItem(name);
  } catch {
    return null;
  }
}
export function writeStorage(name: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(name);
    else localStorage.setItem(name, value);
  } catch {
    // private mode: nothing is kept
  }
}

const principalOf = (a: Account): Principal => ({ id: a.id, name: a.name, role: a.role, scope: a.scope });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<AppLang>(() => (readStorage(LANG_STORAGE) === 'en' ? 'en' : 'vi'));
  const [key, setKey] = useState<string | null>(null);
  const [csrf, setCsrf] = useState<string | null>(null);
  const [account, setAccount] = useState<Account | null>(null);
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [checking, setChecking] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const credentials = useRef({ key, csrf });
  credentials.current = { key, csrf };
  const api = useMemo(() => new Api(() => credentials.current), []);
  const noticeSeq = useRef(0);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const adopt = useCallback((s: SessionInfo) => {
    credentials.current = { key: null, csrf: s.csrfToken };
    setKey(null);
    setCsrf(s.csrfToken);
    setAccount(s.account);
    setPrincipal(principalOf(s.account));
  }, []);

  // Once per page load: does the browser hold a session (the cookie is httpOnly, so only the server can say)?
  useEffect(() => {
    writeStorage(OLD_KEY_STORAGE, null);
    let live = true;
    api
      .session()
      .then(
        (s) => live && adopt(s),
        (e: unknown) => {
          if (live && !(e instanceof ApiError && e.status === 401)) setError(e);
        },
      )
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, [api, adopt]);

  const setLang = useCallback((l: AppLang) => {
    writeStorage(LANG_STORAGE, l);
    setLangState(l);
  }, []);
  const t = useCallback((k: StringKey, vars?: Record<string, string | number>) => translate(lang, k, vars), [lang]);
  const signIn = useCallback(
    async (email: string, password: string) => {
      adopt(await api.signIn(email.trim(), password));
      setError(null);
    },
    [api, adopt],
  );
  const signInWithKey = useCallback(
    async (k: string) => {
      const p = await api.whoami(k.trim());
      credentials.current = { key: k.trim(), csrf: null };
      setKey(k.trim());
      setCsrf(null);
      setAccount(null);
      setPrincipal(p);
      setError(null);
    },
    [api],
  );
  const changePassword = useCallback(
    async (oldPassword: string, newPassword: string) => adopt(await api.changePassword(oldPassword, newPassword)),
    [api, adopt],
  );
  const signOut = useCallback(() => {
    if (csrf !== null) void api.signOut().catch(() => undefined);
    credentials.current = { key: null, csrf: null };
    setKey(null);
    setCsrf(null);
    setAccount(null);
    setPrincipal(null);
  }, [api, csrf]);
  const notify = useCallback((kind: Notice['kind'], text: string, detail?: string) => {
    setNotice({ id: ++noticeSeq.current, kind, text, ...(detail ? { detail } : {}) });
  }, []);

  const credential = key !== null ? `key:${key.slice(0, 8)}` : account ? `account:${account.id}` : null;
  const value = useMemo<Session>(
    () => ({
      lang,
      setLang,
      t,
      api,
      credential,
      checking,
      principal,
      account,
      signIn,
      signInWithKey,
      changePassword,
      signOut,
      error,
      showError: setError,
      clearError: () => setError(null),
      notice,
      notify,
      clearNotice: () => setNotice(null),
    }),
    [
      lang,
      setLang,
      t,
      api,
      credential,
      checking,
      principal,
      account,
      signIn,
      signInWithKey,
      changePassword,
      signOut,
      error,
      notice,
      notify,
    ],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** Roles that may create and save drafts (the server has the final word on scope). */
export const EDITOR_ROLES = new Set(['ministry-editor', 'ministry-publisher', 'sector-ministry']);
export const PUBLISHER_ROLES = new Set(['ministry-publisher', 'sector-ministry']);
