// The administrator's selective approval, reject confirmation and roster
// pages in a real browser (hub/web/admin_pages.cc, roster_pages.cc,
// docs/hub-web.md). Two computers of 红旗村 change 公开时限 of the same
// row: with both picked the page shows their conflict; the administrator
// picks only the first, sees no conflict for that pick, and approves
// exactly it. The second is rejected through the confirmation page. Then
// the roster page: add 李明 (li-ming), who signs in; re-key li-ming (lost
// password); revoke li-ming — each signed by the signed-in administrator
// after typing their own password, and `gongkai-hub admin list --json`
// agrees. Screenshots: hub-admin-*.png.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { screenshot } = require('../lib/browser');
const { startTownWithBrowser, signedInPage, twoOfficesEditOneRow } = require('../lib/hub_admin');

const ADMIN = 'wang-zhen';
const PASSWORD = '镇政务公开办-浏览器测试';
const LI_OLD = 'li-ming-mima-2026';
const LI_NEW = 'li-ming-xin-mima-2026';

test('selective approval, reject confirmation and the roster page', async (t) => {
  const { town, browser } = await startTownWithBrowser(t, {
    name: 'hub_admin_pages',
    admin: ADMIN,
    password: PASSWORD,
    villages: [{ id: 'hongqi-01', unit: '红旗村' }, { id: 'hongqi-02', unit: '红旗村' }],
  });
  twoOfficesEditOneRow(town);

  const url = town.hub.url;
  const { page, external } = await signedInPage(browser, url, ADMIN, PASSWORD);

  // Both picked (the default): their conflict is shown.
  await page.locator('.conflict').first().waitFor();
  const picks = page.locator('#pick input[name=pick]');
  assert.equal(await picks.count(), 2);
  assert.equal(await page.locator('#pick input[name=pick]:checked').count(), 2);

  // Pick only the first computer's change set: no conflict for that pick.
  await page.locator('#pick label', { hasText: 'hongqi-02' }).locator('input').uncheck();
  await page.click('#pick-button');
  await page.getByText('下面是只批准所选变更集的合并结果，还没有签名').waitFor();
  assert.equal(await page.locator('.conflict').count(), 0);
  assert.match(await page.locator('.picked').innerText(), /没有选的留在待审里: hongqi-02 第 1 批/);
  assert.match(await page.locator('#approve-button').innerText(), /批准所选的 1 个变更集，生成第 2 版/);
  await screenshot(page, 'hub-admin-01-picked');
  await page.click('#approve-button');
  await page.getByText('已批准，生成第 2 版目录').waitFor();

  // Version 2 has exactly the first computer's change set; the second is pending.
  const pending = JSON.parse(town.hubCli(['pending', '--json']));
  assert.equal(pending.version, 2);
  assert.deepEqual(pending.changesets.map((c) => c.station), ['hongqi-02']);

  // Reject the second: a confirmation page first, then the signature.
  const card = page.locator('.changeset', { hasText: 'hongqi-02' });
  await card.locator('input[name=reason]').fill('与办公室电脑的修改重复');
  await card.locator('button:has-text("退回这个变更集")').click();
  await page.getByRole('heading', { name: '确认退回' }).waitFor();
  assert.equal(await page.locator('#reason').inputValue(), '与办公室电脑的修改重复');
  assert.equal(JSON.parse(town.hubCli(['pending', '--json'])).changesets.length, 1,
    'nothing is rejected before the confirmation');
  await screenshot(page, 'hub-admin-02-reject-confirm');
  await page.click('#confirm-reject');
  await page.getByText('已退回，理由会送回村里').waitFor();
  assert.equal(JSON.parse(town.hubCli(['pending', '--json'])).changesets.length, 0);

  // The roster: add li-ming.
  await page.getByRole('link', { name: '管理员名单' }).click();
  await page.getByText('创世记录').waitFor();
  await page.fill('#add-name', 'li-ming');
  await page.fill('#add-pw', LI_OLD);
  await page.fill('#add-pw2', LI_OLD);
  await page.fill('#add-my', PASSWORD);
  await page.click('#add button[type=submit]');
  await page.getByText('已添加管理员').waitFor();
  const liRow = page.locator('table.roster tr', { hasText: 'li-ming' });
  assert.match(await liRow.innerText(), /在任/);
  assert.match(await liRow.innerText(), /由 wang-zhen 签名/);
  await screenshot(page, 'hub-admin-03-roster-added');

  // li-ming signs in elsewhere.
  const other = await browser.newContext({ ignoreHTTPSErrors: true });
  const liPage = await other.newPage();
  const signIn = async (password) => {
    await liPage.goto(`${url}/admin/login`);
    await liPage.fill('#admin', 'li-ming');
    await liPage.fill('#password', password);
    await liPage.click('button[type=submit]:has-text("登录")');
  };
  await signIn(LI_OLD);
  await liPage.waitForURL(`${url}/admin`);

  // li-ming lost the password: re-key with a new one.
  await liRow.locator('summary', { hasText: '重设密码' }).click();
  await liRow.locator('input[name=password]').fill(LI_NEW);
  await liRow.locator('input[name=password_again]').fill(LI_NEW);
  await liRow.locator('.rekey input[name=my_password]').fill(PASSWORD);
  await liRow.locator('.rekey button[type=submit]').click();
  await page.getByText('已为该管理员换了新密钥和新密码').waitFor();
  await signIn(LI_OLD);
  await liPage.getByText('管理员名称或密码不对').waitFor();
  await signIn(LI_NEW);
  await liPage.waitForURL(`${url}/admin`);

  // A wrong password of the signer refuses the revocation.
  const liRow2 = page.locator('table.roster tr', { hasText: 'li-ming' }).last();
  await liRow2.locator('summary', { hasText: '撤销' }).click();
  await liRow2.locator('.revoke input[name=my_password]').fill('not-my-password');
  await liRow2.locator('.revoke button[type=submit]').click();
  await page.getByText('wrong_password').first().waitFor();
  await page.goto(`${url}/admin/roster`);

  const liActive = page.locator('table.roster tr', { hasText: 'li-ming' }).last();
  await liActive.locator('summary', { hasText: '撤销' }).click();
  await liActive.locator('.revoke input[name=my_password]').fill(PASSWORD);
  await liActive.locator('.revoke button[type=submit]').click();
  await page.getByText('已撤销（已签名并记入日志）').waitFor();
  await screenshot(page, 'hub-admin-04-roster-revoked');

  const roster = JSON.parse(town.hubCli(['admin', 'list', '--json'])).admins;
  const li = roster.filter((a) => a.name === 'li-ming');
  assert.equal(li.length, 1);
  assert.equal(li[0].status, 'revoked');
  assert.equal(li[0].added_by, ADMIN);
  assert.equal(li[0].revoked_by, ADMIN);
  assert.ok(roster.find((a) => a.name === ADMIN).status === 'active');
  // Revoked: signing in is refused.
  await signIn(LI_NEW);
  await liPage.getByText('admin_revoked').waitFor();
  assert.equal(new URL(liPage.url()).pathname, '/admin/login');

  assert.deepEqual(page.consoleErrors, []);
  assert.deepEqual(external, [], 'nothing fetched from outside the hub');
  await other.close();
});
