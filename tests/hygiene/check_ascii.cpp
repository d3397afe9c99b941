// Sources must be ASCII (lesson 20): prints every non-ASCII byte as file:line:column and exits 1.
// Usage: check_ascii ROOT_DIR SUBDIR...  (scans .c .cpp .h .hpp .in .cmake and CMakeLists.txt)
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace fs = std::filesystem;

static bool is_source(const fs::path &p) {
  const std::string ext = p.extension().string();
  return ext == ".c" || ext == ".cpp" || ext == ".h" || ext == ".hpp" || ext == ".in" ||
         ext == ".cmake" || p.filename() == "CMakeLists.txt";
}

static int check_file(const fs::path &p) {
  std::ifstream in(p, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  int bad = 0;
  size_t line = 1, column = 1;
  for (unsigned char c : bytes) {
    if (c >= 0x80) {
      if (bad < 5)
        std::printf("%s:%zu:%zu: non-ASCII byte 0x%02x\n", p.string().c_str(), line, column, c);
      ++bad;
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return bad;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s ROOT SUBDIR...\n", argv[0]);
    return 2;
  }
  const fs::path root = argv[1];
  size_t files = 0, bad_files = 0;
  for (int i = 2; i < argc; ++i) {
    const fs::path dir = root / argv[i];
    if (!fs::exists(dir)) continue;
    for (const auto &entry : fs::recursive_directory_iterator(dir)) {
      if (!entry.is_regular_file() || !is_source(entry.path())) continue;
      ++files;
      if (check_file(entry.path()) > 0) ++bad_files;
    }
  }
  std::printf("%zu source files checked, %zu with non-ASCII bytes\n", files, bad_files);
  if (files == 0) return 2;
  return bad_files == 0 ? 0 : 1;
}
