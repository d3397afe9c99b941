// The index's id table (article id -> document) answers like std::unordered_map through random
// inserts, duplicate inserts and erases, including ids crafted to share their home slot (a forged
// file chooses its ids) and runs that wrap around the end of the table.
#include "../../core/src/index/id_table.hpp"

#include <gtest/gtest.h>

#include <random>
#include <unordered_map>
#include <vector>

using caci::detail::IdTable;

namespace {

struct Doc {
  uint64_t id;
};

// Adds a document with this id to `docs` and to the table; the model keeps the first of an id.
bool add(IdTable &t, std::vector<Doc> &docs, std::unordered_map<uint64_t, uint32_t> &model,
         uint64_t id) {
  docs.push_back(Doc{id});
  const uint32_t doc = static_cast<uint32_t>(docs.size() - 1);
  const bool added = t.insert(doc, docs);
  EXPECT_EQ(added, model.emplace(id, doc).second) << id;
  return added;
}

void expect_same(const IdTable &t, const std::vector<Doc> &docs,
                 const std::unordered_map<uint64_t, uint32_t> &model,
                 const std::vector<uint64_t> &probes) {
  ASSERT_EQ(t.size(), model.size());
  for (uint64_t id : probes) {
    auto it = model.find(id);
    EXPECT_EQ(t.find(id, docs), it == model.end() ? IdTable::kAbsent : it->second) << id;
  }
}

TEST(IdTable, MatchesAMapThroughInsertsAndErases) {
  for (uint64_t id_space : {uint64_t(64), uint64_t(1) << 40}) {  // many repeats, then few
    std::mt19937_64 rng(id_space);
    IdTable t;
    std::vector<Doc> docs;
    std::unordered_map<uint64_t, uint32_t> model;
    std::vector<uint64_t> seen;
    for (int step = 0; step < 20000; ++step) {
      const uint64_t id = rng() % id_space;
      seen.push_back(id);
      if (rng() % 3 == 0)
        EXPECT_EQ(t.erase(id, docs), model.erase(id) == 1);
      else
        add(t, docs, model, id);
      if (step % 997 == 0) expect_same(t, docs, model, seen);
    }
    expect_same(t, docs, model, seen);
  }
}

// Ids whose hash is base + k share the home slot of base for every small k: a forged file can
// choose such ids. From base near the top of the hash space their run wraps around the table's end.
std::vector<uint64_t> ids_hashing_to(uint64_t base, uint64_t n) {
  constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ull;  // id_table.hpp's hash
  uint64_t inverse = kMultiplier;
  for (int i = 0; i < 6; ++i) inverse *= 2 - kMultiplier * inverse;  // Newton, mod 2^64
  std::vector<uint64_t> ids;
  for (uint64_t k = 0; k < n; ++k) ids.push_back(inverse * (base + k));
  return ids;
}

TEST(IdTable, IdsSharingTheirHomeSlotStayFindableAfterErases) {
  for (uint64_t base : {uint64_t(1) << 62, ~uint64_t(0) - 4096}) {
    IdTable t;
    std::vector<Doc> docs;
    std::unordered_map<uint64_t, uint32_t> model;
    std::vector<uint64_t> ids = ids_hashing_to(base, 300);
    for (uint64_t k = 1; k < 200; ++k) ids.push_back(k);  // and ordinary ids among them
    for (uint64_t id : ids) ASSERT_TRUE(add(t, docs, model, id));
    expect_same(t, docs, model, ids);
    for (size_t i = 0; i < ids.size(); i += 3) {
      ASSERT_TRUE(t.erase(ids[i], docs));
      model.erase(ids[i]);
      expect_same(t, docs, model, ids);
    }
    EXPECT_FALSE(t.erase(ids[0], docs));
    EXPECT_FALSE(add(t, docs, model, ids[1]));  // present: unchanged
    EXPECT_EQ(t.find(ids[1], docs), 1u);
  }
}

TEST(IdTable, ReserveAndClear) {
  IdTable t;
  std::vector<Doc> docs;
  EXPECT_EQ(t.find(42, docs), IdTable::kAbsent);
  EXPECT_FALSE(t.erase(42, docs));
  for (uint32_t i = 0; i < 1000; ++i) docs.push_back(Doc{uint64_t(i) * 0x1000193});
  t.reserve(docs.size(), docs);
  for (uint32_t i = 0; i < 1000; ++i) ASSERT_TRUE(t.insert(i, docs));
  EXPECT_EQ(t.size(), 1000u);
  EXPECT_EQ(t.find(uint64_t(999) * 0x1000193, docs), 999u);
  t.clear();
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t.find(uint64_t(999) * 0x1000193, docs), IdTable::kAbsent);
  EXPECT_TRUE(t.insert(5, docs));
  EXPECT_EQ(t.find(uint64_t(5) * 0x1000193, docs), 5u);
}

}  // namespace
