// Two versions compared: pick from/to; the newer one is drawn with added, moved and changed nodes marked and
// removed ones shown as ghosts, beside the list of changes. The diff itself is the registry's (GET /diff, the
// schema's diffDefinitions); designer-ui turns it into canvas marks.
import { useCallback, useMemo, useState } from 'react';
import type { Definition, IndexSummary } from '@dbi/schema';
import { compareVersions, parseIndexRef } from '@dbi/schema';
import { DesignerProvider, DesignerWorkspace, diffMarks } from '@dbi/designer-ui';
import { navigate } from '../route.ts';
import { useSession } from '../session.tsx';
import { ProblemView } from '../shell/problem.tsx';
import { markCanvasReady, useDesignerStoreFor, useLoad } from './use-designer.ts';

export function DiffScreen(props: { from: string; to: string; indices: IndexSummary[] | null }) {
  const { api, t } = useSession();
  const from = parseIndexRef(props.from);
  const to = parseIndexRef(props.to);
  const [loaded] = useLoad(async () => {
    if (!from || !to) return null;
    const [base, head, diff] = await Promise.all([
      api.getVersion(from.id, from.version),
      api.getVersion(to.id, to.version),
      api.diff(props.from, props.to),
    ]);
    return { base: base.definition as Definition, head: head.definition as Definition, diff };
  }, [props.from, props.to]);
  const value = loaded.state === 'ready' ? loaded.value : null;
  const diff = useMemo(
    () => (value ? { base: value.base, diff: value.diff, marks: diffMarks(value.diff) } : null),
    [value],
  );
  const store = useDesignerStoreFor(value?.head ?? null, { readOnly: true, diff });
  const onReady = useCallback(() => markCanvasReady(`${props.from}..${props.to}`), [props.from, props.to]);

  return (
    <div className="version-screen" data-testid="diff-screen">
      <div className="toolbar">
        <strong>{t('diffTitle')}</strong>
        <DiffPicker from={props.from} to={props.to} indices={props.indices} />
        <span className="spacer" />
        {to && (
          <button type="button" onClick={() => navigate({ name: 'version', id: to.id, version: to.version })}>
            {t('openVersion')} {props.to}
          </button>
        )}
      </div>
      {loaded.state === 'error' && <ProblemView error={loaded.error} />}
      {loaded.state === 'loading' && <p className="welcome muted">{t('loading')}</p>}
      {store && value && (
        <div className="editor-area">
          <DesignerProvider store={store}>
            <DesignerWorkspace canvas={{ onReady }} initialTab="diff" />
          </DesignerProvider>
        </div>
      )}
    </div>
  );
}

function DiffPicker(props: { from: string; to: string; indices: IndexSummary[] | null }) {
  const { t } = useSession();
  const [from, setFrom] = useState(props.from);
  const [to, setTo] = useState(props.to);
  const refs = useMemo(
    () =>
      (props.indices ?? []).flatMap((ix) =>
        [...ix.versions]
          .sort((a, b) => compareVersions(a.version, b.version))
          .map((v) => ({ ref: `${ix.id}@${v.version}`, status: v.status })),
      ),
    [props.indices],
  );
  const options = (current: string) => {
    const list = refs.some((r) => r.ref === current) || !current ? refs : [{ ref: current, status: '' }, ...refs];
    return list.map((r) => (
      <option key={r.ref} value={r.ref}>
        {r.ref}
        {r.status ? ` (${t(`status_${r.status}` as 'status_draft')})` : ''}
      </option>
    ));
  };
  return (
    <form
      className="diff-picker"
      onSubmit={(e) => {
        e.preventDefault();
        navigate({ name: 'diff', from, to });
      }}
    >
      <label>
        {t('diffFrom')}{' '}
        <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="diff-from">
          {options(from)}
        </select>
      </label>
      <label>
        {t('diffTo')}{' '}
        <select value={to} onChange={(e) => setTo(e.target.value)} data-testid="diff-to">
          {options(to)}
        </select>
      </label>
      <button type="submit" className="primary" disabled={!from || !to} data-testid="diff-show">
        {t('diffShow')}
      </button>
    </form>
  );
}
