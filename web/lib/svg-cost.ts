/**
 * How many elements an SVG makes once its `<use>` references are expanded. A few kilobytes of
 * nested `<use>` (ten uses of a group of ten uses of…) make millions, and drawing them, even as an
 * `<img>`, holds the page's renderer for minutes. Read from the markup with a light scan (no
 * parser: it runs before anything is drawn, and in tests without a DOM).
 */

/** Past this an SVG is not drawn; a matplotlib scatter of 50,000 markers makes ~100,000. */
export const MAX_SVG_ELEMENTS = 500_000;

const TAG = /<(\/?)([a-zA-Z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
const ID = /\sid\s*=\s*["']([^"']+)["']/;
const HREF = /\s(?:xlink:)?href\s*=\s*["']#([^"']+)["']/;

interface Node {
  children: Node[];
  ref?: string;
}

export function svgElements(svg: string): number {
  const root: Node = { children: [] };
  const stack = [root];
  const ids = new Map<string, Node>();
  for (const [, closing, name, attributes, selfClosing] of svg.matchAll(TAG)) {
    if (closing) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const node: Node = { children: [] };
    const id = ID.exec(attributes)?.[1];
    if (id !== undefined) ids.set(id, node);
    if (name === "use") node.ref = HREF.exec(attributes)?.[1];
    stack.at(-1)!.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  // Counted without recursion (30,000 nested groups would overflow the stack): each node once its
  // children and its use's target are, a node met again on its own path being a cycle.
  const counted = new Map<Node, number>();
  const onPath = new Set<Node>();
  const todo: Node[] = [root];
  while (todo.length > 0) {
    const node = todo.at(-1)!;
    const target = node.ref === undefined ? undefined : ids.get(node.ref);
    const pending = [...node.children, ...(target ? [target] : [])].filter((n) => !counted.has(n));
    if (pending.some((n) => onPath.has(n))) return Infinity; // a reference to itself: refused
    if (pending.length > 0 && !onPath.has(node)) {
      onPath.add(node);
      todo.push(...pending);
      continue;
    }
    if (pending.length > 0) return Infinity; // still pending after its children: a cycle through them
    todo.pop();
    onPath.delete(node);
    let sum = 1 + (target ? counted.get(target)! : 0);
    for (const child of node.children) sum += counted.get(child)!;
    counted.set(node, Math.min(sum, Number.MAX_SAFE_INTEGER));
  }
  return counted.get(root)! - 1;
}

export const svgTooCostly = (svg: string) => svgElements(svg) > MAX_SVG_ELEMENTS;
