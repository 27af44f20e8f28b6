interface Node {
  ownOpen: boolean;
  pending: number;
  ok: boolean;
  settled: boolean;
  parents: string[];
  onSettle?: (ok: boolean) => Promise<void> | void;
}

/**
 * Tracks when a feed or sitemap is fully handled: a node settles once its own handler finished and
 * every child (article, child sitemap) settled. `onSettle(ok)` runs then, with ok false if the node or
 * any descendant failed. Conditional-GET validators are stored only from an ok settle, so a crawl cut
 * short re-reads the feed next time instead of forgetting the items it never emitted.
 *
 * @example
 * tree.open('feed', (ok) => ok && saveEtag()); tree.open('a1'); tree.link('feed', 'a1');
 * await tree.finish('feed', true); await tree.finish('a1', true); // saveEtag runs now
 */
export class CompletionTree {
  private readonly nodes = new Map<string, Node>();

  has(key: string): boolean {
    return this.nodes.has(key);
  }

  open(key: string, onSettle?: Node['onSettle']): void {
    if (this.nodes.has(key)) return;
    this.nodes.set(key, { ownOpen: true, pending: 0, ok: true, settled: false, parents: [], onSettle });
  }

  /** Makes `child` (already opened) a child of `parent`; a settled child counts at once. */
  link(parent: string, child: string): void {
    const p = this.nodes.get(parent);
    const c = this.nodes.get(child);
    if (!p || !c || p.settled) return;
    if (c.settled) {
      p.ok &&= c.ok;
      return;
    }
    p.pending++;
    c.parents.push(parent);
  }

  /** Marks a node's own work as not ok without finishing it (e.g. items left out by max_items). */
  fail(key: string): void {
    const node = this.nodes.get(key);
    if (node) node.ok = false;
  }

  async finish(key: string, ok: boolean): Promise<void> {
    const node = this.nodes.get(key);
    if (!node?.ownOpen) return;
    node.ownOpen = false;
    node.ok &&= ok;
    await this.maybeSettle(node);
  }

  private async maybeSettle(node: Node): Promise<void> {
    if (node.ownOpen || node.pending > 0 || node.settled) return;
    node.settled = true;
    await node.onSettle?.(node.ok);
    for (const parentKey of node.parents) {
      const parent = this.nodes.get(parentKey);
      if (!parent) continue;
      parent.pending--;
      parent.ok &&= node.ok;
      await this.maybeSettle(parent);
    }
  }
}
