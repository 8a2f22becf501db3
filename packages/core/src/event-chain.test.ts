import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { chainEvents, GENESIS_HASH, hashEvent, verifyChain, type ChainedEvent } from './event-chain';

/** A stored event as read back from the database. */
type Stored = ChainedEvent & Record<string, unknown>;

const raw = [
  {
    id: 'e1',
    caseId: 'c1',
    type: 'submitted',
    fromStatus: null,
    toStatus: 'submitted',
    actorId: 'citizen',
    at: '2025-10-01T00:00:00.000Z',
    payload: { channel: 'online' },
  },
  { id: 'e2', caseId: 'c1', type: 'accept', fromStatus: 'submitted', toStatus: 'accepted', actorId: 'u1', at: '2025-10-09T01:00:00.000Z', payload: {} },
  {
    id: 'e3',
    caseId: 'c1',
    type: 'reject',
    fromStatus: 'accepted',
    toStatus: 'rejected',
    actorId: 'u1',
    at: '2025-10-09T02:00:00.000Z',
    reason: '重复',
    payload: { n: 1 },
  },
];

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops null/undefined fields, keeping array positions', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, null, undefined], c: 'x' }, e: null, f: undefined })).toBe('{"a":{"c":"x","d":[3,null,null]},"b":1}');
  });
  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('event chain', () => {
  const chain = chainEvents(raw) as Stored[];

  it('links each event to its predecessor and verifies', () => {
    expect(chain[0].prevHash).toBe(GENESIS_HASH);
    expect(chain[1].prevHash).toBe(chain[0].hash);
    expect(chain[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyChain(chain)).toEqual({ ok: true, count: 3, lastHash: chain[2].hash });
    expect(verifyChain([])).toEqual({ ok: true, count: 0, lastHash: GENESIS_HASH });
    expect(verifyChain(chainEvents(raw, null) as Stored[], null)).toMatchObject({ ok: true, count: 3 });
  });

  it('hashes the same after a database round trip (key order, NULL for a missing field)', () => {
    const roundTripped = chain.map((e) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(e).reverse()))) as Stored);
    (roundTripped[1] as Record<string, unknown>).reason = null;
    expect(verifyChain(roundTripped)).toMatchObject({ ok: true });
  });

  it('names the first edited event', () => {
    const tampered = chain.map((e) => ({ ...e }));
    tampered[1].actorId = 'someone-else';
    expect(verifyChain(tampered)).toEqual({ ok: false, brokenAt: 1, eventId: 'e2', reason: 'hash' });
  });

  it('detects a nested payload edit', () => {
    const tampered = chain.map((e) => ({ ...e }));
    tampered[2].payload = { n: 2 };
    expect(verifyChain(tampered)).toEqual({ ok: false, brokenAt: 2, eventId: 'e3', reason: 'hash' });
  });

  it('detects an edit whose hash was recomputed: the next link breaks', () => {
    const tampered = chain.map((e) => ({ ...e }));
    tampered[0].at = '2025-09-30T00:00:00.000Z';
    tampered[0].hash = hashEvent(tampered[0], GENESIS_HASH);
    expect(verifyChain(tampered)).toEqual({ ok: false, brokenAt: 1, eventId: 'e2', reason: 'link' });
  });

  it('detects deletion and reordering', () => {
    expect(verifyChain([chain[0], chain[2]])).toEqual({ ok: false, brokenAt: 1, eventId: 'e3', reason: 'link' });
    expect(verifyChain([chain[1], chain[0], chain[2]])).toMatchObject({ ok: false, brokenAt: 0, eventId: 'e2' });
  });

  it('verifies a segment from a known hash, and continues a chain', () => {
    expect(verifyChain(chain.slice(1), chain[0].hash)).toMatchObject({ ok: true, count: 2 });
    const more = chainEvents([{ id: 'e4', caseId: 'c1', type: 'note', payload: { content: 'x' } }], chain[2].hash) as Stored[];
    expect(verifyChain([...chain, ...more])).toMatchObject({ ok: true, count: 4 });
  });
});
