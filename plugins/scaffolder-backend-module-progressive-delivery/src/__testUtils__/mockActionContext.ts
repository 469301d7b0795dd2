import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Stand-in for `createMockActionContext` of `@backstage/plugin-scaffolder-node-test-utils`, which
 * is not in this repository's lockfile yet: same shape (input, workspacePath, logger, output,
 * checkpoint, createTemporaryDirectory, getInitiatorCredentials, task, isDryRun), with the outputs
 * collected in `outputs`.
 */
export function createMockActionContext<TInput extends JsonObject>(options: {
  input: TInput;
  workspacePath: string;
  isDryRun?: boolean;
}) {
  const outputs: Record<string, any> = {};
  const logger = mockServices.logger.mock();
  const ctx = {
    input: options.input,
    workspacePath: options.workspacePath,
    logger,
    isDryRun: options.isDryRun ?? false,
    output: jest.fn((name: string, value: unknown) => {
      outputs[name] = value;
    }),
    checkpoint: jest.fn(async ({ fn }: { fn: () => any }) => fn()),
    createTemporaryDirectory: jest.fn(async () =>
      fs.mkdtemp(path.join(os.tmpdir(), 'pd-action-')),
    ),
    getInitiatorCredentials: jest.fn(async () =>
      mockCredentials.user('user:default/guest'),
    ),
    task: { id: 'task-1' },
    templateInfo: { entityRef: 'template:default/test' },
  };
  return {
    ctx: ctx as unknown as ActionContext<any, any>,
    outputs,
    logger,
  };
}
