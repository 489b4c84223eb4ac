// Set-ups shared by the specs of the administrator's pages.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { startTown } = require('./town');
const { launchBrowser, newPage } = require('./browser');

// A town (lib/town.js) whose administrator has a password (`gongkai-hub
// admin passwd`: the key becomes encrypted; the command line then signs
// with GONGKAI_ADMIN_PASSWORD, set here) and a browser; both are stopped
// after the test `t`.
async function startTownWithBrowser(t, { name, admin, password, villages }) {
  const town = await startTown({ name, admin, villages });
  const browser = await launchBrowser();
  t.after(async () => {
    await browser.close();
    await town.stop();
  });
  const pwFile = path.join(town.root, 'password.txt');
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  town.hubCli(['admin', 'passwd', '--password-file', pwFile]);
  process.env.GONGKAI_ADMIN_PASSWORD = password;
  return { town, browser };
}

// Version 1 from the sample catalog of 红旗村 (hongqi-01, approved on the
// command line); then hongqi-01 and hongqi-02 set 公开时限 of 财务收支 to
// 每月10日前 and 每月5日前 and sync with `notes`: two pending change sets
// in conflict. Returns the row's id.
function twoOfficesEditOneRow(town, notes = ['办公室电脑', '文书笔记本']) {
  const sample = path.join(__dirname, '..', '..', '..', 'packaging', 'sample', 'catalog-hongqi.csv');
  town.stationCli('hongqi-01', ['import', sample]);
  town.stationCli('hongqi-01', ['sync', '--note', '导入红旗村政务公开目录']);
  town.hubCli(['approve', '--all', '--note', '红旗村目录首次入库']);
  town.stationCli('hongqi-01', ['sync']);
  town.stationCli('hongqi-02', ['sync']);
  const listed = JSON.parse(town.stationCli('hongqi-01', ['list', '--json']));
  const rows = Array.isArray(listed) ? listed : listed.rows;
  const rowId = rows.find((r) => r.item_l2 === '财务收支').id;
  town.stationCli('hongqi-01', ['edit', rowId, '--set', 'time_limit=每月10日前']);
  town.stationCli('hongqi-02', ['edit', rowId, '--set', 'time_limit=每月5日前']);
  town.stationCli('hongqi-01', ['sync', '--note', notes[0]]);
  town.stationCli('hongqi-02', ['sync', '--note', notes[1]]);
  return rowId;
}

// A desktop page of the hub at `url` signed in as `admin`; `external`
// collects every request to another address (there should be none).
async function signedInPage(browser, url, admin, password) {
  const page = await newPage(browser, { ignoreHTTPSErrors: true });
  const external = [];
  page.on('request', (r) => { if (!r.url().startsWith(url)) external.push(r.url()); });
  await page.goto(`${url}/admin/login`);
  await page.fill('#admin', admin);
  await page.fill('#password', password);
  await page.click('button[type=submit]:has-text("登录")');
  await page.waitForURL(`${url}/admin`);
  return { page, external };
}

module.exports = { startTownWithBrowser, twoOfficesEditOneRow, signedInPage };
