// Excel both ways from the version toolbar: download this version as a workbook laid out like the Decision's tables,
// or upload an edited one as a new draft of this index. Reading and checking the workbook is the server's
// (@dbi/spreadsheet through POST /drafts/import); a refusal is shown as the server's cell-by-cell report.
import { useRef, useState } from 'react';
import type { ProblemError, VersionRecord } from '@dbi/schema';
import { formatIndexRef } from '@dbi/schema';
import { ApiError } from '../api.ts';
import { navigate } from '../route.ts';
import { useSession } from '../session.tsx';
import { Modal } from '../shell/dialog.tsx';
import { ProblemView } from '../shell/problem.tsx';

export function SpreadsheetButtons(props: { record: VersionRecord; onChanged(): void }) {
  const { record } = props;
  const { api, t, principal, notify } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [report, setReport] = useState<ProblemError[] | null>(null);

  const download = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const blob = await api.exportXlsx(record.id, record.version);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${record.id}-${record.version}.xlsx`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(false);
    }
  };

  const upload = async (file: File) => {
    setBusy(true);
    setFailure(null);
    try {
      const written = await api.importXlsx(record.id, file);
      const ref = formatIndexRef(written);
      props.onChanged();
      notify('success', t('imported', { ref }));
      navigate({ name: 'version', id: written.id, version: written.version });
    } catch (e) {
      const cells = e instanceof ApiError ? e.problem?.errors?.filter((x) => x.in === 'workbook') : undefined;
      if (cells?.length) setReport(cells);
      else setFailure(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <button
        type="button"
        data-testid="export-xlsx"
        disabled={busy}
        title={t('exportXlsxTitle')}
        onClick={() => void download()}
      >
        {t('exportXlsx')}
      </button>
      <button
        type="button"
        data-testid="import-xlsx"
        disabled={busy || principal === null}
        title={principal === null ? t('editingNeedsKey') : t('importXlsxTitle')}
        onClick={() => input.current?.click()}
      >
        {t('importXlsx')}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data-testid="import-xlsx-file"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          if (file) void upload(file);
        }}
      />
      {failure !== null && (
        <Modal title={t('error')} onClose={() => setFailure(null)} testId="xlsx-failure">
          <ProblemView error={failure} onClose={() => setFailure(null)} />
        </Modal>
      )}
      {report && <ImportReport errors={report} onClose={() => setReport(null)} />}
    </>
  );
}

/** Every wrong cell: sheet, cell and the reason in the reader's language. */
function ImportReport({ errors, onClose }: { errors: ProblemError[]; onClose(): void }) {
  const { t, lang } = useSession();
  return (
    <Modal title={t('importReportTitle', { n: errors.length })} onClose={onClose} testId="import-report">
      <div className="modal-body">
        <p>{t('importReportIntro')}</p>
        <table className="import-report">
          <thead>
            <tr>
              <th>{t('importSheet')}</th>
              <th>{t('importCell')}</th>
              <th>{t('importReason')}</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i} data-testid="import-report-row" data-cell={`${e.sheet ?? ''}!${e.cell ?? ''}`}>
                <td>{e.sheet}</td>
                <td>
                  <code>{e.cell}</code>
                </td>
                <td title={e.pointer || undefined}>{e.reason?.[lang] ?? e.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="modal-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('close')}
        </button>
      </div>
    </Modal>
  );
}
