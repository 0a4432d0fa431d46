// The audit log's hash chain: the hashed form (core/audit/chain.hpp), the walk that finds the first
// bad row, and `Store::audit_verify` on a database someone with the file has tampered with
// (the triggers dropped first, as they could).
#include <doctest/doctest.h>

#include <set>

#include "core/audit/chain.hpp"
#include "core/store/sqlite.hpp"
#include "core/util/sha256.hpp"
#include "store_fixture.hpp"

using namespace rs;
using audit::Break;
using audit::ChainWalk;
using audit::Row;

namespace {
Row row(std::int64_t id, std::string actor, std::string action, std::string subject = "A1", std::string detail = "{}") {
  Row r;
  r.id = id;
  r.at = "2026-11-21T08:30:00.123+08:00";
  r.actor = std::move(actor);
  r.action = std::move(action);
  r.subject = std::move(subject);
  r.detail = std::move(detail);
  return r;
}

// n rows of form 2, chained.
std::vector<Row> chain_of(int n, int form = audit::kForm) {
  std::vector<Row> rows;
  std::string prev(audit::kGenesis);
  for (int i = 1; i <= n; ++i) {
    Row r = row(i, "r" + std::to_string(i % 3), "decide", "A" + std::to_string(i), "{\"n\":" + std::to_string(i) + "}");
    r.form = form;
    r.prev_hash = prev;
    r.hash = audit::row_hash(r);
    prev = r.hash;
    rows.push_back(r);
  }
  return rows;
}

// Recomputes prev_hash and hash from `from` (an index) on, as a forger who knows the form would.
void rechain(std::vector<Row>& rows, std::size_t from) {
  for (std::size_t i = from; i < rows.size(); ++i) {
    rows[i].prev_hash = i == 0 ? std::string(audit::kGenesis) : rows[i - 1].hash;
    rows[i].hash = audit::row_hash(rows[i]);
  }
}

std::optional<Break> walk(const std::vector<Row>& rows, std::optional<audit::KeptHead> kept = std::nullopt) {
  ChainWalk w(std::move(kept));
  for (const auto& r : rows)
    if (!w.add(r)) break;
  return w.finish();
}
}  // namespace

TEST_CASE("audit chain: the hashed form, a known vector") {
  Row r = row(1, "张三", "decide", "A1", R"({"decision":"approved"})");
  r.prev_hash = std::string(audit::kGenesis);
  CHECK(audit::hashed_bytes(r) ==
        "1:2,1:1,29:2026-11-21T08:30:00.123+08:00,6:张三,6:decide,2:A1,23:{\"decision\":\"approved\"},64:" +
            std::string(audit::kGenesis) + ",");
  // The same bytes through Python's hashlib.sha256, computed outside this code base.
  CHECK(audit::row_hash(r) == "4bb25c63f247b986b924d84971fa2e82fdf9011501e11e75c3967401582f6877");
  r.form = audit::kLegacyForm;
  CHECK(audit::hashed_bytes(r) == std::string(audit::kGenesis) +
                                      "\n2026-11-21T08:30:00.123+08:00\n张三\ndecide\nA1\n{\"decision\":\"approved\"}");
  r.form = 3;
  CHECK_THROWS_AS(audit::hashed_bytes(r), std::invalid_argument);
}

TEST_CASE("audit chain: a newline or a colon in a name cannot make two different rows hash alike") {
  // Form 1 could not tell these apart: the newline inside the name passed for a field boundary.
  Row a = row(5, "alice\ndecide", "x"), b = row(5, "alice", "decide\nx");
  a.form = b.form = audit::kLegacyForm;
  CHECK(audit::hashed_bytes(a) == audit::hashed_bytes(b));
  a.form = b.form = audit::kForm;
  CHECK(audit::hashed_bytes(a) != audit::hashed_bytes(b));
  CHECK(audit::row_hash(a) != audit::row_hash(b));
  // Every way of cutting one string holding ':', ',', digits and '\n' into actor, action and
  // subject gives its own bytes.
  const std::string text = "1:a,\n2:b,";
  std::set<std::string> seen;
  int splits = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    for (std::size_t j = i; j <= text.size(); ++j) {
      Row r = row(5, text.substr(0, i), text.substr(i, j - i), text.substr(j));
      seen.insert(audit::hashed_bytes(r));
      ++splits;
    }
  CHECK(int(seen.size()) == splits);
  // The row's id is covered: the same fields at another id hash differently.
  Row c = row(6, "alice", "decide\nx");
  CHECK(audit::row_hash(c) != audit::row_hash(b));
}

TEST_CASE("audit chain: the walk accepts an intact chain and reports its head") {
  auto rows = chain_of(12);
  ChainWalk w;
  for (const auto& r : rows) CHECK(w.add(r));
  CHECK_FALSE(w.finish());
  CHECK(w.rows() == 12);
  CHECK(w.head() == rows.back().hash);
  CHECK_FALSE(walk({}));
}

