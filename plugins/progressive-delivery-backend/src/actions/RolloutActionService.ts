import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  availableActions,
  isIdempotentAction,
  ReplicaSet,
  Rollout,
  RolloutInfo,
  rolloutActionPermissions,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import type { Request } from 'express';
import {
  AuditRefusalOutcome,
  AuditStateSnapshot,
  AuditStore,
  NewAuditEntry,
} from '../audit';
import { EntityAccess } from '../entities/EntityAccess';
import { parseEntityParams } from '../entities/parseEntityParams';
import { parseRolloutParams } from '../entities/parseRolloutParams';
import { ClusterClient } from '../kubernetes/ClusterClient';
import { ClusterWatcher } from '../watch/ClusterWatcher';
import { KubernetesApiError } from '../kubernetes/KubernetesApiError';
import { RESOURCE_TYPES, resourcePath } from '../kubernetes/resources';
import { describeFromCache } from '../service/describeFromCache';
import { RolloutService } from '../service/RolloutService';
import { ActionExecutor } from './ActionExecutor';
import { KeyedMutex } from './KeyedMutex';
import { parseActionBody } from './parseActionBody';
import { ActionNotApplicableError, planAction } from './planAction';

export interface ActionRequest {
  params: Record<string, string | undefined>;
  body: unknown;
  /** The body could not be read (too large, not JSON); audited as invalid. */
  bodyError?: Error;
  credentials: BackstageCredentials;
  request: Request;
}

export interface ActionResponse {
  auditId: string;
  action: string;
  description: string;
  info: RolloutInfo;
}

const FETCH_TIMEOUT_MS = 10_000;

/** An error that already has its audit row. */
class Refusal extends Error {
  constructor(readonly outcome: AuditRefusalOutcome, readonly error: Error) {
    super(error.message);
  }
}

function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef)
    return principal.userEntityRef;
  if (principal.type === 'service' && principal.subject)
    return principal.subject;
  return principal.type;
}

function snapshot(info: RolloutInfo): AuditStateSnapshot {
  return {
    status: info.status,
    step: info.currentStepIndex ?? null,
    revision: info.revision || null,
  };
}

/**
 * Performs a rollout action for a user on behalf of an entity: validate, authorize against
 * the entity, check the rollout belongs to it, check it did not move on, write the audit row
 * (fail closed), patch, complete the row. Every attempt leaves exactly one audit row.
 */
export class RolloutActionService {
  private readonly mutex = new KeyedMutex();

  constructor(
    private readonly deps: {
      entities: EntityAccess;
      rollouts: RolloutService;
      audit: AuditStore;
      auditor: AuditorService;
      logger: LoggerService;
      executor?: ActionExecutor;
    },
  ) {}

  async perform(req: ActionRequest): Promise<ActionResponse> {
    const { params } = req;
    const base = {
      actorRef: actorOf(req.credentials),
      entityRef: `${params.kind ?? ''}:${params.namespace ?? ''}/${
        params.name ?? ''
      }`,
      cluster: params.cluster ?? '',
      namespace: params.rolloutNamespace ?? '',
      rollout: params.rollout ?? '',
      action: String(
        (req.body as { action?: unknown } | undefined)?.action ?? '',
      ).slice(0, 64),
    };
    const event = await this.deps.auditor.createEvent({
      eventId: 'rollout-mutate',
      severityLevel: 'high',
      request: req.request,
      meta: {
        actionType: base.action,
        entityRef: base.entityRef,
        cluster: base.cluster,
        namespace: base.namespace,
        rollout: base.rollout,
      },
    });
    try {
      const result = await this.attempt(req, base);
      await event.success({ meta: { auditId: result.auditId } });
      return result;
    } catch (error) {
      const cause = error instanceof Refusal ? error.error : (error as Error);
      await event.fail({ error: cause });
      throw cause;
    }
  }

