// CaciError: every failure of the C ABI surfaces as one of these, with the status number, its
// name from caci_status_str() and, for query errors, the UTF-16 offset into the query string.

// BEGIN GENERATED: status (tools/gen_tables.py; edit core/tables, not this)
export const CACI_OK = 0;
export const CACI_DONE = 1;
export const CACI_EINVAL = -1;
export const CACI_ENOMEM = -2;
export const CACI_EIO = -3;
export const CACI_EUTF8 = -4;
export const CACI_ECORRUPT = -5;
export const CACI_EVERSION = -6;
export const CACI_EQUERY = -7;
export const CACI_EBUFS = -8;
export const CACI_ENOTFOUND = -9;
export const CACI_ERANGE = -10;
export const CACI_EINTERNAL = -11;

// Names for when no module is at hand (the worker client rebuilding an error from a message).
const STATUS_NAMES = {
  [0]: 'CACI_OK',
  [1]: 'CACI_DONE',
  [-1]: 'CACI_EINVAL',
  [-2]: 'CACI_ENOMEM',
  [-3]: 'CACI_EIO',
  [-4]: 'CACI_EUTF8',
  [-5]: 'CACI_ECORRUPT',
  [-6]: 'CACI_EVERSION',
  [-7]: 'CACI_EQUERY',
  [-8]: 'CACI_EBUFS',
  [-9]: 'CACI_ENOTFOUND',
  [-10]: 'CACI_ERANGE',
  [-11]: 'CACI_EINTERNAL',
};
// END GENERATED: status

export class CaciError extends Error {
  constructor(status, statusName, message, offset) {
    const name = statusName ?? STATUS_NAMES[status] ?? 'CACI_UNKNOWN';
    super(message ? `${name}: ${message}` : name);
    this.name = 'CaciError';
    this.status = status;
    this.statusName = name;
    this.detail = message ?? '';
    if (offset !== undefined) this.offset = offset;
  }

  // The worker client and the main module may each carry a copy of this class: recognise any
  // CaciError-shaped object so `instanceof` works across copies.
  static [Symbol.hasInstance](value) {
    return value instanceof Error && value.name === 'CaciError' && typeof value.status === 'number';
  }

  /** Plain data for postMessage. */
  toJSON() {
    const out = { name: this.name, status: this.status, statusName: this.statusName, message: this.detail };
    if (this.offset !== undefined) out.offset = this.offset;
    return out;
  }

  static fromJSON(data) {
    return new CaciError(data.status, data.statusName, data.message, data.offset);
  }
}
