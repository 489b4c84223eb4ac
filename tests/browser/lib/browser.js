// The browser for specs: Debian's chromium (/usr/bin/chromium, or
// $CHROMIUM) driven by playwright-core, headless and without the sandbox
// (CI containers run as root), plus screenshots into $GONGKAI_SCREENSHOTS
// (run.sh: BUILD/browser-screenshots).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');

async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox'],
  });
}

// A desktop page as on the village office's PC (1366×768), or a phone.
async function newPage(browser, { phone = false, ...options } = {}) {
  const viewport = phone ? { width: 390, height: 844 } : { width: 1366, height: 768 };
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true,
    isMobile: phone, hasTouch: phone, deviceScaleFactor: 1, ...options });
  const page = await context.newPage();
  page.consoleErrors = [];
  page.on('pageerror', (e) => page.consoleErrors.push(String(e)));
  // Script errors only: a 400 answer to a form with mistakes is expected.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) page.consoleErrors.push(m.text());
  });
  return page;
}

async function screenshot(page, name, { fullPage = true } = {}) {
  const dir = process.env.GONGKAI_SCREENSHOTS;
  if (!dir) return null;
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

module.exports = { launchBrowser, newPage, screenshot };
