// One read per distinct address: the answer for the current key, null while it loads (or after a failure, which
// the session's error box shows). A late answer for an older key is dropped.
import { useEffect, useRef, useState } from 'react';
import { useSession } from '../../session.tsx';

export function useLoad<T>(key: string, load: () => Promise<T>): T | null {
  const { showError } = useSession();
  const [state, setState] = useState<{ key: string; value: T } | null>(null);
  const loader = useRef(load);
  loader.current = load;
  useEffect(() => {
    let live = true;
    loader.current().then(
      (value) => live && setState({ key, value }),
      (e: unknown) => live && showError(e),
    );
    return () => {
      live = false;
    };
  }, [key, showError]);
  return state && state.key === key ? state.value : null;
}
