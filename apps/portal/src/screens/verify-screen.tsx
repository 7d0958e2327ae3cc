// Public: certificate verification by number (the QR code on the certificate opens /verify/<number>).
// GET /api/v1/certificates/{number}/verification answers validity, supersession, revocation, the index version and
// hash, the enterprise and its levels.
import { useEffect, useState } from 'react';
import { ApiError, type Verification } from '../api.ts';
import { navigate } from '../route.ts';
import { useSession } from '../session.tsx';

const NUMBER = /^DBI-[0-9]{4}-[0-9]{6,}$/;

export function VerifyScreen({ number }: { number: string }) {
  const { api, t } = useSession();
  const [input, setInput] = useState(number);
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'loading' }
    | { kind: 'found'; v: Verification }
    | { kind: 'missing' }
    | { kind: 'error'; e: unknown }
  >({ kind: 'idle' });
  useEffect(() => {
    setInput(number);
    if (!number || !NUMBER.test(number)) return setState({ kind: 'idle' });
    setState({ kind: 'loading' });
    api.verification(number).then(
      (v) => setState({ kind: 'found', v }),
      (e: unknown) =>
        setState(
          e instanceof ApiError && (e.status === 404 || e.status === 400) ? { kind: 'missing' } : { kind: 'error', e },
        ),
    );
  }, [api, number]);
  const bad = input !== '' && !NUMBER.test(input.trim());
  return (
    <div className="page narrow" data-testid="verify-screen">
      <h1>{t('verifyTitle')}</h1>
      <p>{t('verifyIntro')}</p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!bad && input.trim()) navigate({ name: 'verify', number: input.trim() });
        }}
      >
        <label>
          <span>{t('verifyNumber')}</span>
          <input
            value={input}
            onChange={(e) => setInput(e.target.value)}
            placeholder="DBI-2026-000001"
            aria-invalid={bad}
            aria-describedby={bad ? 'verify-bad' : undefined}
            data-testid="verify-number"
          />
        </label>
        <button type="submit" className="primary">
          {t('verifyGo')}
        </button>
      </form>
      {bad && (
        <p id="verify-bad" className="field-error" role="alert">
          {t('verifyBadNumber')}
        </p>
      )}
      {state.kind === 'loading' && <p aria-busy="true">{t('loading')}</p>}
      {state.kind === 'missing' && (
        <p className="notice warn" role="status" data-testid="verify-missing">
          {t('verifyNotFound')}
        </p>
      )}
      {state.kind === 'error' && <VerifyError e={state.e} />}
      {state.kind === 'found' && <Certificate v={state.v} />}
    </div>
  );
}

function VerifyError({ e }: { e: unknown }) {
  const { t } = useSession();
  return (
    <p className="notice warn" role="alert">
      {t('error')}: {e instanceof Error ? e.message : String(e)}
    </p>
  );
}

function Certificate({ v }: { v: Verification }) {
  const { t, tx } = useSession();
  // The server says the state (valid, expired, superseded, revoked); the page only words it.
  const valid = v.valid;
  return (
    <section className={`certificate ${valid ? 'ok' : 'bad'}`} data-testid="certificate" data-state={v.state}>
      <p className="cert-status" role="status">
        {valid
          ? `✓ ${t('certValid')}`
          : v.state === 'revoked'
            ? `✗ ${t('certRevoked')}`
            : v.state === 'expired'
              ? `✗ ${t('certExpired')}`
              : `✗ ${t('certSuperseded')}`}
        {v.supersededBy && (
          <>
            {' '}
            <a href={`/verify/${encodeURIComponent(v.supersededBy)}`}>{v.supersededBy}</a>
          </>
        )}
      </p>
      <dl className="facts">
        <dt>{t('verifyNumber')}</dt>
        <dd>{v.number}</dd>
        <dt>{t('certEnterprise')}</dt>
        <dd>{v.enterprise.name}</dd>
        <dt>{t('certTaxCode')}</dt>
        <dd>{v.enterprise.taxCode}</dd>
        <dt>{t('certIndex')}</dt>
        <dd>
          {tx(v.index.title)} · {v.index.id}@{v.index.version} · {t('hash')}{' '}
          <code className="hash">{v.index.hash.slice(0, 12)}</code>
        </dd>
        <dt>{t('certLevel')}</dt>
        <dd data-testid="certificate-level">
          {v.level.level} · {tx(v.level.name)} ({t('pointsOf', { points: v.level.total, max: v.level.max })})
        </dd>
        <dt>{t('certPillars')}</dt>
        <dd>
          <ul className="levels">
            {v.pillars.map((p) => (
              <li key={p.id}>
                {p.id}. {tx(p.name)}: {p.level} · {tx(p.levelName)}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('certIssued')}</dt>
        <dd>{v.issuedOn}</dd>
        {v.validUntil && (
          <>
            <dt>{t('certValidUntil')}</dt>
            <dd>{v.validUntil}</dd>
          </>
        )}
        {v.revokedOn && (
          <>
            <dt>{t('certRevokedOn')}</dt>
            <dd>{v.revokedOn}</dd>
            <dt>{t('certReason')}</dt>
            <dd>{v.revocationReason}</dd>
          </>
        )}
        <dt>{t('certIssuer')}</dt>
        <dd>{tx(v.issuer)}</dd>
      </dl>
    </section>
  );
}
