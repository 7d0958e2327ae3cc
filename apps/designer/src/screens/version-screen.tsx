// One stored version on the canvas. Published versions are read-only; drafts are edited, saved, validated and
// published through the registry API. Editing, validation and simulation are @dbi/designer-ui's store (which uses
// @dbi/schema and @dbi/engine); this screen only moves definitions between the store and the API.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Definition, IndexSummary, VersionRecord } from '@dbi/schema';
import { compareVersions, formatIndexRef, parseIndexRef } from '@dbi/schema';
import {
  DesignerProvider,
  DesignerWorkspace,
  PublishStatus,
  UndoRedo,
  useDesignerActions,
  useDesignerState,
  useDesignerStore,
} from '@dbi/designer-ui';
import { ApiError, type VersionWrite } from '../api.ts';
import { navigate, setLeaveGuard } from '../route.ts';
import { useSession } from '../session.tsx';
import { StatusBadge } from '../shell/browser.tsx';
import { ConfirmDialog, Modal, PromptDialog } from '../shell/dialog.tsx';
import { ProblemView } from '../shell/problem.tsx';
import { SpreadsheetButtons } from './spreadsheet-buttons.tsx';
import { isEditable, markCanvasReady, useDesignerStoreFor, useLoad } from './use-designer.ts';
import { RevisionTools } from './revision-tools.tsx';

const VERSION = /^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$/;
const INDEX_ID = /^[a-z][a-z0-9-]{0,62}$/;

