/**
 * A minimal async channel: one producer pushes, one consumer iterates. Lets one streaming pass
 * feed two atomic writers at once (DPO and KTO files) without buffering a whole output.
 */

/** A push-based async iterable. */
export interface Channel<T> extends AsyncIterable<T> {
  push(item: T): void;
  close(): void;
}

export function createChannel<T>(): Channel<T> {
  const queue: T[] = [];
  let closed = false;
  let wake: (() => void) | undefined;
  return {
    push(item) {
      queue.push(item);
      wake?.();
    },
    close() {
      closed = true;
      wake?.();
    },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        while (queue.length) yield queue.shift() as T;
        if (closed) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    },
  };
}
