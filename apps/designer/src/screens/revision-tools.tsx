// Beside Publish on a draft that derives from another version: "Impact" (every stored assessment of the base
// re-scored under this draft, through the registry API) and "Crosswalk" (@dbi/designer-ui's panel, editing the
// draft's crosswalk in the store). Unsaved edits are saved first, so the impact is that of what is on the screen.
import { useState } from 'react';
import type { ImpactReportBody, ScorecardDefinition, VersionRecord } from '@dbi/schema';
import { parseIndexRef } from '@dbi/schema';
import { CrosswalkPanel, ImpactReportView, useDesignerState, useLang } from '@dbi/designer-ui';
import { useSession } from '../session.tsx';
import { Modal } from '../shell/dialog.tsx';

const WORDS = {
  vi: {
    impact: 'Tác động',
    impactTitle: 'Tác động lên các bản đánh giá đã lưu',
    crosswalk: 'Bảng chuyển đổi',
    close: 'Đóng',
  },
  en: { impact: 'Impact', impactTitle: 'Impact on the stored assessments', crosswalk: 'Crosswalk', close: 'Close' },
} as const;

export function RevisionTools(props: {
  record: VersionRecord;
  busy: boolean;
  signedIn: boolean;
  /** Runs work with the screen's busy state and error display. */
  run(work: () => Promise<void>): Promise<void>;
  /** Saves unsaved edits first (no-op when there are none). */
  saveIfDirty(): Promise<void>;
}) {
  const { api } = useSession();
  const w = WORDS[useLang()];
  const kind = useDesignerState((s) => s.definition.kind);
  const [open, setOpen] = useState<'impact' | 'crosswalk' | null>(null);
  const [report, setReport] = useState<ImpactReportBody | null>(null);
  const [base, setBase] = useState<ScorecardDefinition | null>(null);
  const { record } = props;
  if (!record.derivedFrom || kind !== 'scorecard') return null;
  const from = parseIndexRef(record.derivedFrom)!;
  return (
    <>
      <button
        type="button"
        data-testid="impact"
        disabled={!props.signedIn || props.busy}
        onClick={() =>
          void props.run(async () => {
            await props.saveIfDirty();
            setReport(await api.impact(record.id, record.version));
            setOpen('impact');
          })
        }
      >
        {w.impact}
      </button>
      <button
        type="button"
        data-testid="crosswalk"
        disabled={props.busy}
        onClick={() =>
          void props.run(async () => {
            if (!base) setBase((await api.getVersion(from.id, from.version)).definition as ScorecardDefinition);
            setOpen('crosswalk');
          })
        }
      >
        {w.crosswalk}
      </button>
      {open === 'impact' && report && (
        <Modal title={w.impactTitle} testId="impact-dialog" onClose={() => setOpen(null)}>
          <div className="modal-body modal-body--wide">
            <ImpactReportView report={report} />
          </div>
        </Modal>
      )}
      {open === 'crosswalk' && (
        <Modal title={w.crosswalk} testId="crosswalk-dialog" onClose={() => setOpen(null)}>
          <div className="modal-body modal-body--wide">
            <CrosswalkPanel base={base} />
          </div>
          <div className="modal-actions">
            <button type="button" data-testid="crosswalk-close" onClick={() => setOpen(null)}>
              {w.close}
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}
