import type { PushStep } from '../../../../shared/model';
import { Badge, DataGrid, Digest, formatBytes, type Column } from '../../ui';
import type { ProgressMap, StepState } from './push-machine';

interface StepRow extends PushStep {
  index: number;
  state: StepState | undefined;
  bytesDone: number | undefined;
}

const ACTION_TEXT: Record<PushStep['action'], string> = {
  exists: 'already there',
  mount: 'mount',
  copy: 'copy',
  put: 'put',
};

const STATE_TONE: Record<StepState, 'neutral' | 'info' | 'ok'> = {
  pending: 'neutral',
  started: 'info',
  done: 'ok',
  skipped: 'neutral',
};

const columns: Column<StepRow>[] = [
  { key: 'n', header: '#', width: '40px', className: 'num', render: (s) => s.index + 1 },
  { key: 'kind', header: 'Kind', width: '74px', render: (s) => s.kind },
  { key: 'digest', header: 'Digest', width: 'minmax(190px, 1.2fr)', render: (s) => <Digest value={s.digest} /> },
  {
    key: 'size',
    header: 'Size',
    width: '90px',
    className: 'num',
    render: (s) =>
      s.bytesDone !== undefined && s.state === 'started'
        ? `${formatBytes(s.bytesDone)} / ${formatBytes(s.size)}`
        : formatBytes(s.size),
  },
  {
    key: 'action',
    header: 'Action',
    width: '100px',
    render: (s) => <span className={`action action-${s.action}`}>{ACTION_TEXT[s.action]}</span>,
  },
  {
    key: 'from',
    header: 'From',
    width: 'minmax(100px, 1fr)',
    render: (s) => (s.from ? <span className="mono" title={s.from}>{s.from}</span> : <span className="muted">—</span>),
  },
  {
    key: 'state',
    header: 'Status',
    width: '84px',
    render: (s) =>
      s.state === undefined ? (
        <span className="muted">—</span>
      ) : (
        <Badge tone={STATE_TONE[s.state]} testId={`step-state-${s.index}`}>
          {s.state}
        </Badge>
      ),
  },
];

/** The plan as a table; once a push runs, each row also shows its reported state. */
export function PushSteps({ steps, progress }: { steps: PushStep[]; progress: ProgressMap | undefined }) {
  const rows: StepRow[] = steps.map((s, index) => ({
    ...s,
    index,
    state: progress === undefined ? undefined : (progress.steps[index] ?? 'pending'),
    bytesDone: progress?.bytes[index],
  }));
  const count = (a: PushStep['action']) => steps.filter((s) => s.action === a).length;
  const bytes = steps.filter((s) => s.action === 'copy' || s.action === 'put').reduce((n, s) => n + s.size, 0);
  return (
    <div className="push-steps">
      <div className="muted" data-testid="plan-summary">
        {count('exists')} already there · {count('mount')} mounted · {count('copy')} copied · {count('put')} put ·{' '}
        {formatBytes(bytes)} to send
      </div>
      <DataGrid
        label="Push plan"
        testId="push-plan"
        rows={rows}
        columns={columns}
        getRowId={(r) => String(r.index)}
        selectedId={null}
        onSelect={() => undefined}
        rowTestId={(r) => `plan-step-${r.index}`}
      />
    </div>
  );
}
