// File and terminal I/O of the CLI, and its small formatting helpers.
#include "cli.hpp"

#include "atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace cli {

namespace {

// Reads to end of file. `size_hint` (the file size when known) sizes the buffer in one step.
bool read_stream(std::FILE *f, std::string &buf, size_t size_hint) {
  size_t len = 0;
  buf.resize(size_hint + 1 > (1u << 16) ? size_hint + 1 : (1u << 16));
  for (;;) {
    size_t n = std::fread(&buf[len], 1, buf.size() - len, f);
    len += n;
    if (n == 0) break;
    if (len == buf.size()) buf.resize(buf.size() * 2);  // still more: a pipe, or a growing file
  }
  bool ok = !std::ferror(f);
  buf.resize(len);
  return ok;
}

}  // namespace

uint64_t file_size(const std::string &path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

bool read_file(const std::string &path, std::string &buf, std::string &error) {
  buf.clear();
  if (path == "-") {
    if (!read_stream(stdin, buf, 0)) {
      error = std::string("read error: ") + std::strerror(errno);
      return false;
    }
    return true;
  }
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) {
    error = std::strerror(errno);
    return false;
  }
  // The size of a regular file, so the whole read is one fread into a right-sized buffer.
  size_t size_hint = 0;
  struct stat st;
  if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
    size_hint = static_cast<size_t>(st.st_size);
  errno = 0;
  bool ok = read_stream(f, buf, size_hint);
  int saved = errno;
  std::fclose(f);
  if (!ok) {
    error = saved ? std::strerror(saved) : "read error";
    return false;
  }
  return true;
}

bool write_file(const std::string &path, std::string_view data, std::string &error) {
  if (!path.empty() && path != "-") return write_file_atomically(path, data, error);
  errno = 0;
  bool ok = std::fwrite(data.data(), 1, data.size(), stdout) == data.size();
  ok = (std::fflush(stdout) == 0) && ok;
  if (!ok) error = errno ? std::strerror(errno) : "write error";
  return ok;
}

bool stdout_is_tty() {
  return isatty(fileno(stdout)) != 0;
}

void append_json_string(std::string &out, std::string_view s) {
  static const char hex[] = "0123456789abcdef";
  out.push_back('"');
  const auto *p = reinterpret_cast<const unsigned char *>(s.data());
  size_t n = s.size();
  for (size_t i = 0; i < n;) {
    unsigned char c = p[i];
    if (c >= 0x80) {
      // Copy well-formed sequences; anything else becomes U+FFFD.
      size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
      bool ok = len != 0 && c <= 0xF4 && i + len <= n;
      for (size_t k = 1; ok && k < len; ++k) ok = (p[i + k] & 0xC0) == 0x80;
      if (ok && len == 3) {
        unsigned cp = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
        ok = cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF);
        if (ok && (cp == 0x2028 || cp == 0x2029)) {
          out.append(cp == 0x2028 ? "\\u2028" : "\\u2029");
          i += 3;
          continue;
        }
      }
      if (ok && len == 4) {
        unsigned cp = ((c & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) | ((p[i + 2] & 0x3Fu) << 6) |
                      (p[i + 3] & 0x3Fu);
        ok = cp >= 0x10000 && cp <= 0x10FFFF;
      }
      if (ok) {
        out.append(s.data() + i, len);
        i += len;
      } else {
        out.append("\xEF\xBF\xBD");
        ++i;
      }
      continue;
    }
    switch (c) {
    case '"': out.append("\\\""); break;
    case '\\': out.append("\\\\"); break;
    case '\n': out.append("\\n"); break;
    case '\r': out.append("\\r"); break;
    case '\t': out.append("\\t"); break;
    default:
      if (c < 0x20 || c == 0x7f) {
        char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
        out.append(esc, 6);
      } else {
        out.push_back(static_cast<char>(c));
      }
    }
    ++i;
  }
  out.push_back('"');
}

bool parse_uint(std::string_view text, uint32_t max, uint32_t &out) {
  if (text.empty() || text.size() > 10) return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + uint64_t(c - '0');
  }
  if (v > max) return false;
  out = static_cast<uint32_t>(v);
  return true;
}

int report_status(const char *what, caci_status status) {
  std::fprintf(stderr, "caci: %s: %s\n", what, caci_status_str(status));
  if (status == CACI_EIO) return exit_io;
  if (status == CACI_EUTF8) return exit_invalid_utf8;
  return exit_other;
}

int usage_error(const char *command, const char *fmt, const char *arg) {
  std::fprintf(stderr, "caci %s: ", command);
  std::fprintf(stderr, fmt, arg);
  std::fprintf(stderr, "\n(see caci %s --help)\n", command);
  return exit_usage;
}

}  // namespace cli
