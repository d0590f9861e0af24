import { expect, it } from 'vitest';
import { memoryServer } from '../helpers/memory.js';
import { OK } from '../../protocols/reply.js';

it('memory sessions run commands against a real broker', () => {
  const { client, clock, broker } = memoryServer();
  const c = client();
  expect(c.run('SET', 'k', 'v', 'PX', '100')).toBe(OK);
  expect(c.run('GET', 'k')).toBe('v');
  expect(c.wire('GET', 'k')).toBe('$1\r\nv\r\n');
  clock.advance(100);
  expect(c.run('GET', 'k')).toBe('v'); // alive during its deadline millisecond, as in Redis
  clock.advance(1);
  expect(c.run('GET', 'k')).toBe(null);
  expect(broker.stats.expiredKeys).toBe(1);
});
