import { expect, Page } from '@playwright/test';

/** Where a test's screenshot goes (the lead's review reads them from here). */
export const screenshot = (name: string) =>
  `test-results/screenshots/${name}.png`;

/** Signs in as the guest user and waits for the catalog link. */
export async function signInAsGuest(page: Page) {
  // The demo backend runs in watch mode and may be restarting: try the sign-in a few times.
  for (let attempt = 1; ; attempt++) {
    await page.goto('/');
    const enter = page.getByRole('button', { name: 'Enter' });
    await expect(enter).toBeVisible({ timeout: 90_000 });
    await enter.click();
    const catalog = page.getByRole('link', { name: 'Catalog' }).first();
    const refused = page.getByRole('alertdialog');
    await expect(catalog.or(refused).first()).toBeVisible();
    if (await catalog.isVisible()) return;
    if (attempt >= 4) {
      await expect(catalog).toBeVisible();
      return;
    }
    await page.waitForTimeout(10_000);
  }
}
