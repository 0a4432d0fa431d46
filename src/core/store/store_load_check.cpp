// What a load test checks once its workstations have stopped (LoadCheck in store.hpp): no attempt
// decided twice, no image number issued twice, no serial skipped. The SQL is standard, so it runs
// unchanged on SQLite and on PostgreSQL: derived tables carry an alias, sums are cast to BIGINT
// (PostgreSQL's SUM of integers is NUMERIC), no engine's own functions but SUBSTR and CAST.
//
// An image number is GD | group | city letter | yymmdd | serial (5) | check: characters 5-10 are
// the day the serial counter is kept for (serial_counters.issue_date) and 11-15 the serial.
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {
namespace {
std::int64_t one_number(StatementCache& sql, const char* query) {
  auto q = sql(query);
  q->step();
  return q->int64(0);
}
}  // namespace

LoadCheck Store::load_check() {
  auto& sql = impl_->sql;
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);  // every count from one state
  LoadCheck c;
  c.double_decisions =
      one_number(sql,
                 "SELECT COUNT(*) FROM (SELECT attempt_id FROM decisions GROUP BY attempt_id "
                 "HAVING COUNT(*) > 1) twice") +
      // A round ends with one approval: a second approved attempt of an order means two reviewers
      // approved the same application.
      one_number(sql,
                 "SELECT COUNT(*) FROM (SELECT order_id FROM attempts WHERE status = 'approved' GROUP BY order_id "
                 "HAVING COUNT(*) > 1) twice") +
      one_number(sql,
                 "SELECT COUNT(*) FROM (SELECT attempt_id FROM image_numbers WHERE revoked_at IS NULL "
                 "GROUP BY attempt_id HAVING COUNT(*) > 1) twice");
  c.duplicate_numbers =
      // The serial is the city's of the day whatever the document group, so two numbers differing
      // only in their group letter are one serial issued twice.
      one_number(sql,
                 "SELECT CAST(COALESCE(SUM(issued - 1), 0) AS BIGINT) FROM (SELECT COUNT(*) AS issued "
                 "FROM image_numbers GROUP BY city_letter, SUBSTR(number, 5, 6), SUBSTR(number, 11, 5) "
                 "HAVING COUNT(*) > 1) twice") +
      one_number(sql,
                 "SELECT CAST(COALESCE(SUM(named - 1), 0) AS BIGINT) FROM (SELECT COUNT(*) AS named "
                 "FROM decisions WHERE image_number IS NOT NULL GROUP BY image_number HAVING COUNT(*) > 1) twice");
  c.serial_gaps = one_number(sql,
                             "SELECT CAST(COALESCE(SUM(highest - serials), 0) AS BIGINT) FROM ("
                             "SELECT MAX(CAST(SUBSTR(number, 11, 5) AS INTEGER)) AS highest, "
                             "COUNT(DISTINCT SUBSTR(number, 11, 5)) AS serials "
                             "FROM image_numbers GROUP BY city_letter, SUBSTR(number, 5, 6)) per_day") +
                  // A serial drawn from the counter is issued in the same transaction, so a counter above the
                  // highest issued serial lost numbers at the end of the day's run.
                  one_number(sql,
                             "SELECT CAST(COALESCE(SUM(c.last_serial - COALESCE(i.highest, 0)), 0) AS BIGINT) "
                             "FROM serial_counters c LEFT JOIN ("
                             "SELECT city_letter, SUBSTR(number, 5, 6) AS issued_on, "
                             "MAX(CAST(SUBSTR(number, 11, 5) AS INTEGER)) AS highest "
                             "FROM image_numbers GROUP BY city_letter, SUBSTR(number, 5, 6)) i "
                             "ON i.city_letter = c.city_letter AND i.issued_on = c.issue_date "
                             "WHERE c.last_serial > COALESCE(i.highest, 0)");
  c.decisions = one_number(sql, "SELECT COUNT(*) FROM decisions");
  c.approvals = one_number(sql, "SELECT COUNT(*) FROM decisions WHERE decision = 'approved'");
  c.numbers = one_number(sql, "SELECT COUNT(*) FROM image_numbers");
  return c;
}

std::vector<std::string> Store::session_waits() {
  std::vector<std::string> waits;
  if (impl_->db.engine() != Engine::Postgresql) return waits;
  auto q = impl_->sql(
      "SELECT CASE WHEN wait_event IS NULL THEN 'CPU' ELSE wait_event_type || ':' || wait_event END || "
      "CASE WHEN state LIKE 'idle in transaction%' THEN ' in a transaction' ELSE '' END FROM pg_stat_activity "
      "WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()");
  while (q->step()) waits.push_back(q->text(0));
  return waits;
}

}  // namespace rs::store