  private async refuse(
    base: NewAuditEntry,
    outcome: AuditRefusalOutcome,
    error: Error,
  ): Promise<never> {
    try {
      await this.deps.audit.record({ ...base, outcome, error: error.message });
    } catch (dbError) {
      this.deps.logger.error(
        `Could not write the audit row of a refused action: ${
          (dbError as Error).message
        }`,
      );
    }
    throw new Refusal(outcome, error);
  }

  private async attempt(
    req: ActionRequest,
    initial: NewAuditEntry,
  ): Promise<ActionResponse> {
    let base = initial;
    // 1. input
    let body;
    let entityRef: string;
    try {
      if (req.bodyError) throw req.bodyError;
      body = parseActionBody(req.body);
      entityRef = parseEntityParams(req.params);
      parseRolloutParams(req.params);
    } catch (error) {
      return this.refuse(base, 'invalid', error as Error);
    }
    base = {
      ...base,
      entityRef,
      reason: body.reason,
      requestedRevision: body.revision,
    };

    // 2. entity and permission
    let selector;
    try {
      const loaded = await this.deps.entities.load(
        entityRef,
        rolloutActionPermissions[body.action],
        req.credentials,
      );
      selector = loaded.selector;
    } catch (error) {
      if (error instanceof NotAllowedError)
        return this.refuse(base, 'denied', error);
      if (error instanceof NotFoundError)
        return this.refuse(base, 'not-found', error);
      if (error instanceof InputError)
        return this.refuse(base, 'invalid', error);
      throw error;
    }
    if (!selector) {
      return this.refuse(
        base,
        'invalid',
        new InputError('The entity has no Kubernetes annotations'),
      );
    }

    // 3. the rollout must belong to the entity, in that cluster
    let found;
    try {
      found = this.deps.rollouts.findEntityRollout(
        selector,
        base.cluster,
        base.namespace,
        base.rollout,
      );
    } catch (error) {
      const unknownCluster = (error as Error).message.startsWith(
        'Unknown cluster',
      );
      return this.refuse(
        base,
        unknownCluster ? 'not-found' : 'denied',
        error as Error,
      );
    }
    const { watcher } = found;
    const client = watcher.client;
    if (!client) {
      return this.refuse(
        base,
        'not-found',
        new NotFoundError(`Cluster '${base.cluster}' cannot be acted on`),
      );
    }
    // What the caller saw: its `expected`, else what the portal showed when it asked.
    const seenResourceVersion =
      body.expected?.resourceVersion ?? found.rollout.metadata.resourceVersion;

    const key = `${base.cluster}/${base.namespace}/${base.rollout}`;
    return this.mutex.run(key, async () => {
      // 4. fresh state from the cluster, then preconditions
      let fresh: Rollout;
      try {
        fresh = await client.request<Rollout>({
          path: resourcePath(RESOURCE_TYPES.Rollout, {
            namespace: base.namespace,
            name: base.rollout,
          }),
          timeoutMs: FETCH_TIMEOUT_MS,
        });
      } catch (error) {
        return this.refuse(
          base,
          'conflict',
          new ServiceUnavailableError(
            `Cluster '${base.cluster}' unavailable: ${
              (error as Error).message
            }`,
          ),
        );
      }
      const info = describeFromCache(watcher.cache, fresh, new Date());
      const stateBefore = snapshot(info);
      base = { ...base, stateBefore };
      const guarded = !isIdempotentAction(body.action);
      if (guarded && fresh.metadata.resourceVersion !== seenResourceVersion) {
        return this.refuse(
          base,
          'conflict',
          new ConflictError(
            'The rollout changed since you looked at it; refresh and try again',
          ),
        );
      }
      if (
        guarded &&
        body.expected?.stepIndex !== undefined &&
        body.expected.stepIndex !== (fresh.status?.currentStepIndex ?? 0)
      ) {
        return this.refuse(
          base,
          'conflict',
          new ConflictError(
            `The rollout is at step ${
              fresh.status?.currentStepIndex ?? 0
            }, not ${body.expected.stepIndex}`,
          ),
        );
      }
      const availability = availableActions(info).find(
        a => a.action === body.action,
      );
      if (!availability?.enabled) {
        return this.refuse(
          base,
          'conflict',
          new ConflictError(
            `Cannot ${body.action}: ${availability?.reason ?? 'not available'}`,
          ),
        );
      }
      let plan;
      try {
        const replicaSets =
          body.action === 'rollback'
            ? await this.fullReplicaSets(client, watcher, fresh)
            : undefined;
        plan = planAction(fresh, body.action, {
          now: new Date(),
          replicaSets,
          revision: body.revision,
        });
      } catch (error) {
        if (error instanceof ActionNotApplicableError) {
          return this.refuse(
            base,
            'conflict',
            new ConflictError(error.message),
          );
        }
        return this.refuse(
          base,
          'conflict',
          new ServiceUnavailableError(
            `Cluster '${base.cluster}' unavailable: ${
              (error as Error).message
            }`,
          ),
        );
      }

      // 5. durable row before touching the cluster: no row, no action
      let row;
      try {
        row = await this.deps.audit.begin(base);
      } catch (error) {
        this.deps.logger.error(
          `Audit log unavailable, action refused: ${(error as Error).message}`,
        );
        throw new ServiceUnavailableError(
          'The audit log is unavailable; the action was not performed',
        );
      }

      // 6. act, then complete the row
      const executor = this.deps.executor ?? new ActionExecutor();
      try {
        const result = await executor.execute(client, fresh, plan, {
          precondition: guarded,
        });
        const after = describeFromCache(
          watcher.cache,
          result.rollout,
          new Date(),
        );
        await this.complete(row.id, {
          outcome: 'succeeded',
          stateAfter: snapshot(after),
        });
        return {
          auditId: row.id,
          action: body.action,
          description: plan.description,
          info: after,
        };
      } catch (error) {
        const apiError =
          error instanceof KubernetesApiError ? error : undefined;
        if (apiError?.isTransportError) {
          await this.complete(row.id, {
            outcome: 'unknown',
            error: `Outcome unknown: ${apiError.message}`,
          });
          throw new ServiceUnavailableError(
            `No answer from cluster '${base.cluster}'; the action may or may not have been applied. Check the rollout before trying again.`,
          );
        }
        await this.complete(row.id, {
          outcome: 'failed',
          error: (error as Error).message,
        });
        if (
          apiError?.statusCode === 409 ||
          (apiError?.statusCode === 422 && /test/i.test(apiError.message))
        ) {
          throw new ConflictError(
            'The rollout changed while the action was sent; refresh and try again',
          );
        }
        throw new ServiceUnavailableError(
          `Cluster '${base.cluster}' refused the action: ${
            (error as Error).message
          }`,
        );
      }
    });
  }

  private async complete(
    id: string,
    completion: Parameters<AuditStore['complete']>[1],
  ) {
    try {
      await this.deps.audit.complete(id, completion);
    } catch (error) {
      // The row stays 'initiated', which reads as "outcome not recorded".
      this.deps.logger.error(
        `Could not complete audit row ${id}: ${(error as Error).message}`,
      );
    }
  }

  /** Rollback needs full pod templates, which the cache strips: read the ReplicaSets. */
  private async fullReplicaSets(
    client: ClusterClient,
    watcher: ClusterWatcher,
    rollout: Rollout,
  ): Promise<ReplicaSet[]> {
    const owned = watcher.cache.ownedBy<ReplicaSet>(
      'ReplicaSet',
      rollout.metadata.uid ?? '',
    );
    return Promise.all(
      owned.map(rs =>
        client.request<ReplicaSet>({
          path: resourcePath(RESOURCE_TYPES.ReplicaSet, {
            namespace: rs.metadata.namespace,
            name: rs.metadata.name,
          }),
          timeoutMs: FETCH_TIMEOUT_MS,
        }),
      ),
    );
  }
}
