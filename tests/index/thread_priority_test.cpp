// lower_this_thread_priority (issue 13): `caci index`'s background fold yields to the thread that
// compresses the text. On Linux the helper must lower the calling thread's nice value by the steps
// asked (at most to 19) and leave the other threads of the process as they were.
#include "../../core/src/index/thread_priority.hpp"

#include <gtest/gtest.h>

#include <thread>

#if defined(__linux__)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace {

int nice_of(pid_t tid) {
  return getpriority(PRIO_PROCESS, static_cast<id_t>(tid));
}
pid_t this_tid() {
  return static_cast<pid_t>(syscall(SYS_gettid));
}

TEST(ThreadPriority, LowersOnlyTheCallingThread) {
  const int before = nice_of(this_tid());
  int lowered = -100, lowered_again = -100;
  std::thread helper([&] {
    caci::detail::lower_this_thread_priority(3);
    lowered = nice_of(this_tid());
    caci::detail::lower_this_thread_priority(40);  // clamped
    lowered_again = nice_of(this_tid());
  });
  helper.join();
  EXPECT_EQ(lowered, before + 3 > 19 ? 19 : before + 3);
  EXPECT_EQ(lowered_again, 19);
  EXPECT_EQ(nice_of(this_tid()), before);  // the caller's own thread is untouched
}

}  // namespace
#endif
