// Steps on the clerk's page (gongkai-station ui) that specs share.
'use strict';

// Clicks 同步 and waits until that sync has ended (the page reloads itself
// when it does); { state: 'ok' | 'failed', message } of the status line.
async function syncFromPage(page, { timeout = 90000 } = {}) {
  // Mark this document, so the status line read below is the new page's
  // (POST /sync answers 303 → /), not the one of the previous sync.
  await page.evaluate(() => { window.gkBeforeSync = true; });
  await page.getByRole('button', { name: '同步' }).click();
  await page.waitForFunction(() => !window.gkBeforeSync && document.readyState !== 'loading',
    null, { timeout });
  const done = page.locator('#sync-status[data-state="ok"], #sync-status[data-state="failed"]');
  await done.waitFor({ timeout });
  return { state: await done.getAttribute('data-state'), message: await done.textContent() };
}

module.exports = { syncFromPage };
