import { InputError } from '@backstage/errors';
import {
  isRolloutAction,
  RolloutAction,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { z } from 'zod/v3';

export interface ActionBody {
  action: RolloutAction;
  reason?: string;
  revision?: number;
  expected?: { resourceVersion?: string; stepIndex?: number };
}

const schema = z
  .object({
    action: z.string().max(32),
    reason: z.string().max(1000).optional(),
    revision: z.number().int().positive().max(1_000_000).optional(),
    expected: z
      .object({
        resourceVersion: z
          .string()
          .regex(/^[0-9A-Za-z._-]{1,64}$/)
          .optional(),
        stepIndex: z.number().int().min(0).max(1000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** Validates an untrusted action request body. */
export function parseActionBody(body: unknown): ActionBody {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid action request: ${issue.path.join('.') || 'body'}: ${
        issue.message
      }`,
    );
  }
  const { action, ...rest } = parsed.data;
  if (!isRolloutAction(action)) {
    throw new InputError(`Unknown action '${action.slice(0, 32)}'`);
  }
  if (rest.revision !== undefined && action !== 'rollback') {
    throw new InputError('revision is only valid for rollback');
  }
  return { action, ...rest };
}
