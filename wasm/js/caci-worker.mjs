// Worker script: runs libcaci off the main thread (protocol: worker-handler.mjs). Works as a
// module worker (dist/caci-worker.mjs), a classic worker from a Blob (dist/caci-worker.bundle.js)
// and a node worker_threads worker.
import { Caci } from './caci.mjs';
import { createWorkerHandler } from './worker-handler.mjs';

const isBrowserWorker = typeof self !== 'undefined' && typeof self.postMessage === 'function' && typeof importScripts === 'function'
  || typeof WorkerGlobalScope !== 'undefined';

if (isBrowserWorker) {
  const handle = createWorkerHandler(Caci, (message, transfer) => self.postMessage(message, transfer ?? []));
  self.onmessage = (event) => handle(event.data);
} else if (typeof process === 'object' && process.versions?.node) {
  import('node:worker_threads').then(({ parentPort }) => {
    if (!parentPort) return; // imported on the main thread: nothing to serve
    const handle = createWorkerHandler(Caci, (message, transfer) => parentPort.postMessage(message, transfer ?? []));
    parentPort.on('message', (message) => handle(message));
  });
}
