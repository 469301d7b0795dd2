import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Config } from '@backstage/config';

/** A catalog Location entity that reads a file (or a glob of files) on the backend host. */
export interface FileLocation {
  /** Ref of the Location entity, e.g. `location:default/generated-…`. */
  entityRef: string;
  /** Absolute path or glob (`spec.target`). */
  target: string;
}

/**
 * The `file` entries of `catalog.locations` as Location entities, named as the catalog names
 * them (`generated-` + sha1 of `file:<absolute target>`). The entities API only serves a Location
 * after it was processed without errors, and a glob that matched nothing yet (the first service
 * of a fresh demo) never was, so its ref has to come from the config to be refreshed.
 * Relative targets resolve from the working directory, as the catalog in the same backend does.
 */
export function configFileLocations(config: Config): FileLocation[] {
  return (config.getOptionalConfigArray('catalog.locations') ?? []).flatMap(
    location => {
      if (location.getOptionalString('type') !== 'file') return [];
      const target = path.resolve(location.getString('target'));
      const hash = createHash('sha1').update(`file:${target}`).digest('hex');
      return [{ entityRef: `location:default/generated-${hash}`, target }];
    },
  );
}
