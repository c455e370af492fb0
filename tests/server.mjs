// Starts a real `randori serve` on an ephemeral port for JavaScript tests.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function startServer(extraArgs = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'randori-js-'));
  const bin = process.env.RANDORI_BIN ?? join(root, 'target/debug/randori');
  const child = spawn(bin, [
    'serve', '--addr', '127.0.0.1:0', '--data-dir', dataDir,
    '--katas-dir', join(root, 'katas'), '--web-dir', join(root, 'web/dist'),
    '--guest-wasm', join(root, 'build/runner.wasm'),
    '--cache-dir', process.env.RANDORI_CACHE_DIR ?? join(root, 'target/randori-cache'),
    ...extraArgs,
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`randori exited with ${code}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function api(base, method, path, body, token) {
  const res = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
