// People's accounts as the Ministry manages them: enterprise tax codes waiting for confirmation (a department sees and
// decides those of its province only — the server chooses which it lists), consultants to recognise, and the staff
// accounts (department and Ministry) it creates with a one-time password, disables, enables and resets.
import { useCallback, useEffect, useState } from 'react';
import type { AccountRecord, ConsultantRecord, OneTimePassword } from '../../api.ts';
import { useSession } from '../../session.tsx';
import type { StringKey } from '../../strings.ts';
import { ReasonForm } from './review-screen.tsx';

const STAFF_ROLES = ['provincial-department', 'ministry-editor', 'ministry-publisher'] as const;

export function AccountsScreen() {
  const { api, t, account, showError } = useSession();
  const isMinistry = account?.role === 'ministry-editor' || account?.role === 'ministry-publisher';
  const [all, setAll] = useState<AccountRecord[] | null>(null);
  const [consultants, setConsultants] = useState<ConsultantRecord[]>([]);
  const [otp, setOtp] = useState<OneTimePassword | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [refusing, setRefusing] = useState<string | null>(null);

  const reload = useCallback(() => {
    // Every page: a department's pages leave out other provinces' accounts, so one may be short or empty while more
    // follow (GET /accounts says so).
    const all: AccountRecord[] = [];
    const next = (after?: string): Promise<AccountRecord[]> =>
      api.accounts(after ? { after } : {}).then((r) => {
        all.push(...r.items);
        return r.next ? next(r.next) : all;
      });
    next().then(setAll, showError);
    if (isMinistry) api.consultants().then((r) => setConsultants(r.items), showError);
  }, [api, isMinistry, showError]);
  useEffect(() => {
    if (account) reload();
  }, [account, reload]);

  if (account === undefined) return <p aria-busy="true">{t('loading')}</p>;
  if (!account || !(isMinistry || account.role === 'provincial-department'))
    return <p className="page narrow">{t('problem.403')}</p>;

  const act = async (what: () => Promise<unknown>, message: string) => {
    setNotice(null);
    try {
      await what();
      setNotice(message);
      reload();
    } catch (e) {
      showError(e);
    }
  };
  const pending = (all ?? []).filter((a) => a.binding?.status === 'pending');
  const consultantAccounts = (all ?? []).filter((a) => a.role === 'consultant');
  const staff = (all ?? []).filter((a) => (STAFF_ROLES as readonly string[]).includes(a.role));

  return (
    <div className="page" data-testid="accounts-screen">
      <h1>{t('accountsTitle')}</h1>
      {notice && (
        <p className="notice ok" role="status" data-testid="accounts-notice">
          {notice}
        </p>
      )}
      {otp && (
        <div className="notice warn otp-box" role="status" data-testid="otp-box">
          <p>{t('otpShown', { email: otp.account.email })}</p>
          <p>
            <code className="otp" data-testid="otp">
              {otp.oneTimePassword}
            </code>
          </p>
          <button type="button" onClick={() => setOtp(null)}>
            {t('close')}
          </button>
        </div>
      )}

      <section className="card" aria-labelledby="bind-h" data-testid="bindings">
        <h2 id="bind-h">{t('bindingsTitle')}</h2>
        {all === null ? (
          <p aria-busy="true">{t('loading')}</p>
        ) : pending.length === 0 ? (
          <p className="muted">{t('bindingsNone')}</p>
        ) : (
          <ul className="account-list">
            {pending.map((a) => (
              <li key={a.id} data-testid={`binding-${a.binding!.taxCode}`}>
                <span>
                  <strong>{a.name}</strong> · {a.email} · {t('taxCode')} {a.binding!.taxCode}
                </span>
                <span className="row-actions">
                  <button
                    type="button"
                    className="primary"
                    onClick={() => void act(() => api.decideBinding(a.id, 'approved'), t('bindingApproved'))}
                    data-testid={`approve-${a.binding!.taxCode}`}
                  >
                    {t('approve')}
                  </button>
                  <button type="button" onClick={() => setRefusing(a.id)}>
                    {t('refuse')}
                  </button>
                </span>
                {refusing === a.id && (
                  <ReasonForm
                    label={t('refuseReason')}
                    confirm={t('refuse')}
                    busy={false}
                    onCancel={() => setRefusing(null)}
                    onConfirm={(reason) => {
                      setRefusing(null);
                      void act(() => api.decideBinding(a.id, 'refused', reason), t('bindingRefused'));
                    }}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {isMinistry && (
        <>
          <section className="card" aria-labelledby="cons-h" data-testid="consultant-accounts">
            <h2 id="cons-h">{t('consultantsTitle')}</h2>
            <p className="muted">{t('consultantsIntro')}</p>
            {consultantAccounts.length === 0 ? (
              <p className="muted">{t('consultantsNone')}</p>
            ) : (
              <ul className="account-list">
                {consultantAccounts.map((a) => (
                  <RecogniseRow
                    key={a.id}
                    a={a}
                    consultants={consultants}
                    onDone={(m) => {
                      setNotice(m);
                      reload();
                    }}
                  />
                ))}
              </ul>
            )}
          </section>

          <CreateStaff
            onCreated={(o) => {
              setNotice(null);
              setOtp(o);
              reload();
            }}
          />

          <section className="card" aria-labelledby="staff-h" data-testid="staff-accounts">
            <h2 id="staff-h">{t('staffTitle')}</h2>
            <div className="table-wrap" tabIndex={0} role="region" aria-label={t('staffTitle')}>
              <table className="list-table">
                <thead>
                  <tr>
                    <th scope="col">{t('name')}</th>
                    <th scope="col">{t('email')}</th>
                    <th scope="col">{t('role')}</th>
                    <th scope="col">{t('status')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {staff.map((a) => (
                    <tr key={a.id} data-testid={`staff-${a.email}`}>
                      <td>{a.name}</td>
                      <td>{a.email}</td>
                      <td>
                        {t(`role_${a.role}` as StringKey)}
                        {a.scope ? ` · ${a.scope}` : ''}
                      </td>
                      <td>
                        {t(a.status === 'active' ? 'accountActive' : 'accountDisabled')}
                        {a.mustChangePassword ? ` · ${t('mustChange')}` : ''}
                      </td>
                      <td className="row-actions">
                        {a.id !== account.id && (
                          <button
                            type="button"
                            onClick={() =>
                              void act(
                                () => api.setAccountStatus(a.id, a.status === 'active' ? 'disabled' : 'active'),
                                t(a.status === 'active' ? 'accountDisabledNotice' : 'accountEnabledNotice', {
                                  email: a.email,
                                }),
                              )
                            }
                            data-testid={`toggle-${a.email}`}
                          >
                            {t(a.status === 'active' ? 'disable' : 'enable')}
                          </button>
                        )}
                        <button
                          type="button"
                          onClick={() =>
                            api.resetPassword(a.id).then((o) => {
                              setNotice(null);
                              setOtp(o);
                              reload();
                            }, showError)
                          }
                          data-testid={`reset-${a.email}`}
                        >
                          {t('resetPassword')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </div>
  );
}

function RecogniseRow({
  a,
  consultants,
  onDone,
}: {
  a: AccountRecord;
  consultants: ConsultantRecord[];
  onDone(message: string): void;
}) {
  const { api, t, showError } = useSession();
  const [id, setId] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [employers, setEmployers] = useState('');
  const known = consultants.find((c) => c.id === id);
  const domId = `rec-${a.id}`;
  const recognise = async () => {
    try {
      // A consultant record is registered once (id, organisation, employers for the independence rule), then the
      // account is linked to it.
      if (!known)
        await api.createConsultant({
          id,
          name: a.name,
          organisation,
          employers: employers
            .split(/[\s,;]+/)
            .map((s) => s.trim())
            .filter(Boolean),
        });
      await api.recognise(a.id, id);
      onDone(t('recognised', { name: a.name, id }));
    } catch (e) {
      showError(e);
    }
  };
  return (
    <li data-testid={`consultant-${a.email}`}>
      <span>
        <strong>{a.name}</strong> · {a.email} ·{' '}
        {a.consultantId ? t('recognisedAs', { id: a.consultantId }) : t('notRecognised')}
      </span>
      {!a.consultantId && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void recognise();
          }}
        >
          <label>
            <span>{t('consultantId')}</span>
            <input
              type="text"
              list={`${domId}-known`}
              value={id}
              onChange={(e) => setId(e.target.value)}
              data-testid="consultant-id"
            />
          </label>
          <datalist id={`${domId}-known`}>
            {consultants.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </datalist>
          {!known && (
            <>
              <label>
                <span>{t('organisation')}</span>
                <input
                  type="text"
                  value={organisation}
                  onChange={(e) => setOrganisation(e.target.value)}
                  data-testid="consultant-org"
                />
              </label>
              <label>
                <span>{t('employers')}</span>
                <input
                  type="text"
                  value={employers}
                  onChange={(e) => setEmployers(e.target.value)}
                  aria-describedby={`${domId}-emp-help`}
                  data-testid="consultant-employers"
                />
              </label>
              <span id={`${domId}-emp-help`} className="muted small employers-help">
                {t('employersHelp')}
              </span>
            </>
          )}
          <button type="submit" className="primary" disabled={!id.trim()} data-testid="recognise">
            {t('recognise')}
          </button>
        </form>
      )}
    </li>
  );
}

function CreateStaff({ onCreated }: { onCreated(o: OneTimePassword): void }) {
  const { api, t, showError } = useSession();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof STAFF_ROLES)[number]>('provincial-department');
  const [scope, setScope] = useState('');
  const [tried, setTried] = useState(false);
  const problems = {
    email: !/^[^\s@]+@[^\s@]+$/.test(email) ? t('emailInvalid') : null,
    name: !name.trim() ? t('required') : null,
    scope: role === 'provincial-department' && !scope.trim() ? t('provinceRequired') : null,
  };
  const bad = Object.values(problems).some(Boolean);
  const err = (k: keyof typeof problems) =>
    tried && problems[k] ? (
      <span id={`staff-${k}-err`} className="field-error" role="alert">
        {problems[k]}
      </span>
    ) : null;
  const described = (k: keyof typeof problems) => (tried && problems[k] ? `staff-${k}-err` : undefined);
  return (
    <section className="card" aria-labelledby="create-h" data-testid="create-staff">
      <h2 id="create-h">{t('createStaff')}</h2>
      <form
        className="stack staff-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (bad) return;
          api
            .createAccount({
              email: email.trim(),
              name: name.trim(),
              role,
              scope: role === 'provincial-department' ? scope.trim() : null,
            })
            .then((o) => {
              onCreated(o);
              setEmail('');
              setName('');
              setScope('');
              setTried(false);
            }, showError);
        }}
      >
        <label className="field">
          <span>{t('email')}</span>
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={tried && !!problems.email}
            aria-describedby={described('email')}
            data-testid="staff-email"
          />
          {err('email')}
        </label>
        <label className="field">
          <span>{t('name')}</span>
          <input
            type="text"
            value={name}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={tried && !!problems.name}
            aria-describedby={described('name')}
            data-testid="staff-name"
          />
          {err('name')}
        </label>
        <label className="field">
          <span>{t('role')}</span>
          <select
            value={role}
            onChange={(e) => setRole(e.target.value as (typeof STAFF_ROLES)[number])}
            data-testid="staff-role"
          >
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role_${r}` as StringKey)}
              </option>
            ))}
          </select>
        </label>
        {role === 'provincial-department' && (
          <label className="field">
            <span>{t('provinceCode')}</span>
            <input
              type="text"
              inputMode="numeric"
              value={scope}
              onChange={(e) => setScope(e.target.value)}
              aria-invalid={tried && !!problems.scope}
              aria-describedby={described('scope')}
              data-testid="staff-scope"
            />
            {err('scope')}
          </label>
        )}
        <button type="submit" className="primary" data-testid="staff-create">
          {t('createAccount')}
        </button>
      </form>
    </section>
  );
}
