// Side panel for the selected node: texts (vi/en), weight and points per level, position (parent, up/down),
// add/remove. Every change is a store action, so it is validated and undoable.
import { useMemo, useState } from 'react';
import type { Component, Definition, Pillar, ScorecardDefinition } from '@dbi/schema';
import { answerScale } from '@dbi/schema';
import { useDesignerActions, useDesignerState, useLang, useT } from '../context.js';
import { buildTree, nodeAt, nodeKey } from '../tree.js';
import { sumMax } from '../edit.js';
import { isGhostKey } from '../to-flow.js';
import { Field, NumberField, TextPair } from './fields.js';
import { IssueItems } from './issues-list.js';
import { fieldIssues } from '../issue-text.js';
import { DIRECT } from '../tree.js';
import {
  AnswerEditor,
  AppliesEditor,
  InstrumentEditor,
  LevelsEditor,
  PillarWeight,
  ProfileEditor,
} from './v2-editors.js';
import { RulesTable } from './rules/rules-table.js';
import type { NodePath } from '../types.js';

export function NodePanel() {
  const t = useT();
  const selected = useDesignerState((s) => s.selected);
  const definition = useDesignerState((s) => s.definition);
  const tree = useMemo(() => buildTree(definition), [definition]);
  if (!selected) return <div className="dbi-panel dbi-panel--empty">{t('panel.empty')}</div>;
  if (isGhostKey(selected)) return <div className="dbi-panel dbi-panel--empty">{t('panel.ghost')}</div>;
  const node = tree.byKey.get(selected);
  if (!node) return <div className="dbi-panel dbi-panel--empty">{t('panel.empty')}</div>;
  return <NodeEditor nodeKey={selected} path={node.path} definition={definition} />;
}

