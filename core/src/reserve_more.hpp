// Room for `extra` more elements, growing geometrically. `b.reserve(b.size() + extra)` allocates
// exactly that much (std::vector everywhere, std::string in libc++, the wasm build's library), so
// a loop of such calls copies the whole buffer every time: saving a 20,000-article index in wasm
// took 100 s, nearly all of it in memcpy, because each compressed chunk reserved its own room.
#pragma once

#include <algorithm>
#include <cstddef>

namespace caci {

template <class Buffer> void reserve_more(Buffer &b, size_t extra) {
  const size_t want = b.size() + extra;
  if (want > b.capacity()) b.reserve(std::max(want, b.capacity() + b.capacity() / 2));
}

}  // namespace caci
