/**
 * The ready agents of one queue and skill tier, in the order they became ready: an intrusive
 * doubly linked list, so an agent joins or leaves in O(1) without hashing, and the head is always
 * the longest idle agent. Each agent owns one node per queue it belongs to.
 */
export class ReadyNode<T> {
  prev: ReadyNode<T> | null = null;
  next: ReadyNode<T> | null = null;
  linked = false;
  constructor(readonly value: T) {}
}

export class ReadyList<T> {
  head: ReadyNode<T> | null = null;
  private tail: ReadyNode<T> | null = null;
  size = 0;

  push(node: ReadyNode<T>): void {
    if (node.linked) return;
    node.prev = this.tail;
    node.next = null;
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    node.linked = true;
    this.size++;
  }

  remove(node: ReadyNode<T>): void {
    if (!node.linked) return;
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = node.next = null;
    node.linked = false;
    this.size--;
  }
}
