import fs from 'node:fs/promises';
import path from 'node:path';
import { isChildPath } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';

/** Config key of the folder the demo publishes into. @public */
export const LOCAL_PUBLISH_ROOT_KEY =
  'progressiveDelivery.scaffolder.localPublishRoot';

/** Lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit. */
const REPO_NAME = /^[a-z0-9][-a-z0-9_.]*$/;
const REPO_NAME_MAX = 100;

/** The configured publish root as an absolute path; refused when unset (demo only). */
export function publishRootFromConfig(config: Config): string {
  const root = config.getOptionalString(LOCAL_PUBLISH_ROOT_KEY);
  if (!root) {
    throw new NotAllowedError(
      `Local publishing is disabled: set ${LOCAL_PUBLISH_ROOT_KEY} in app-config to use it`,
    );
  }
  return path.resolve(root);
}

/**
 * Checks a folder name for the publish root. The input schema has the same rule, but handlers
 * can be called without it (other modules, tests), and the name ends up in a path.
 */
export function assertRepoName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length > REPO_NAME_MAX ||
    !REPO_NAME.test(name)
  ) {
    throw new InputError(
      `repoName ${JSON.stringify(
        name,
      )} is not allowed: use lowercase letters, digits, '-', '_' and '.', start with a letter or digit, at most ${REPO_NAME_MAX} characters`,
    );
  }
  return name;
}

/**
 * Resolves `candidate` (absolute, or relative to the root) to an existing path strictly inside
 * `root`; `isChildPath` compares real paths, so a symbolic link cannot lead outside either.
 */
export async function resolveInsideRoot(
  root: string,
  candidate: string,
): Promise<string> {
  const resolved = path.resolve(root, candidate);
  const exists = await fs.stat(resolved).then(
    () => true,
    () => false,
  );
  if (resolved === root || !isChildPath(root, resolved)) {
    throw new NotAllowedError(
      `${candidate} is outside the local publish root ${root}`,
    );
  }
  if (!exists) throw new InputError(`${resolved} does not exist`);
  return resolved;
}
