/**
 * Webhook targets (issue #15, item 8): with the production default (`LIANXIN_WEBHOOK_ALLOW_NETWORKS`
 * unset → none), loopback, private, shared, link-local/metadata and other non-public IPv4 and IPv6
 * addresses are refused when a webhook is saved, and again when it is delivered — on the addresses
 * the name resolves to at that moment (a name that pointed elsewhere when it was saved, as with DNS
 * rebinding, never reaches an internal port). An allow-listed network is delivered to, which is how
 * a local receiver keeps working. Both databases; a real HTTP receiver on 127.0.0.1.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressPolicy } from '../src/platform/adapters/address-policy';
import { loadConfig } from '../src/config';
import { createTestApp, type Session, type TestApp } from './support';

const dialects = await testDialects();

describe('address policy', () => {
  const strict = new AddressPolicy([]);
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '0.0.0.0',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.254',
    '192.168.1.1',
    '100.64.0.1',
    '100.127.255.254',
    '169.254.169.254',
    '192.0.0.8',
    '198.18.0.1',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    'fe80::1%eth0',
    'fec0::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::ffff:10.0.0.1',
    '::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::1',
    '2001:db8::1',
  ])('refuses %s', (address) => {
    expect(strict.refusal(address)).toMatch(/not a public address/);
  });

  it.each(['8.8.8.8', '93.184.215.14', '100.128.0.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808'])('allows %s', (address) => {
    expect(strict.refusal(address)).toBeNull();
  });

  it('allows exactly the listed networks, and everything with `any`', () => {
    const listed = new AddressPolicy(['10.20.0.0/16', 'fd00:1::/64', '127.0.0.1']);
    expect(listed.refusal('10.20.3.4')).toBeNull();
    expect(listed.refusal('10.21.0.1')).not.toBeNull();
    expect(listed.refusal('fd00:1::5')).toBeNull();
    expect(listed.refusal('fd00:2::5')).not.toBeNull();
    expect(listed.refusal('127.0.0.1')).toBeNull();
    expect(listed.refusal('::ffff:127.0.0.1')).toBeNull();
    expect(listed.refusal('127.0.0.2')).not.toBeNull();
    expect(new AddressPolicy('any').refusal('127.0.0.1')).toBeNull();
  });

  it('resolves names before judging them', async () => {
    expect(await strict.checkHost('localhost')).toMatch(/localhost resolves to .* not a public address/);
    expect(await strict.checkHost('[::1]')).toMatch(/not a public address/);
    expect(await strict.checkHost('no-such-host.invalid')).toMatch(/does not resolve/);
  });

  it('is refused by default in production only, and the setting is validated', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).webhookAllowNetworks).toEqual([]);
    expect(loadConfig({}).webhookAllowNetworks).toBe('any');
    expect(loadConfig({ NODE_ENV: 'production', LIANXIN_WEBHOOK_ALLOW_NETWORKS: '10.0.0.0/8, fd00::/8' }).webhookAllowNetworks).toEqual([
      '10.0.0.0/8',
      'fd00::/8',
    ]);
    expect(loadConfig({ LIANXIN_WEBHOOK_ALLOW_NETWORKS: 'none' }).webhookAllowNetworks).toEqual([]);
    expect(() => loadConfig({ LIANXIN_WEBHOOK_ALLOW_NETWORKS: '10.0.0.0/33' })).toThrow(/LIANXIN_WEBHOOK_ALLOW_NETWORKS/);
    expect(() => loadConfig({ LIANXIN_WEBHOOK_ALLOW_NETWORKS: 'intranet' })).toThrow(/LIANXIN_WEBHOOK_ALLOW_NETWORKS/);
  });
});

/** A receiver on 127.0.0.1 that counts what reaches it. */
async function startReceiver() {
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => res.writeHead(200).end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, hits: () => hits, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(dialects)('webhook targets on %s', (dialect) => {
  let strict: TestApp;
  let allowing: TestApp;
  let strictAdmin: Session;
  let allowingAdmin: Session;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    // The production default, and an operator who allow-listed the loopback receiver.
    strict = await createTestApp(dialect, { webhookAllowNetworks: [] });
    allowing = await createTestApp(dialect, { webhookAllowNetworks: ['127.0.0.1/32'] });
    strictAdmin = await strict.login('admin');
    allowingAdmin = await allowing.login('admin');
  });
  afterAll(async () => {
    await strict?.close();
    await allowing?.close();
    await receiver?.close();
  });

  const create = (t: TestApp, session: Session, url: string) =>
    t.request({ method: 'POST', url: '/api/v1/integrations/webhooks', session, payload: { name: '内部系统', url, eventTypes: ['case.submitted'] } });

  it('refuses internal targets when a webhook is saved or changed', async () => {
    const port = receiver.port;
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      `http://localhost:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      `http://0.0.0.0:${port}/hook`,
      `http://2130706433:${port}/hook`, // 127.0.0.1 written as one number
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/hook',
      'http://10.0.0.5:8080/hook',
      'http://[fd00::1]/hook',
      'http://[fe80::1]/hook',
    ]) {
      const res = await create(strict, strictAdmin, url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'url', code: 'address_not_allowed' }] });
    }
    expect((await strict.ctx.repos.webhooks.listSubscriptions()).length).toBe(0);

    // A public address is accepted (nothing is sent when saving); pointing it inside later is not.
    const created = await create(strict, strictAdmin, 'https://93.184.215.14/hooks/lianxin');
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().subscription.id as string;
    const moved = await strict.request({
      method: 'PATCH',
      url: `/api/v1/integrations/webhooks/${id}`,
      session: strictAdmin,
      payload: { expectedVersion: 1, url: `http://127.0.0.1:${port}/hook` },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().error.details[0]).toMatchObject({ path: 'url', code: 'address_not_allowed' });
    expect((await strict.ctx.repos.webhooks.findSubscription(id))!.url).toBe('https://93.184.215.14/hooks/lianxin');
  });

  it('checks again at delivery, on the addresses the name resolves to then (DNS rebinding)', async () => {
    const created = await create(strict, strictAdmin, 'https://93.184.215.14/hooks/rebind');
    const id = created.json().subscription.id as string;
    // The stored name now leads inside — as when a name checked at saving is re-pointed at
    // 127.0.0.1 afterwards. `localhost` is resolved by the system resolver at delivery.
    for (const url of [`http://localhost:${receiver.port}/hook`, `http://127.0.0.1:${receiver.port}/hook`]) {
      await strict.storage.db.updateTable('webhook_subscriptions').set({ url }).where('id', '=', id).execute();
      const before = receiver.hits();
      const ping = await strict.request({ method: 'POST', url: `/api/v1/integrations/webhooks/${id}/ping`, session: strictAdmin, payload: {} });
      expect(ping.statusCode).toBe(200);
      expect(ping.json()).toMatchObject({ status: 'dead', lastStatusCode: null });
      expect(ping.json().lastError).toMatch(/address not allowed/);
      expect(receiver.hits(), url).toBe(before);
    }
  });

  it('delivers to an allow-listed network (a local receiver)', async () => {
    const created = await create(allowing, allowingAdmin, `http://127.0.0.1:${receiver.port}/hook`);
    expect(created.statusCode, created.body).toBe(201);
    const before = receiver.hits();
    const ping = await allowing.request({
      method: 'POST',
      url: `/api/v1/integrations/webhooks/${created.json().subscription.id}/ping`,
      session: allowingAdmin,
      payload: {},
    });
    expect(ping.json()).toMatchObject({ status: 'succeeded', lastStatusCode: 200 });
    expect(receiver.hits()).toBe(before + 1);
    // Other internal networks stay closed.
    expect((await create(allowing, allowingAdmin, 'http://10.0.0.5/hook')).statusCode).toBe(400);
  });
});
