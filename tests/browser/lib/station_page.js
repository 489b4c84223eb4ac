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

// Opens the form 新增条目 and fills it in, without saving: `fields` maps a
// field key to its text (#f-<key>), `choices` lists the labels of the
// check boxes to tick (matched exactly: one label may contain another).
async function fillNewRow(page, { fields, choices }) {
  await page.getByRole('link', { name: '新增条目' }).click();
  for (const [key, text] of Object.entries(fields)) {
    await page.fill(`#f-${key}`, text);
  }
  for (const label of choices) {
    await page.getByLabel(label, { exact: true }).check();
  }
}

module.exports = { fillNewRow, syncFromPage };
