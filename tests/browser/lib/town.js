// A town for browser specs: a real `gongkai-hub serve` on a free loopback
// port and village stations made with the real gongkai-station CLI, all in
// a fresh directory under $GONGKAI_BROWSER_RUNS (run.sh sets it to
// BUILD/browser-runs). Everything started here is stopped by town.stop().
//
//   const town = await startTown({ name: 'station_sync', villages: [{ id: 'hongqi-01', unit: '红旗村' }] });
//   town.hubCli(['approve', '--all'])        // gongkai-hub ARGS --dir HUB
//   town.stationCli('hongqi-01', ['status'])  // gongkai-station ARGS --dir STATION
//   const ui = await town.startStationUi('hongqi-01');  // { url, port, stop() }
//   await town.stop();
//
// Options: hubServeArgs (extra flags for `gongkai-hub serve`, e.g. for the
// administrator's pages), admin (name, default 'wang-zhen').
'use strict';

const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

function buildDir() {
  const dir = process.env.GONGKAI_BUILD;
  if (!dir) throw new Error('GONGKAI_BUILD is not set: run the specs through tests/browser/run.sh BUILD_DIR');
  return dir;
}

const HUB = () => path.join(buildDir(), 'hub', 'gongkai-hub');
const STATION = () => path.join(buildDir(), 'station', 'gongkai-station');

function runsRoot() {
  return process.env.GONGKAI_BROWSER_RUNS || path.join(buildDir(), 'browser-runs');
}

// Runs a program to completion; its stdout. Throws with stderr on failure.
function run(program, args, opts = {}) {
  try {
    return execFileSync(program, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...opts });
  } catch (e) {
    throw new Error(`${path.basename(program)} ${args.join(' ')} failed (${e.status}):\n${e.stdout}\n${e.stderr}`);
  }
}

// Waits until file holds a complete line; its text without the newline.
async function waitForLine(file, child, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}; see ${child.logFile}`);
    try {
      const text = fs.readFileSync(file, 'utf8');
      if (text.endsWith('\n')) return text.trim();
    } catch (_) { /* not written yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not start in time; see ${child.logFile}`);
}

// Starts a long-running program with output to logFile.
function startProcess(program, args, logFile) {
  const log = fs.openSync(logFile, 'a');
  const child = spawn(program, args, { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  child.logFile = logFile;
  return child;
}

async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
  await exited;
  clearTimeout(timer);
}

async function startTown({ name = 'town', villages = [], hubServeArgs = [], admin = 'wang-zhen' } = {}) {
  for (const p of [HUB(), STATION()]) {
    if (!fs.existsSync(p)) throw new Error(`${p} is not built`);
  }
  fs.mkdirSync(runsRoot(), { recursive: true });
  const root = fs.mkdtempSync(path.join(runsRoot(), `${name}-`));
  const hubDir = path.join(root, 'hub');
  const children = [];

  run(HUB(), ['init', '--dir', hubDir, '--origin', 'baofeng.gongkai.example/log', '--admin', admin]);
  const info = JSON.parse(run(HUB(), ['info', '--dir', hubDir, '--json']));
  const portFile = path.join(root, 'hub.port');
  const hubProcess = startProcess(HUB(), ['serve', '--dir', hubDir, '--listen', '127.0.0.1:0',
    '--port-file', portFile, ...hubServeArgs], path.join(root, 'hub.log'));
  children.push(hubProcess);
  const hubPort = Number(await waitForLine(portFile, hubProcess, 'gongkai-hub serve'));
  const hubUrl = `https://127.0.0.1:${hubPort}`;

  const stations = {};
  for (const v of villages) {
    const dir = path.join(root, v.id);
    const out = run(STATION(), ['init', '--dir', dir, '--id', v.id, '--unit', v.unit, '--hub', hubUrl,
      '--hub-key', info.log_key, '--hub-cert-sha256', info.cert_sha256]);
    const key = out.split('\n').find((l) => l.startsWith(`${v.id}+`));
    if (!key) throw new Error(`no verifier key in the output of station init:\n${out}`);
    run(HUB(), ['station', 'add', '--dir', hubDir, '--id', v.id, '--unit', v.unit, '--key', key.trim()]);
    stations[v.id] = { ...v, dir };
  }

  const town = {
    root,
    admin,
    hub: { dir: hubDir, port: hubPort, url: hubUrl, info, process: hubProcess,
      tlsCert: path.join(hubDir, 'tls.crt') },
    stations,
    hubCli(args) {
      return run(HUB(), [...args, '--dir', hubDir]);
    },
    stationCli(id, args) {
      return run(STATION(), [...args, '--dir', stations[id].dir]);
    },
    // `gongkai-station ui` of one village on a free port; the URL it prints.
    async startStationUi(id) {
      const urlFile = path.join(root, `${id}.ui.url`);
      const child = startProcess(STATION(), ['ui', '--dir', stations[id].dir, '--port', '0',
        '--url-file', urlFile], path.join(root, `${id}.ui.log`));
      children.push(child);
      const url = await waitForLine(urlFile, child, 'gongkai-station ui');
      const port = Number(new URL(url).port);
      return { url, port, origin: `http://127.0.0.1:${port}`, stop: () => stopProcess(child) };
    },
    async stop() {
      for (const c of children.reverse()) await stopProcess(c);
    },
  };
  return town;
}

module.exports = { startTown, run, HUB, STATION };
