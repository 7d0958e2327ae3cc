// The Decision's table, criterion by criterion: the enterprise's answer and evidence beside the consultant's, the
// department's and the Ministry's, each with the reason for its adjustment; differences are marked in words as well
// as colour. The caller's own column can be edited here: accept the answer it builds on, or adjust it with a reason.
import { answerScale, type Criterion, type ScorecardDefinition } from '@dbi/schema';
import { memo } from 'react';
import type { Assessment, ColumnName } from '../../api.ts';
import { useSession } from '../../session.tsx';
import type { StringKey } from '../../strings.ts';
import { COLUMNS, sameAnswer } from './columns.ts';

export interface Draft {
  answers: Record<string, number | null>;
  reasons: Record<string, string>;
}

interface Props {
  a: Assessment;
  def: ScorecardDefinition;
  /** The caller's column and the one it builds on, when it edits. */
  own: ColumnName | null;
  base: ColumnName | null;
  draft: Draft | null;
  onAnswer?(id: string, value: number | null): void;
  onReason?(id: string, reason: string): void;
  /** Only the criteria where the columns differ. */
  onlyDiffering: boolean;
}

export const colKey = (c: ColumnName) => `col_${c}` as StringKey;

/** Every criterion of the definition with its pillar, in order. */
export function criteriaByPillar(def: ScorecardDefinition) {
  return def.pillars.map((p) => ({
    pillar: p,
    criteria: [...(p.criteria ?? []), ...(p.components ?? []).flatMap((c) => c.criteria)] as Criterion[],
  }));
}

export function ColumnsView({ a, def, own, base, draft, onAnswer, onReason, onlyDiffering }: Props) {
  const { t, tx } = useSession();
  const shown = COLUMNS.filter((c) => a.columns[c] || (c === own && draft));
  const valueOf = (c: ColumnName, id: string) =>
    c === own && draft ? draft.answers[id] : (a.columns[c]?.answers[id] as number | null | undefined);
  let any = false;
  const sections = criteriaByPillar(def).map(({ pillar, criteria }) => {
    const rows = criteria.filter((c) => {
      if (!onlyDiffering) return true;
      const values = shown.map((col) => valueOf(col, c.id));
      return values.some((v) => !sameAnswer(v, values[0]));
    });
    if (!rows.length) return null;
    any = true;
    return (
      <section key={pillar.id} className="review-pillar" aria-labelledby={`rp-${pillar.id}`}>
        <h2 id={`rp-${pillar.id}`}>
          {t('pillar')} {pillar.id}. {tx(pillar.name)}
        </h2>
        {rows.map((c) => (
          <CriterionRow
            key={c.id}
            a={a}
            def={def}
            criterion={c}
            shown={shown}
            own={own}
            base={base}
            value={draft && own ? (draft.answers[c.id] ?? null) : null}
            reason={draft?.reasons[c.id] ?? ''}
            editable={!!draft && !!onAnswer}
            onAnswer={onAnswer}
            onReason={onReason}
          />
        ))}
      </section>
    );
  });
  return (
    <div className="columns-view" data-testid="columns-view">
      {any ? sections : <p className="muted">{t('noDifferences')}</p>}
    </div>
  );
}

