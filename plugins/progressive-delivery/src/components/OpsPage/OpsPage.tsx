import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import { auditReadPermission } from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { useOpsRollouts } from '../../hooks';
import { RolloutStatusChip } from '../RolloutStatusChip';
import { ClusterStatusBanner } from '../ClusterStatusBanner';
import { AuditTrail } from '../AuditTrail';
import { NoClusters } from '../ConfigurationHelp';
import { FilterBar, FilterSelect } from '../FilterBar';
import { TableCell } from '../TableCell';
import { OrgScorecards } from '../OrgScorecards';
import {
  filterOptions,
  filterRollouts,
  NO_FILTERS,
  OpsFilters,
} from './filterRollouts';

const FILTER_LABELS: Record<keyof OpsFilters, string> = {
  cluster: 'Cluster',
  namespace: 'Namespace',
  status: 'Status',
  owner: 'Owner',
};

function RolloutsView(props: { attention: boolean }) {
  const { value, error, live } = useOpsRollouts({ attention: props.attention });
  const [filters, setFilters] = useState<OpsFilters>(NO_FILTERS);
  if (!value) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  if (value.clusters.length === 0) return <NoClusters />;
  const rows = filterRollouts(value.rollouts, filters);
  return (
    <>
      <ClusterStatusBanner clusters={value.clusters} />
      <FilterBar>
        {(Object.keys(FILTER_LABELS) as Array<keyof OpsFilters>).map(field => (
          <FilterSelect
            key={field}
            id={`pd-filter-${field}`}
            label={FILTER_LABELS[field]}
            value={filters[field]}
            options={filterOptions(value.rollouts, field)}
            onChange={v => setFilters(f => ({ ...f, [field]: v }))}
          />
        ))}
        <Typography variant="caption" color="textSecondary">
          {rows.length} of {value.rollouts.length} rollouts ·{' '}
          {live ? 'live updates' : 'refreshing every 30 s'}
        </Typography>
      </FilterBar>
      {rows.length === 0 ? (
        <Typography variant="body1">
          {props.attention && value.rollouts.length === 0
            ? 'Nothing needs attention: no rollout is degraded, aborted or paused for an unexpected reason.'
            : 'No rollout matches these filters.'}
        </Typography>
      ) : (
        <Table
          size="small"
          aria-label={
            props.attention ? 'Rollouts needing attention' : 'All rollouts'
          }
        >
          <TableHead>
            <TableRow>
              <TableCell>Rollout</TableCell>
              <TableCell>Cluster</TableCell>
              <TableCell>Namespace</TableCell>
              <TableCell>Entity</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Step / weight</TableCell>
              <TableCell>{props.attention ? 'Why' : 'Message'}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map(r => (
              <TableRow key={`${r.cluster}/${r.namespace}/${r.name}`}>
                <TableCell>{r.name}</TableCell>
                <TableCell>{r.cluster}</TableCell>
                <TableCell>{r.namespace}</TableCell>
                <TableCell>
                  <EntityRefLink
                    entityRef={r.entityRef}
                    title={r.entityTitle}
                  />
                </TableCell>
                <TableCell>
                  {r.owner ? (
                    <EntityRefLink entityRef={r.owner} defaultKind="group" />
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell>
                  <RolloutStatusChip info={r.info} />
                </TableCell>
                <TableCell>
                  {r.info.strategy === 'Canary'
                    ? `${r.info.step || '—'} · ${r.info.actualWeight ?? 0}%`
                    : 'blue-green'}
                </TableCell>
                <TableCell>
                  {r.attention ? (
                    <>
                      <strong>{r.attention.reason}</strong>:{' '}
                      {r.attention.message}
                    </>
                  ) : (
                    r.info.message
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

type OpsTab = 'rollouts' | 'attention' | 'scorecards' | 'audit';

/** One tab, tied to its panel by id. */
function opsTab(value: OpsTab, label: string) {
  return (
    <Tab
      value={value}
      label={label}
      id={`pd-tab-${value}`}
      aria-controls={`pd-tabpanel-${value}`}
    />
  );
}

/**
 * The ops page body: every rollout the user may read across clusters, a "needs attention" view,
 * the organisation's scorecards, filters, and the global audit log for those allowed to read it.
 * @public
 */
export function OpsPageContent() {
  const [tab, setTab] = useState<OpsTab>('rollouts');
  const audit = usePermission({ permission: auditReadPermission });
  return (
    <Content>
      <Tabs
        value={tab}
        onChange={(_, v) => setTab(v)}
        indicatorColor="primary"
        aria-label="Progressive delivery views"
      >
        {opsTab('rollouts', 'All rollouts')}
        {opsTab('attention', 'Needs attention')}
        {opsTab('scorecards', 'Scorecards')}
        {audit.allowed && opsTab('audit', 'Audit log')}
      </Tabs>
      <Box
        mt={2}
        role="tabpanel"
        id={`pd-tabpanel-${tab}`}
        aria-labelledby={`pd-tab-${tab}`}
      >
        {tab === 'rollouts' && <RolloutsView attention={false} />}
        {tab === 'attention' && <RolloutsView attention />}
        {tab === 'scorecards' && <OrgScorecards />}
        {tab === 'audit' && audit.allowed && <AuditTrail pageSize={50} />}
      </Box>
    </Content>
  );
}

/** The ops page across clusters, with its own header (legacy frontend system). @public */
export function OpsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Progressive Delivery"
        subtitle="Argo Rollouts across all clusters"
      />
      <OpsPageContent />
    </Page>
  );
}
