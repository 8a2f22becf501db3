/**
 * Webhooks end to end on both databases, with a real HTTP receiver (node:http on port 0)
 * that checks every signature: a receiver that fails twice then succeeds gets the event
 * exactly once (retries on an injected clock, same delivery id each time); one that keeps
 * failing ends as a dead letter that can be sent again; the test ping; the delivery log;
 * admin-only management with audit entries; no personal data in payloads.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { testDialects } from '@lianxin/storage/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader, verifySignature } from '../src/integrations/webhook-signature';
import { createWorker, type Worker } from '../src/worker';
import { createTestApp, errorCode, type Session, type TestApp } from './support';

const dialects = await testDialects();

/** What the receiver saw of one POST. */
interface Received {
  body: string;
  delivery: string;
  event: string;
  signatureValid: boolean;
  answered: number;
}

/** A webhook receiver: answers 500 to the first `failFirst` POSTs, then 200; verifies signatures. */
async function startReceiver(secret: () => string, nowSeconds: () => number) {
  const received: Received[] = [];
  const processed = new Set<string>();
  let failuresLeft = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signatureValid = verifySignature(secret(), req.headers[SIGNATURE_HEADER] as string | undefined, body, nowSeconds());
      const delivery = String(req.headers[DELIVERY_HEADER]);
      const answered = !signatureValid ? 401 : failuresLeft > 0 ? 500 : 200;
      if (answered === 500) failuresLeft--;
      if (answered === 200) processed.add(delivery);
      received.push({ body, delivery, event: String(req.headers[EVENT_HEADER]), signatureValid, answered });
      res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/lianxin`,
    received,
    processed,
    failNext(n: number) {
      failuresLeft = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhook signatures', () => {
  it('verify over the raw body within five minutes, and only with the right secret', () => {
    const body = '{"type":"ping"}';
    const header = signatureHeader('s3cret', 1_700_000_000, body);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(verifySignature('s3cret', header, body, 1_700_000_100)).toBe(true);
    expect(verifySignature('s3cret', header, body, 1_700_000_301)).toBe(false);
    expect(verifySignature('other', header, body, 1_700_000_000)).toBe(false);
    expect(verifySignature('s3cret', header, `${body} `, 1_700_000_000)).toBe(false);
    expect(verifySignature('s3cret', undefined, body, 1_700_000_000)).toBe(false);
  });
});

describe.each(dialects)('webhooks on %s', (dialect) => {
  let t: TestApp;
  let admin: Session;
  let worker: Worker;
  let secret = '';
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let subscriptionId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await t.login('admin');
    worker = createWorker(t.ctx, () => {}, { schedules: false });
    receiver = await startReceiver(
      () => secret,
      () => Math.floor(t.clock.now().getTime() / 1000),
    );
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  const submit = (content: string) =>
    t.request({ method: 'POST', url: '/api/v1/public/opinions', payload: { content, kind: 'help', contact: { phone: '13900001111' } } });
  const deliveries = async (caseId?: string) =>
    (await t.request({ method: 'GET', url: `/api/v1/integrations/webhooks/deliveries?subscriptionId=${subscriptionId}`, session: admin }))
      .json()
      .items.filter((d: { caseId: string | null }) => !caseId || d.caseId === caseId);

  it('is managed by admins only, with the secret shown once and audit entries', async () => {
    const staff = await t.login('staff-anyang');
    expect(errorCode(await t.request({ method: 'GET', url: '/api/v1/integrations/webhooks', session: staff }))).toBe('PERMISSION_DENIED');
    const bad = await t.request({
      method: 'POST',
      url: '/api/v1/integrations/webhooks',
      session: admin,
      payload: { name: 'x', url: 'ftp://example.com', eventTypes: ['case.closed'] },
    });
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    const badType = await t.request({
      method: 'POST',
      url: '/api/v1/integrations/webhooks',
      session: admin,
      payload: { name: 'x', url: receiver.url, eventTypes: ['case.exploded'] },
    });
    expect(errorCode(badType)).toBe('VALIDATION_FAILED');

    const created = await t.request({
      method: 'POST',
      url: '/api/v1/integrations/webhooks',
      session: admin,
      payload: { name: '12345 热线平台', url: receiver.url, eventTypes: ['case.submitted', 'case.accepted'] },
    });
    expect(created.statusCode).toBe(201);
    secret = created.json().secret;
    expect(secret).toMatch(/^whsec_/);
    subscriptionId = created.json().subscription.id;
    const listed = await t.request({ method: 'GET', url: '/api/v1/integrations/webhooks', session: admin });
    expect(listed.body).not.toContain(secret);
    expect(listed.json().eventTypes).toContain('case.replied');
    const audit = await t.ctx.repos.audit.list({ entity: 'webhook', entityId: subscriptionId });
    expect(audit.items.map((a) => a.action)).toEqual(['webhook.create']);
  });

  it('sends a signed test ping and logs it', async () => {
    const ping = await t.request({ method: 'POST', url: `/api/v1/integrations/webhooks/${subscriptionId}/ping`, session: admin, payload: {} });
    expect(ping.statusCode).toBe(200);
    expect(ping.json()).toMatchObject({ eventType: 'ping', status: 'succeeded', attempts: 1, lastStatusCode: 200 });
    expect(ping.json().lastLatencyMs).toBeGreaterThanOrEqual(0);
    const last = receiver.received.at(-1)!;
    expect(last).toMatchObject({ event: 'ping', signatureValid: true, answered: 200 });
    expect(JSON.parse(last.body)).toMatchObject({ type: 'ping', webhook: { id: subscriptionId } });
  });

  it('delivers an event exactly once to a receiver that fails twice, retrying with backoff', async () => {
    receiver.received.length = 0;
    receiver.processed.clear();
    receiver.failNext(2);
    const submitted = await submit('安阳街道某小区电梯经常故障，联系电话13900001111，请尽快维修。');
    expect(submitted.statusCode).toBe(201);
    const caseId = (await t.ctx.repos.cases.findByTrackingCode(submitted.json().trackingCode))!.id;

    await worker.runner.drain();
    expect(receiver.received.map((r) => r.answered)).toEqual([500]);
    let [log] = await deliveries(caseId);
    expect(log).toMatchObject({ eventType: 'case.submitted', caseId, status: 'retrying', attempts: 1, lastStatusCode: 500 });
    expect(Date.parse(log.nextAttemptAt)).toBe(t.clock.now().getTime() + 5_000);

    // Not yet due: nothing is sent until the backoff has passed on the injected clock.
    t.clock.advance(4_000);
    await worker.runner.drain();
    expect(receiver.received).toHaveLength(1);
    t.clock.advance(1_000);
    await worker.runner.drain();
    expect(receiver.received.map((r) => r.answered)).toEqual([500, 500]);
    [log] = await deliveries(caseId);
    expect(log).toMatchObject({ status: 'retrying', attempts: 2 });
    t.clock.advance(10_000); // second backoff doubles
    await worker.runner.drain();
    t.clock.advance(3_600_000);
    await worker.runner.drain();

    expect(receiver.received.map((r) => r.answered)).toEqual([500, 500, 200]);
    expect(receiver.received.every((r) => r.signatureValid && r.event === 'case.submitted')).toBe(true);
    expect(new Set(receiver.received.map((r) => r.delivery)).size).toBe(1);
    expect(receiver.processed.size).toBe(1);
    [log] = await deliveries(caseId);
    expect(log).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 200, lastError: null, deliveredAt: expect.any(String) });
    expect(log.lastLatencyMs).toBeGreaterThanOrEqual(0);

    const payload = JSON.parse(receiver.received[2].body);
    expect(payload).toMatchObject({
      id: log.id,
      type: 'case.submitted',
      case: { id: caseId, status: 'submitted', open311Status: 'open' },
      event: { type: 'submitted' },
    });
    expect(receiver.received[2].body).not.toContain('13900001111');

    // Fanning the same events out again sends nothing new.
    const events = await t.ctx.repos.cases.events(caseId);
    expect(
      await t.ctx.webhooks.fanOut(
        caseId,
        events.map((e) => e.id),
      ),
    ).toBe(0);
    // An event type the subscription did not ask for is not delivered.
    const detail = (await t.request({ method: 'GET', url: `/api/v1/cases/${caseId}`, session: admin })).json();
    await t.request({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/actions/note`,
      session: admin,
      payload: { expectedVersion: detail.case.version, content: '已电话联系物业' },
    });
    const accepted = await t.request({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/actions/accept`,
      session: admin,
      payload: { expectedVersion: detail.case.version + 1 },
    });
    expect(accepted.statusCode).toBe(200);
    await worker.runner.drain();
    expect(receiver.received.slice(3).map((r) => r.event)).toEqual(['case.accepted']);
  });

  it('turns a delivery that keeps failing into a dead letter, which can be sent again', async () => {
    receiver.received.length = 0;
    receiver.failNext(100);
    const submitted = await submit('塘下镇某路段夜间施工噪音扰民，影响休息。');
    const caseId = (await t.ctx.repos.cases.findByTrackingCode(submitted.json().trackingCode))!.id;
    for (let i = 0; i < 8; i++) {
      await worker.runner.drain();
      t.clock.advance(3_600_000);
    }
    expect(receiver.received).toHaveLength(6);
    const [log] = await deliveries(caseId);
    expect(log).toMatchObject({ status: 'dead', attempts: 6, lastStatusCode: 500, nextAttemptAt: null });
    const deadJobs = await t.ctx.repos.jobs.list({ status: 'dead', name: 'webhook.deliver' });
    expect(deadJobs.some((j) => j.payload.deliveryId === log.id)).toBe(true);

    receiver.failNext(0);
    const again = await t.request({ method: 'POST', url: `/api/v1/integrations/webhooks/deliveries/${log.id}/redeliver`, session: admin, payload: {} });
    expect(again.json()).toMatchObject({ status: 'pending' });
    await worker.runner.drain();
    const [after] = await deliveries(caseId);
    expect(after).toMatchObject({ status: 'succeeded', attempts: 7, lastStatusCode: 200 });
    expect(receiver.processed.has(log.id)).toBe(true);
    expect(
      errorCode(await t.request({ method: 'POST', url: `/api/v1/integrations/webhooks/deliveries/${log.id}/redeliver`, session: admin, payload: {} })),
    ).toBe('ACTION_NOT_ALLOWED');
  });

  it('stops sending when switched off, and rotating the secret changes the signature', async () => {
    const current = (await t.request({ method: 'GET', url: '/api/v1/integrations/webhooks', session: admin })).json().items[0];
    const rotated = await t.request({
      method: 'POST',
      url: `/api/v1/integrations/webhooks/${subscriptionId}/rotate-secret`,
      session: admin,
      payload: { expectedVersion: current.version },
    });
    expect(rotated.statusCode).toBe(200);
    const oldSecret = secret;
    secret = rotated.json().secret;
    expect(secret).not.toBe(oldSecret);
    receiver.received.length = 0;
    await t.request({ method: 'POST', url: `/api/v1/integrations/webhooks/${subscriptionId}/ping`, session: admin, payload: {} });
    expect(receiver.received.at(-1)!.signatureValid).toBe(true);

    const off = await t.request({
      method: 'PATCH',
      url: `/api/v1/integrations/webhooks/${subscriptionId}`,
      session: admin,
      payload: { expectedVersion: rotated.json().subscription.version, active: false },
    });
    expect(off.json()).toMatchObject({ active: false });
    const stale = await t.request({
      method: 'PATCH',
      url: `/api/v1/integrations/webhooks/${subscriptionId}`,
      session: admin,
      payload: { expectedVersion: 1, name: 'x' },
    });
    expect(errorCode(stale)).toBe('VERSION_CONFLICT');
    receiver.received.length = 0;
    await submit('安阳街道公园路灯损坏，晚上一片漆黑。');
    await worker.runner.drain();
    expect(receiver.received).toHaveLength(0);
  });
});
