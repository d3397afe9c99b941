// Runs files through a fuzz target's LLVMFuzzerTestOneInput without libFuzzer, so every corpus
// file (and every crash reproducer added to it) is an ordinary ctest test (label fuzz-replay).
// Usage: replay_<target> FILE_OR_DIR...   Fails when no input was found.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace fs = std::filesystem;

int main(int argc, char **argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg = argv[i];
    if (fs::is_directory(arg)) {
      for (const auto &entry : fs::recursive_directory_iterator(arg))
        if (entry.is_regular_file()) files.push_back(entry.path());
    } else if (fs::is_regular_file(arg)) {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path &file : files) {
    std::printf("replay %s\n", file.string().c_str());
    std::fflush(stdout);
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // Copy into an exact-size heap buffer so ASan catches reads past the end.
    std::vector<uint8_t> buffer(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(buffer.empty() ? nullptr : buffer.data(), buffer.size());
  }
  std::printf("%zu inputs replayed\n", files.size());
  return files.empty() ? 1 : 0;
}