function NodeEditor({ nodeKey: key, path, definition }: { nodeKey: string; path: NodePath; definition: Definition }) {
  const t = useT();
  const readOnly = useDesignerState((s) => s.readOnly);
  const issues = useDesignerState((s) => s.issuesByNode[key]);
  const actions = useDesignerActions();
  const lang = useLang();
  const tree = useMemo(() => buildTree(definition), [definition]);
  const errors = useMemo(() => fieldIssues(issues, tree, definition.id, lang), [issues, tree, definition.id, lang]);
  const at = nodeAt(definition, path);
  if (!at) return null;
  const text = (field: Parameters<typeof actions.setText>[1]) => (lang: 'vi' | 'en', value: string) =>
    actions.setText(key, field, lang, value);
  /** Each language's issue for a text field, to show under it. */
  const textErrors = (field: string) => ({
    ...((errors[`${field}/vi`] ?? errors[field]) ? { vi: errors[`${field}/vi`] ?? errors[field]! } : {}),
    ...((errors[`${field}/en`] ?? errors[field]) ? { en: errors[`${field}/en`] ?? errors[field]! } : {}),
  });
  const label = `${t(`kind.${path.kind}`)} ${path.kind === 'index' ? definition.id : (at.value as { id: string }).id}`;

  return (
    <div className="dbi-panel" data-node={key}>
      <div className="dbi-panel__head">
        <span className="dbi-node__kind">{t(`kind.${path.kind}`)}</span>
        <span className="dbi-node__id">
          {path.kind === 'index' ? `${definition.id}@${definition.version}` : (at.value as { id: string }).id}
        </span>
      </div>
      {issues && issues.length > 0 && <IssueItems issues={issues} />}

      {path.kind !== 'index' && (
        <Field
          label={t('field.id')}
          hint={path.kind === 'criterion' ? t('field.id.hint') : undefined}
          error={errors['id']}
        >
          <input
            className={`dbi-input${errors['id'] ? ' is-invalid' : ''}`}
            aria-invalid={errors['id'] ? true : undefined}
            name="node-id"
            aria-label={t('field.id')}
            value={(at.value as { id: string }).id}
            readOnly={readOnly}
            onChange={(e) => actions.setId(key, e.target.value)}
          />
        </Field>
      )}

      {at.kind === 'index' && (
        <>
          {definition.derivedFrom && (
            <div className="dbi-node__muted">↳ {t('derivedFrom', { ref: definition.derivedFrom })}</div>
          )}
          <TextPair
            name="title"
            label={t('field.title')}
            value={at.value.title}
            onChange={text('title')}
            errors={textErrors('title')}
            readOnly={readOnly}
          />
          <TextPair
            name="description"
            label={t('field.description')}
            value={at.value.description}
            onChange={text('description')}
            errors={textErrors('description')}
            readOnly={readOnly}
            multiline
          />
          {definition.kind === 'scorecard' && <MaxInfo declared={definition.max} sum={sumMax(definition, path)} />}
          {definition.kind === 'scorecard' && !readOnly && (
            <div className="dbi-panel__actions">
              <button type="button" className="dbi-btn" onClick={() => actions.addPillar()}>
                + {t('add.pillar')}
              </button>
            </div>
          )}
          <InstrumentEditor definition={definition} />
          {definition.kind === 'scorecard' && (
            <>
              <LevelsEditor definition={definition} />
              <ProfileEditor definition={definition} />
            </>
          )}
        </>
      )}

      {at.kind === 'pillar' && (
        <>
          <TextPair
            name="name"
            label={t('field.name')}
            value={at.value.name}
            onChange={text('name')}
            errors={textErrors('name')}
            readOnly={readOnly}
          />
          {definition.kind === 'scorecard' && (
            <>
              <MaxInfo declared={(at.value as Pillar).max} sum={sumMax(definition, path)} />
              <PillarWeight definition={definition} p={(path as { p: number }).p} />
              <AppliesEditor node={at.value as Pillar} path={path} />
              {!readOnly && (
                <div className="dbi-panel__actions">
                  {!(at.value as Pillar).criteria && (
                    <button type="button" className="dbi-btn" onClick={() => actions.addComponent(key)}>
                      + {t('add.component')}
                    </button>
                  )}
                  {!(at.value as Pillar).components?.length && (
                    <button type="button" className="dbi-btn" onClick={() => actions.addCriterion(key)}>
                      + {t('add.criterionDirect')}
                    </button>
                  )}
                  <MoveButtons
                    nodeKey={key}
                    first={(path as { p: number }).p === 0}
                    last={(path as { p: number }).p === definition.pillars.length - 1}
                  />
                  <RemoveButton what={label} onRemove={() => actions.remove(key)} />
                </div>
              )}
              <PillarRules definition={definition} p={(path as { p: number }).p} />
            </>
          )}
        </>
      )}

      {at.kind === 'component' && definition.kind === 'scorecard' && path.kind === 'component' && (
        <>
          <TextPair
            name="name"
            label={t('field.name')}
            value={at.value.name}
            onChange={text('name')}
            errors={textErrors('name')}
            readOnly={readOnly}
            multiline
          />
          <TextPair
            name="statement"
            label={t('field.statement')}
            value={at.value.statement}
            onChange={text('statement')}
            errors={textErrors('statement')}
            readOnly={readOnly}
            multiline
          />
          <MaxInfo declared={at.value.max} sum={sumMax(definition, path)} />
          <AppliesEditor node={at.value} path={path} />
          <ComponentPosition definition={definition} nodeKey={key} path={path} readOnly={readOnly} />
          {!readOnly && (
            <div className="dbi-panel__actions">
              <button type="button" className="dbi-btn" onClick={() => actions.addCriterion(key)}>
                + {t('add.criterion')}
              </button>
              <RemoveButton what={label} onRemove={() => actions.remove(key)} />
            </div>
          )}
        </>
      )}

      {at.kind === 'criterion' && definition.kind === 'scorecard' && path.kind === 'criterion' && (
        <>
          <TextPair
            name="text"
            label={t('field.text')}
            value={at.value.text}
            onChange={text('text')}
            errors={textErrors('text')}
            readOnly={readOnly}
            multiline
          />
          <TextPair
            name="group"
            label={t('field.group')}
            value={at.value.group}
            onChange={text('group')}
            errors={textErrors('group')}
            readOnly={readOnly}
          />
          <AnswerEditor criterion={at.value} path={path} />
          {(at.value.type === undefined || at.value.type === 'level') && (
            <>
              <NumberField
                key={key}
                name="weight"
                label={t('field.weight')}
                value={at.value.weight}
                onChange={(n) => actions.setWeight(key, n)}
                error={errors['weight']}
                readOnly={readOnly}
              />
              <PointsPerLevel definition={definition} weight={at.value.weight} />
            </>
          )}
          <AppliesEditor node={at.value} path={path} />
          {path.c === DIRECT ? (
            !readOnly && (
              <Field label={t('position.title')}>
                <MoveButtons
                  nodeKey={key}
                  first={path.k === 0}
                  last={path.k === (definition.pillars[path.p]?.criteria?.length ?? 0) - 1}
                />
              </Field>
            )
          ) : (
            <CriterionPosition definition={definition} nodeKey={key} path={path} readOnly={readOnly} />
          )}
          {!readOnly && (
            <div className="dbi-panel__actions">
              <RemoveButton what={label} onRemove={() => actions.remove(key)} />
            </div>
          )}
        </>
      )}
    </div>
  );
}

function MaxInfo({ declared, sum }: { declared: number | undefined; sum: number | undefined }) {
  const t = useT();
  if (sum === undefined) return null;
  return (
    <div className="dbi-field">
      <div className="dbi-field__label">{t('field.max')}</div>
      <div className={`dbi-max${declared !== undefined && declared !== sum ? ' is-invalid' : ''}`}>
        <strong>{sum}</strong>
        {declared !== undefined && (
          <span className="dbi-node__muted"> · {t('field.declaredMax', { n: declared })}</span>
        )}
      </div>
    </div>
  );
}

