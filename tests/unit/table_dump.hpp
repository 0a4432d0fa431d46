#pragma once
// Reading a test database by hand: one number, or a whole table as text to compare before and
// after (the sandbox tests: equal dumps mean equal contents).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"

namespace rs::test {

// The first column of the first row of `sql`.
inline std::int64_t one(store::Store& s, const std::string& sql) {
  store::Statement q(s.database(), sql.c_str());
  REQUIRE(q.step());
  return q.int64(0);
}

// Every row of `table`, every column quoted, sorted.
inline std::string dump(store::Store& s, const std::string& table) {
  if (s.database().engine() == store::Engine::Postgresql) {
    store::Statement q(s.database(), ("SELECT CAST(t AS TEXT) FROM " + table + " AS t ORDER BY 1").c_str());
    std::string out = table + ":\n";
    while (q.step()) out += q.text(0) + "\n";
    return out;
  }
  std::string columns;
  {
    store::Statement q(s.database(), ("PRAGMA table_info(" + table + ")").c_str());
    while (q.step()) columns += (columns.empty() ? "quote(" : " || '|' || quote(") + q.text(1) + ")";
  }
  REQUIRE_FALSE(columns.empty());
  store::Statement q(s.database(), ("SELECT " + columns + " FROM " + table + " ORDER BY 1").c_str());
  std::string out = table + ":\n";
  while (q.step()) out += q.text(0) + "\n";
  return out;
}

}  // namespace rs::test
