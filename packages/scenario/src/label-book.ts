/** Kinds of things a label can name in a result. */
export type LabelKind = 'port' | 'network' | 'segment' | 'subnet' | 'agent';

/**
 * Remembers which engine id each scenario label stands for, so that ids in error messages can
 * be shown as labels (`<port:p1>`, `<network:net1>`, `<segment:net1#0>`, `<agent:ovs1>`):
 * results then do not depend on generated ids. An id keeps its label after the thing is gone,
 * so messages about deleted things read well too. Synchronous, never blocks.
 */
export class LabelBook {
  private readonly byId = new Map<string, string>();

  /** Records that `id` is the `kind` labelled `name`; a later call for the same id wins. */
  assign(kind: LabelKind, name: string, id: string): void {
    if (id === '') return;
    this.byId.set(id.toLowerCase(), `<${kind}:${name}>`);
  }

  /** The label of `id`, or undefined when no label was assigned to it. */
  labelOf(id: string): string | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /** `text` with every known id (in any letter case) replaced by its label. */
  relabel(text: string): string {
    if (this.byId.size === 0) return text;
    const ids = [...this.byId.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    const pattern = new RegExp(ids.join('|'), 'gi');
    return text.replace(pattern, (id) => this.byId.get(id.toLowerCase()) ?? id);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
