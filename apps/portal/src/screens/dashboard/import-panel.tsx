// The enterprise list import (POST /enterprises/import): the file is checked first as a dry run, whose row-by-row
// report is shown in the person's language; only a list without a problem is then imported, all rows at once.
import { useState, type FormEvent } from 'react';
import type { ImportReport } from '../../api.ts';
import { ProblemView } from '../../problem.tsx';
import { useSession } from '../../session.tsx';

const formatOf = (file: File): 'csv' | 'xlsx' | null =>
  /\.csv$/i.test(file.name) || file.type === 'text/csv'
    ? 'csv'
    : /\.xlsx$/i.test(file.name) || file.type.includes('spreadsheetml')
      ? 'xlsx'
      : null;

export function ImportPanel() {
  const { api, t, lang } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setReport(null);
    setFailure(null);
    const format = file ? formatOf(file) : null;
    if (!file || !format) {
      setFieldError(file ? t('importBadType') : t('required'));
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      const dry = await api.importEnterprises(file, format, true);
      setReport(dry.problems.length ? dry : await api.importEnterprises(file, format, false));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="dash-panel" aria-labelledby="import-title" data-testid="import-panel">
      <h2 id="import-title">{t('importTitle')}</h2>
      <p className="muted">{t('importIntro')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="import-form">
        <div className="field">
          <label htmlFor="import-file">{t('importFile')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'import-file-error' : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            data-testid="import-file"
          />
          {fieldError && (
            <p id="import-file-error" className="field-error" role="alert">
              {fieldError}
            </p>
          )}
        </div>
        <button type="submit" className="primary" disabled={busy} data-testid="import-submit">
          {busy ? t('importChecking') : t('importSubmit')}
        </button>
      </form>
      {failure !== null && <ProblemView error={failure} />}
      {report && report.problems.length > 0 && (
        <div className="import-report" data-testid="import-report">
          <p className="problem" role="alert">
            <strong>{t('importProblems', { n: report.problems.length, rows: report.rows })}</strong>
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('importReport')}>
            <table className="list-table" data-testid="import-problems">
              <caption>{t('importReport')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('importRow')}</th>
                  <th scope="col">{t('importColumn')}</th>
                  <th scope="col">{t('importReason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{p.row}</td>
                    <td>{p.column ?? '—'}</td>
                    <td>{p.reason[lang]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      {report && report.imported && (
        <div className="import-report" data-testid="import-done">
          <p className="notice" role="status">
            {t('importDone', { n: report.enterprises.length })}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('importImported')}>
            <table className="list-table">
              <caption>{t('importImported')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('importRow')}</th>
                  <th scope="col">{t('taxCode')}</th>
                  <th scope="col">{t('size')}</th>
                  <th scope="col">{t('indexUsed')}</th>
                </tr>
              </thead>
              <tbody>
                {report.enterprises.map((x) => (
                  <tr key={x.taxCode}>
                    <td>{x.row}</td>
                    <td>{x.taxCode}</td>
                    <td>{x.size}</td>
                    <td>{x.index}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
