import t from 'tap';
import { MemoryQuota, unfinishedUnlessKnown } from '../../src/jobs/quota.js';

t.test('held analyses whose status cannot be read keep their slots, and the caller is still served', async (t) => {
  const status = new Map<string, 'running' | 'succeeded'>();
  let unreachable = false;
  const asked: string[][] = [];
  const errors: string[] = [];
  const unfinishedAmong = unfinishedUnlessKnown(
    async (ids) => {
      asked.push([...ids]);
      if (unreachable) throw new Error('store unreachable');
      return new Set(ids.filter((id) => status.get(id) === 'running'));
    },
    (err, ids) => errors.push(`${ids.join(',')}: ${(err as Error).message}`),
  );
  const quota = new MemoryQuota(2, unfinishedAmong);

  const first = await quota.reserve('key');
  t.type(first, 'string');
  await quota.bind('key', first!, 'a1');
  status.set('a1', 'running');

  unreachable = true;
  const second = await quota.reserve('key');
  t.type(second, 'string', 'the reservation is made although the store could not be read');
  t.same(errors, ['a1: store unreachable'], 'the failure is reported');
  await quota.bind('key', second!, 'a2');
  status.set('a2', 'running');
  t.equal(await quota.reserve('key'), null, 'a1 still counts: the limit of 2 holds');

  unreachable = false;
  status.set('a1', 'succeeded');
  asked.length = 0;
  const third = await quota.reserve('key');
  t.type(third, 'string', 'once readable and finished, a1 frees its slot');
  t.same(asked, [['a1', 'a2']], 'one lookup for every analysis the caller holds');
});

t.test('without a failure the answer is the lookup\'s own; nothing held, nothing asked', async (t) => {
  let calls = 0;
  const unfinishedAmong = unfinishedUnlessKnown(
    async (ids) => {
      calls += 1;
      return new Set(ids.filter((id) => id === 'running'));
    },
    () => t.fail('no error expected'),
  );
  t.same([...(await unfinishedAmong(['running', 'done']))], ['running']);
  t.same([...(await unfinishedAmong([]))], []);
  t.equal(calls, 1);
});
