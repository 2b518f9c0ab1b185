import t from 'tap';
import { MemoryQuota, unfinishedUnlessKnown } from '../../src/jobs/quota.js';

t.test('a held analysis whose status cannot be read keeps its slot, and the caller is still served', async (t) => {
  const status = new Map<string, 'running' | 'succeeded'>();
  let unreadable = new Set<string>();
  const errors: string[] = [];
  const isUnfinished = unfinishedUnlessKnown(
    async (id) => {
      if (unreadable.has(id)) throw new Error(`store unreachable reading ${id}`);
      return status.get(id) === 'running';
    },
    (err, id) => errors.push(`${id}: ${(err as Error).message}`),
  );
  const quota = new MemoryQuota(2, isUnfinished);

  const first = await quota.reserve('key');
  t.type(first, 'string');
  await quota.bind('key', first!, 'a1');
  status.set('a1', 'running');

  unreadable = new Set(['a1']);
  const second = await quota.reserve('key');
  t.type(second, 'string', 'the reservation is made although a1 could not be read');
  t.same(errors, ['a1: store unreachable reading a1'], 'the failure is reported');
  await quota.bind('key', second!, 'a2');
  status.set('a2', 'running');
  t.equal(await quota.reserve('key'), null, 'a1 still counts: the limit of 2 holds');

  unreadable = new Set();
  status.set('a1', 'succeeded');
  const third = await quota.reserve('key');
  t.type(third, 'string', 'once readable and finished, a1 frees its slot');
});

t.test('without a failure the answer is the lookup\'s own', async (t) => {
  const isUnfinished = unfinishedUnlessKnown(async (id) => id === 'running', () => t.fail('no error expected'));
  t.equal(await isUnfinished('running'), true);
  t.equal(await isUnfinished('done'), false);
});
