import { describe, expect, it } from 'vitest';
import { FlowNetwork } from '@/lib/core/challenges/logic/min-cost-flow';

describe('FlowNetwork', () => {
  it('finds the maximum flow at minimum cost, rerouting when the cheap first path blocks a better total', () => {
    // 0 → 1 → 3 costs 1+1 = 2 and 0 → 2 → 3 costs 5+5 = 10; 1 → 2 costs 0. Capacities 1, except
    // 0 → 1 which has 2. Maximum flow is 2: 0→1→3 (2) and 0→1→2→3 (1+0+5 = 6), total cost 8,
    // which beats 0→1→3 + 0→2→3 = 12.
    const net = new FlowNetwork(4);
    const s1 = net.addEdge(0, 1, 2, 1);
    const s2 = net.addEdge(0, 2, 1, 5);
    net.addEdge(1, 3, 1, 1);
    net.addEdge(1, 2, 1, 0);
    net.addEdge(2, 3, 1, 5);
    expect(net.run(0, 3)).toEqual({ flow: 2, cost: 8 });
    expect(net.flowOn(s1)).toBe(2);
    expect(net.flowOn(s2)).toBe(0);
  });

  it('handles negative costs on an acyclic network and grows past its size hint', () => {
    // Two parallel paths 0 → 1 → 2 and 0 → 2; the one through 1 pays −3, the direct one +1.
    const net = new FlowNetwork(3, 1);
    net.addEdge(0, 1, 1, -1);
    net.addEdge(1, 2, 1, -2);
    net.addEdge(0, 2, 3, 1);
    expect(net.run(0, 2)).toEqual({ flow: 4, cost: -3 + 3 });
  });

  it('reports the source side of a minimum cut', () => {
    // 0 → 1 has capacity 1 and is the bottleneck; after the flow only 0 is reachable.
    const net = new FlowNetwork(3);
    net.addEdge(0, 1, 1);
    net.addEdge(1, 2, 5);
    net.run(0, 2);
    expect([...net.reachableFrom(0)]).toEqual([1, 0, 0]);
  });
});
