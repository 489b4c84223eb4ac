// The administrator's compliance page (公开情况) and the public page's
// posting records in a real browser (hub/web/compliance_pages.cc,
// posting_html.cc; docs/hub-web.md § Compliance). 红旗村 (hongqi-01) and
// 东风村 (dongfeng-01) import small catalogs whose 公开时限 are chosen from
// today (China time) so that, for the previous month P: 红旗村's 低保 record
// is on time (due today; recorded with two photos), its 收支 record late
// (due on P's first day, posted on P's last) and 东风村's 低保 missing. The
// administrator picks P, sees 按时 / 逾期 / 缺失, drills down into 东风村 and
// downloads the CSV (the same bytes as `gongkai-hub compliance --csv`);
// the public row page shows the record with its two photos as thumbnails
// that load from the hub. Screenshots: hub-compliance-*.png.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { screenshot } = require('../lib/browser');
const { startTownWithBrowser, signedInPage } = require('../lib/hub_admin');

const ADMIN = 'wang-zhen';
const PASSWORD = '镇政务公开办-浏览器测试';
const HEADER = '单位,领域,一级事项,二级事项,公开内容（要素）,公开依据,公开时限,公开主体,公开渠道和载体,'
  + '其他渠道,公开对象,公开方式,公开层级,五公开,咨询电话,备注';
// A 1×1 PNG; the second photo is the same picture with bytes after IEND
// (ignored by viewers), so the two have different hashes.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function catalogCsv(unit, rows) {
  const lines = rows.map(([area, item, limit]) => [unit, area, '村级事务', item, '名单和金额',
    '《村民委员会组织法》', limit, `${unit}民委员会`, '社区/企事业单位/村公示栏（电子屏）', '', '特定群体',
    '主动', '村级', '结果', '0375-6123401', ''].join(','));
  return `\uFEFF${HEADER}\n${lines.join('\n')}\n`;
}