TEST_CASE("audit chain: the walk names the first bad row and what happened to it") {
  auto rows = chain_of(12);
  SUBCASE("edited") {
    rows[4].actor = "mallory";
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Edited);
    CHECK(b->row == 5);
  }
  SUBCASE("edited, its own hash recomputed") {
    rows[4].actor = "mallory";
    rows[4].hash = audit::row_hash(rows[4]);
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Edited);
    CHECK(b->row == 5);
    CHECK(b->what.find("row 6 still links") != std::string::npos);
  }
  SUBCASE("deleted in the middle") {
    rows.erase(rows.begin() + 6);
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Deleted);
    CHECK(b->row == 7);
    CHECK(b->what == "rows 7..7 are missing: row 8 follows row 6");
  }
  SUBCASE("deleted and the later rows renumbered") {
    rows.erase(rows.begin() + 6, rows.begin() + 8);
    for (std::size_t i = 6; i < rows.size(); ++i) rows[i].id = std::int64_t(i) + 1;
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Deleted);
    CHECK(b->row == 7);
    CHECK(b->what.find("2 row(s) were deleted") != std::string::npos);
  }
  SUBCASE("inserted with a correct hash, the later rows renumbered") {
    Row forged = row(5, "mallory", "decide", "A99");
    forged.prev_hash = rows[3].hash;
    forged.hash = audit::row_hash(forged);
    rows.insert(rows.begin() + 4, forged);
    for (std::size_t i = 5; i < rows.size(); ++i) rows[i].id = std::int64_t(i) + 1;
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Inserted);
    CHECK(b->row == 5);
  }
  SUBCASE("inserted before the first row") {
    Row forged = row(0, "mallory", "decide");
    forged.prev_hash = std::string(audit::kGenesis);
    forged.hash = audit::row_hash(forged);
    rows.insert(rows.begin(), forged);
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Inserted);
    CHECK(b->row == 0);
  }
  SUBCASE("two rows swapped") {
    std::swap(rows[3], rows[4]);
    std::swap(rows[3].id, rows[4].id);
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Reordered);
    CHECK(b->row == 4);
  }
  SUBCASE("the last row edited: no next row to ask") {
    rows.back().detail = "{}";
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Edited);
    CHECK(b->row == 12);
  }
}

TEST_CASE("audit chain: old-form rows swapped, and the form rules") {
  SUBCASE("two rows of form 1 swapped (their ids are not hashed)") {
    auto rows = chain_of(6, audit::kLegacyForm);
    std::swap(rows[2], rows[3]);
    std::swap(rows[2].id, rows[3].id);
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Reordered);
    CHECK(b->row == 3);
  }
  SUBCASE("a row of form 1 after form 2 began") {
    auto rows = chain_of(4);
    rows[2].form = audit::kLegacyForm;
    rechain(rows, 2);
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Form);
    CHECK(b->row == 3);
  }
  SUBCASE("form 2 after old rows starts with the switch row") {
    auto rows = chain_of(4, audit::kLegacyForm);
    rows[2].form = rows[3].form = audit::kForm;
    rechain(rows, 2);
    auto b = walk(rows);
    REQUIRE(b);
    CHECK(b->kind == Break::Kind::Form);
    rows[2].action = std::string(audit::kSwitchAction);
    rechain(rows, 2);
    ChainWalk w;
    for (const auto& r : rows) CHECK(w.add(r));
    CHECK_FALSE(w.finish());
    CHECK(w.legacy_rows() == 2);
  }
}

TEST_CASE("audit chain: a kept head proves its row is still in the chain") {
  auto rows = chain_of(20);
  const std::string head = rows[14].hash;  // printed when the log had 15 rows
  CHECK_FALSE(walk(rows, audit::KeptHead{std::nullopt, head}));
  CHECK_FALSE(walk(rows, audit::KeptHead{15, head}));
  {
    ChainWalk w(audit::KeptHead{std::nullopt, head});
    for (const auto& r : rows) w.add(r);
    CHECK_FALSE(w.finish());
    CHECK(w.kept_head_row() == 15);
  }
  // A rewritten tail with every later hash recomputed: the chain alone holds ...
  rows[9].subject = "forged";
  rechain(rows, 9);
  CHECK_FALSE(walk(rows));
  // ... and the kept head is gone.
  auto b = walk(rows, audit::KeptHead{std::nullopt, head});
  REQUIRE(b);
  CHECK(b->kind == Break::Kind::KeptHead);
  b = walk(rows, audit::KeptHead{15, head});
  REQUIRE(b);
  CHECK(b->kind == Break::Kind::KeptHead);
  CHECK(b->row == 15);
  // A deleted tail.
  rows = chain_of(20);
  rows.resize(12);
  b = walk(rows, audit::KeptHead{15, head});
  REQUIRE(b);
  CHECK(b->what.find("rows 13..15 were deleted") != std::string::npos);
}

TEST_CASE("audit chain: kept heads are read as HEX or ROWS:HEX") {
  std::string error;
  const std::string hex = sha256_hex(std::string_view("x"));
  auto k = audit::parse_kept_head(hex, error);
  REQUIRE(k);
  CHECK_FALSE(k->row);
  k = audit::parse_kept_head("42:" + hex, error);
  REQUIRE(k);
  CHECK(k->row == 42);
  CHECK(k->hash == hex);
  for (std::string bad :
       {std::string("abc"), "0:" + hex, ":" + hex, "x:" + hex, hex.substr(1) + "G", "99999999999999999999:" + hex}) {
    error.clear();
    CHECK_FALSE(audit::parse_kept_head(bad, error));
    CHECK_FALSE(error.empty());
  }
}
