import Alert from '@material-ui/lab/Alert';
import { ClusterSyncStatus } from '@pdelivery/backstage-plugin-progressive-delivery-common';

function since(iso?: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : ` Last synced ${date.toLocaleString()}.`;
}

/**
 * One line per cluster that is down or still syncing; the data of the other clusters stays on the
 * page. Renders nothing when every cluster is healthy.
 * @public
 */
export function ClusterStatusBanner(props: { clusters: ClusterSyncStatus[] }) {
  const unhealthy = props.clusters.filter(c => c.status !== 'ok');
  if (unhealthy.length === 0) return null;
  return (
    <div aria-label="Cluster status" role="status">
      {unhealthy.map(c => (
        <Alert
          key={c.name}
          severity={c.status === 'error' ? 'error' : 'info'}
          style={{ marginBottom: 8 }}
        >
          {c.status === 'error'
            ? `Cluster ${c.title ?? c.name} is unreachable${
                c.error ? `: ${c.error}` : ''
              }. Its rollouts may be missing or out of date.`
            : `Cluster ${
                c.title ?? c.name
              } is syncing: its rollouts will appear in a moment.`}
          {since(c.lastSyncAt)}
        </Alert>
      ))}
    </div>
  );
}
