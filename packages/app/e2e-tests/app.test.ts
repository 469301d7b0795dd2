import { expect, test } from '@playwright/test';
import { screenshot, signInAsGuest } from './support';

test('guest signs in, opens a demo service and sees the Progressive Delivery tab', async ({
  page,
}) => {
  await signInAsGuest(page);
  const checkout = page.getByRole('link', { name: 'checkout', exact: true });
  await expect(checkout).toBeVisible();
  await page.screenshot({ path: screenshot('01-catalog'), fullPage: true });

  await checkout.click();
  // Entity tabs live in the content navigation; the sidebar has the ops page's nav item.
  const tab = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Progressive Delivery' });
  await expect(tab).toBeVisible();
  await tab.click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/checkout\/progressive-delivery$/,
  );
  await expect(
    page.getByText('backstage.io/kubernetes-id=checkout'),
  ).toBeVisible();
  await page.screenshot({ path: screenshot('02-entity-tab'), fullPage: true });
});

test('entities without Kubernetes annotations have no Progressive Delivery tab', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/progressive-delivery-backstage');
  await expect(page.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(
    page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'Progressive Delivery' }),
  ).toHaveCount(0);
});
