import { useMemo, useState } from 'react';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  compareScorecards,
  groupScorecards,
  SCORECARD_LEVELS,
  ScorecardGrouping,
  scorecardGroupsCsv,
  scorecardsCsv,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { useOrgScorecards } from '../../hooks';
import { ClusterStatusBanner } from '../ClusterStatusBanner';
import { RefreshError } from '../RefreshError';
import { NoClusters } from '../ConfigurationHelp';
import { FilterBar, FilterSelect } from '../FilterBar';
import {
  DEFAULT_SCORECARD_DAYS,
  ScorecardWindowSelector,
} from '../ScorecardWindowSelector';
import { downloadCsv } from './downloadCsv';
import { EntityScorecardTable } from './EntityScorecardTable';
import {
  filterScorecards,
  NO_SCORECARD_FILTERS,
  scorecardFilterOptions,
  ScorecardFilters,
} from './filterScorecards';
import { normalizeSummaries } from './refs';
import { ScorecardGroupTable } from './ScorecardGroupTable';

type Grouping = 'entity' | ScorecardGrouping;

const SELECT_FILTERS: Array<{
  field: 'level' | 'owner' | 'system';
  label: string;
}> = [
  { field: 'level', label: 'Level' },
  { field: 'owner', label: 'Owner' },
  { field: 'system', label: 'System' },
];

function NoEntities() {
  return (
    <EmptyState
      missing="data"
      title="No entity to score"
      description={
        <Typography variant="body1" component="span">
          No catalog entity you may read carries the{' '}
          <code>backstage.io/kubernetes-id</code> or{' '}
          <code>backstage.io/kubernetes-label-selector</code> annotation. Add
          one to a component's <code>catalog-info.yaml</code> to score its
          rollouts here.
        </Typography>
      }
    />
  );
}

/**
 * The organisation view of the ops page: every readable entity's scorecard, filterable, ranked
 * by entity, team or system, with trends and key outcomes, and a CSV download of what is shown.
 * @public
 */
export function OrgScorecards() {
  const [days, setDays] = useState(DEFAULT_SCORECARD_DAYS);
  const [grouping, setGrouping] = useState<Grouping>('entity');
  const [filters, setFilters] =
    useState<ScorecardFilters>(NO_SCORECARD_FILTERS);
  const { value, error, loading } = useOrgScorecards(days);
  const all = useMemo(
    () => (value ? normalizeSummaries(value.entities) : []),
    [value],
  );
  const entities = useMemo(
    () => filterScorecards(all, filters),
    [all, filters],
  );
  const groups = useMemo(
    () => (grouping === 'entity' ? [] : groupScorecards(entities, grouping)),
    [entities, grouping],
  );

  if (!value) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  if (value.clusters.length === 0) return <NoClusters />;
  if (value.entities.length === 0) return <NoEntities />;

  const options = (field: 'level' | 'owner' | 'system'): string[] =>
    field === 'level'
      ? [...SCORECARD_LEVELS].reverse()
      : scorecardFilterOptions(all, field);

  const onDownload = () => {
    const day = new Date().toISOString().slice(0, 10);
    if (grouping === 'entity') {
      downloadCsv(
        `scorecards-${value.windowDays}d-${day}.csv`,
        scorecardsCsv([...entities].sort(compareScorecards)),
      );
    } else {
      downloadCsv(
        `scorecards-by-${grouping}-${value.windowDays}d-${day}.csv`,
        scorecardGroupsCsv(groups, grouping),
      );
    }
  };

  return (
    <>
      <ClusterStatusBanner clusters={value.clusters} />
      <RefreshError error={error} what="the scorecards" />
      <FilterBar>
        {SELECT_FILTERS.map(({ field, label }) => (
          <FilterSelect
            key={field}
            id={`pd-scorecard-filter-${field}`}
            label={label}
            value={filters[field]}
            options={options(field)}
            onChange={v => setFilters(f => ({ ...f, [field]: v }))}
          />
        ))}
        <TextField
          label="Search"
          value={filters.text}
          onChange={e => setFilters(f => ({ ...f, text: e.target.value }))}
          inputProps={{ 'aria-label': 'Search entities' }}
        />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={grouping}
          onChange={(_, v: Grouping | null) => v && setGrouping(v)}
          aria-label="Group by"
        >
          <ToggleButton value="entity">Entities</ToggleButton>
          <ToggleButton value="owner">By team</ToggleButton>
          <ToggleButton value="system">By system</ToggleButton>
        </ToggleButtonGroup>
        <ScorecardWindowSelector days={days} onChange={setDays} />
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={onDownload}
          disabled={entities.length === 0}
        >
          Download CSV
        </Button>
      </FilterBar>
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        aria-live="polite"
      >
        {entities.length} of {value.entities.length} entities · last{' '}
        {value.windowDays} days · refreshed every 5 minutes
        {loading ? ' · loading…' : ''}
      </Typography>
      {entities.length === 0 && (
        <Typography variant="body1">
          No entity matches these filters.
        </Typography>
      )}
      {entities.length > 0 && grouping === 'entity' && (
        <EntityScorecardTable entities={entities} days={value.windowDays} />
      )}
      {entities.length > 0 && grouping !== 'entity' && (
        <ScorecardGroupTable
          groups={groups}
          by={grouping}
          days={value.windowDays}
        />
      )}
    </>
  );
}
