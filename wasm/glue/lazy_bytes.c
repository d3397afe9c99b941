/* An index opened before all of its bytes are in wasm memory (js/caci.mjs, Index.loadBlob): the
 * core calls caci_wasm_bytes_needed before it decodes a text chunk (core/src/index/lazy_text.cpp),
 * and JavaScript reads the chunk's bytes into place first if they are not there yet. Replaces the
 * core's weak no-op. */
#include <emscripten/emscripten.h>
#include <stddef.h>

EM_JS(void, caci_js_bytes_needed, (const void *bytes, size_t len), {
  if (Module['caciBytesNeeded']) Module['caciBytesNeeded'](bytes >>> 0, len >>> 0);
});

__attribute__((used)) void caci_wasm_bytes_needed(const void *bytes, size_t len) {
  caci_js_bytes_needed(bytes, len);
}