export function VersionScreen(props: {
  id: string;
  version: string;
  indices: IndexSummary[] | null;
  onChanged(): void;
}) {
  const { api, t, credential } = useSession();
  const ref = `${props.id}@${props.version}`;
  // A link to a draft opened before signing in fails with 401; signing in loads it again.
  const [attempt, setAttempt] = useState(0);
  const [loaded, setRecord] = useLoad(() => api.getVersion(props.id, props.version), [ref, attempt]);
  const failed = loaded.state === 'error';
  useEffect(() => {
    if (failed && credential) setAttempt((a) => a + 1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [credential]);
  const record = loaded.state === 'ready' ? loaded.value : null;
  // The store is made from the definition as first loaded; later records (after a save or publish) only update
  // the toolbar, so undo history and selection survive them. The screen is re-mounted for another version.
  const first = useRef<Definition | null>(null);
  if (!first.current && record) first.current = record.definition as Definition;
  const definition = first.current;
  const store = useDesignerStoreFor(definition, { readOnly: record ? !isEditable(record) : true });
  const onReady = useCallback(() => markCanvasReady(ref), [ref]);

  if (loaded.state === 'loading') return <p className="welcome muted">{t('loading')}</p>;
  if (loaded.state === 'error')
    return (
      <div className="welcome">
        <ProblemView error={loaded.error} />
      </div>
    );
  if (!store || !record) return <p className="welcome muted">{t('loading')}</p>;
  return (
    <DesignerProvider store={store}>
      <div className="version-screen" data-testid="version-screen" data-ref={ref} data-status={record.status}>
        <VersionToolbar record={record} indices={props.indices} onRecord={setRecord} onChanged={props.onChanged} />
        <div className="editor-area">
          <DesignerWorkspace canvas={{ onReady }} />
        </div>
      </div>
    </DesignerProvider>
  );
}

/** The next free MAJOR.MINOR+1.0 of an index. */
function nextVersion(indices: IndexSummary[] | null, id: string, version: string): string {
  const taken = new Set(indices?.find((i) => i.id === id)?.versions.map((v) => v.version) ?? []);
  const [major, minor] = version.split('.').map(Number) as [number, number];
  for (let m = minor + 1; ; m++) {
    const v = `${major}.${m}.0`;
    if (!taken.has(v)) return v;
  }
}

function VersionToolbar(props: {
  record: VersionRecord;
  indices: IndexSummary[] | null;
  onRecord(r: VersionRecord): void;
  onChanged(): void;
}) {
  const { record, indices } = props;
  const { api, t, lang, credential, notify } = useSession();
  const store = useDesignerStore();
  const actions = useDesignerActions();
  const dirty = useDesignerState((s) => s.dirty);
  const canPublish = useDesignerState((s) => s.canPublish);
  const issues = useDesignerState((s) => s.issues.length);
  const comparing = useDesignerState((s) => s.diffBase !== null);
  const title = useDesignerState((s) => s.definition.title[lang]);
  const [dialog, setDialog] = useState<'draft' | 'fork' | 'publish' | null>(null);
  /** Someone else saved the draft since it was read: their record, to choose between. */
  const [conflict, setConflict] = useState<VersionRecord | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const ref = formatIndexRef(record);
  const editable = isEditable(record);
  const signedIn = credential !== null;

  // Unsaved work is never dropped silently: leaving the page or the version asks first.
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onUnload);
    setLeaveGuard(() => window.confirm(t('leaveUnsaved')));
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      setLeaveGuard(null);
    };
  }, [dirty, t]);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        setDialog(null);
        const latest = await api.getVersion(record.id, record.version).catch(() => null);
        if (latest) setConflict(latest);
        else setFailure(e);
      } else setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  /**
   * Saves the store's definition over the hash it was read at (or `over`, to overwrite a newer one knowingly);
   * marks it saved unless it was edited while the request ran. A 412 means someone else saved in between.
   */
  const save = async (over = record.hash): Promise<VersionWrite> => {
    const sent = store.getState().definition;
    const written = await api.saveDraft(record.id, record.version, sent, over);
    if (store.getState().definition === sent) actions.markSaved();
    props.onRecord({ ...written });
    return written;
  };

  const publish = async () => {
    if (store.getState().dirty) await save();
    const published = await api.publish(record.id, record.version);
    actions.setReadOnly(true);
    props.onRecord(published);
    props.onChanged();
    setDialog(null);
    notify('success', t('published', { ref }), `${t('hash')} sha256:${published.hash}`);
  };

  const toggleCompare = () =>
    run(async () => {
      if (comparing || !record.derivedFrom) return actions.compareWith(null);
      const base = parseIndexRef(record.derivedFrom)!;
      const older = await api.getVersion(base.id, base.version);
      actions.compareWith(older.definition as Definition);
    });

  const compareTarget = useMemo(() => {
    if (record.derivedFrom) return record.derivedFrom;
    const versions =
      indices
        ?.find((i) => i.id === record.id)
        ?.versions.map((v) => v.version)
        .filter((v) => compareVersions(v, record.version) < 0) ?? [];
    const prev = versions.sort(compareVersions).at(-1);
    return prev ? `${record.id}@${prev}` : ref;
  }, [indices, record, ref]);

  return (
    <>
      <div className="toolbar" data-testid="version-toolbar">
        <div>
          <div>
            <span className="ref" data-testid="version-ref">
              {ref}
            </span>{' '}
            <StatusBadge status={record.status} />{' '}
            {!editable && (
              <span className="readonly-badge" data-testid="readonly-badge" title={t('readOnly')}>
                {t('readOnlyShort')}
              </span>
            )}
            {dirty && (
              <span className="dirty" data-testid="dirty">
                {' '}
                ● {t('unsaved')}
              </span>
            )}
          </div>
          <div className="title-line">
            {title}
            {record.derivedFrom && (
              <>
                {' · '}
                {t('derivedFrom')} <code data-testid="derived-from">{record.derivedFrom}</code>
              </>
            )}
            {' · '}
            <span title={`sha256:${record.hash}`} data-testid="version-hash">
              {t('hash')} {record.hash.slice(0, 12)}…
            </span>
          </div>
        </div>
        <span className="spacer" />
        {editable && <UndoRedo />}
        {editable && <PublishStatus />}
        <span className="sep" />
        {editable ? (
          <>
            <button
              type="button"
              data-testid="save"
              disabled={!signedIn || busy || !dirty}
              onClick={() =>
                void run(async () => {
                  const w = await save();
                  notify('info', t('saved'), `${t('hash')} sha256:${w.hash}`);
                })
              }
            >
              {t('save')}
            </button>
            <button
              type="button"
              data-testid="validate"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  if (store.getState().dirty && signedIn) await save();
                  const report = await api.validate(record.id, record.version);
                  notify(
                    report.valid ? 'success' : 'info',
                    report.valid ? t('validOnServer') : t('invalidOnServer', { n: report.issues.length }),
                  );
                })
              }
            >
              {t('validate')}
            </button>
            <button
              type="button"
              className="primary"
              data-testid="publish"
              disabled={!signedIn || busy || !canPublish}
              title={issues ? t('publishDisabledIssues', { n: issues }) : undefined}
              onClick={() => setDialog('publish')}
            >
              {t('publish')}
            </button>
            <RevisionTools
              record={record}
              busy={busy}
              signedIn={signedIn}
              run={run}
              saveIfDirty={async () => {
                if (store.getState().dirty) await save();
              }}
            />
            {record.derivedFrom && (
              <button
                type="button"
                data-testid="compare-base"
                aria-pressed={comparing}
                disabled={busy}
                onClick={() => void toggleCompare()}
              >
                {t('compareLive', { ref: record.derivedFrom })}
              </button>
            )}
          </>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              data-testid="new-draft"
              disabled={!signedIn || busy}
              title={signedIn ? undefined : t('editingNeedsKey')}
              onClick={() => setDialog('draft')}
            >
              {t('newDraft')}
            </button>
            <button
              type="button"
              data-testid="fork"
              disabled={!signedIn || busy}
              title={signedIn ? undefined : t('editingNeedsKey')}
              onClick={() => setDialog('fork')}
            >
              {t('fork')}
            </button>
          </>
        )}
        <SpreadsheetButtons record={record} onChanged={props.onChanged} />
        <button
          type="button"
          data-testid="open-diff"
          onClick={() => navigate({ name: 'diff', from: compareTarget, to: ref })}
        >
          {t('diff')}
        </button>
      </div>
      {failure !== null && <ProblemView error={failure} onClose={() => setFailure(null)} />}
      {conflict && (
        <ConflictDialog
          record={conflict}
          onClose={() => setConflict(null)}
          onReload={() => {
            actions.load(conflict.definition as Definition, { readOnly: false });
            props.onRecord(conflict);
            setConflict(null);
          }}
          onOverwrite={async () => {
            const w = await save(conflict.hash);
            setConflict(null);
            notify('info', t('saved'), `${t('hash')} sha256:${w.hash}`);
          }}
        />
      )}
      {dialog === 'draft' && (
        <PromptDialog
          title={t('newDraftTitle', { ref })}
          testId="new-draft-dialog"
          fields={[
            {
              name: 'version',
              label: t('newDraftVersion'),
              initial: nextVersion(indices, record.id, record.version),
              check: (v) => (VERSION.test(v) ? undefined : t('versionPattern')),
            },
          ]}
          submitLabel={t('newDraft')}
          onClose={() => setDialog(null)}
          onSubmit={async ({ version }) => {
            await api.createDraft(record.id, record.version, version!);
            props.onChanged();
            setDialog(null);
            navigate({ name: 'version', id: record.id, version: version! });
          }}
        />
      )}
      {dialog === 'fork' && (
        <PromptDialog
          title={t('forkTitle', { ref })}
          testId="fork-dialog"
          fields={[
            {
              name: 'id',
              label: t('forkId'),
              initial: `${record.id}-`,
              check: (v) => (INDEX_ID.test(v) ? undefined : t('idPattern')),
            },
            {
              name: 'version',
              label: t('forkVersion'),
              initial: '1.0.0',
              check: (v) => (VERSION.test(v) ? undefined : t('versionPattern')),
            },
          ]}
          submitLabel={t('fork')}
          onClose={() => setDialog(null)}
          onSubmit={async ({ id, version }) => {
            await api.fork(id!, ref, version!);
            props.onChanged();
            setDialog(null);
            navigate({ name: 'version', id: id!, version: version! });
          }}
        />
      )}
      {dialog === 'publish' && (
        <ConfirmDialog
          title={t('publishTitle', { ref })}
          testId="publish-dialog"
          body={<p>{t('publishBody')}</p>}
          confirmLabel={t('publish')}
          onClose={() => setDialog(null)}
          onConfirm={publish}
        />
      )}
    </>
  );
}

/** Two editors saved the same draft: say so, and let this one choose (nothing is overwritten unasked). */
function ConflictDialog(props: {
  record: VersionRecord;
  onClose(): void;
  onReload(): void;
  onOverwrite(): Promise<void>;
}) {
  const { t } = useSession();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const ref = formatIndexRef(props.record);
  return (
    <Modal title={t('conflictTitle')} onClose={props.onClose} testId="conflict-dialog">
      <div className="modal-body">
        <p>{t('conflictBody', { ref, hash: `${props.record.hash.slice(0, 12)}…` })}</p>
      </div>
      {failure !== null && <ProblemView error={failure} />}
      <div className="modal-actions">
        <button type="button" onClick={props.onClose}>
          {t('cancel')}
        </button>
        <button type="button" data-testid="conflict-reload" disabled={busy} onClick={props.onReload}>
          {t('conflictReload')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="conflict-overwrite"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            props.onOverwrite().catch((e: unknown) => {
              setFailure(e);
              setBusy(false);
            });
          }}
        >
          {t('conflictOverwrite')}
        </button>
      </div>
    </Modal>
  );
}
