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
import {
  RolloutInfo,
  RolloutPodInfo,
  RolloutReplicaSetInfo,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

function Tags(props: { tags: string[] }) {
  return (
    <>
      {props.tags.map(tag => (
        <Chip key={tag} size="small" label={tag} style={{ marginRight: 4 }} />
      ))}
    </>
  );
}

function PodList(props: { pods: RolloutPodInfo[] }) {
  if (props.pods.length === 0) {
    return (
      <Typography variant="caption" color="textSecondary">
        no pods
      </Typography>
    );
  }
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }} aria-label="Pods">
      {props.pods.map(pod => (
        <li key={pod.name}>
          <Typography variant="caption">
            {pod.name} — {pod.status}, ready {pod.ready}
            {pod.restarts > 0 ? `, ${pod.restarts} restarts` : ''}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

function ReplicaSetRow(props: {
  revision: number;
  rs: RolloutReplicaSetInfo;
  pods: RolloutPodInfo[];
  label?: string;
}) {
  const { rs } = props;
  return (
    <TableRow>
      <TableCell>{props.revision}</TableCell>
      <TableCell>
        <Typography variant="body2">
          {props.label ? `${props.label}: ` : ''}
          {rs.name}
        </Typography>
        <Tags tags={rs.tags} />
      </TableCell>
      <TableCell>
        {rs.images.map(image => (
          <Typography variant="body2" key={image}>
            <code>{image}</code>
          </Typography>
        ))}
      </TableCell>
      <TableCell>
        {rs.status}
        {rs.scaleDownDelay ? ` (scale-down delay ${rs.scaleDownDelay})` : ''}
      </TableCell>
      <TableCell>
        {rs.available}/{rs.replicas}
      </TableCell>
      <TableCell>
        <PodList pods={props.pods} />
      </TableCell>
    </TableRow>
  );
}

/**
 * Revisions with their images, ReplicaSets (and experiment ReplicaSets) and pods, newest first.
 * `pods` (from the detail route) replaces the pods in `info` when given.
 * @public
 */
export function RevisionsTable(props: {
  info: RolloutInfo;
  pods?: RolloutPodInfo[];
}) {
  const { info, pods } = props;
  const podsOf = (rs: RolloutReplicaSetInfo) => {
    if (!pods) return rs.pods;
    const hash = rs.podTemplateHash;
    const own = pods.filter(p =>
      hash ? p.name.includes(`-${hash}-`) : p.name.startsWith(`${rs.name}-`),
    );
    return own.length > 0 ? own : rs.pods;
  };
  return (
    <Table size="small" aria-label={`Revisions of ${info.name}`}>
      <TableHead>
        <TableRow>
          <TableCell>Revision</TableCell>
          <TableCell>ReplicaSet</TableCell>
          <TableCell>Images</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Available</TableCell>
          <TableCell>Pods</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {info.revisions.flatMap(revision => [
          ...revision.replicaSets.map(rs => (
            <ReplicaSetRow
              key={rs.name}
              revision={revision.revision}
              rs={rs}
              pods={podsOf(rs)}
            />
          )),
          ...revision.experiments.flatMap(experiment =>
            experiment.replicaSets.map(rs => (
              <ReplicaSetRow
                key={rs.name}
                revision={revision.revision}
                rs={rs}
                pods={podsOf(rs)}
                label={`experiment ${experiment.name} (${experiment.status})`}
              />
            )),
          ),
        ])}
      </TableBody>
    </Table>
  );
}
