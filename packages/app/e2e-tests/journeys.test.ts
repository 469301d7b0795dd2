import { expect, Page, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './support';

/**
 * Main journeys of the Progressive Delivery plugin against the demo portal (simulated clusters):
 * promote as an owner (and find it in the audit trail), be refused on another team's rollout,
 * abort (and find it in the audit trail)
 * and use the ops page's "needs attention" view. The tests run in order and build on each other's
 * changes to the demo state.
 */

/** The entity's audit trail has a row for this action with this reason. */
async function expectAuditRow(
  page: Page,
  action: string,
  reason: string,
  outcome = 'succeeded',
) {
  const audit = page.getByRole('table', { name: 'Audit trail' });
  const row = audit.getByRole('row').filter({ hasText: reason }).first();
  await expect(row).toBeVisible();
  await expect(row).toContainText(action);
  await expect(row).toContainText(outcome);
}

async function openTab(page: Page, name: string, cluster = 'eu-prod') {
  await page.goto(`/catalog/default/component/${name}/progressive-delivery`);
  const rollout = page.getByRole('article', {
    name: `Rollout ${name} in ${cluster}`,
  });
  await expect(rollout).toBeVisible({ timeout: 60_000 });
  return rollout;
}

async function confirmAction(page: Page, action: string, reason: string) {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Reason').fill(reason);
  await dialog.getByRole('button', { name: `Confirm ${action}` }).click();
}

// These journeys change the demo state (promote, abort): a retry would start from a state the
// journey has already moved on from, so they are not retried.
test.describe.configure({ retries: 0 });

test('owner promotes the paused canary and sees it advance without reloading', async ({
  page,
}) => {
  await signInAsGuest(page);
  const rollout = await openTab(page, 'checkout');
  await expect(rollout.getByTestId('rollout-step')).toHaveText('Step 1/7');
  await expect(rollout.getByLabel('Status: Paused')).toBeVisible();
  await expect(
    rollout.getByRole('list', { name: /^Canary steps/ }),
  ).toBeVisible();
  await expect(rollout.locator('[aria-current="step"]')).toContainText(
    'Pause until promoted',
  );
  await page.screenshot({
    path: screenshot('10-checkout-paused'),
    fullPage: true,
  });

  const promote = rollout.getByRole('button', {
    name: 'Promote checkout',
    exact: true,
  });
  await expect(promote).toBeEnabled();
  await promote.click();
  await expect(page.getByTestId('action-effect')).toContainText(
    'move from step 1/7',
  );
  await page.screenshot({ path: screenshot('11-promote-confirm') });
  await confirmAction(page, 'promote', 'e2e: canary metrics look good');

  await expect(rollout.getByText(/Promote done:/)).toBeVisible();
  await expect(rollout.getByTestId('rollout-step')).not.toHaveText('Step 1/7');
  await page.screenshot({
    path: screenshot('12-checkout-promoted'),
    fullPage: true,
  });

  // The audit trail on the same page shows the promote, with its reason.
  await expectAuditRow(page, 'promote', 'e2e: canary metrics look good');
  await page.screenshot({
    path: screenshot('13-checkout-audit'),
    fullPage: true,
  });
});

test("another team's rollout cannot be promoted: the button is disabled with a reason", async ({
  page,
}) => {
  await signInAsGuest(page);
  const rollout = await openTab(page, 'catalog-api');
  await expect(rollout.getByText('BlueGreen', { exact: true })).toBeVisible();
  const promote = rollout.getByRole('button', {
    name: 'Promote catalog-api',
    exact: true,
  });
  await expect(promote).toBeDisabled();
  await expect(rollout.getByTestId('action-promote')).toHaveAttribute(
    'title',
    /not allowed to promote rollouts of component:default\/catalog-api/,
  );
  await expect(
    rollout.getByText(/You may not act on this rollout/),
  ).toBeVisible();
  await page.screenshot({
    path: screenshot('20-catalog-api-denied'),
    fullPage: true,
  });
});

test('owner aborts the progressing canary and sees it degrade', async ({
  page,
}) => {
  await signInAsGuest(page);
  const rollout = await openTab(page, 'cart');
  const abort = rollout.getByRole('button', {
    name: 'Abort cart',
    exact: true,
  });
  // The demo's cart canary walks timed steps and redeploys 2 minutes after each completion:
  // wait until an update is in flight.
  test.setTimeout(300_000);
  await expect(abort).toBeEnabled({ timeout: 180_000 });
  await abort.click();
  await expect(page.getByTestId('action-effect')).toContainText(
    'abort: traffic returns to stable revision',
  );
  await page.screenshot({ path: screenshot('29-abort-confirm') });
  await confirmAction(page, 'abort', 'e2e: abort the cart canary');
  await expect(rollout.getByText(/Abort done:/)).toBeVisible();
  await expect(rollout.getByLabel('Status: Degraded (aborted)')).toBeVisible({
    timeout: 60_000,
  });
  await expect(abort).toBeDisabled();
  await page.screenshot({
    path: screenshot('30-cart-aborted'),
    fullPage: true,
  });
  await expectAuditRow(page, 'abort', 'e2e: abort the cart canary');
  await page.screenshot({ path: screenshot('31-cart-audit'), fullPage: true });
});

test("the ops page's needs-attention view lists the degraded payments rollout", async ({
  page,
}) => {
  await signInAsGuest(page);
  await page
    .getByRole('link', { name: 'Progressive Delivery' })
    .first()
    .click();
  await expect(page).toHaveURL(/\/progressive-delivery$/);
  const all = page.getByRole('table', { name: 'All rollouts' });
  await expect(all).toBeVisible({ timeout: 60_000 });
  await expect(
    all.getByRole('row').filter({ hasText: 'checkout' }).first(),
  ).toBeVisible();
  await page.screenshot({ path: screenshot('50-ops-all'), fullPage: true });

  await page.getByRole('tab', { name: 'Needs attention' }).click();
  const attention = page.getByRole('table', {
    name: 'Rollouts needing attention',
  });
  await expect(attention).toBeVisible();
  const payments = attention
    .getByRole('row')
    .filter({ hasText: 'payments' })
    .first();
  await expect(payments).toContainText('Degraded');
  await expect(payments.getByRole('link').first()).toBeVisible();
  await page.screenshot({
    path: screenshot('51-ops-attention'),
    fullPage: true,
  });

  await page.getByRole('button', { name: /^Cluster/ }).click();
  await page.getByRole('option', { name: 'us-prod' }).click();
  await expect(payments).toBeVisible();
  await expect(
    attention.getByRole('row').filter({ hasText: 'eu-prod' }),
  ).toHaveCount(0);
  await page.screenshot({
    path: screenshot('52-ops-attention-us-prod'),
    fullPage: true,
  });
});
