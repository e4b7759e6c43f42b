/**
 * Minimum-cost maximum flow on small integer networks (primal–dual: Bellman–Ford/SPFA for the
 * shortest-path distances, then Dinic's blocking flows restricted to the tight edges). Judge
 * assignment needs only a handful of distinct path costs, so this runs few phases, each
 * close to the speed of a plain max-flow.
 *
 * Edges are stored in pairs: edge `e` and its residual twin `e ^ 1`.
 */
export class FlowNetwork {
  private readonly head: Int32Array;
  // Typed arrays: a challenge's network has tens of thousands of edges, and plain arrays of
  // that size made building the network slower than solving it.
  private next: Int32Array;
  private to: Int32Array;
  private cap: Int32Array;
  private cost: Int32Array;
  private edgeCount = 0;

  /** `expectedEdges` is only a hint for the initial allocation. */
  constructor(
    readonly nodeCount: number,
    expectedEdges = 16,
  ) {
    this.head = new Int32Array(nodeCount).fill(-1);
    const size = Math.max(2, expectedEdges * 2);
    this.next = new Int32Array(size);
    this.to = new Int32Array(size);
    this.cap = new Int32Array(size);
    this.cost = new Int32Array(size);
  }

  /** Adds an edge and returns its index (for `flowOn`). Costs may be negative if the network is acyclic. */
  addEdge(from: number, to: number, capacity: number, cost = 0): number {
    const e = this.edgeCount;
    if (e + 2 > this.to.length) this.grow();
    this.link(from, to, capacity, cost);
    this.link(to, from, 0, -cost);
    return e;
  }

  flowOn(edge: number): number {
    return this.cap[edge ^ 1];
  }

  /** Pushes as much flow as possible from `source` to `sink`, at minimum total cost. */
  run(source: number, sink: number): { flow: number; cost: number } {
    const n = this.nodeCount;
    const dist = new Float64Array(n);
    const level = new Int32Array(n);
    const iter = new Int32Array(n);
    let flow = 0;
    let cost = 0;
    for (;;) {
      this.shortestDistances(source, dist);
      if (dist[sink] === Infinity) break;
      // Every path found on tight edges costs exactly dist[sink].
      while (this.levelTightEdges(source, sink, dist, level)) {
        iter.set(this.head);
        const pushed = this.augment(source, sink, dist, level, iter);
        flow += pushed;
        cost += pushed * dist[sink];
      }
    }
    return { flow, cost };
  }

  /** Marks nodes reachable from `source` in the residual network: the source side of a minimum cut. */
  reachableFrom(source: number): Uint8Array {
    const seen = new Uint8Array(this.nodeCount);
    const queue = [source];
    seen[source] = 1;
    for (let q = 0; q < queue.length; q++) {
      for (let e = this.head[queue[q]]; e !== -1; e = this.next[e]) {
        const v = this.to[e];
        if (this.cap[e] > 0 && !seen[v]) {
          seen[v] = 1;
          queue.push(v);
        }
      }
    }
    return seen;
  }

  private link(from: number, to: number, capacity: number, cost: number): void {
    const e = this.edgeCount++;
    this.to[e] = to;
    this.cap[e] = capacity;
    this.cost[e] = cost;
    this.next[e] = this.head[from];
    this.head[from] = e;
  }

  private grow(): void {
    const size = this.to.length * 2;
    const copy = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.next = copy(this.next);
    this.to = copy(this.to);
    this.cap = copy(this.cap);
    this.cost = copy(this.cost);
  }

  /** SPFA: correct with negative costs because the residual network of a min-cost flow has no negative cycle. */
  private shortestDistances(source: number, dist: Float64Array): void {
    const n = this.nodeCount;
    dist.fill(Infinity);
    dist[source] = 0;
    const queued = new Uint8Array(n);
    const ring = new Int32Array(n + 1);
    let headPos = 0;
    let tailPos = 0;
    ring[tailPos++] = source;
    queued[source] = 1;
    while (headPos !== tailPos) {
      const u = ring[headPos];
      headPos = headPos === n ? 0 : headPos + 1;
      queued[u] = 0;
      for (let e = this.head[u]; e !== -1; e = this.next[e]) {
        if (this.cap[e] <= 0) continue;
        const v = this.to[e];
        const d = dist[u] + this.cost[e];
        if (d < dist[v]) {
          dist[v] = d;
          if (!queued[v]) {
            queued[v] = 1;
            ring[tailPos] = v;
            tailPos = tailPos === n ? 0 : tailPos + 1;
          }
        }
      }
    }
  }

  private isTight(e: number, u: number, dist: Float64Array): boolean {
    return this.cap[e] > 0 && dist[u] + this.cost[e] === dist[this.to[e]];
  }

  /** BFS levels over tight residual edges; false when the sink is no longer reachable on them. */
  private levelTightEdges(source: number, sink: number, dist: Float64Array, level: Int32Array): boolean {
    level.fill(-1);
    level[source] = 0;
    const queue = [source];
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q];
      for (let e = this.head[u]; e !== -1; e = this.next[e]) {
        const v = this.to[e];
        if (level[v] === -1 && this.isTight(e, u, dist)) {
          level[v] = level[u] + 1;
          queue.push(v);
        }
      }
    }
    return level[sink] !== -1;
  }

  /** Dinic's blocking flow, iterative so that long alternating paths cannot overflow the stack. */
  private augment(source: number, sink: number, dist: Float64Array, level: Int32Array, iter: Int32Array): number {
    const path: number[] = [];
    let total = 0;
    let u = source;
    for (;;) {
      if (u === sink) {
        let bottleneck = Infinity;
        for (const e of path) bottleneck = Math.min(bottleneck, this.cap[e]);
        for (const e of path) {
          this.cap[e] -= bottleneck;
          this.cap[e ^ 1] += bottleneck;
        }
        total += bottleneck;
        path.length = 0;
        u = source;
        continue;
      }
      let e = iter[u];
      while (e !== -1 && !(level[this.to[e]] === level[u] + 1 && this.isTight(e, u, dist))) e = this.next[e];
      iter[u] = e;
      if (e !== -1) {
        path.push(e);
        u = this.to[e];
        continue;
      }
      if (u === source) return total;
      // Dead end: never enter this node again in this round, and step back past the edge that led here.
      level[u] = -1;
      const back = path[path.length - 1];
      path.length -= 1;
      u = this.to[back ^ 1];
      iter[u] = this.next[iter[u]];
    }
  }
}
