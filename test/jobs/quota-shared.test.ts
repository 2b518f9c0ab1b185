/**
 * One behavioural suite for both per-caller analysis quotas (src/jobs/quota.ts, the
 * AnalysisQuota interface): MemoryQuota (embedded: one process) and RedisQuota (fleet:
 * counted in the real Redis, shared by every API instance). Then what only the fleet's has:
 * two instances on one Redis share one count, and a Redis that cannot be reached rejects
 * (the analysis-quota plugin answers 503 NG_QUEUE_UNAVAILABLE) rather than letting a caller in.
 */
import t from 'tap';
import { randomBytes } from 'node:crypto';
import { MemoryQuota, unfinishedUnlessKnown, type AnalysisQuota, type UnfinishedAmong } from '../../src/jobs/quota.js';
import { RedisQuota } from '../../src/jobs/fleet/redis-quota.js';
import { redisClient, connected } from '../../src/jobs/fleet/redis.js';
import { REDIS_URL, freePort } from '../helpers/fleet.js';

const redis = redisClient(REDIS_URL, 'command', 'nichegraph-test-quota');
await connected(redis, 10_000);
t.teardown(() => redis.disconnect());

/** Which analyses are still queued or running: a map the tests change. */
function statuses() {
  const running = new Set<string>();
  const unfinishedAmong: UnfinishedAmong = async (ids) => new Set(ids.filter((id) => running.has(id)));
  return { running, unfinishedAmong };
}

const modes: Record<string, (max: number, unfinishedAmong: UnfinishedAmong) => AnalysisQuota> = {
  memory: (max, u) => new MemoryQuota(max, u),
  redis: (max, u) => new RedisQuota(max, redis, `ngquota-${randomBytes(4).toString('hex')}`, u),
};

for (const [mode, make] of Object.entries(modes)) {
  t.test(`${mode}: at most max unfinished or reserved per caller; finished analyses and released reservations free their slot`, async (t) => {
    const { running, unfinishedAmong } = statuses();
    const quota = make(2, unfinishedAmong);
    const a = await quota.reserve('k1');
    const b = await quota.reserve('k1');
    t.type(a, 'string');
    t.type(b, 'string');
    t.equal(await quota.reserve('k1'), null, 'a third is refused: two reserved');
    t.type(await quota.reserve('k2'), 'string', 'another caller has its own count');
    await quota.release('k1', b!);
    const c = await quota.reserve('k1');
    t.type(c, 'string', 'a released reservation frees its slot');
    await quota.bind('k1', a!, 'an-1');
    await quota.bind('k1', c!, 'an-2');
    running.add('an-1').add('an-2');
    t.equal(await quota.reserve('k1'), null, 'two unfinished analyses hold both slots');
    running.delete('an-2');
    const d = await quota.reserve('k1');
    t.type(d, 'string', 'a finished analysis frees its slot, whoever finished it');
    await quota.bind('k1', d!, 'an-3');
    running.add('an-3');
    t.equal(await quota.reserve('k1'), null);
  });

  t.test(`${mode}: concurrent requests never slip past the limit together`, async (t) => {
    const { unfinishedAmong } = statuses();
    const quota = make(3, unfinishedAmong);
    const tokens = await Promise.all(Array.from({ length: 12 }, () => quota.reserve('burst')));
    t.equal(tokens.filter((x) => x !== null).length, 3, 'exactly max of 12 at once');
  });

  t.test(`${mode}: a status lookup that fails keeps the slots held`, async (t) => {
    const { running, unfinishedAmong } = statuses();
    let unreachable = false;
    const quota = make(1, unfinishedUnlessKnown(async (ids) => {
      if (unreachable) throw new Error('store unreachable');
      return unfinishedAmong(ids);
    }, () => {}));
    const a = await quota.reserve('k');
    await quota.bind('k', a!, 'an-x');
    running.add('an-x');
    unreachable = true;
    running.delete('an-x');
    t.equal(await quota.reserve('k'), null, 'the analysis still counts while its status cannot be read');
    unreachable = false;
    t.type(await quota.reserve('k'), 'string', 'and frees its slot once it can');
  });

  t.test(`${mode}: callers() counts the callers with work in progress only`, async (t) => {
    const { running, unfinishedAmong } = statuses();
    const quota = make(5, unfinishedAmong);
    const a = await quota.reserve('busy');
    await quota.bind('busy', a!, 'an-busy');
    running.add('an-busy');
    const b = await quota.reserve('done');
    await quota.bind('done', b!, 'an-done');
    await quota.reserve('waiting');
    const gone = await quota.reserve('gone');
    await quota.release('gone', gone!);
    t.equal(await quota.callers(), 2, 'busy (unfinished) and waiting (reserved); done and gone are forgotten');
  });
}

t.test('redis: two API instances on one Redis share one count', async (t) => {
  const { running, unfinishedAmong } = statuses();
  const prefix = `ngquota-${randomBytes(4).toString('hex')}`;
  const other = redisClient(REDIS_URL, 'command', 'nichegraph-test-quota-2');
  await connected(other, 10_000);
  t.teardown(() => other.disconnect());
  const one = new RedisQuota(2, redis, prefix, unfinishedAmong);
  const two = new RedisQuota(2, other, prefix, unfinishedAmong);
  const a = await one.reserve('k');
  await one.bind('k', a!, 'an-a');
  running.add('an-a');
  t.type(await two.reserve('k'), 'string', 'the second instance takes the second slot');
  t.equal(await one.reserve('k'), null, 'the first sees it');
  t.equal(await two.reserve('k'), null, 'and so does the second');
  running.delete('an-a');
  t.type(await two.reserve('k'), 'string', "the analysis the first instance queued frees its slot in the second's count");
});

t.test('redis: a Redis that cannot be reached rejects instead of admitting', async (t) => {
  const dead = redisClient(`redis://127.0.0.1:${await freePort()}`, 'command', 'nichegraph-test-quota-dead');
  t.teardown(() => dead.disconnect());
  const quota = new RedisQuota(5, dead, 'ngquota-dead', statuses().unfinishedAmong);
  await t.rejects(quota.reserve('k'), 'reserve rejects (the plugin answers 503)');
});
