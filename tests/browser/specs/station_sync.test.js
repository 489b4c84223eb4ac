// The clerk's page in a real browser: a clerk of 红旗村 adds a row through
// the form (first with a mistake, shown next to the field), clicks 同步;
// the town administrator approves (with the `gongkai-hub approve` command
// until the administrator's page has a spec of its own); the clerk syncs
// again and the page shows the approved version. Also: a row text with
// <script> is shown as text, and the page fits a phone.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const { startTown } = require('../lib/town');
const { launchBrowser, newPage, screenshot } = require('../lib/browser');
const { fillNewRow, syncFromPage } = require('../lib/station_page');

test('clerk adds a row, syncs, and sees the approved version', async (t) => {
  const town = await startTown({ name: 'station_sync', villages: [{ id: 'hongqi-01', unit: '红旗村' }] });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await town.stop();
  });
  const ui = await town.startStationUi('hongqi-01');
  const page = await newPage(browser);

  // The printed link logs in and lands on the catalog.
  await page.goto(ui.url);
  assert.match(new URL(page.url()).pathname, /^\/s\/[0-9a-f]{32}\/$/);
  await page.getByText('目录还是空的').waitFor();
  await screenshot(page, 'station-01-empty');

  // The form, with a mistake: no 公开主体, no 公开对象.
  await fillNewRow(page, {
    fields: {
      area: '村务公开', item_l1: '村级财务', item_l2: '财务收支', content: '收支明细；集体资产；债权债务',
      basis: '《村民委员会组织法》第三十条', time_limit: '每季度首月20日前',
    },
    choices: ['社区/企事业单位/村公示栏（电子屏）', '主动', '村级'],
  });
  await page.getByRole('button', { name: '保存' }).click();
  const subjectError = page.locator('#err-subject');
  await subjectError.waitFor();
  assert.equal(await subjectError.getAttribute('data-reason'), 'empty_required');
  assert.equal(await subjectError.textContent(), '公开主体 不能为空');
  assert.equal(await page.locator('#err-audience').getAttribute('data-reason'), 'empty_required');
  assert.equal(await page.inputValue('#f-item_l2'), '财务收支');  // what was typed is kept
  await screenshot(page, 'station-02-form-errors');

  await page.fill('#f-subject', '红旗村民委员会');
  await page.getByLabel('特定群体').check();
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已新增条目').waitFor();
  assert.equal(await page.locator('#row-state').textContent(), '未封存');

  // Sync: sealed and sent; the town has not decided yet.
  await page.getByRole('link', { name: '目录', exact: true }).click();
  let sync = await syncFromPage(page);
  assert.equal(sync.state, 'ok', sync.message);
  assert.match(sync.message, /已受理 1 个/);
  const row = page.locator('#rows tbody tr', { hasText: '财务收支' });
  assert.equal(await row.locator('.badge').textContent(), '待审批');
  assert.equal(await page.locator('#st-outbox').textContent(), '1');
  await screenshot(page, 'station-03-sent');

  // The town approves (hub CLI), the clerk syncs again.
  town.hubCli(['approve', '--all', '--note', '红旗村财务收支入库']);
  sync = await syncFromPage(page);
  assert.equal(sync.state, 'ok', sync.message);
  assert.match(sync.message, /已收到镇里批准的目录第 1 版/);
  assert.equal(await row.locator('.badge').textContent(), '已批准');
  assert.equal(await page.locator('#st-version').textContent(), '1');
  assert.equal(await page.locator('#st-outbox').textContent(), '0');
  assert.equal(await page.locator('#st-rows').textContent(), '1');
  await screenshot(page, 'station-04-approved');

  // The same page on a phone.
  // (The printed link works once: the phone-sized window gets the session.)
  const phone = await newPage(browser, { phone: true });
  await phone.context().addCookies(await page.context().cookies());
  await phone.goto(page.url().split('?')[0]);
  await phone.locator('#rows tbody tr').first().waitFor();
  await screenshot(phone, 'station-05-phone');
  assert.deepEqual(page.consoleErrors, []);
});

