// Entry of dist/caci.bundle.js, the classic-script build: sets globalThis.caci to these exports,
// for pages that cannot load ES modules (file://).
import { Caci, CaciError, Document, Index } from './caci.mjs';
import { CaciWorker, createCaciWorker } from './caci-worker-client.mjs';
import { byteToUtf16, utf16ToByte } from './offsets.mjs';

export { Caci, CaciError, Document, Index, CaciWorker, createCaciWorker, byteToUtf16, utf16ToByte };
