// Safety net for handles the user forgets to free(): when a Document or Index is garbage
// collected, its C handle is released. Explicit free() (or `using`) stays the way to release
// memory promptly: collection may come late or never.

// `using` declarations look up Symbol.dispose; older engines lack it.
export const disposeSymbol = (Symbol.dispose ??= Symbol('Symbol.dispose'));

let live = 0;
const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ release, ptr }) => {
    live--;
    release(ptr);
  })
  : null;

/** Registers `owner` (a JS wrapper) so that release(ptr) runs if it is collected unfreed. */
export function track(owner, release, ptr) {
  live++;
  registry?.register(owner, { release, ptr }, owner);
}

/** Called by free(): the handle is released explicitly, so the net must not fire. */
export function untrack(owner) {
  live--;
  registry?.unregister(owner);
}

/** Number of tracked handles not yet freed (explicitly or by the collector). */
export function liveHandles() {
  return live;
}
