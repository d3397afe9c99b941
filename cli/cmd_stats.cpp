// caci stats: articles per year, author, kind or category, with the byte accounting of the inputs.
#include "article_fields.hpp"
#include "article_set.hpp"
#include "author_aliases.hpp"
#include "help.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace cli {

namespace {

const char *const kKeys[] = {"year", "author", "kind", "category", "country"};

struct Row {
  std::string key;
  uint64_t articles = 0;
};

// The group keys of one article (several for authors).
void keys_of(const caci_article *a, const std::string &by, std::vector<std::string> &out) {
  out.clear();
  if (by == "year") {
    caci_date d = caci_article_date(a);
    out.push_back(d.year ? std::to_string(d.year) : "undated");
  } else if (by == "kind") {
    const char *k = caci_kind_name(caci_article_kind(a));
    out.push_back(k ? k : "unknown");
  } else if (by == "category") {
    std::string_view c = view(caci_article_category(a));
    out.push_back(c.empty() ? "(none)" : std::string(c));
  } else if (by == "country") {
    const char *names[16];
    const size_t n = caci_article_countries(a, names, 16);
    for (size_t i = 0; i < n && i < 16; ++i) out.emplace_back(names[i]);
    if (n == 0) out.push_back("(no country)");
  } else {
    const size_t n = caci_article_author_count(a);
    for (size_t i = 0; i < n; ++i) out.emplace_back(view(caci_article_author_name(a, i)));
    if (n == 0) out.push_back("(no author)");
  }
}

// By author, people are counted, not spellings, as the search's author facet counts them: names
// are grouped by the library's person key (caci_index_person_key: case, diacritics, honorifics,
// degrees and initials beside a full name folded, then the alias table), an article counts once
// per person, and a person is shown as their most frequent spelling (ties: the smallest).
class People {
public:
  explicit People(caci_index *index) : index_(index) {}
  void add_article(const std::vector<std::string> &names) {
    ++article_;
    for (const std::string &name : names) {
      caci_str key{};
      std::string k;
      if (name[0] != '(' &&
          caci_index_person_key(index_, name.data(), name.size(), &key) == CACI_OK && key.len)
        k.assign(key.ptr, key.len);
      else
        k = "\x01" + name;  // no letters (or the placeholder): its own row, as spelled
      Person &p = people_[k];
      if (p.last_article == article_) continue;  // one article counts once per person
      p.last_article = article_;
      ++p.articles;
      ++p.spellings[name];
    }
  }
  void rows(std::map<std::string, uint64_t> &out) const {
    for (const auto &kv : people_) {
      const Person &p = kv.second;
      const std::string *best = nullptr;
      uint64_t best_count = 0;
      for (const auto &sc : p.spellings)  // a std::map: ties keep the smallest spelling
        if (sc.second > best_count) {
          best = &sc.first;
          best_count = sc.second;
        }
      if (best) out[*best] += p.articles;
    }
  }

private:
  struct Person {
    uint64_t articles = 0;
    uint64_t last_article = 0;
    std::map<std::string, uint64_t> spellings;
  };
  caci_index *index_;
  std::unordered_map<std::string, Person> people_;
  uint64_t article_ = 0;
};

// Rows in display order: years ascending (undated last); other keys by count, then name; the
// placeholder rows last. `people` (by author only) gives the person keys.
std::vector<Row> group(const ArticleSet &set, const std::string &by, caci_index *people) {
  std::map<std::string, uint64_t> counts;
  std::vector<std::string> keys;
  People persons(people);
  for (const caci_article *a : set.articles) {
    keys_of(a, by, keys);
    if (by == "author")
      persons.add_article(keys);
    else
      for (const std::string &k : keys) ++counts[k];
  }
  if (by == "author") persons.rows(counts);
  std::vector<Row> rows;
  for (const auto &kv : counts) rows.push_back({kv.first, kv.second});
  auto placeholder = [](const Row &r) {
    return !r.key.empty() && (r.key[0] == '(' || r.key == "undated");
  };
  std::stable_sort(rows.begin(), rows.end(), [&](const Row &x, const Row &y) {
    bool px = placeholder(x), py = placeholder(y);
    if (px != py) return py;
    if (by == "year") return x.key < y.key;
    if (x.articles != y.articles) return x.articles > y.articles;
    return x.key < y.key;
  });
  return rows;
}

// Display width of UTF-8 text (code points; the archive's names are alphabetic).
size_t width(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string pad(std::string_view s, size_t w) {
  std::string out(s);
  for (size_t n = width(s); n < w; ++n) out += ' ';
  return out;
}

std::string render_text(const ArticleSet &set, const std::string &by, const std::vector<Row> &rows,
                        const caci_stats &st) {
  std::string out;
  char line[256];
  auto ull = [](uint64_t v) { return static_cast<unsigned long long>(v); };
  if (set.index) {
    std::snprintf(line, sizeof line, "input        index file %s (%llu bytes)\n",
                  set.index_path.c_str(), ull(set.input_bytes));
    out += line;
    out += "bytes        (an index file keeps no byte accounting; run caci stats on the pages)\n";
  } else {
    std::snprintf(line, sizeof line, "input        %zu %s, %llu bytes\n", set.files,
                  set.files == 1 ? "page" : "pages", ull(st.bytes));
    out += line;
    std::snprintf(line, sizeof line,
                  "bytes        %llu = articles %llu + boilerplate %llu + unclassified %llu\n",
                  ull(st.bytes), ull(st.bytes_articles), ull(st.bytes_boilerplate),
                  ull(st.bytes_unclassified));
    out += line;
  }
  std::snprintf(line, sizeof line, "articles     %zu", set.articles.size());
  out += line;
  if (set.doc) {
    std::snprintf(line, sizeof line, " (%llu duplicate%s merged)", ull(st.duplicates),
                  st.duplicates == 1 ? "" : "s");
    out += line;
  }
  out += "\n\n";

  size_t w = by.size();
  for (const Row &r : rows) w = std::max(w, width(r.key));
  w = std::min<size_t>(w, 60);
  const double total = double(set.articles.size());
  uint64_t sum = 0;
  out += pad(by, w) + "  articles   share\n";
  for (const Row &r : rows) {
    sum += r.articles;
    std::snprintf(line, sizeof line, "  %8llu  %5.1f%%\n", ull(r.articles),
                  total > 0 ? 100.0 * double(r.articles) / total : 0.0);
    out += pad(r.key, w) + line;
  }
  std::snprintf(line, sizeof line, "  %8zu  %5.1f%%\n", set.articles.size(),
                set.articles.empty() ? 0.0 : 100.0);
  out += pad("total", w) + line;
  if ((by == "author" || by == "country") && sum != set.articles.size()) {
    std::snprintf(
        line, sizeof line,
        "(an article with several authors or countries counts once for each: the rows add up to "
        "%llu)\n",
        ull(sum));
    out += line;
  }
  return out;
}

std::string render_json(const ArticleSet &set, const std::string &by, const std::vector<Row> &rows,
                        const caci_stats &st) {
  std::string out = "{\"by\":";
  append_json_string(out, by);
  out += ",\"input\":";
  out += set.index ? "\"index\"" : "\"pages\"";
  out += ",\"files\":" + std::to_string(set.files);
  out += ",\"articles\":" + std::to_string(set.articles.size());
  out += ",\"stats\":";
  if (set.doc) {
    out += "{\"bytes\":" + std::to_string(st.bytes) +
           ",\"articles\":" + std::to_string(st.articles) +
           ",\"duplicates\":" + std::to_string(st.duplicates) +
           ",\"bytes_articles\":" + std::to_string(st.bytes_articles) +
           ",\"bytes_boilerplate\":" + std::to_string(st.bytes_boilerplate) +
           ",\"bytes_unclassified\":" + std::to_string(st.bytes_unclassified) + "}";
  } else {
    out += "null";
  }
  out += ",\"rows\":[";
  for (size_t i = 0; i < rows.size(); ++i) {
    out += i ? ",{\"key\":" : "{\"key\":";
    append_json_string(out, rows[i].key);
    out += ",\"articles\":" + std::to_string(rows[i].articles) + "}";
  }
  out += "]}\n";
  return out;
}

}  // namespace

int cmd_stats(int argc, char **argv) {
  std::string by = "year";
  std::string aliases_path;
  uint32_t flags = 0;
  bool json = false;
  ArgWalker args(argc, argv, "stats");
  while (args.next()) {
    const std::string_view a = args.arg();
    const Option &o = args.option();
    std::string_view v;
    if (o.name == "--by") {
      if (!args.value(v))
        return usage_error("stats", "%s needs a key (year, author, kind, category or country)",
                           "--by");
      bool known = false;
      for (const char *k : kKeys) known = known || v == k;
      if (!known)
        return usage_error("stats",
                           "unknown --by key '%s' (year, author, kind, category or country)",
                           std::string(v).c_str());
      by = std::string(v);
    } else if (o.name == "--aliases") {
      if (!args.value(v)) return usage_error("stats", "%s needs a file name", "--aliases");
      aliases_path = std::string(v);
    } else if (a == "--json") {
      json = true;
    } else if (parse_flag_option(a, flags)) {
      // --strict / --fold-quotes
    } else {
      return usage_error("stats", "unknown option '%s'", args.arg_cstr());
    }
  }
  if (args.help_shown()) return exit_ok;
  std::vector<std::string> &inputs = args.operands();
  if (inputs.empty()) return usage_error("stats", "%s", "no input pages or index file");

  ArticleSet set;
  bool fatal = false;
  int exit_status = load_article_set("stats", inputs, flags, set, fatal);
  if (fatal) return exit_status;
  caci_stats st{};
  if (set.doc) caci_doc_stats(set.doc, &st);
  // Person keys come from the index file (with its saved alias table) or, for pages, an empty
  // index that holds only the alias table.
  caci_index *people = set.index;
  caci_index *own_people = nullptr;
  if (by == "author" && !people) {
    if (caci_index_new(nullptr, &own_people) != CACI_OK) {
      std::fprintf(stderr, "caci stats: out of memory\n");
      return exit_other;
    }
    people = own_people;
  }
  if (!aliases_path.empty() && people) {
    if (int bad = apply_author_aliases(people, aliases_path); bad != exit_ok) {
      caci_index_free(own_people);
      return bad;
    }
  }
  std::vector<Row> rows = group(set, by, people);
  caci_index_free(own_people);
  std::string out = json ? render_json(set, by, rows, st) : render_text(set, by, rows, st);
  std::string error;
  if (!write_file("-", out, error)) {
    std::fprintf(stderr, "caci stats: cannot write the table: %s\n", error.c_str());
    exit_status = worse_exit(exit_status, exit_io);
  }
  return exit_status;
}

}  // namespace cli
