// What to copy: the tables of both catalogs, matched by name and column, in foreign-key order,
// and which of them the triggers derive (store_migrate_impl.hpp).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/store/store_migrate.hpp"
#include "core/store/store_migrate_impl.hpp"

namespace rs::store::migrate {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

// On PostgreSQL the same triggers fill these tables while the base tables are copied, so they are
// compared, not copied.
std::set<std::string> tables_written_by(const std::string& trigger_sql) {
  std::set<std::string> out;
  std::vector<std::string> words;
  std::string word;
  bool in_literal = false, body = false;
  auto flush = [&] {
    if (word.empty()) return;
    std::string w = lower(word);
    word.clear();
    if (w == "begin")
      body = true;
    else if (body)
      words.push_back(w);
  };
  for (char c : trigger_sql) {
    if (c == '\'') in_literal = !in_literal;  // a RAISE message's words are not names
    if (in_literal || c == '\'') {
      flush();
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_')
      word += c;
    else
      flush();
  }
  flush();
  for (std::size_t i = 0; i + 1 < words.size(); ++i)
    if ((words[i] == "into" || words[i] == "update") && words[i + 1] != "set") out.insert(words[i + 1]);
  return out;
}

namespace {

std::vector<std::string> sqlite_columns(Database& db, const std::string& table) {
  Statement q(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
  q.bind(1, table);
  std::vector<std::string> out;
  while (q.step()) out.push_back(q.text(0));
  return out;
}

// Tables a table's foreign keys point at (itself left out: its rows come in rowid order).
std::set<std::string> sqlite_parents(Database& db, const std::string& table) {
  Statement q(db, "SELECT \"table\" FROM pragma_foreign_key_list(?1)");
  q.bind(1, table);
  std::set<std::string> out;
  while (q.step())
    if (q.text(0) != table) out.insert(q.text(0));
  return out;
}

void add_pg_side(Database& pg, Table& t, const std::vector<std::string>& sqlite_cols) {
  Statement q(pg,
              "SELECT column_name, data_type, is_identity FROM information_schema.columns "
              "WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position");
  q.bind(1, t.name);
  std::map<std::string, std::string> pg_types;
  while (q.step()) {
    pg_types[q.text(0)] = q.text(1);
    if (q.text(2) == "YES") t.identity = q.text(0);
  }
  std::vector<std::string> only_sqlite, only_pg;
  for (const auto& c : sqlite_cols) {
    const auto it = pg_types.find(c);
    if (it == pg_types.end())
      only_sqlite.push_back(c);
    else
      t.columns.push_back({c, it->second});
  }
  for (const auto& [name, type] : pg_types)
    if (std::find(sqlite_cols.begin(), sqlite_cols.end(), name) == sqlite_cols.end()) only_pg.push_back(name);
  if (!only_sqlite.empty() || !only_pg.empty())
    throw MigrateRefused("table " + t.name + " has columns on one side only: " +
                         (only_sqlite.empty() ? "" : "only in the SQLite store: " + joined(only_sqlite)) +
                         (only_sqlite.empty() || only_pg.empty() ? "" : "; ") +
                         (only_pg.empty() ? "" : "only on PostgreSQL: " + joined(only_pg)) +
                         " (are both at this version's last migration?)");
  Statement pk(pg, "SELECT conname FROM pg_constraint WHERE conrelid = to_regclass(?1) AND contype = 'p'");
  pk.bind(1, quoted(t.name));
  if (pk.step()) t.primary_key = pk.text(0);
}

std::set<std::string> pg_tables(Database& pg) {
  Statement q(pg,
              "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
              "AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'");
  std::set<std::string> out;
  while (q.step()) out.insert(q.text(0));
  return out;
}

}  // namespace

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Parents before children; among tables that are ready, by name, so every run copies alike.
std::vector<std::string> in_key_order(const std::map<std::string, std::set<std::string>>& parents) {
  std::vector<std::string> order;
  std::set<std::string> done;
  while (order.size() < parents.size()) {
    bool moved = false;
    for (const auto& [name, ps] : parents) {
      if (done.count(name)) continue;
      if (!std::all_of(ps.begin(), ps.end(), [&](const auto& p) { return done.count(p) || !parents.count(p); }))
        continue;
      order.push_back(name);
      done.insert(name);
      moved = true;
    }
    if (!moved) throw MigrateRefused("the SQLite store's foreign keys form a cycle; no table order can be copied");
  }
  return order;
}

std::vector<Table> plan_tables(Database& sqlite, Database& pg) {
  std::map<std::string, std::set<std::string>> parents;
  std::map<std::string, bool> rowid;
  {
    Statement q(sqlite,
                "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
                "AND name <> 'schema_migrations'");
    while (q.step()) {
      parents[q.text(0)] = {};
      rowid[q.text(0)] = lower(q.text(1)).find("without rowid") == std::string::npos;
    }
  }
  for (auto& [name, ps] : parents) ps = sqlite_parents(sqlite, name);
  std::set<std::string> derived;
  {
    Statement q(sqlite, "SELECT sql FROM sqlite_master WHERE type = 'trigger'");
    while (q.step()) derived.merge(tables_written_by(q.text(0)));
  }
  const std::set<std::string> on_pg = pg_tables(pg);
  std::vector<std::string> only_sqlite, only_pg;
  for (const auto& [name, ps] : parents)
    if (!on_pg.count(name)) only_sqlite.push_back(name);
  for (const auto& name : on_pg)
    if (!parents.count(name)) only_pg.push_back(name);
  if (!only_sqlite.empty())
    throw MigrateRefused("tables only in the SQLite store: " + joined(only_sqlite) +
                         " (is the PostgreSQL schema at this version?)");
  if (!only_pg.empty()) throw MigrateRefused("tables only on PostgreSQL: " + joined(only_pg));

  // Derived tables last: their rows come with the base tables' (a report lists them after).
  std::vector<std::string> order = in_key_order(parents);
  std::stable_partition(order.begin(), order.end(), [&](const auto& n) { return !derived.count(lower(n)); });
  std::vector<Table> out;
  for (const auto& name : order) {
    Table t;
    t.name = name;
    t.derived = derived.count(lower(name)) > 0;
    t.has_rowid = rowid[name];
    add_pg_side(pg, t, sqlite_columns(sqlite, name));
    out.push_back(std::move(t));
  }
  return out;
}

}  // namespace rs::store::migrate