const CriterionRow = memo(function CriterionRow({
  a,
  def,
  criterion: c,
  shown,
  own,
  base,
  value,
  reason,
  editable,
  onAnswer,
  onReason,
}: {
  a: Assessment;
  def: ScorecardDefinition;
  criterion: Criterion;
  shown: ColumnName[];
  own: ColumnName | null;
  base: ColumnName | null;
  value: number | null;
  reason: string;
  editable: boolean;
  onAnswer: ((id: string, value: number | null) => void) | undefined;
  onReason: ((id: string, reason: string) => void) | undefined;
}) {
  const { t, tx } = useSession();
  const scale = answerScale(def);
  const answerText = (v: unknown) =>
    v === null || v === undefined
      ? t('noData')
      : typeof v === 'number'
        ? `${v} · ${tx(scale.find((l) => l.level === v)?.name)}`
        : String(v);
  const cellValue = (col: ColumnName) => (col === own && editable ? value : a.columns[col]?.answers[c.id]);
  const values = shown.map(cellValue);
  const differs = values.some((v) => !sameAnswer(v, values[0]));
  const baseValue = base ? a.columns[base]?.answers[c.id] : undefined;
  const needsReason = editable && base !== null && !sameAnswer(value, baseValue);
  const levelCriterion = c.type === undefined || c.type === 'level';
  const domId = `rv-${c.id}`;
  return (
    <article
      className={differs ? 'review-criterion differs' : 'review-criterion'}
      aria-labelledby={`${domId}-h`}
      data-testid={`review-${c.id}`}
    >
      <h3 id={`${domId}-h`}>
        <span className="criterion-id">{c.id}</span> {tx(c.text)}
        {differs && <span className="badge differs-badge">{t('columnsDiffer')}</span>}
      </h3>
      <dl className="review-cells">
        {shown.map((col) => {
          const column = a.columns[col];
          const from = col === own && editable ? base : (column?.from ?? null);
          const fromValue = from ? a.columns[from]?.answers[c.id] : undefined;
          // A written column says where it adjusted by its reasons (the server asks one for each); the column it was
          // built from may have changed since (a returned file fixed), which is a difference, not an adjustment.
          const adjusted =
            from !== null &&
            (col === own && editable ? !sameAnswer(cellValue(col), fromValue) : !!column?.reasons?.[c.id]);
          // A column built from another carries its evidence: show a note only where it is the column's own.
          const ownEvidence = column?.evidence[c.id];
          const evidence =
            ownEvidence && (!column?.from || a.columns[column.from]?.evidence[c.id] !== ownEvidence)
              ? ownEvidence
              : undefined;
          const why = col === own && editable ? '' : column?.reasons?.[c.id];
          return (
            <div
              key={col}
              className={`review-cell${adjusted ? ' adjusted' : ''}${col === own ? ' own' : ''}`}
              data-testid={`cell-${col}-${c.id}`}
            >
              <dt>{t(colKey(col))}</dt>
              <dd>
                <span className="cell-answer">{answerText(cellValue(col))}</span>
                {adjusted && from !== null && (
                  <span className="adjusted-note">
                    {' '}
                    ·{' '}
                    {col === own && editable
                      ? t('adjustedFrom', { column: t(colKey(from)), answer: answerText(fromValue) })
                      : t('adjustedFromColumn', { column: t(colKey(from)) })}
                  </span>
                )}
                {evidence && (
                  <span className="cell-evidence">
                    <span className="muted">{t('evidence')}:</span> <EvidenceText text={evidence} />
                  </span>
                )}
                {why && (
                  <span className="cell-reason" data-testid={`reason-${col}-${c.id}`}>
                    <span className="muted">{t('reason')}:</span> {why}
                  </span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      {editable && own && levelCriterion && (
        <div className="review-editor" data-testid={`edit-${c.id}`}>
          <label>
            <span>{t('yourAnswer', { column: t(colKey(own)) })}</span>{' '}
            <select
              value={value === null ? '' : String(value)}
              onChange={(e) => onAnswer?.(c.id, e.target.value === '' ? null : Number(e.target.value))}
              data-testid={`answer-${c.id}`}
            >
              <option value="">{t('noData')}</option>
              {scale.map((l) => (
                <option key={l.level} value={l.level}>
                  {l.level} · {tx(l.name)}
                </option>
              ))}
            </select>
          </label>
          {needsReason && (
            <button
              type="button"
              onClick={() => {
                const v = baseValue;
                onAnswer?.(c.id, typeof v === 'number' ? v : null);
                onReason?.(c.id, '');
              }}
              data-testid={`accept-${c.id}`}
            >
              {t('acceptAnswer', { column: t(colKey(base)) })}
            </button>
          )}
          {needsReason && (
            <label className="reason-field">
              <span>{t('adjustReason')}</span>
              <input
                type="text"
                value={reason}
                onChange={(e) => onReason?.(c.id, e.target.value)}
                aria-invalid={!reason.trim()}
                aria-describedby={reason.trim() ? undefined : `${domId}-need`}
                data-testid={`reason-input-${c.id}`}
              />
              {!reason.trim() && (
                <span id={`${domId}-need`} className="field-error">
                  {t('reasonRequired')}
                </span>
              )}
            </label>
          )}
        </div>
      )}
    </article>
  );
});

/** Evidence notes are text; web addresses in them become links (opened in a new tab, never run as script). */
export function EvidenceText({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <>
      {parts.map((p, i) =>
        /^https?:\/\//.test(p) ? (
          <a key={i} href={p} target="_blank" rel="noopener noreferrer">
            {p}
          </a>
        ) : (
          <span key={i}>{p}</span>
        ),
      )}
    </>
  );
}
