// caci complete and caci related: completions of a prefix, and the articles related to one.
#include "cli.hpp"
#include "help.hpp"

#include <cstring>

namespace cli {

namespace {

// Loads an index file written by `caci index`; returns exit_ok or the exit status to return.
int load_index(const std::string &path, caci_index **out) {
  caci_status st = caci_index_open_file(path.c_str(), nullptr, out);  // read in place
  if (st == CACI_ENOTFOUND || st == CACI_EIO) {
    std::fprintf(stderr, "caci: %s\n", caci_last_load_error());
    return exit_io;
  }
  if (st != CACI_OK) {
    std::fprintf(stderr, "caci: cannot load index '%s': %s (%s)\n", path.c_str(),
                 caci_last_load_error(), caci_status_str(st));
    return exit_other;
  }
  return exit_ok;
}

// Reads the common options (--limit N, --json) and the two operands.
struct Args {
  uint32_t limit = 10;
  bool json = false;
  std::string index_path, operand;
};

int read_args(const char *command, int argc, char **argv, Args &out, bool *help) {
  *help = false;
  ArgWalker args(argc, argv, command);
  while (args.next()) {
    const Option &o = args.option();
    std::string_view v;
    if (o.name == "--limit") {
      if (!args.value(v) || !parse_uint(v, 1000u, out.limit))
        return usage_error(command, "%s needs a number from 0 to 1000", "--limit");
    } else if (args.arg() == "--json") {
      out.json = true;
    } else {
      return usage_error(command, "unknown option '%s'", args.arg_cstr());
    }
  }
  if (args.help_shown()) {
    *help = true;
    return exit_ok;
  }
  if (args.operands().size() != 2)
    return usage_error(command, "%s", "needs an index file and one more argument");
  out.index_path = args.operands()[0];
  out.operand = args.operands()[1];
  return exit_ok;
}

int finish(const std::string &out) {
  std::string error;
  if (!write_file("-", out, error)) {
    std::fprintf(stderr, "caci: cannot write the output: %s\n", error.c_str());
    return exit_io;
  }
  return exit_ok;
}

std::string date_text(caci_date d) {
  char buf[16];
  if (d.month == 0 || d.year == 0) return "(no date)";
  if (d.day)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02d", d.year, d.month);
  return buf;
}

}  // namespace

int cmd_complete(int argc, char **argv) {
  Args a;
  bool help = false;
  if (int bad = read_args("complete", argc, argv, a, &help); bad != exit_ok || help) return bad;
  caci_index *index = nullptr;
  if (int bad = load_index(a.index_path, &index); bad != exit_ok) return bad;
  caci_terms *terms = nullptr;
  caci_status st = caci_index_complete(index, a.operand.data(), a.operand.size(), a.limit, &terms);
  if (st != CACI_OK) {
    caci_index_free(index);
    return report_status("completion failed", st);
  }
  std::string out;
  char num[48];
  if (a.json) {
    out += "{\"prefix\":";
    append_json_string(out, a.operand);
    out += ",\"completions\":[";
  }
  for (size_t i = 0; i < caci_terms_count(terms); ++i) {
    caci_str term{};
    uint64_t docs = 0;
    if (caci_terms_get(terms, i, &term, &docs) != CACI_OK) continue;
    if (a.json) {
      out += i ? ",{\"term\":" : "{\"term\":";
      append_json_string(out, view(term));
      std::snprintf(num, sizeof num, ",\"articles\":%llu}", static_cast<unsigned long long>(docs));
    } else {
      out.append(term.ptr, term.len);
      std::snprintf(num, sizeof num, "\t%llu\n", static_cast<unsigned long long>(docs));
    }
    out += num;
  }
  if (a.json) out += "]}\n";
  caci_terms_free(terms);
  caci_index_free(index);
  return finish(out);
}

int cmd_related(int argc, char **argv) {
  Args a;
  bool help = false;
  if (int bad = read_args("related", argc, argv, a, &help); bad != exit_ok || help) return bad;
  uint64_t id = 0;
  const std::string &hex = a.operand;
  bool ok = !hex.empty() && hex.size() <= 16;
  for (char c : hex) {
    const int d = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
    if (d < 0) ok = false;
    id = (id << 4) | static_cast<uint64_t>(d < 0 ? 0 : d);
  }
  if (!ok) return usage_error("related", "'%s' is not an article id (16 hex digits)", hex.c_str());
  caci_index *index = nullptr;
  if (int bad = load_index(a.index_path, &index); bad != exit_ok) return bad;
  caci_results *r = nullptr;
  caci_status st = caci_index_related(index, id, a.limit, &r);
  if (st == CACI_ENOTFOUND) {
    std::fprintf(stderr, "caci related: no article with id %s in '%s'\n", hex.c_str(),
                 a.index_path.c_str());
    caci_index_free(index);
    return exit_usage;
  }
  if (st != CACI_OK) {
    caci_index_free(index);
    return report_status("related failed", st);
  }
  std::string out;
  char num[96];
  if (a.json) {
    out += "{\"id\":";
    append_json_string(out, hex);
    out += ",\"related\":[";
  }
  for (size_t i = 0; i < caci_results_count(r); ++i) {
    const caci_article *art = caci_results_article(r, i);
    char other[17];
    caci_id_format(caci_article_id(art), other);
    const std::string_view title = view(caci_article_title(art));
    if (a.json) {
      std::snprintf(num, sizeof num,
                    "%s\n{\"rank\":%zu,\"score\":%.6g,\"id\":\"%s\",\"article\":", i ? "," : "",
                    i + 1, caci_results_score(r, i), other);
      out += num;
      caci_str json{};
      if (caci_index_article_json(index, caci_article_id(art), &json) == CACI_OK)
        out.append(json.ptr, json.len);
      else
        out += "null";
      out += "}";
    } else {
      std::snprintf(num, sizeof num, "%zu. [%.3f] %s  %s  ", i + 1, caci_results_score(r, i), other,
                    date_text(caci_article_date(art)).c_str());
      out += num;
      out += title.empty() ? std::string_view("(untitled)") : title;
      out += "\n";
    }
  }
  if (a.json) out += "]}\n";
  caci_results_free(r);
  caci_index_free(index);
  return finish(out);
}

}  // namespace cli
