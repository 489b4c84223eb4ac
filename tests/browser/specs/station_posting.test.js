// The clerk records a posting (公开记录) on the row's page with a photo of
// the notice board: a mislabelled file is refused with its reason and
// nothing stored; the good photo is kept, the record appears in the row's
// records, and the page 本期应公开 moves the row's period to 已公开
// (docs/station-ui.md § 公开记录).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startTown } = require('../lib/town');
const { launchBrowser, newPage, screenshot } = require('../lib/browser');

const BOARD = '社区/企事业单位/村公示栏（电子屏）';
// The signature and IHDR chunk a PNG starts with: the station judges the
// type by these bytes.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);

test('clerk records a posting with a photo; the due page shows it done', async (t) => {
  const town = await startTown({ name: 'station_posting', villages: [{ id: 'hongqi-05', unit: '红旗村' }] });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await town.stop();
  });
  // A monthly row of 红旗村, approved by the town.
  town.stationCli('hongqi-05', ['add', '--area', '村务公开', '--item-l1', '社会保障', '--item-l2', '低保对象',
    '--content', '低保对象名单', '--basis', '《社会救助暂行办法》', '--time-limit', '每月5日前',
    '--subject', '红旗村民委员会', '--channels', BOARD, '--audience', '全社会', '--mode', '主动',
    '--levels', '村级']);
  town.stationCli('hongqi-05', ['sync']);
  town.hubCli(['approve', '--all', '--note', '低保对象入库']);
  town.stationCli('hongqi-05', ['sync']);
  const rowId = JSON.parse(town.stationCli('hongqi-05', ['list', '--json']))[0].id;
  const dir = town.stations['hongqi-05'].dir;

  const ui = await town.startStationUi('hongqi-05');
  const page = await newPage(browser);
  await page.goto(ui.url);

  // 本期应公开, from the navigation: this month's posting is not done.
  await page.getByRole('link', { name: '本期应公开' }).click();
  await page.getByRole('heading', { name: '本期应公开' }).waitFor();
  await page.locator(`a[href="row/${rowId}"]`).first().click();

  // The row's page: the form, pre-filled with this month and today.
  const period = await page.inputValue('#p-period');
  assert.match(period, /^\d{4}年\d{1,2}月$/);
  const today = await page.inputValue('#p-posted');
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(await page.getByLabel(BOARD).isChecked());  // the row's one channel
  const dueLine = async () => {
    await page.getByRole('link', { name: '本期应公开' }).click();
    await page.getByRole('heading', { name: '本期应公开' }).waitFor();
    return page.locator(`tr[data-row="${rowId}"]`, { hasText: period });
  };
  let line = await dueLine();
  assert.match(await line.getAttribute('data-status'), /^(due|missing)$/);
  await line.locator('a').click();

  // A PDF named .jpg: refused with its reason, the typed values kept, nothing stored.
  await page.fill('#p-note', '低保名单第11期');
  await page.setInputFiles('#p-attach', { name: '公示栏.jpg', mimeType: 'image/jpeg',
    buffer: Buffer.from('%PDF-1.4\n' + 'x'.repeat(100)) });
  await page.getByRole('button', { name: '登记公开记录' }).click();
  const error = page.locator('#posting-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('data-reason'), 'media_type_mismatch');
  assert.match(await error.textContent(), /\S/);
  assert.equal(await page.inputValue('#p-note'), '低保名单第11期');
  assert.ok(await page.locator('#records-none').isVisible());
  assert.ok(!fs.existsSync(path.join(dir, 'attachments')));
  await screenshot(page, 'station-posting-refused');

  // The photo of the notice board: recorded.
  await page.fill('#p-from', today);
  await page.fill('#p-to', today);
  await page.setInputFiles('#p-attach', { name: '公示栏.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: '登记公开记录' }).click();
  await page.getByText('已登记公开记录').waitFor();
  const records = page.locator('#records > li');
  assert.equal(await records.count(), 1);
  assert.match(await records.first().textContent(), new RegExp(`${period} · ${today} 公开于`));
  assert.match(await records.first().textContent(), /公示栏\.png/);
  assert.match(await records.first().textContent(), /未发送/);
  assert.equal(fs.readdirSync(path.join(dir, 'attachments')).filter((f) => f.length === 64).length, 1);
  const cli = JSON.parse(town.stationCli('hongqi-05', ['records', '--json'])).records;
  assert.equal(cli.length, 1);
  assert.equal(cli[0].attachments[0].file_name, '公示栏.png');
  assert.equal(cli[0].note, '低保名单第11期');
  await screenshot(page, 'station-posting-recorded');

  // 本期应公开: the period is done now.
  line = await dueLine();
  // (On time up to the 5th; a test run later in the month posts late.)
  assert.match(await line.getAttribute('data-status'), /^(on_time|late)$/);
  assert.match(await line.textContent(), /已公开（(按时|晚 \d+ 天)）/);
  assert.equal(await page.locator('#due-done').locator(`tr[data-row="${rowId}"]`).count(), 1);
  await screenshot(page, 'station-due');
  assert.deepEqual(page.consoleErrors, []);
});
