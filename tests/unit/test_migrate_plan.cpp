// The copy to PostgreSQL's plan (store_migrate_impl.hpp): which tables the triggers derive, read
// from trigger bodies, and the foreign-key order. The copy itself is e2e_migrate_pg's.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"
#include "core/store/store_migrate.hpp"
#include "core/store/store_migrate_impl.hpp"
#include "scratch_folder.hpp"

namespace migrate = rs::store::migrate;
using Set = std::set<std::string>;

TEST_CASE("tables_written_by reads the tables a trigger's body writes") {
  CHECK(migrate::tables_written_by("CREATE TRIGGER t AFTER INSERT ON decisions BEGIN\n"
                                   "  INSERT OR IGNORE INTO Decision_Facets(facet) VALUES ('city');\n"
                                   "  INSERT INTO \"reviewer_hours\"(reviewer) VALUES (NEW.reviewer)\n"
                                   "    ON CONFLICT (reviewer) DO UPDATE SET decisions = decisions + 1;\n"
                                   "  UPDATE reviewer_day_times SET n = n + 1;\nEND") ==
        Set{"decision_facets", "reviewer_hours", "reviewer_day_times"});
}

TEST_CASE("tables_written_by leaves out the trigger's own event and its messages") {
  CHECK(migrate::tables_written_by("CREATE TRIGGER no_update BEFORE UPDATE ON audit_log BEGIN\n"
                                   "  SELECT RAISE(ABORT, 'no INSERT INTO audit_log, no UPDATE orders');\nEND")
            .empty());
}

TEST_CASE("the store's own triggers derive exactly the figures' and the browser's tables") {
  rs::test::ScratchFolder dir("rs-migrate-plan");
  const std::string path = (dir.dir / "q.db").string();
  rs::store::Store store(path);  // every SQLite migration applied
  rs::store::Statement q(store.database(), "SELECT sql FROM sqlite_master WHERE type = 'trigger'");
  Set derived;
  int triggers = 0;
  while (q.step()) {
    derived.merge(migrate::tables_written_by(q.text(0)));
    ++triggers;
  }
  CHECK(triggers >= 10);  // the append-only ones write nothing
  CHECK(derived == Set{"decision_facets", "reviewer_day_reasons", "reviewer_day_times", "reviewer_hours"});
}

TEST_CASE("in_key_order puts every parent before its children, ties by name") {
  const auto order = migrate::in_key_order({{"decisions", {"attempts"}},
                                            {"attempts", {"orders", "photos"}},
                                            {"orders", {}},
                                            {"photos", {}},
                                            {"audit_log", {}},
                                            {"decision_reasons", {"decisions"}}});
  CHECK(order ==
        std::vector<std::string>{"audit_log", "orders", "photos", "attempts", "decisions", "decision_reasons"});
}

TEST_CASE("in_key_order refuses a cycle and ignores a key to a table it does not copy") {
  CHECK_THROWS_AS(migrate::in_key_order({{"a", {"b"}}, {"b", {"a"}}, {"c", {}}}), rs::store::MigrateRefused);
  CHECK(migrate::in_key_order({{"a", {"elsewhere"}}}) == std::vector<std::string>{"a"});
}