function PointsPerLevel({ definition, weight }: { definition: ScorecardDefinition; weight: number }) {
  const t = useT();
  return (
    <div className="dbi-field">
      <div className="dbi-field__label">{t('field.pointsPerLevel')}</div>
      <table className="dbi-mini-table">
        <thead>
          <tr>
            {answerScale(definition).map((l) => (
              <th key={l.level}>{t('level.n', { n: l.level })}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {answerScale(definition).map((l) => (
              <td key={l.level}>{Number.isFinite(weight) ? l.level * weight : '—'}</td>
            ))}
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function MoveButtons({ nodeKey: key, first, last }: { nodeKey: string; first: boolean; last: boolean }) {
  const t = useT();
  const actions = useDesignerActions();
  return (
    <span className="dbi-btn-group">
      <button
        type="button"
        className="dbi-btn dbi-btn--small"
        disabled={first}
        onClick={() => actions.reorder(key, -1)}
      >
        ↑ {t('position.up')}
      </button>
      <button type="button" className="dbi-btn dbi-btn--small" disabled={last} onClick={() => actions.reorder(key, 1)}>
        ↓ {t('position.down')}
      </button>
    </span>
  );
}

function CriterionPosition({
  definition,
  nodeKey: key,
  path,
  readOnly,
}: {
  definition: ScorecardDefinition;
  nodeKey: string;
  path: Extract<NodePath, { kind: 'criterion' }>;
  readOnly: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const actions = useDesignerActions();
  const tree = useMemo(() => buildTree(definition), [definition]);
  const current = tree.componentKeys[path.p]?.[path.c] ?? '';
  const count = definition.pillars[path.p]?.components?.[path.c]?.criteria.length ?? 0;
  return (
    <Field label={t('position.title')}>
      <div className="dbi-row">
        <select
          className="dbi-input"
          name="criterion-component"
          aria-label={t('position.component')}
          value={current}
          disabled={readOnly}
          onChange={(e) => actions.move(key, e.target.value)}
        >
          {definition.pillars.map((p: Pillar, pi) => (
            <optgroup key={pi} label={`${p.id}. ${p.name[lang]}`}>
              {(p.components ?? []).map((c: Component, ci) => (
                <option key={ci} value={tree.componentKeys[pi]?.[ci] ?? nodeKey('component', c.id)}>
                  {c.id} — {c.name[lang]}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {!readOnly && <MoveButtons nodeKey={key} first={path.k === 0} last={path.k === count - 1} />}
      </div>
    </Field>
  );
}

function ComponentPosition({
  definition,
  nodeKey: key,
  path,
  readOnly,
}: {
  definition: ScorecardDefinition;
  nodeKey: string;
  path: Extract<NodePath, { kind: 'component' }>;
  readOnly: boolean;
}) {
  const t = useT();
  const lang = useLang();
  const actions = useDesignerActions();
  const tree = useMemo(() => buildTree(definition), [definition]);
  const count = definition.pillars[path.p]?.components?.length ?? 0;
  return (
    <Field label={t('position.title')}>
      <div className="dbi-row">
        <select
          className="dbi-input"
          name="component-pillar"
          aria-label={t('position.pillar')}
          value={tree.pillarKeys[path.p] ?? ''}
          disabled={readOnly}
          onChange={(e) => actions.move(key, e.target.value)}
        >
          {definition.pillars.map((p, pi) => (
            <option key={pi} value={tree.pillarKeys[pi]}>
              {p.id}. {p.name[lang]}
            </option>
          ))}
        </select>
        {!readOnly && <MoveButtons nodeKey={key} first={path.c === 0} last={path.c === count - 1} />}
      </div>
    </Field>
  );
}

function PillarRules({ definition, p }: { definition: ScorecardDefinition; p: number }) {
  const t = useT();
  const actions = useDesignerActions();
  const readOnly = useDesignerState((s) => s.readOnly);
  const own = definition.pillars[p]?.rules;
  return (
    <div className="dbi-field">
      <div className="dbi-field__label">{t('rules.title')}</div>
      {own ? (
        <>
          <RulesTable place={{ scope: 'pillar-override', p }} showRaw={false} />
          {!readOnly && (
            <button
              type="button"
              className="dbi-btn dbi-btn--small"
              onClick={() => actions.setRules({ scope: 'pillar-override', p }, undefined)}
            >
              {t('rules.dropOverride')}
            </button>
          )}
        </>
      ) : (
        <>
          <div className="dbi-node__muted">{t('rules.inherits')}</div>
          {!readOnly && (
            <button
              type="button"
              className="dbi-btn dbi-btn--small"
              onClick={() =>
                actions.setRules({ scope: 'pillar-override', p }, structuredClone(definition.rules.pillar))
              }
            >
              {t('rules.useOverride')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** Removing asks first, in place (a whole component may hold dozens of criteria); undo still brings it back. */
function RemoveButton({ what, onRemove }: { what: string; onRemove: () => void }) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="dbi-btn dbi-btn--danger" onClick={() => setAsking(true)}>
        {t('remove')}
      </button>
    );
  return (
    <div className="dbi-confirm" role="alertdialog" aria-label={t('remove.confirm', { what })}>
      <span>{t('remove.confirmBody', { what })}</span>
      <button
        type="button"
        className="dbi-btn dbi-btn--danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onRemove();
        }}
      >
        {t('remove.yes')}
      </button>
      <button type="button" className="dbi-btn" onClick={() => setAsking(false)}>
        {t('cancel')}
      </button>
    </div>
  );
}
