import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  auditReadPermission,
  EntityRolloutsResponse,
  EntitySlosResponse,
  rolloutReadPermission,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotAllowedError } from '@backstage/errors';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { RolloutActionService } from './actions/RolloutActionService';
import { AuditStore } from './audit';
import { parseAuditQuery } from './audit/parseAuditQuery';
import { readJsonBody } from './actions/readJsonBody';
import express from 'express';
import Router from 'express-promise-router';
import { EntityAccess } from './entities/EntityAccess';
import { parseEntityParams } from './entities/parseEntityParams';
import { assertObjectName } from './kubernetes/resources';
import { OpsService } from './service/OpsService';
import { RolloutService } from './service/RolloutService';
import { EntityInterest } from './signals/EntityInterest';
import { SloService } from './slo/SloService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  entities: EntityAccess;
  rollouts: RolloutService;
  ops: OpsService;
  interest: EntityInterest;
  actions: RolloutActionService;
  audit: AuditStore;
  permissions: PermissionsService;
  /** SLO state (Pyrra + Prometheus); without it, no SLO route and no SLO fields. */
  slos?: SloService;
}

const CLUSTER_NAME = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;

/** Thin HTTP layer: authenticate, validate, authorize, delegate to services. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, auditor, entities, rollouts, ops, interest } = options;
  const router = Router();
  // No body parser here: the action route reads its body itself, to audit bad bodies too.

  router.get('/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ clusters: rollouts.clusterStatuses() });
  });

  router.get('/entities/:kind/:namespace/:name/rollouts', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = parseEntityParams(req.params);
    const event = await auditor.createEvent({
      eventId: 'rollout-fetch',
      severityLevel: 'low',
      request: req,
      meta: { queryType: 'entity-rollouts', entityRef },
    });
    try {
      const { selector } = await entities.load(
        entityRef,
        rolloutReadPermission,
        credentials,
        { cacheRead: true },
      );
      let body: EntityRolloutsResponse;
      if (selector) {
        interest.touch(entityRef, selector);
        body = { entityRef, ...rollouts.entityRollouts(selector) };
        // SLO state and error-budget gating; never fails nor holds up the rollouts.
        await options.slos
          ?.annotateRollouts(selector, body.rollouts)
          .catch(() => undefined);
      } else {
        body = {
          entityRef,
          rollouts: [],
          clusters: rollouts.clusterStatuses(),
        };
      }
      await event.success({ meta: { count: body.rollouts.length } });
      res.json(body);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get('/entities/:kind/:namespace/:name/slos', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = parseEntityParams(req.params);
    const event = await auditor.createEvent({
      eventId: 'rollout-fetch',
      severityLevel: 'low',
      request: req,
      meta: { queryType: 'entity-slos', entityRef },
    });
    try {
      const { selector } = await entities.load(
        entityRef,
        rolloutReadPermission,
        credentials,
        { cacheRead: true },
      );
      const slos = options.slos;
      if (selector) interest.touch(entityRef, selector);
      const body: EntitySlosResponse = {
        entityRef,
        slos: selector && slos ? await slos.entitySlos(selector) : [],
        clusters: rollouts.clusterStatuses(),
        ...(slos?.isDemo() ? { demo: true } : {}),
      };
      await event.success({ meta: { count: body.slos.length } });
      res.json(body);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  router.get(
    '/entities/:kind/:namespace/:name/rollouts/:cluster/:rolloutNamespace/:rollout',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entityRef = parseEntityParams(req.params);
      const { cluster, rolloutNamespace, rollout } = req.params;
      if (!CLUSTER_NAME.test(cluster))
        throw new InputError('Invalid cluster name');
      assertObjectName(rolloutNamespace, 'namespace');
      assertObjectName(rollout, 'rollout');
      const event = await auditor.createEvent({
        eventId: 'rollout-fetch',
        severityLevel: 'low',
        request: req,
        meta: {
          queryType: 'rollout',
          entityRef,
          cluster,
          namespace: rolloutNamespace,
          rollout,
        },
      });
      try {
        const { selector } = await entities.load(
          entityRef,
          rolloutReadPermission,
          credentials,
          { cacheRead: true },
        );
        if (!selector) {
          throw new InputError('The entity has no Kubernetes annotations');
        }
        interest.touch(entityRef, selector);
        const body = await rollouts.rolloutDetail(
          entityRef,
          selector,
          cluster,
          rolloutNamespace,
          rollout,
        );
        await event.success();
        res.json(body);
      } catch (error) {
        await event.fail({ error: error as Error });
        throw error;
      }
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
    const event = await auditor.createEvent({
      eventId: 'rollout-fetch',
      severityLevel: 'low',
      request: req,
      meta: { queryType: 'all-rollouts' },
    });
    try {
      const body = await ops.list(credentials, {
        attentionOnly: attention === 'true',
      });
      await event.success({ meta: { count: body.rollouts.length } });
      res.json(body);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
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
