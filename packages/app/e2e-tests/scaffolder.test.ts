import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './support';

/**
 * The scaffolder journey of the demo portal: fill the "New service with progressive delivery"
 * form, run it (manifests, local git publish, catalog registration, apply to a simulated
 * cluster), follow the output link and see the new Rollout live in the entity's tab.
 */

const TEMPLATE_TITLE = 'New service with progressive delivery';
const CLUSTER = 'eu-prod';
// The demo's eu-prod simulated cluster and its read-write token, as in app-config.yaml.
const CLUSTER_URL = 'http://127.0.0.1:8441';
const CLUSTER_TOKEN = 'simulator-read-write-token';
// progressiveDelivery.scaffolder.localPublishRoot of app-config.yaml, from the repository root.
const PUBLISH_ROOT = path.resolve(__dirname, '../../../.demo-services');

// Unique per run: the catalog and the simulated clusters outlive a test when the portal is reused.
const name = `e2e-svc-${Date.now().toString(36)}`;

test.describe.configure({ retries: 0 });

test.afterAll(async () => {
  // The service's namespace holds everything the run applied; deleting it removes all of it.
  await fetch(`${CLUSTER_URL}/api/v1/namespaces/${name}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${CLUSTER_TOKEN}` },
  }).catch(() => undefined);
  await fs.rm(path.join(PUBLISH_ROOT, name), { recursive: true, force: true });
});

test('a new service from the template appears with its live Rollout in the Progressive Delivery tab', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await signInAsGuest(page);

  // Right after start the catalog may not have processed the templates yet: reload until it has.
  await expect(async () => {
    await page.goto('/create');
    await expect(page.getByText(TEMPLATE_TITLE)).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 240_000 });
  // narrow the list to this template, so its card's is the only Choose button
  await page.getByPlaceholder('Search').fill(TEMPLATE_TITLE);
  const choose = page.getByRole('button', { name: 'Choose' });
  await expect(choose).toHaveCount(1);
  await choose.click();

  // Service
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page
    .getByLabel('Description')
    .fill('Created by the scaffolder end-to-end journey');
  // OwnerPicker: an autocomplete over the catalog's groups
  await page
    .getByLabel(/^Owner/)
    .first()
    .fill('team-checkout');
  await page
    .getByRole('option', { name: /team-checkout/ })
    .first()
    .click();
  await page.screenshot({ path: screenshot('60-scaffolder-form-service') });
  await page.getByRole('button', { name: 'Next' }).click();

  // Container: a namespace of its own, so that cleaning up is one delete
  await page.getByRole('textbox', { name: /^Kubernetes namespace/ }).fill(name);
  await page.getByRole('button', { name: 'Next' }).click();

  // Progressive delivery: the template's defaults
  await expect(page.getByText('Rollout strategy').first()).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Deploy
  await expect(
    page.getByRole('checkbox', { name: 'Apply to a demo cluster now' }),
  ).toBeChecked();
  await page.getByRole('button', { name: /^Cluster/ }).click();
  await page.getByRole('option', { name: CLUSTER, exact: true }).click();
  await expect(page.getByRole('button', { name: /^Cluster/ })).toContainText(
    CLUSTER,
  );
  await page.screenshot({
    path: screenshot('61-scaffolder-form-deploy'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(name).first()).toBeVisible();
  await page.screenshot({
    path: screenshot('62-scaffolder-review'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Create' }).click();

  // The run: manifests, validation, apply, local git publish, catalog registration
  await expect(page).toHaveURL(/\/create\/tasks\//);
  const tabLink = page.getByRole('link', { name: 'Progressive Delivery tab' });
  await expect(tabLink).toBeVisible({ timeout: 240_000 });
  await expect(page.getByText(/git clone file:\/\//)).toBeVisible();
  await page.screenshot({
    path: screenshot('63-scaffolder-finished'),
    fullPage: true,
  });

  // The published folder is a git repository with the service's files
  const published = path.join(PUBLISH_ROOT, name);
  await expect(fs.stat(path.join(published, '.git'))).resolves.toBeTruthy();
  await expect(
    fs.readFile(path.join(published, 'kubernetes', 'rollout.yaml'), 'utf8'),
  ).resolves.toContain(`name: ${name}`);

  await tabLink.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}/progressive-delivery$`),
  );
  const rollout = page.getByRole('article', {
    name: `Rollout ${name} in ${CLUSTER}`,
  });
  await expect(rollout).toBeVisible({ timeout: 90_000 });
  await expect(rollout.getByLabel(/^Status: /).first()).toBeVisible();
  await page.screenshot({
    path: screenshot('64-new-service-tab'),
    fullPage: true,
  });
});
