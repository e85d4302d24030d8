// Two nodes sharing a room through Redis: Ada reaches the app through one load balancer that
// prefers node 1, Grace through one that prefers node 2, so their call is signaled across
// nodes. Node 1 then drains (SIGTERM): Ada's app moves to node 2 and resumes, the call goes on,
// and Grace never sees her leave.
import { expectRemoteVideoPlaying, join } from '../support/app';
import { metric, startBalancer, startNode, startRedis, type Balancer, type Redis } from '../support/cluster';
import { expect, newUserContext, test } from '../support/fixtures';
import type { ParleyServer } from '../support/parley';

const CONNECTIONS = /^parley_connections /;
const SIGNALS_OUT = /^parley_cluster_signals_total\{direction="out"/;

test('a call across two nodes goes on while one node stops and its client moves', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const redis: Redis = await startRedis(testInfo.outputPath('redis.log'));
  const nodes: ParleyServer[] = [];
  const balancers: Balancer[] = [];
  const log: string[] = [];
  try {
    nodes.push(await startNode(redis, testInfo.outputPath('parley-node1.log')));
    nodes.push(await startNode(redis, testInfo.outputPath('parley-node2.log')));
    const [node1, node2] = nodes as [ParleyServer, ParleyServer];
    const toAda = await startBalancer([node1, node2]);
    const toGrace = await startBalancer([node2, node1]);
    balancers.push(toAda, toGrace);
    const room = `cluster-${Date.now().toString(36)}`;
    const contexts = [await newUserContext(browser, toAda), await newUserContext(browser, toGrace)];
    try {
      const ada = await join(contexts[0]!, toAda, room, 'Ada', log);
      const grace = await join(contexts[1]!, toGrace, room, 'Grace', log);
      await expectRemoteVideoPlaying(ada);
      await expectRemoteVideoPlaying(grace);
      // One WebSocket on each node, and the negotiation crossed between them.
      expect(await metric(node1, CONNECTIONS)).toBe(1);
      expect(await metric(node2, CONNECTIONS)).toBe(1);
      expect(await metric(node1, SIGNALS_OUT)).toBeGreaterThan(0);
      expect(await metric(node2, SIGNALS_OUT)).toBeGreaterThan(0);

      await node1.stop(); // goaway, then the drain
      await expect(ada.locator('.banner')).toBeHidden({ timeout: 30_000 });
      await expect.poll(() => metric(node2, CONNECTIONS), { timeout: 30_000 }).toBe(2);
      await expect(ada.locator('.tile[data-peer-id]')).toHaveCount(1);
      await expect(grace.locator('.tile[data-peer-id]')).toHaveCount(1);
      await expectRemoteVideoPlaying(ada);
      await expectRemoteVideoPlaying(grace);
      // Ada resumed with her peer id: Grace was never told she left.
      await expect(grace.locator('.toast').filter({ hasText: 'left' })).toHaveCount(0);
    } finally {
      for (const context of contexts) await context.close();
    }
  } catch (e) {
    console.log(log.join('\n'));
    throw e;
  } finally {
    for (const balancer of balancers) await balancer.close();
    for (const node of nodes) await node.stop();
    await redis.stop();
  }
});
