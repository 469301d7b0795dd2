import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './support';

/**
 * The delivery scorecard against the demo portal: the checkout entity's scorecard (level, rule,
 * a check's evidence) on its overview card and in its Progressive Delivery tab, and the
 * organisation view on the ops page grouped by team, with its CSV download. Read-only: it does
 * not change the demo state.
 */

test('the checkout entity shows its scorecard: level, rule and the evidence of each check', async ({
  page,
}) => {
  await signInAsGuest(page);

  // The overview card: level and score, linking to the tab.
  await page.goto('/catalog/default/component/checkout');
  const card = page
    .locator('.MuiCard-root')
    .filter({ has: page.getByText('Delivery scorecard', { exact: true }) });
  await expect(card.getByLabel(/^Level: /)).toBeVisible({ timeout: 60_000 });
  await expect(
    card.getByText(/\d+ of \d+ applicable checks pass/),
  ).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: screenshot('70-checkout-scorecard-card'),
    fullPage: true,
  });

  await page.goto('/catalog/default/component/checkout/progressive-delivery');
  const section = page.getByRole('region', { name: 'Delivery scorecard' });
  await expect(section.getByLabel(/^Level: /)).toBeVisible({
    timeout: 60_000,
  });
  await expect(section.getByTestId('level-rule')).not.toBeEmpty();
  await expect(
    section.getByText(/\d+ of \d+ applicable checks pass/),
  ).toBeVisible();

  // Every check has a result in words; "Runs as a Rollout" names the Rollout it read.
  const checks = section.getByRole('listitem', {
    name: /^Check .+: (Pass|Fail|Not applicable)$/,
  });
  await expect(checks).toHaveCount(10);
  const runsAsRollout = section.getByRole('listitem', {
    name: /^Check Runs as a Rollout: /,
  });
  const evidence = runsAsRollout.getByRole('list', { name: 'Evidence' });
  await expect(evidence).toBeVisible();
  await expect(evidence).toContainText('Rollout');
  await expect(evidence).toContainText('checkout');

  await expect(
    section.getByRole('table', { name: 'Outcomes over the last 30 days' }),
  ).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({
    path: screenshot('71-checkout-scorecard'),
    fullPage: true,
  });

  // Another window reloads the outcomes.
  await section.getByRole('button', { name: 'Last 7 days' }).click();
  await expect(
    section.getByRole('table', { name: 'Outcomes over the last 7 days' }),
  ).toBeVisible();
});

test('the ops page ranks teams by scorecard and exports the view as CSV', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/progressive-delivery');
  await page.getByRole('tab', { name: 'Scorecards' }).click();
  const entities = page.getByRole('table', { name: 'Entity scorecards' });
  await expect(entities).toBeVisible({ timeout: 60_000 });
  await expect(
    entities.getByRole('row').filter({ hasText: 'checkout' }).first(),
  ).toBeVisible();
  await page.screenshot({
    path: screenshot('72-ops-scorecards'),
    fullPage: true,
  });

  await page.getByRole('button', { name: 'By team' }).click();
  const teams = page.getByRole('table', { name: 'Teams ranked by scorecard' });
  await expect(teams).toBeVisible();
  // The demo has three teams owning services: team-checkout, team-catalog, team-payments.
  const rows = teams.getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(1).getByRole('cell').first()).toHaveText('1');
  for (const team of ['team-checkout', 'team-catalog', 'team-payments']) {
    await expect(teams).toContainText(team);
  }
  await page.screenshot({
    path: screenshot('73-ops-scorecards-by-team'),
    fullPage: true,
  });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    /^scorecards-by-owner-30d-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe(
    'rank,owner,entities,gold,silver,bronze,none,mean_level,mean_pass_ratio,mean_trend',
  );
  expect(lines).toHaveLength(4);
  expect(lines.slice(1).join('\n')).toContain('group:default/team-checkout');
});
