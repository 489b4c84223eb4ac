// The town administrator's pages and the public page in a real browser
// (hub/web/, docs/hub-web.md): two computers of 红旗村 change 公开时限 of
// the same row while offline; the administrator sets a password
// (`gongkai-hub admin passwd`, the key becomes encrypted), signs in (a wrong
// password first), sees both change sets as old → new diffs and the
// conflict side by side, is refused approval while it is open, resolves it
// (采用本变更集) and approves; versions and stations pages; sign-out. Then,
// signed out, the public page finds the row with the chosen value, its
// history shows the approval, nothing came from outside the hub, and the
// page fits a phone. Screenshots: hub-*.png.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { newPage, screenshot } = require('../lib/browser');
const { startTownWithBrowser, twoOfficesEditOneRow } = require('../lib/hub_admin');

const ADMIN = 'wang-zhen';
const PASSWORD = '镇政务公开办-浏览器测试';

test('administrator signs in, sees the diff, resolves the conflict and approves; the public page shows the row', async (t) => {
  const { town, browser } = await startTownWithBrowser(t, {
    name: 'hub_admin_flow',
    admin: ADMIN,
    password: PASSWORD,
    villages: [{ id: 'hongqi-01', unit: '红旗村' }, { id: 'hongqi-02', unit: '红旗村' }],
  });
  // From now on the CLI signs with the encrypted key too.
  assert.ok(!fs.existsSync(path.join(town.hub.dir, 'admins', `${ADMIN}.key`)));
  // Version 1 from the sample catalog, then both computers edit one row.
  twoOfficesEditOneRow(town, ['办公室电脑：财务收支每月公开', '文书笔记本：财务收支每月公开']);

  const url = town.hub.url;
  const page = await newPage(browser, { ignoreHTTPSErrors: true });
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(url)) external.push(r.url()); });

  // Not signed in: the queue sends us to the sign-in form.
  await page.goto(`${url}/admin`);
  assert.equal(new URL(page.url()).pathname, '/admin/login');
  await screenshot(page, 'hub-01-sign-in');

  await page.fill('#admin', ADMIN);
  await page.fill('#password', 'not-the-password');
  await page.click('button[type=submit]:has-text("登录")');
  await page.getByText('管理员名称或密码不对').waitFor();

  await page.fill('#admin', ADMIN);
  await page.fill('#password', PASSWORD);
  await page.click('button[type=submit]:has-text("登录")');
  await page.waitForURL(`${url}/admin`);

  // Both change sets as old → new; the conflict side by side.
  const conflict = page.locator('.conflict');
  await conflict.first().waitFor();
  assert.equal(await conflict.count(), 1);
  await page.locator('.changeset td.new', { hasText: '每月10日前' }).first().waitFor();
  await page.locator('.changeset td.new', { hasText: '每月5日前' }).first().waitFor();
  assert.match(await conflict.innerText(), /公开时限/);
  assert.match(await conflict.locator('.proposed').innerText(), /每月10日前/);
  assert.match(await conflict.locator('.incoming').innerText(), /每月5日前/);
  await screenshot(page, 'hub-02-pending-diff');

  // Approving with the conflict open is refused; nothing changes.
  await page.click('button:has-text("批准全部")');
  await page.getByText('unresolved_conflict').waitFor();
  await page.goto(`${url}/admin`);

  await conflict.locator('button:has-text("采用本变更集")').click();
  await page.getByText('冲突已处理').waitFor();
  await screenshot(page, 'hub-03-conflict-resolved');

  await page.fill('#note', '财务收支按月公开');
  await page.click('button:has-text("批准全部")');
  await page.getByText('已批准，生成第 2 版目录').waitFor();
  await screenshot(page, 'hub-04-approved');

  await page.getByRole('link', { name: '版本' }).click();
  await page.getByText('财务收支按月公开').waitFor();
  await screenshot(page, 'hub-05-versions');
  await page.getByRole('link', { name: '站点' }).click();
  await page.getByText('hongqi-02').first().waitFor();
  await screenshot(page, 'hub-06-stations');

  // Sign out: the queue is closed again.
  await page.click('button:has-text("退出登录")');
  await page.goto(`${url}/admin`);
  assert.equal(new URL(page.url()).pathname, '/admin/login');

  // The public page, signed out: the approved row with the chosen value.
  await page.goto(`${url}/?q=${encodeURIComponent('财务收支')}`);
  const row = page.locator('table.catalog tbody tr', { hasText: '财务收支' });
  await row.first().waitFor();
  assert.match(await row.first().innerText(), /每月5日前/);
  await screenshot(page, 'hub-07-public-search');
  await row.first().getByRole('link', { name: '修改历史' }).click();
  await page.getByText('第 2 版批准').first().waitFor();
  await screenshot(page, 'hub-08-row-history');
  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(external, [], 'nothing fetched from outside the hub');

  // A phone: cards, no sideways scrolling.
  const phone = await newPage(browser, { phone: true, ignoreHTTPSErrors: true });
  await phone.goto(`${url}/`);
  await phone.getByText('政务公开事项标准目录').first().waitFor();
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 400, `the page is ${width}px wide on a 390px phone`);
  await screenshot(phone, 'hub-09-public-phone', { fullPage: false });
});
