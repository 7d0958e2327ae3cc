// An API failure as the user should see it: the problem's title and detail, and each bad field's JSON pointer
// with the reason (RFC 9457 problem+json from the server).
import { ApiError } from '../api.ts';
import { useSession } from '../session.tsx';

export function ProblemView({ error, onClose }: { error: unknown; onClose?(): void }) {
  const { t } = useSession();
  const problem = error instanceof ApiError ? error.problem : undefined;
  const status = error instanceof ApiError && error.status ? ` (${error.status})` : '';
  const title = problem?.title ?? t('error');
  const detail = problem?.detail ?? (error instanceof Error ? error.message : String(error));
  return (
    <div className="problem" role="alert" data-testid="problem">
      <div className="problem-head">
        <strong>
          {title}
          {status}
        </strong>
        {onClose && (
          <button type="button" className="link" onClick={onClose} aria-label={t('close')}>
            ×
          </button>
        )}
      </div>
      {detail && detail !== title && <p>{detail}</p>}
      {problem?.errors && problem.errors.length > 0 && (
        <ul className="problem-fields" aria-label={t('errorFields')}>
          {problem.errors.map((e, i) => (
            <li key={i}>
              <code>{e.pointer || '/'}</code> {e.detail}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
