import type { ConnectionReport } from '../../../../shared/model';
import { Badge, ErrorView, Loading } from '../../ui';
import type { useConnectionTest } from './api/credentials-mutations';

export function ConnectionReportView({ report }: { report: ConnectionReport }) {
  return (
    <div
      className={`notice ${report.ok ? 'notice-ok' : 'notice-warn'}`}
      role="status"
      data-testid="connection-report"
      data-ok={report.ok}
    >
      <div>
        <Badge tone={report.ok ? 'ok' : 'danger'}>{report.ok ? 'reachable' : 'failed'}</Badge>{' '}
        <span className="mono">{report.registry}</span>
        {report.endpoint !== undefined && <span className="muted mono"> via {report.endpoint}</span>}
        {report.authScheme !== undefined && <span className="muted"> · auth: {report.authScheme}</span>}
      </div>
      <div data-testid="connection-report-message">{report.message}</div>
    </div>
  );
}

export function ConnectionTestResult({
  test,
  registry,
}: {
  test: ReturnType<typeof useConnectionTest>;
  registry: string;
}) {
  if (test.variables !== registry) return null;
  if (test.isPending) return <Loading label={`Testing ${registry}…`} />;
  if (test.isError) return <ErrorView error={test.error} title={`Could not test ${registry}`} testId="connection-error" />;
  if (test.isSuccess) return <ConnectionReportView report={test.data} />;
  return null;
}
