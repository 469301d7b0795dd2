import { useEffect } from 'react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import MuiTableCell, { TableCellProps } from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';

/** Table cells keep words whole (the theme would otherwise break them anywhere). */
function TableCell(props: TableCellProps) {
  return (
    <MuiTableCell
      {...props}
      style={{ wordBreak: 'normal', overflowWrap: 'normal', ...props.style }}
    />
  );
}
import Typography from '@material-ui/core/Typography';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  AuditEntryView,
  AuditOutcomeValue,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { useAuditLog } from '../../hooks';

function outcomeColor(
  outcome: AuditOutcomeValue,
): 'primary' | 'secondary' | 'default' {
  if (outcome === 'succeeded') return 'primary';
  if (outcome === 'initiated') return 'default';
  return 'secondary';
}

function state(s: AuditEntryView['stateBefore']): string {
  if (!s) return '—';
  return `${s.status}${s.step !== null ? ` step ${s.step}` : ''}${
    s.revision !== null ? ` rev ${s.revision}` : ''
  }`;
}

/**
 * Audit entries, newest first: who did what to which rollout, why, the state before and after
 * and the outcome. Without an entity: the global log (needs `progressive-delivery.audit.read`).
 * @public
 */
export function AuditTrail(props: {
  entity?: CompoundEntityRef;
  pageSize?: number;
  /** Change it to refetch at once (e.g. after an action), without waiting for a signal. */
  refreshKey?: number;
}) {
  const { items, loading, error, hasMore, loadMore, refresh } = useAuditLog(
    props.entity,
    props.pageSize,
  );
  const { refreshKey } = props;
  useEffect(() => {
    if (refreshKey) refresh();
  }, [refreshKey, refresh]);
  if (error && items.length === 0) {
    return <ResponseErrorPanel error={error} />;
  }
  if (loading && items.length === 0) {
    return <Progress />;
  }
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No actions recorded yet. Every promote, abort, retry, restart, pause,
        resume and rollback made here is recorded, allowed or not.
      </Typography>
    );
  }
  return (
    <>
      <Table size="small" aria-label="Audit trail">
        <TableHead>
          <TableRow>
            <TableCell>When</TableCell>
            <TableCell>Who</TableCell>
            {!props.entity && <TableCell>Entity</TableCell>}
            <TableCell>Rollout</TableCell>
            <TableCell>Action</TableCell>
            <TableCell>Outcome</TableCell>
            <TableCell>Reason</TableCell>
            <TableCell>Before → after</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => (
            <TableRow key={item.id}>
              <TableCell>{new Date(item.createdAt).toLocaleString()}</TableCell>
              <TableCell>
                <EntityRefLink entityRef={item.actorRef} defaultKind="user" />
              </TableCell>
              {!props.entity && (
                <TableCell>
                  <EntityRefLink entityRef={item.entityRef} />
                </TableCell>
              )}
              <TableCell>
                {item.cluster}/{item.namespace}/{item.rollout}
              </TableCell>
              <TableCell>{item.action}</TableCell>
              <TableCell>
                <Chip
                  size="small"
                  label={item.outcome}
                  color={outcomeColor(item.outcome)}
                />
                {item.error && (
                  <Typography variant="caption" component="div">
                    {item.error}
                  </Typography>
                )}
              </TableCell>
              <TableCell>{item.reason ?? ''}</TableCell>
              <TableCell>
                {state(item.stateBefore)} → {state(item.stateAfter)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {hasMore && (
        <Button
          onClick={loadMore}
          disabled={loading}
          aria-label="Load older audit entries"
        >
          Load older entries
        </Button>
      )}
    </>
  );
}