// Today in China (UTC+8), the previous month P, its last day and the
// number of days from it to today.
function dates() {
  const cn = new Date(Date.now() + 8 * 3600 * 1000);
  const y = cn.getUTCFullYear();
  const m = cn.getUTCMonth() + 1;
  const d = cn.getUTCDate();
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const last = new Date(Date.UTC(py, pm, 0)).getUTCDate();
  const iso = (yy, mm, dd) => `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  return { today: iso(y, m, d), period: `${py}年${pm}月`, lastDay: iso(py, pm, last), daysSince: d };
}

function rowIdOf(town, station, unit, item) {
  const listed = JSON.parse(town.stationCli(station, ['list', '--json']));
  const rows = Array.isArray(listed) ? listed : listed.rows;
  return rows.find((r) => r.unit === unit && r.item_l2 === item).id;
}

test('compliance view and public postings with photos', async (t) => {
  const { town, browser } = await startTownWithBrowser(t, {
    name: 'hub_compliance',
    admin: ADMIN,
    password: PASSWORD,
    villages: [{ id: 'hongqi-01', unit: '红旗村' }, { id: 'dongfeng-01', unit: '东风村' }],
  });
  const { today, period, lastDay, daysSince } = dates();
  const files = {
    hongqi: path.join(town.root, 'hongqi.csv'),
    dongfeng: path.join(town.root, 'dongfeng.csv'),
    photo1: path.join(town.root, '公示栏-1.png'),
    photo2: path.join(town.root, '公示栏-2.png'),
  };
  fs.writeFileSync(files.hongqi, catalogCsv('红旗村', [
    ['村务公开', '低保对象', `每月结束后${daysSince}日内`],
    ['财务公开', '财务收支', '每月1日前'],
  ]));
  fs.writeFileSync(files.dongfeng, catalogCsv('东风村', [['村务公开', '低保对象', '每月1日前']]));
  fs.writeFileSync(files.photo1, PNG);
  fs.writeFileSync(files.photo2, Buffer.concat([PNG, Buffer.from('gongkai-2')]));

  town.stationCli('hongqi-01', ['import', files.hongqi]);
  town.stationCli('hongqi-01', ['sync', '--note', '红旗村目录']);
  town.stationCli('dongfeng-01', ['import', files.dongfeng]);
  town.stationCli('dongfeng-01', ['sync', '--note', '东风村目录']);
  town.hubCli(['approve', '--all', '--note', '两村目录入库']);
  town.stationCli('hongqi-01', ['sync']);
  const dibao = rowIdOf(town, 'hongqi-01', '红旗村', '低保对象');
  const shouzhi = rowIdOf(town, 'hongqi-01', '红旗村', '财务收支');
  town.stationCli('hongqi-01', ['record', dibao, '--period', period, '--posted', today,
    '--from', today, '--to', today, '--note', '村委会门口公示栏', '--attach', files.photo1,
    '--attach', files.photo2]);
  town.stationCli('hongqi-01', ['record', shouzhi, '--period', period, '--posted', lastDay]);
  town.stationCli('hongqi-01', ['sync']);
  const records = JSON.parse(town.stationCli('hongqi-01', ['records', '--json'])).records;
  assert.deepEqual(records.map((r) => r.state), ['accepted', 'accepted']);
  const hashes = records.find((r) => r.row_id === dibao).attachments.map((a) => a.sha256);
  assert.equal(hashes.length, 2);

  const url = town.hub.url;
  const { page, external } = await signedInPage(browser, url, ADMIN, PASSWORD);

  // The navigation leads to the page; it opens on the current month.
  await page.getByRole('link', { name: '公开情况' }).click();
  await page.locator('#period-form').waitFor();
  assert.notEqual(await page.locator('#period').inputValue(), period);

  // A period it cannot read: the reason, in one line.
  await page.fill('#period', '2026年13月');
  await page.click('#period-button');
  assert.match(await page.locator('#period-error').innerText(), /\[bad_period\] 看不懂期间“2026年13月”/);

  // Pick P: 红旗村 1 on time, 1 late; 东风村 1 missing.
  await page.fill('#period', period);
  await page.click('#period-button');
  const hongqi = page.locator('#by-unit tr[data-unit="红旗村"]');
  await hongqi.waitFor();
  assert.equal(await hongqi.locator('.on-time').innerText(), '1');
  assert.equal(await hongqi.locator('.late').innerText(), '1');
  assert.equal(await hongqi.locator('.missing').innerText(), '0');
  const dongfeng = page.locator('#by-unit tr[data-unit="东风村"]');
  assert.equal(await dongfeng.locator('.missing').innerText(), '1');
  assert.equal(await dongfeng.locator('.on-time').innerText(), '0');
  await screenshot(page, 'hub-compliance-01-summary');

  // Drill down into 东风村: its row is 缺失.
  await dongfeng.locator('a.drill').click();
  const unitRows = page.locator('#unit-rows');
  await unitRows.waitFor();
  assert.match(await unitRows.innerText(), /东风村 的条目/);
  assert.match(await unitRows.locator('.status.missing').innerText(), /缺失/);
  await screenshot(page, 'hub-compliance-02-drill-down');

  // The CSV download: exactly the command line's bytes.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const saved = path.join(town.root, 'downloaded.csv');
  await download.saveAs(saved);
  const cli = town.hubCli(['compliance', '--period', period, '--csv']);
  assert.deepEqual(fs.readFileSync(saved), Buffer.from(cli, 'utf8'));
  assert.match(cli, /红旗村,财务公开,0,1,0,0,0/);

  // The public row page: the record with its two photos, loaded from the hub.
  await page.goto(`${url}/rows/${dibao}`);
  const postings = page.locator('#postings');
  await postings.waitFor();
  assert.match(await postings.innerText(), new RegExp(`${period}[\\s\\S]*${today}`));
  assert.match(await postings.innerText(), /社区\/企事业单位\/村公示栏（电子屏）/);
  const imgs = postings.locator('img');
  assert.equal(await imgs.count(), 2);
  const srcs = await imgs.evaluateAll((els) => els.map((e) => e.getAttribute('src')));
  assert.deepEqual(srcs.sort(), hashes.map((h) => `/v1/attachments/${h}`).sort());
  await page.waitForFunction(() => [...document.querySelectorAll('#postings img')]
    .every((i) => i.complete && i.naturalWidth > 0));
  await screenshot(page, 'hub-compliance-03-row-postings');
  // The thumbnail links to the full image, served as image/png.
  const href = await postings.locator('a.photo').first().getAttribute('href');
  const image = await page.request.get(`${url}${href}`);
  assert.equal(image.status(), 200);
  assert.equal(image.headers()['content-type'], 'image/png');

  // The catalog page names each row's latest posting.
  await page.goto(`${url}/`);
  assert.match(await page.locator(`a[href="/rows/${dibao}#postings"]`).innerText(),
    new RegExp(`${period}\\s*${today} 公开 · 2 个附件`));
  assert.deepEqual(external, [], 'nothing is fetched from outside');
  assert.deepEqual(page.consoleErrors, []);
});
