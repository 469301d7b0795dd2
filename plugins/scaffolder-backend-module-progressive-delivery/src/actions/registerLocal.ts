import fs from 'node:fs/promises';
import path from 'node:path';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, ResponseError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import yaml from 'js-yaml';
import { parseYamlDocuments } from './files';
import { globMatches } from './globMatch';
import { configFileLocations, FileLocation } from './configLocations';
import {
  LOCAL_PUBLISH_ROOT_KEY,
  publishRootFromConfig,
  resolveInsideRoot,
} from './publishRoot';

/** Id of {@link registerLocalAction}. @public */
export const REGISTER_LOCAL_ACTION_ID =
  'progressive-delivery:catalog:register-local';

const POLL_MS = 500;

/** Parts of a catalog entity ref. */
interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

function entityNames(documents: unknown[], file: string): EntityName[] {
  const names = documents.flatMap(doc => {
    const d = doc as {
      kind?: unknown;
      metadata?: { name?: unknown; namespace?: unknown };
    };
    if (typeof d?.kind !== 'string' || typeof d.metadata?.name !== 'string') {
      return [];
    }
    return [
      {
        kind: d.kind.toLocaleLowerCase('en-US'),
        namespace:
          typeof d.metadata.namespace === 'string'
            ? d.metadata.namespace
            : 'default',
        name: d.metadata.name,
      },
    ];
  });
  if (!names.length) {
    throw new InputError(`${file} holds no catalog entity (kind and name)`);
  }
  return names;
}

const refOf = (e: EntityName) => `${e.kind}:${e.namespace}/${e.name}`;

/** Location entities of type `file` the catalog serves, from `catalog.locations` or registered. */
async function servedFileLocations(
  catalog: CatalogService,
  credentials: BackstageCredentials,
): Promise<FileLocation[]> {
  const { items } = await catalog.getEntities(
    {
      filter: { kind: 'location', 'spec.type': 'file' },
      fields: ['kind', 'metadata.namespace', 'metadata.name', 'spec.target'],
    },
    { credentials },
  );
  return items.flatMap(item =>
    typeof item.spec?.target === 'string'
      ? [
          {
            entityRef: `location:${item.metadata.namespace ?? 'default'}/${
              item.metadata.name
            }`,
            target: item.spec.target,
          },
        ]
      : [],
  );
}

/**
 * `progressive-delivery:catalog:register-local`: makes the catalog read a catalog-info.yaml that
 * `progressive-delivery:publish:local` wrote, now rather than on its next processing round. When a
 * `file` location (from `catalog.locations` or registered) already covers the file (the demo's
 * `<root>/*\/catalog-info.yaml` glob), that location is refreshed; otherwise the file is registered as a location (which the catalog only
 * accepts when `file` locations are allowed). Only files inside `localPublishRoot` are accepted.
 * @public
 */
