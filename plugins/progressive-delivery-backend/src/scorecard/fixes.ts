/**
 * Where a failing check sends people: Argo Rollouts and Pyrra documentation, and the scaffolder
 * templates of plugins/scaffolder-backend-module-progressive-delivery/templates (their
 * `metadata.name`).
 */
export const SCORECARD_TEMPLATE_REFS = {
  addRollout: 'template:default/add-rollout-progressive-delivery',
  migrateDeployment: 'template:default/migrate-deployment-progressive-delivery',
  newService: 'template:default/new-service-progressive-delivery',
} as const;

const ARGO = 'https://argo-rollouts.readthedocs.io/en/stable';

export const SCORECARD_DOCS = {
  migrating: `${ARGO}/migrating/`,
  canary: `${ARGO}/features/canary/`,
  blueGreen: `${ARGO}/features/bluegreen/`,
  analysis: `${ARGO}/features/analysis/`,
  prometheus: `${ARGO}/analysis/prometheus/`,
  trafficManagement: `${ARGO}/features/traffic-management/`,
  canaryScale: `${ARGO}/features/canary/#setcanaryscale`,
  scaleDownDelay: `${ARGO}/features/canary/#scaledowndelayseconds`,
  abortScaleDown: `${ARGO}/features/scaledown-aborted-rs/`,
  pyrra: 'https://github.com/pyrra-dev/pyrra#readme',
  errorBudgetPolicy: 'https://sre.google/workbook/error-budget-policy/',
} as const;
