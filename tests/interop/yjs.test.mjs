// The real JavaScript client (npm yjs + y-websocket) against the real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { startServer, api } from '../server.mjs';

function client(base, room, token) {
  const doc = new Y.Doc();
  const wsBase = base.replace('http', 'ws') + `/rooms/${room}`;
  // disableBc: Node's BroadcastChannel would sync the docs without the server.
  const provider = new WebsocketProvider(wsBase, 'sync', doc, {
    params: token ? { token } : {},
    WebSocketPolyfill: WebSocket,
    disableBc: true,
  });
  return { doc, provider, text: doc.getText('solution') };
}

function until(what, pred, ms = 15000) {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      if (pred()) return resolve();
      if (Date.now() - start > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

// A free room with Ada and Bob joined and their stock clients synced.
async function pairInRoom(server) {
  const { id } = await api(server.url, 'POST', '/api/rooms', { mode: 'free' });
  const a = await api(server.url, 'POST', `/api/rooms/${id}/join`, { name: 'Ada' });
  const b = await api(server.url, 'POST', `/api/rooms/${id}/join`, { name: 'Bob' });
  const ada = client(server.url, id, a.token);
  const bob = client(server.url, id, b.token);
  await until('both synced', () => ada.provider.synced && bob.provider.synced);
  return { id, ada, bob };
}

test('two stock Yjs clients edit through the server and converge', async () => {
  const server = await startServer();
  try {
    const { id, ada, bob } = await pairInRoom(server);
    assert.equal(ada.text.toString(), bob.text.toString(), 'same starter text');
    for (let i = 0; i < 50; i++) {
      ada.text.insert(0, 'a');
      bob.text.insert(bob.text.length, 'b');
    }
    await until('converged', () => ada.text.toString() === bob.text.toString()
      && ada.text.toString().split('a').length - 1 >= 50 && ada.text.toString().split('b').length - 1 >= 50);
    // Awareness spreads between stock clients.
    ada.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    await until('awareness', () => [...bob.provider.awareness.getStates().values()].some((s) => s.user?.name === 'Ada'));
    // A late watcher gets everything.
    const late = client(server.url, id, null);
    await until('late joiner synced', () => late.provider.synced && late.text.toString() === ada.text.toString());
    for (const c of [ada, bob, late]) { c.provider.destroy(); c.doc.destroy(); }
  } finally {
    await server.stop();
  }
});

test('offline edits of a stock client merge on reconnect', async () => {
  const server = await startServer();
  try {
    const { ada, bob } = await pairInRoom(server);
    ada.provider.disconnect();
    ada.text.insert(0, 'OFFLINE ');
    bob.text.insert(0, 'ONLINE ');
    await new Promise((r) => setTimeout(r, 200));
    ada.provider.connect();
    await until('merged', () => ada.text.toString() === bob.text.toString()
      && ada.text.toString().includes('OFFLINE') && ada.text.toString().includes('ONLINE'));
    for (const c of [ada, bob]) { c.provider.destroy(); c.doc.destroy(); }
  } finally {
    await server.stop();
  }
});