export function registerLocalAction(options: {
  config: Config;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: REGISTER_LOCAL_ACTION_ID,
    description:
      'Demo: makes the catalog pick up a catalog-info.yaml published by progressive-delivery:publish:local at once (refreshes the file location that covers it, or registers one). Only paths inside progressiveDelivery.scaffolder.localPublishRoot.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Add the published service to the catalog',
        example: yaml.dump({
          steps: [
            {
              id: 'register',
              action: REGISTER_LOCAL_ACTION_ID,
              input: {
                catalogInfoPath: '${{ steps.publish.output.catalogInfoPath }}',
              },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        catalogInfoPath: z =>
          z
            .string()
            .min(1)
            .describe(
              'catalog-info.yaml to add: absolute, or relative to the publish root; must be inside it.',
            ),
        waitSeconds: z =>
          z
            .number()
            .int()
            .min(0)
            .max(300)
            .default(60)
            .describe(
              'Wait up to this long for the entities to be served by the catalog (0: do not wait).',
            ),
      },
      output: {
        entityRef: z =>
          z.string().describe('First entity of the file, e.g. component:…'),
        entityRefs: z =>
          z.array(z.string()).describe('All entities of the file.'),
        location: z =>
          z
            .string()
            .describe('The file location that was refreshed or registered.'),
        mode: z =>
          z
            .enum(['refreshed', 'registered'])
            .describe(
              'refreshed: an existing location covers the file; registered: a new one was added.',
            ),
        ready: z =>
          z
            .boolean()
            .describe('Whether the catalog served every entity in time.'),
      },
    },
    async handler(ctx) {
      const requested = ctx.input.catalogInfoPath;
      if (ctx.isDryRun) {
        ctx.logger.info(`Dry run: would add ${requested} to the catalog`);
        return;
      }
      const root = publishRootFromConfig(options.config);
      const file = await resolveInsideRoot(root, requested);
      if (!/\.ya?ml$/.test(file) || !(await fs.stat(file)).isFile()) {
        throw new InputError(`${requested} is not a YAML file`);
      }
      const entities = entityNames(
        parseYamlDocuments(await fs.readFile(file, 'utf8'), file),
        file,
      );
      const refs = entities.map(refOf);
      ctx.output('entityRef', refs[0]);
      ctx.output('entityRefs', refs);

      // on behalf of the user who runs the template, so the catalog's permissions apply
      const { catalog } = options;
      const credentials = await ctx.getInitiatorCredentials();
      // config locations first: they exist even before their first successful processing
      const known = new Map<string, FileLocation>();
      for (const l of [
        ...configFileLocations(options.config),
        ...(await servedFileLocations(catalog, credentials)),
      ]) {
        if (!known.has(l.entityRef)) known.set(l.entityRef, l);
      }
      const covering = [...known.values()].filter(l =>
        globMatches(path.normalize(l.target), file),
      );
      if (covering.length) {
        for (const location of covering)
          await catalog.refreshEntity(location.entityRef, { credentials });
        ctx.output('location', `file:${covering[0].target}`);
        ctx.output('mode', 'refreshed');
        ctx.logger.info(
          `Refreshed ${covering
            .map(l => `${l.entityRef} (${l.target})`)
            .join(', ')}`,
        );
      } else {
        await catalog
          .addLocation({ type: 'file', target: file }, { credentials })
          .catch(e => {
            const status =
              e instanceof ResponseError ? e.statusCode : undefined;
            // registered before: the location exists, the wait below still applies
            if (status === 409) return;
            if (status !== 400) throw e;
            throw new InputError(
              `No catalog location covers ${file}, and the catalog refused to register it (${
                (e as ResponseError).body.error.message
              }). Add a file location such as ${path.join(
                root,
                '*',
                'catalog-info.yaml',
              )} to catalog.locations, next to ${LOCAL_PUBLISH_ROOT_KEY}.`,
            );
          });
        ctx.output('location', `file:${file}`);
        ctx.output('mode', 'registered');
        ctx.logger.info(`Registered ${file} as a catalog location`);
      }

      const deadline = Date.now() + (ctx.input.waitSeconds ?? 60) * 1000;
      let missing = entities;
      for (;;) {
        const present = await Promise.all(
          missing.map(
            async e =>
              (await catalog.getEntityByRef(e, { credentials })) !== undefined,
          ),
        );
        missing = missing.filter((_, i) => !present[i]);
        if (!missing.length || Date.now() >= deadline) break;
        await new Promise(resolve => setTimeout(resolve, POLL_MS));
      }
      ctx.output('ready', missing.length === 0);
      if (missing.length) {
        // published and registered: the entity arrives with the catalog's next round
        ctx.logger.warn(
          `The catalog does not serve ${missing
            .map(refOf)
            .join(
              ', ',
            )} yet; it will appear after the catalog's next processing round`,
        );
      } else {
        ctx.logger.info(`In the catalog: ${refs.join(', ')}`);
      }
    },
  });
}
