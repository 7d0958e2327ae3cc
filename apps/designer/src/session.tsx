// Session-wide state: language, the API key (pasted once, kept in localStorage), who it belongs to, the API
// client, and the one place errors and notices are shown.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Api, ApiError, type Principal } from './api.ts';
import { translate, type AppLang, type StringKey } from './strings.ts';

const KEY_STORAGE = 'dbi.apiKey';
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
  key: string | null;
  principal: Principal | null;
  /** Checks the key against the server, then keeps it. Throws ApiError when the server refuses it. */
  signIn(key: string): Promise<void>;
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
    // private mode: the key lives for this page only
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<AppLang>(() => (readStorage(LANG_STORAGE) === 'en' ? 'en' : 'vi'));
  const [key, setKey] = useState<string | null>(() => readStorage(KEY_STORAGE));
  const [principal, setPrincipal] = useState<Principal | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const keyRef = useRef(key);
  keyRef.current = key;
  const api = useMemo(() => new Api(() => keyRef.current), []);
  const noticeSeq = useRef(0);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // A kept key is checked once per page load; a revoked one is dropped rather than failing every request.
  useEffect(() => {
    if (!key || principal) return;
    let live = true;
    api.whoami(key).then(
      (p) => live && setPrincipal(p),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 401) {
          writeStorage(KEY_STORAGE, null);
          setKey(null);
        }
        setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [api, key, principal]);

  const setLang = useCallback((l: AppLang) => {
    writeStorage(LANG_STORAGE, l);
    setLangState(l);
  }, []);
  const t = useCallback((k: StringKey, vars?: Record<string, string | number>) => translate(lang, k, vars), [lang]);
  const signIn = useCallback(
    async (k: string) => {
      const p = await api.whoami(k.trim());
      writeStorage(KEY_STORAGE, k.trim());
      setKey(k.trim());
      setPrincipal(p);
      setError(null);
    },
    [api],
  );
  const signOut = useCallback(() => {
    writeStorage(KEY_STORAGE, null);
    setKey(null);
    setPrincipal(null);
  }, []);
  const notify = useCallback((kind: Notice['kind'], text: string, detail?: string) => {
    setNotice({ id: ++noticeSeq.current, kind, text, ...(detail ? { detail } : {}) });
  }, []);

  const value = useMemo<Session>(
    () => ({
      lang,
      setLang,
      t,
      api,
      key,
      principal,
      signIn,
      signOut,
      error,
      showError: setError,
      clearError: () => setError(null),
      notice,
      notify,
      clearNotice: () => setNotice(null),
    }),
    [lang, setLang, t, api, key, principal, signIn, signOut, error, notice, notify],
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
