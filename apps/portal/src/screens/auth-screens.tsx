// Sign-in and registration to the sessions contract (POST /auth/sign-in, /auth/register). Forms use
// react-hook-form with each field's reason in the user's words; the server's refusal is shown by status.
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { checkTaxCode } from '@dbi/reference';
import { ApiError } from '../api.ts';
import { ProblemView } from '../problem.tsx';
import { navigate } from '../route.ts';
import { useSession } from '../session.tsx';
import { Link } from './home.tsx';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface SignInValues {
  email: string;
  password: string;
}

export function SignInScreen() {
  const { t, signIn } = useSession();
  const [failure, setFailure] = useState<unknown>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInValues>({ defaultValues: { email: '', password: '' } });
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await signIn(v.email.trim(), v.password);
      navigate({ name: 'assessments' });
    } catch (e) {
      setFailure(e);
    }
  });
  const status = failure instanceof ApiError ? failure.status : undefined;
  return (
    <div className="page narrow" data-testid="sign-in-screen">
      <h1>{t('signInTitle')}</h1>
      <form onSubmit={submit} noValidate className="stack">
        <Field label={t('email')} error={errors.email?.message} id="si-email">
          <input
            id="si-email"
            type="email"
            autoComplete="username"
            aria-invalid={Boolean(errors.email)}
            {...register('email', {
              required: t('required'),
              pattern: { value: EMAIL, message: t('emailInvalid') },
            })}
          />
        </Field>
        <Field label={t('password')} error={errors.password?.message} id="si-password">
          <input
            id="si-password"
            type="password"
            autoComplete="current-password"
            aria-invalid={Boolean(errors.password)}
            {...register('password', { required: t('required') })}
          />
        </Field>
        {failure !== null &&
          (status === 401 ? (
            <p className="field-error" role="alert" data-testid="sign-in-wrong">
              {t('signInWrong')}
            </p>
          ) : status === 429 ? (
            <p className="field-error" role="alert">
              {t('signInLocked')}
            </p>
          ) : status === 404 ? (
            <p className="field-error" role="alert" data-testid="sign-in-unavailable">
              {t('signInUnavailable')}
            </p>
          ) : (
            <ProblemView error={failure} />
          ))}
        <button type="submit" className="primary" disabled={isSubmitting} data-testid="sign-in-submit">
          {t('signInSubmit')}
        </button>
      </form>
      <p>
        {t('noAccount')} <Link to={{ name: 'register' }}>{t('register')}</Link>
      </p>
    </div>
  );
}

interface RegisterValues {
  kind: 'enterprise' | 'consultant';
  name: string;
  email: string;
  password: string;
  taxCode: string;
}

export function RegisterScreen() {
  const { t, api, lang } = useSession();
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const {
    register,
    handleSubmit,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<RegisterValues>({
    defaultValues: { kind: 'enterprise', name: '', email: '', password: '', taxCode: '' },
  });
  const kind = watch('kind');
  const submit = handleSubmit(async (v) => {
    setFailure(null);
    try {
      await api.register({
        kind: v.kind,
        name: v.name.trim(),
        email: v.email.trim(),
        password: v.password,
        lang,
        ...(v.kind === 'enterprise' ? { taxCode: v.taxCode.trim() } : {}),
      });
      setDone(true);
    } catch (e) {
      setFailure(e);
    }
  });
  if (done)
    return (
      <div className="page narrow">
        <h1>{t('registerTitle')}</h1>
        <p className="notice ok" role="status" data-testid="registered">
          {t('registered')}
        </p>
        <Link className="button primary" to={{ name: 'sign-in' }}>
          {t('signIn')}
        </Link>
      </div>
    );
  return (
    <div className="page narrow" data-testid="register-screen">
      <h1>{t('registerTitle')}</h1>
      <form onSubmit={submit} noValidate className="stack">
        <fieldset className="choice-row">
          <legend>{t('registerAs')}</legend>
          <label className="option">
            <input type="radio" value="enterprise" {...register('kind')} /> <span>{t('kindEnterprise')}</span>
          </label>
          <label className="option">
            <input type="radio" value="consultant" {...register('kind')} /> <span>{t('kindConsultant')}</span>
          </label>
        </fieldset>
        <Field
          label={kind === 'enterprise' ? t('nameEnterprise') : t('name')}
          error={errors.name?.message}
          id="rg-name"
        >
          <input id="rg-name" autoComplete="organization" {...register('name', { required: t('required') })} />
        </Field>
        {kind === 'enterprise' && (
          <Field label={t('taxCode')} error={errors.taxCode?.message} id="rg-tax" help={t('taxCodeHelp')}>
            <input
              id="rg-tax"
              inputMode="numeric"
              aria-invalid={Boolean(errors.taxCode)}
              {...register('taxCode', {
                // The reference data's own check (format and check digit), with its reason in the user's language.
                validate: (v) => {
                  const r = checkTaxCode(v);
                  return r.ok ? true : r.reason[lang];
                },
              })}
            />
          </Field>
        )}
        <Field label={t('email')} error={errors.email?.message} id="rg-email">
          <input
            id="rg-email"
            type="email"
            autoComplete="email"
            aria-invalid={Boolean(errors.email)}
            {...register('email', { required: t('required'), pattern: { value: EMAIL, message: t('emailInvalid') } })}
          />
        </Field>
        <Field label={t('password')} error={errors.password?.message} id="rg-password" help={t('passwordHelp')}>
          <input
            id="rg-password"
            type="password"
            autoComplete="new-password"
            aria-invalid={Boolean(errors.password)}
            {...register('password', {
              required: t('required'),
              minLength: { value: 12, message: t('passwordShort') },
            })}
          />
        </Field>
        {failure !== null &&
          (failure instanceof ApiError && failure.status === 404 ? (
            <p className="field-error" role="alert">
              {t('signInUnavailable')}
            </p>
          ) : (
            <ProblemView error={failure} />
          ))}
        <button type="submit" className="primary" disabled={isSubmitting} data-testid="register-submit">
          {t('registerSubmit')}
        </button>
      </form>
      <p>
        {t('haveAccount')} <Link to={{ name: 'sign-in' }}>{t('signIn')}</Link>
      </p>
    </div>
  );
}

function Field({
  label,
  error,
  id,
  help,
  children,
}: {
  label: string;
  error: string | undefined;
  id: string;
  help?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {help && <p className="muted small">{help}</p>}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
