// Session-wide state: language, who is signed in (sessions contract: the httpOnly cookie is the browser's; the CSRF
// token is kept in memory only), the API client, and the one place errors are shown. Nothing goes to localStorage
// except the chosen language.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { preferredLang } from '@dbi/web-client';
import { ApiError, PortalApi, type Account } from './api.ts';
import { translate, type Lang, type StringKey } from './strings.ts';

const LANG_STORAGE = 'dbi.lang';

export interface Session {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: StringKey, vars?: Record<string, string | number>): string;
  /** Index texts in the chosen language. */
  tx(text: { vi: string; en: string } | undefined): string;
  api: PortalApi;
  /** undefined while the session is being asked for; null when nobody is signed in. */
  account: Account | null | undefined;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  error: unknown;
  showError(error: unknown): void;
  clearError(): void;
}

const SessionContext = createContext<Session | null>(null);

function readLang(): Lang {
  try {
    return preferredLang(localStorage.getItem(LANG_STORAGE));
  } catch {
    return 'vi';
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(readLang);
  const [account, setAccount] = useState<Account | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const api = useMemo(() => new PortalApi(), []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  // Who is signed in: the cookie session; otherwise whoever the requests are made as (an integrator's proxy adding
  // an API key), else nobody.
  useEffect(() => {
    let live = true;
    api.session().then(
      (s) => {
        api.setCsrf(s.csrfToken);
        if (live) setAccount(s.account);
      },
      () =>
        api.me().then(
          (me) => live && setAccount(me),
          () => live && setAccount(null),
        ),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(LANG_STORAGE, l);
    } catch {
      // private mode: the choice lasts for this page
    }
  }, []);
  const t = useCallback((key: StringKey, vars?: Record<string, string | number>) => translate(lang, key, vars), [lang]);
  const tx = useCallback((text: { vi: string; en: string } | undefined) => (text ? text[lang] : ''), [lang]);
  const signIn = useCallback(
    async (email: string, password: string) => {
      const s = await api.signIn(email, password);
      api.setCsrf(s.csrfToken);
      setAccount(s.account);
    },
    [api],
  );
  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
    }
    api.setCsrf(null);
    setAccount(null);
  }, [api]);
  const clearError = useCallback(() => setError(null), []);

  const value: Session = {
    lang,
    setLang,
    t,
    tx,
    api,
    account,
    signIn,
    signOut,
    error,
    showError: setError,
    clearError,
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
