// Public: any published questionnaire as the form an enterprise will fill in, scored live in the browser; nothing is
// sent or saved.
import { AssessmentForm } from '../form/assessment-form.tsx';
import { useSession } from '../session.tsx';
import { useIndex } from './index-screen.tsx';

export function TryScreen({ id, version }: { id: string; version: string }) {
  const { t, tx } = useSession();
  const loaded = useIndex(id, version);
  if (!loaded) return <p aria-busy="true">{t('loading')}</p>;
  if (!loaded.compiled) return <p>{t('notFoundTitle')}</p>;
  return (
    <div className="page wide" data-testid="try-screen">
      <h1>
        {t('tryTitle')} · {tx(loaded.definition.title)}
      </h1>
      <p className="notice">{t('tryNote')}</p>
      <AssessmentForm compiled={loaded.compiled} />
    </div>
  );
}
