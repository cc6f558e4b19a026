// What the consumer reads from a queue batch: packs of events, single events of an older deploy, damage.
import { describe, expect, it } from 'vitest';
import { readBatch } from './consumer.ts';
import type { EventMessage } from './event.ts';

const event = (id: string, minute?: string): EventMessage => ({
  id,
  day: '2040-01-01',
  hour: '2040-01-01T10',
  ...(minute ? { minute } : {}),
  visitor: 'a1b2c3',
  counts: [['event', 'pageview']],
  scopes: ['site'],
});

const batchOf = (bodies: unknown[]) =>
  ({
    queue: 'voto-events',
    messages: bodies.map((body, i) => ({
      id: `m${i}`,
      timestamp: new Date('2040-01-01T10:07:30Z'),
      body,
      attempts: 1,
    })),
  }) as unknown as MessageBatch<unknown>;

describe('reading a batch', () => {
  it('unpacks every event of every pack, in order, beside single events of an older deploy', () => {
    const { messages, unreadable } = readBatch(
      batchOf([{ events: [event('a', '2040-01-01T10:05'), event('b', '2040-01-01T10:06')] }, event('c')]),
    );
    expect(messages.map((m) => [m.id, m.minute])).toEqual([
      ['a', '2040-01-01T10:05'],
      ['b', '2040-01-01T10:06'],
      // Without its minute: the minute the queue says it was sent.
      ['c', '2040-01-01T10:07'],
    ]);
    expect(unreadable).toBe(0);
  });

  it('counts a damaged event of a pack as dropped under an id of its own, and keeps the rest of the pack', () => {
    const { messages, unreadable } = readBatch(
      batchOf([{ events: [event('a'), { id: 'b', visitor: 'has "quotes"' }] }, 'not an event']),
    );
    expect(messages.map((m) => [m.id, m.counts])).toEqual([
      ['a', [['event', 'pageview']]],
      ['unreadable:m0:1', [['dropped', 'unreadable']]],
      ['unreadable:m1', [['dropped', 'unreadable']]],
    ]);
    expect(unreadable).toBe(2);
  });
});
