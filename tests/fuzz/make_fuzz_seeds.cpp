// Writes generated seeds that are better not committed as binaries: saved indexes for the
// index_load target. Usage: make_fuzz_seeds OUT_DIR   (writes OUT_DIR/index_load/*.caci)
// Always exits 0: while the index is not implemented it writes nothing and says so.
#include "fuzz_fixture.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

static void write_file(const fs::path &path, const caci_str &bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.ptr, static_cast<std::streamsize>(bytes.len));
  std::printf("wrote %s (%zu bytes)\n", path.string().c_str(), bytes.len);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const fs::path dir = fs::path(argv[1]) / "index_load";
  fs::create_directories(dir);

  caci_index *empty = nullptr;
  caci_str bytes{};
  if (caci_index_new(nullptr, &empty) == CACI_OK && caci_index_save(empty, &bytes) == CACI_OK)
    write_file(dir / "empty.caci", bytes);
  caci_index_free(empty);

  caci_index *index = caci_fuzz::build_fixture_index();
  if (index != nullptr && caci_index_save(index, &bytes) == CACI_OK) {
    write_file(dir / "fixture.caci", bytes);
  } else {
    std::printf(
        "make_fuzz_seeds: could not build and save the fixture index (not implemented yet?)\n");
  }
  caci_index_free(index);
  return 0;
}
