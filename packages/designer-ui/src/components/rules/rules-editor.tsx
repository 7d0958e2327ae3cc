// Every rule list of a definition, each as a RulesTable.
import { useDesignerActions, useDesignerState, useT } from '../../context.js';
import { RulesTable } from './rules-table.js';

/** Every rule list of the definition: scorecard pillar and overall levels; a group's overall and pillar levels. */
export function RulesEditor({ showRaw = false }: { showRaw?: boolean }) {
  const t = useT();
  const definition = useDesignerState((s) => s.definition);
  const readOnly = useDesignerState((s) => s.readOnly);
  const actions = useDesignerActions();
  const raw = { showRaw };
  if (definition.kind === 'scorecard') {
    return (
      <div className="dbi-panel dbi-rules-editor">
        <RulesTable place={{ scope: 'pillar' }} caption={t('rules.pillar')} {...raw} />
        <RulesTable place={{ scope: 'overall' }} caption={t('rules.overall')} {...raw} />
      </div>
    );
  }
  if (definition.kind === 'aggregate') {
    return (
      <div className="dbi-panel dbi-rules-editor">
        <RulesTable place={{ scope: 'overall' }} caption={t('rules.group.overall')} {...raw} />
        {definition.rules.pillar ? (
          <>
            <RulesTable place={{ scope: 'pillar' }} caption={t('rules.group.pillar')} {...raw} />
            {!readOnly && (
              <button
                type="button"
                className="dbi-btn dbi-btn--small"
                onClick={() => actions.setRules({ scope: 'pillar' }, undefined)}
              >
                {t('rules.dropOverride')}
              </button>
            )}
          </>
        ) : (
          <div className="dbi-rules">
            <h4 className="dbi-rules__caption">{t('rules.group.pillar')}</h4>
            <p className="dbi-node__muted">{t('rules.group.pillarSame')}</p>
            {!readOnly && (
              <button
                type="button"
                className="dbi-btn dbi-btn--small"
                onClick={() => actions.setRules({ scope: 'pillar' }, structuredClone(definition.rules.overall))}
              >
                {t('rules.useOwnPillar')}
              </button>
            )}
          </div>
        )}
      </div>
    );
  }
  return null;
}