test('a row text with <script> is shown as text and never runs', async (t) => {
  const town = await startTown({ name: 'station_escape', villages: [{ id: 'hongqi-02', unit: '红旗村' }] });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await town.stop();
  });
  const evil = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">';
  town.stationCli('hongqi-02', ['add', '--area', '村务公开', '--item-l1', '村级事务', '--item-l2', evil,
    '--content', evil, '--basis', '组织法', '--time-limit', '每月', '--subject', '村委会',
    '--channels', '政府网站', '--audience', '全社会', '--mode', '主动', '--levels', '村级']);
  const ui = await town.startStationUi('hongqi-02');
  const page = await newPage(browser);
  await page.goto(ui.url);
  const row = page.locator('#rows tbody tr').first();
  assert.equal(await row.locator('td[data-label="二级事项"]').textContent(), evil);
  await row.getByRole('link', { name: '修改' }).click();
  assert.equal(await page.inputValue('#f-item_l2'), evil);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

test('the page refuses a post from another web site', async (t) => {
  const town = await startTown({ name: 'station_csrf', villages: [{ id: 'hongqi-03', unit: '红旗村' }] });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await town.stop();
  });
  const ui = await town.startStationUi('hongqi-03');
  const page = await newPage(browser);
  await page.goto(ui.url);  // the clerk is logged in
  // Another site (here: a page on another origin) posts a form to the station
  // page — even knowing the page's secret path.
  const home = page.url();
  const attacker = await page.context().newPage();
  await attacker.route('http://attacker.example/', (route) => route.fulfill({
    contentType: 'text/html',
    body: `<form method="post" action="${home}sync" id="f"><input name="csrf" value="guess"></form>
           <script>document.getElementById('f').submit()</script>`,
  }));
  // Chromium may block the request outright (private network access) or
  // send it without the SameSite=Strict cookie; either way the page must not act.
  const outcome = new Promise((resolve) => {
    attacker.on('response', (r) => { if (r.url().startsWith(`${home}sync`)) resolve(r.status()); });
    attacker.on('requestfailed', (r) => { if (r.url().startsWith(`${home}sync`)) resolve('blocked'); });
  });
  await attacker.goto('http://attacker.example/');
  const result = await outcome;
  assert.ok(result === 403 || result === 'blocked', `answer: ${result}`);
  const status = JSON.parse(await page.evaluate(async () => (await fetch('api/status')).text()));
  assert.equal(status.sync.state, 'idle');
});

// Cookies are shared by every port of 127.0.0.1: another program listening
// there used to receive the clerk's session (then the launch key itself) on
// any request the browser made to it. The session cookie is now scoped to
// the launch's secret path, and the printed link works once.
test('another program on another port of 127.0.0.1 never receives the session', async (t) => {
  const http = require('node:http');
  const town = await startTown({ name: 'station_ports', villages: [{ id: 'hongqi-04', unit: '红旗村' }] });
  const browser = await launchBrowser();
  const seen = [];
  const other = http.createServer((req, res) => {
    seen.push({ url: req.url, cookie: req.headers.cookie || '' });
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(req.url === '/' ? '<img src="/probe.png"><img src="/s/probe.png"><p id="done">ok</p>' : '');
  });
  await new Promise((resolve) => other.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    await browser.close();
    other.close();
    await town.stop();
  });
  const ui = await town.startStationUi('hongqi-04');
  const page = await newPage(browser);
  await page.goto(ui.url);  // the clerk logs in
  await page.getByRole('button', { name: '同步' }).waitFor();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === `gk_station_${ui.port}`);
  assert.ok(session, JSON.stringify(cookies));
  assert.match(session.path, /^\/s\/[0-9a-f]{32}\/$/);
  assert.ok(!ui.url.includes(session.value), 'the cookie is not the launch key');

  // The same browser visits a page another program serves on another port.
  const visit = await page.context().newPage();
  await visit.goto(`http://127.0.0.1:${other.address().port}/`);
  await visit.locator('#done').waitFor();
  await visit.waitForLoadState('networkidle');
  assert.ok(seen.length >= 2, JSON.stringify(seen));
  for (const s of seen) {
    assert.ok(!s.cookie.includes(session.value), `the session leaked to ${s.url}: ${s.cookie}`);
    assert.ok(!s.cookie.includes('gk_station_'), `a station cookie leaked to ${s.url}: ${s.cookie}`);
  }

  // The printed link, used again (by anyone who saw it), is refused.
  const again = await newPage(browser);
  const answer = await again.goto(ui.url);
  assert.equal(answer.status(), 403);
  assert.equal(answer.headers()['x-gongkai-reason'], 'key_spent');
  // And the clerk's own window goes on working.
  const status = JSON.parse(await page.evaluate(async () => (await fetch('api/status')).text()));
  assert.equal(status.sync.state, 'idle');
});
