import type { EventEmitter } from 'node:events';

/** Resolves when a writable can take more, or when it is gone (closed, failed): never leaves a pump hanging. */
export function drainedOrClosed(stream: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}
