// The whole round through the three pages, as the issue tells it: a clerk
// of 红旗村 adds a row on the station page and syncs; the town
// administrator signs in on the hub's administrator page, sees the new row
// as a diff and approves; the clerk syncs again and the station page shows
// the approved version; the hub's public page shows the row. (The conflict
// and its resolution are in hub_admin_flow.test.js.) Screenshots: round-*.png.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { newPage, screenshot } = require('../lib/browser');
const { startTownWithBrowser } = require('../lib/hub_admin');
const { fillNewRow, syncFromPage } = require('../lib/station_page');

const ADMIN = 'wang-zhen';
const PASSWORD = '镇政务公开办-往返测试';

test('station page → administrator page → station page → public page', async (t) => {
  const { town, browser } = await startTownWithBrowser(t, { name: 'town_round_trip', admin: ADMIN,
    password: PASSWORD, villages: [{ id: 'hongqi-01', unit: '红旗村' }] });

  // The clerk adds a row and syncs.
  const ui = await town.startStationUi('hongqi-01');
  const clerk = await newPage(browser);
  await clerk.goto(ui.url);
  await fillNewRow(clerk, {
    fields: {
      area: '社会救助', item_l1: '最低生活保障', item_l2: '审核信息', content: '初审对象名单及相关信息',
      basis: '《社会救助暂行办法》', time_limit: '10个工作日内，公示7个工作日', subject: '红旗村民委员会',
    },
    choices: ['社区/企事业单位/村公示栏（电子屏）', '特定群体', '主动', '村级'],
  });
  await clerk.getByRole('button', { name: '保存' }).click();
  await clerk.getByText('已新增条目').waitFor();
  await clerk.getByRole('link', { name: '目录', exact: true }).click();
  let sync = await syncFromPage(clerk);
  assert.equal(sync.state, 'ok', sync.message);
  const row = clerk.locator('#rows tbody tr', { hasText: '审核信息' });
  assert.equal(await row.locator('.badge').textContent(), '待审批');

  // The administrator signs in, sees the row as new values, approves.
  const hub = town.hub.url;
  const admin = await newPage(browser, { ignoreHTTPSErrors: true });
  await admin.goto(`${hub}/admin`);
  await admin.fill('#admin', ADMIN);
  await admin.fill('#password', PASSWORD);
  await admin.click('button[type=submit]:has-text("登录")');
  await admin.waitForURL(`${hub}/admin`);
  await admin.locator('.changeset td.new', { hasText: '初审对象名单及相关信息' }).first().waitFor();
  await admin.fill('#note', '红旗村低保审核信息');
  await admin.click('button:has-text("批准全部")');
  await admin.getByText('已批准，生成第 1 版目录').waitFor();
  await screenshot(admin, 'round-01-admin-approved');

  // The clerk syncs again: the approved version.
  sync = await syncFromPage(clerk);
  assert.equal(sync.state, 'ok', sync.message);
  assert.match(sync.message, /已收到镇里批准的目录第 1 版/);
  assert.equal(await row.locator('.badge').textContent(), '已批准');
  assert.equal(await clerk.locator('#st-version').textContent(), '1');
  await screenshot(clerk, 'round-02-station-approved');

  // Anyone: the public page shows the row.
  const visitor = await newPage(browser, { ignoreHTTPSErrors: true });
  await visitor.goto(`${hub}/?q=${encodeURIComponent('审核信息')}`);
  const shown = visitor.locator('table.catalog tbody tr', { hasText: '审核信息' });
  await shown.first().waitFor();
  assert.match(await shown.first().innerText(), /初审对象名单及相关信息/);
  await screenshot(visitor, 'round-03-public');
  assert.deepEqual(clerk.consoleErrors, []);
});
