// Import cycles: the strongly connected components of a directed graph (Tarjan), each given as one concrete loop.

/** Every cycle in `graph` (node → the nodes it imports), one per strongly connected component, as `a → b → a`. */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const edges = (n: string) => (graph.get(n) ?? []).filter((m) => graph.has(m));

  // Iterative, so a long import chain cannot overflow the call stack.
  for (const root of [...graph.keys()].sort()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; i: number }> = [{ node: root, i: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const out = edges(top.node);
      if (top.i < out.length) {
        const m = out[top.i++]!;
        if (!index.has(m)) {
          index.set(m, next);
          low.set(m, next++);
          stack.push(m);
          onStack.add(m);
          work.push({ node: m, i: 0 });
        } else if (onStack.has(m)) low.set(top.node, Math.min(low.get(top.node)!, index.get(m)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(top.node)!));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let m: string;
        do {
          m = stack.pop()!;
          onStack.delete(m);
          component.push(m);
        } while (m !== top.node);
        if (component.length > 1 || edges(top.node).includes(top.node)) components.push(component);
      }
    }
  }
  return components.map((c) => loopThrough(c, edges)).sort((a, b) => (a.join() < b.join() ? -1 : 1));
}

/** The shortest loop from the component's first node (by name) back to itself, staying inside the component. */
function loopThrough(component: string[], edges: (n: string) => string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const from = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const n = queue.shift()!;
    for (const m of edges(n)) {
      if (!members.has(m)) continue;
      if (m === start) {
        const path = [n];
        while (path[0] !== start) path.unshift(from.get(path[0]!)!);
        return [...path, start];
      }
      if (!from.has(m)) {
        from.set(m, n);
        queue.push(m);
      }
    }
  }
  return [start, start];
}
