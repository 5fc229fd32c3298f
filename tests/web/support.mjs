// Test support: the built service on a loopback port with the demo data, a host page on another
// origin, and Debian's Chromium driven by playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const sourceDir = process.env.UGK_SOURCE_DIR || path.resolve(here, '../..');
export const binary = process.env.UGK_BINARY || path.join(sourceDir, 'build/ugykalauz');
export const artifactDir = process.env.UGK_ARTIFACTS || path.join(sourceDir, 'build/test-artifacts');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

// Imports data/ into a fresh folder and serves it; stop() ends the server and removes the folder.
export async function startService(extraArgs = []) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ugk-web-'));
  const imported = spawnSync(binary, ['import', '--quiet', '--data-dir', dataDir, path.join(sourceDir, 'data')], { encoding: 'utf8' });
  if (imported.status !== 0) throw new Error(`import failed: ${imported.stdout}${imported.stderr}`);
  const port = await freePort();
  const child = spawn(binary, ['serve', '--data-dir', dataDir, '--port', String(port), '--refresh-seconds', '0', ...extraArgs],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, UGK_LOG_LEVEL: 'warn' } });
  let log = '';
  child.stderr.on('data', (chunk) => { log += chunk; });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const response = await fetch(`${base}/readyz`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (i > 200 || child.exitCode !== null) throw new Error(`server did not become ready: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    base,
    port,
    dataDir,
    log: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        console.error(`ugykalauz serve ended early (${child.exitCode ?? child.signalCode}):\n${log}`);
      }
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// A page on another origin, serving `html` at every path.
export async function startHostPage(html, port) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(r)) };
}

// The flags cpp.md lists for this machine; root needs --no-sandbox.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.UGK_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page, name) {
  mkdirSync(artifactDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactDir, `${name}.png`), fullPage: true });
}

// axe-core run inside the page (shadow roots included); returns the violations.
export async function axeViolations(page) {
  await page.addScriptTag({ path: path.join(here, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
}
