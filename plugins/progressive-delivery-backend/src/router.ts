import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  auditReadPermission,
  EntityRolloutsResponse,
  EntitySlosResponse,
  rolloutReadPermission,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { RolloutActionService } from './actions/RolloutActionService';
import { AuditStore } from './audit';
import { parseAuditQuery } from './audit/parseAuditQuery';
import { readJsonBody } from './actions/readJsonBody';
import { JsonObject } from '@backstage/types';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { EntityAccess } from './entities/EntityAccess';
import { parseEntityParams } from './entities/parseEntityParams';
import { parseRolloutParams } from './entities/parseRolloutParams';
import { OpsService } from './service/OpsService';
import { RolloutService } from './service/RolloutService';
import { EntityInterest } from './signals/EntityInterest';
import { EntityChangeTracker } from './signals/EntityChangeTracker';
import { SloService } from './slo/SloService';
import { parseScorecardDays } from './scorecard/parseScorecardDays';
import { ScorecardService } from './scorecard/ScorecardService';
import { JsonResponseMemo } from './http/JsonResponseMemo';
import { sendMemoizedJson } from './http/sendMemoizedJson';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  entities: EntityAccess;
  rollouts: RolloutService;
  ops: OpsService;
  interest: EntityInterest;
  /** Which entities changed: memoized read responses stay valid until theirs does. */
  changes: EntityChangeTracker;
  actions: RolloutActionService;
  audit: AuditStore;
  permissions: PermissionsService;
  /** SLO state (Pyrra + Prometheus); without it, no SLO route and no SLO fields. */
  slos?: SloService;
  /** The progressive-delivery scorecard; without it, no scorecard routes. */
  scorecards?: ScorecardService;
}

