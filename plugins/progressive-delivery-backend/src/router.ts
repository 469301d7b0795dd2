import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { ClusterSupplier } from './clusters/types';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  clusterSupplier: ClusterSupplier;
}

/** Thin HTTP layer: authenticate, validate, delegate to services. */
export async function createRouter({
  httpAuth,
  clusterSupplier,
}: RouterOptions): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '64kb' }));

  // Configured clusters, never their credentials or URLs.
  router.get('/clusters', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const clusters = await clusterSupplier.getClusters();
    res.json({
      clusters: clusters.map(c => ({
        name: c.name,
        ...(c.title ? { title: c.title } : {}),
        authProvider:
          c.auth.provider === 'unsupported' ? c.auth.name : c.auth.provider,
      })),
    });
  });

  return router;
}
