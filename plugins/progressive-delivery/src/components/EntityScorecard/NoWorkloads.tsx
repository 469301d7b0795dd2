import Typography from '@material-ui/core/Typography';
import { Entity } from '@backstage/catalog-model';
import { NoRollouts } from '../ConfigurationHelp';

/** Every check is n/a: nothing in any cluster carries the entity's selector. */
export function NoWorkloads(props: { entity: Entity }) {
  return (
    <>
      <Typography variant="body1" role="status">
        Nothing to score yet: no Deployment or Rollout of this entity was found
        in any cluster.
      </Typography>
      <NoRollouts entity={props.entity} />
    </>
  );
}