/** Thin HTTP layer: authenticate, validate, authorize, delegate to services. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, entities, rollouts, ops, interest } = options;
  const router = Router();
  // Only after the read permission check: the memo is keyed by entity, not by caller.
  const entityRolloutBodies = new JsonResponseMemo();
  // No body parser here: the action route reads its body itself, to audit bad bodies too.

  router.get('/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ clusters: rollouts.clusterStatuses() });
  });

  /** Runs a read with its low-severity `rollout-fetch` auditor event. */
  async function auditedRead<T>(
    req: Request,
    meta: JsonObject,
    read: () => Promise<T>,
    count?: (result: T) => number,
  ): Promise<T> {
    const event = await auditor.createEvent({
      eventId: 'rollout-fetch',
      severityLevel: 'low',
      request: req,
      meta,
    });
    try {
      const result = await read();
      await event.success(
        count ? { meta: { count: count(result) } } : undefined,
      );
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** The entity's workload selector, after the read permission check; remembered for signals. */
  async function readableSelector(
    entityRef: string,
    credentials: BackstageCredentials,
  ) {
    const { selector } = await entities.load(
      entityRef,
      rolloutReadPermission,
      credentials,
      { cacheRead: true },
    );
    if (selector) interest.touch(entityRef, selector);
    return selector;
  }

  router.get('/entities/:kind/:namespace/:name/rollouts', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = parseEntityParams(req.params);
    const body = await auditedRead(
      req,
      { queryType: 'entity-rollouts', entityRef },
      async () => {
        const selector = await readableSelector(entityRef, credentials);
        return entityRolloutBodies.get(
          `${entityRef}|${JSON.stringify(selector ?? null)}`,
          `${options.changes.stamp(entityRef)}|${rollouts.clusterStateStamp()}`,
          async (): Promise<EntityRolloutsResponse> => {
            if (!selector) {
              return {
                entityRef,
                rollouts: [],
                clusters: rollouts.clusterStatuses(),
              };
            }
            const result = { entityRef, ...rollouts.entityRollouts(selector) };
            // SLO state and error-budget gating; never fails nor holds up the rollouts.
            await options.slos
              ?.annotateRollouts(selector, result.rollouts)
              .catch(() => undefined);
            return result;
          },
          result => result.rollouts.length,
        );
      },
      result => result.count,
    );
    sendMemoizedJson(req, res, body);
  });

  router.get('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = parseEntityParams(req.params);
    const body = await auditedRead(
      req,
      { queryType: 'entity-slos', entityRef },
      async (): Promise<EntitySlosResponse> => {
        const selector = await readableSelector(entityRef, credentials);
        const slos = options.slos;
        return {
          entityRef,
          slos: selector && slos ? await slos.entitySlos(selector) : [],
          clusters: rollouts.clusterStatuses(),
          ...(slos?.isDemo() ? { demo: true } : {}),
        };
      },
      result => result.slos.length,
    );
    res.json(body);
  });

  router.get('/entities/:kind/:namespace/:name/scorecard', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = parseEntityParams(req.params);
    const days = parseScorecardDays(req.query.days);
    const scorecards = options.scorecards;
    if (!scorecards) throw new NotFoundError('Scorecards are not enabled');
    const body = await auditedRead(
      req,
      { queryType: 'entity-scorecard', entityRef, days },
      async () =>
        scorecards.entityScorecard(
          entityRef,
          await readableSelector(entityRef, credentials),
          days,
        ),
      result => result.checks.length,
    );
    res.json(body);
  });

  router.get('/scorecards', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const days = parseScorecardDays(req.query.days);
    const scorecards = options.scorecards;
    if (!scorecards) throw new NotFoundError('Scorecards are not enabled');
    const body = await auditedRead(
      req,
      { queryType: 'all-scorecards', days },
      () => scorecards.orgScorecards(credentials, days),
      result => result.entities.length,
    );
    res.json(body);
  });

  router.get(
    '/entities/:kind/:namespace/:name/rollouts/:cluster/:rolloutNamespace/:rollout',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entityRef = parseEntityParams(req.params);
      const {
        cluster,
        namespace: rolloutNamespace,
        rollout,
      } = parseRolloutParams(req.params);
      const body = await auditedRead(
        req,
        {
          queryType: 'rollout',
          entityRef,
          cluster,
          namespace: rolloutNamespace,
          rollout,
        },
        async () => {
          const selector = await readableSelector(entityRef, credentials);
          if (!selector) {
            throw new InputError('The entity has no Kubernetes annotations');
          }
          return rollouts.rolloutDetail(
            entityRef,
            selector,
            cluster,
            rolloutNamespace,
            rollout,
          );
        },
      );
      res.json(body);
    },
  );

  router.get('/rollouts', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const attention = req.query.attention;
    if (
      attention !== undefined &&
      attention !== 'true' &&
      attention !== 'false'
    ) {
      throw new InputError("attention must be 'true' or 'false'");
    }
    const body = await auditedRead(
      req,
      { queryType: 'all-rollouts' },
      () => ops.list(credentials, { attentionOnly: attention === 'true' }),
      result => result.rollouts.length,
    );
    res.json(body);
  });

  router.post(
    '/entities/:kind/:namespace/:name/rollouts/:cluster/:rolloutNamespace/:rollout/actions',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      const { body, error } = await readJsonBody(req);
      const result = await options.actions.perform({
        params: req.params,
        body,
        bodyError: error,
        credentials,
        request: req,
      });
      res.json(result);
    },
  );

  router.get('/entities/:kind/:namespace/:name/audit', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = parseEntityParams(req.params);
    await entities.load(entityRef, rolloutReadPermission, credentials, {
      cacheRead: true,
    });
    res.json(
      await options.audit.list({ ...parseAuditQuery(req.query), entityRef }),
    );
  });

  router.get('/audit', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await options.permissions.authorize(
      [{ permission: auditReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to read the audit log');
    }
    res.json(await options.audit.list(parseAuditQuery(req.query)));
  });

  return router;
}
