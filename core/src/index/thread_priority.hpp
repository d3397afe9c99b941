// Lowers the scheduling priority of a helper thread the library started, so that it takes what the
// build's other threads leave of the cores instead of an equal share of them. Linux only: there
// each thread has a nice value of its own (setpriority on a thread id); elsewhere a no-op. Only
// ever lowers (raising needs privileges), never the caller's threads, and failures are ignored:
// the thread then runs as before.
#pragma once

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <cerrno>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace caci::detail {

inline void lower_this_thread_priority(int steps) noexcept {
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
  const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
  errno = 0;
  const int nice = ::getpriority(PRIO_PROCESS, tid);  // -1 is also a valid nice value
  if (nice == -1 && errno != 0) return;
  const int lowered = nice + steps > 19 ? 19 : nice + steps;
  (void)::setpriority(PRIO_PROCESS, tid, lowered);
#else
  (void)steps;
#endif
}

}  // namespace caci::detail
