// An API failure as the user should see it: what happened in the user's language (by status), then the server's own
// detail and each bad field's reason (RFC 9457 problem+json).
import { ApiError } from './api.ts';
import { useSession } from './session.tsx';
import type { StringKey } from './strings.ts';

const KNOWN = new Set([0, 400, 401, 403, 404, 409, 413, 429]);

export function ProblemView({ error, onClose }: { error: unknown; onClose?(): void }) {
  const { t } = useSession();
  const problem = error instanceof ApiError ? error.problem : undefined;
  const code = error instanceof ApiError ? error.status : undefined;
  const title =
    code !== undefined && KNOWN.has(code) ? t(`problem.${code}` as StringKey) : (problem?.title ?? t('error'));
  const detail = problem?.detail ?? (error instanceof Error ? error.message : String(error));
  return (
    <div className="problem" role="alert" data-testid="problem">
      <div className="problem-head">
        <strong>
          {title}
          {code ? ` (${code})` : ''}
        </strong>
        {onClose && (
          <button type="button" className="link" onClick={onClose} aria-label={t('close')}>
            ×
          </button>
        )}
      </div>
      {detail && detail !== title && (
        <p className="problem-detail">
          <span className="muted">{t('problemDetail')}:</span> {detail}
        </p>
      )}
      {problem?.errors && problem.errors.length > 0 && (
        <ul className="problem-fields" aria-label={t('errorFields')}>
          {problem.errors.map((e, i) => (
            <li key={i} title={e.pointer || '/'}>
              {e.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
