// `audit verify` and `audit head`: the chain walk over every row of the audit log, then the
// tables checked against the rows (store_audit_tables.cpp). Reads only, in one snapshot.
#include <nlohmann/json.hpp>

#include "core/audit/chain.hpp"
#include "core/store/store.hpp"
#include "core/store/store_audit.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {
namespace {
// The switch row's detail: {"form":2,"decisions":N,"attempts":N,"orders":N,"notices":N}.
FormMarks marks_of_switch(const std::string& detail) {
  const auto j = nlohmann::json::parse(detail, nullptr, false);
  FormMarks m;
  if (!j.is_object()) return {FormMarks::kAll, FormMarks::kAll, FormMarks::kAll, FormMarks::kAll};
  auto mark = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : FormMarks::kAll;
  };
  m.decisions = mark("decisions");
  m.attempts = mark("attempts");
  m.orders = mark("orders");
  m.notices = mark("notices");
  return m;
}

void read_row(Statement& q, audit::Row& row) {
  row.id = q.int64(0);
  row.form = int(q.int64(1));
  row.at = q.text(2);
  row.actor = q.text(3);
  row.action = q.text(4);
  row.subject = q.text(5);
  row.detail = q.text(6);
  row.prev_hash = q.text(7);
  row.hash = q.text(8);
}

// What the table checks need of a row of the log.
void note_row(const audit::Row& row, WalkedChain& chain) {
  const LoggedRow entry{row.id, row.form, row.actor, row.subject, row.detail, {}};
  if (row.action == "revoke") chain.revocations.push_back(entry);
  if (row.action == "overturn") chain.overturns.push_back(entry);
  if (row.action == "second_review_drawn") chain.second_reviews_drawn.push_back(entry);
  if (row.action == "second_review") chain.second_reviews_decided.push_back(entry);
  if (row.action == "second_review_resolve") chain.second_reviews_resolved.push_back(entry);
  if (row.action == "user_add" || row.action == "user_disable" || row.action == "user_enable" ||
      row.action == "user_password" || row.action == "user_certify")
    chain.accounts.push_back({row.id, row.form, row.actor, row.subject, row.detail, row.action});
  if (row.action.rfind("training_", 0) == 0)
    chain.training.push_back({row.id, row.form, row.actor, row.subject, row.detail, row.action});
  if (row.action == "setting" || row.action == "gold_add" || row.action == "gold_answer" ||
      row.action == "user_pause" || row.action == "user_unpause")
    chain.gold.push_back({row.id, row.form, row.actor, row.subject, row.detail, row.action});
}

// Every row in id order through audit::ChainWalk; keeps what the table checks need.
WalkedChain walk_chain(StatementCache& sql, const std::optional<audit::KeptHead>& kept, Store::AuditReport& report) {
  audit::ChainWalk walk(kept);
  WalkedChain chain;
  bool switch_seen = false;
  auto q =
      sql("SELECT id, form, at, actor, action, subject, detail, prev_hash, hash FROM audit_log "
          "ORDER BY id");
  audit::Row row;
  while (q->step()) {
    read_row(*q, row);
    if (!walk.add(row)) break;
    note_row(row, chain);
    chain.last_id = row.id;
    if (!switch_seen && row.form == audit::kForm && row.action == audit::kSwitchAction && walk.legacy_rows() > 0) {
      chain.marks = marks_of_switch(row.detail);
      switch_seen = true;
    }
  }
  // Old-form rows with no switch after them: everything counts as old.
  if (walk.legacy_rows() > 0 && !switch_seen)
    chain.marks = {FormMarks::kAll, FormMarks::kAll, FormMarks::kAll, FormMarks::kAll};
  const auto broken = walk.finish();
  report.rows = walk.rows();
  report.legacy_rows = walk.legacy_rows();
  report.head = walk.head();
  report.kept_head_row = walk.kept_head_row();
  if (broken)
    report.problem = Store::AuditProblem{broken->row, std::string(audit::kind_name(broken->kind)), broken->what};
  return chain;
}

// PostgreSQL: rows committed but not yet chained (db/migrations_pg/005), in the order a seal would
// chain them and under the ids it would give them, so the tables' checks see every committed
// row. They are not walked: their hashes do not exist yet. Always none on SQLite.
void note_waiting_rows(StatementCache& sql, WalkedChain& chain, Store::AuditReport& report) {
  auto q = sql("SELECT action, actor, subject, detail FROM audit_inbox ORDER BY seq");
  audit::Row row;
  row.id = chain.last_id;
  while (q->step()) {
    ++row.id;
    row.action = q->text(0);
    row.actor = q->text(1);
    row.subject = q->text(2);
    row.detail = q->text(3);
    note_row(row, chain);
    ++report.waiting_rows;
  }
}
}  // namespace

Store::AuditHead Store::audit_head() {
  impl_->seal_audit(Impl::SealWait::Yes);  // a head to keep must be a row of the chain
  auto q = impl_->sql("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (!q->step()) return {0, std::string(audit::kGenesis)};
  return {q->int64(0), q->text(1)};
}

Store::AuditReport Store::audit_verify(const std::optional<std::string>& kept_head) {
  std::optional<audit::KeptHead> kept;
  if (kept_head) {
    std::string error;
    kept = audit::parse_kept_head(*kept_head, error);
    if (!kept) throw Refusal(Refusal::Why::BadQuery, error);
  }
  // Chains what waits in the inbox first if the chain's lock is free, so the walk covers it; a
  // check never waits for a writer. Then one read transaction: the walk and the table checks see
  // the same rows even while workstations keep deciding; rows committed but not chained are checked
  // against their tables all the same (note_waiting_rows). Never committed.
  impl_->seal_audit(Impl::SealWait::No);
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);
  AuditReport report;
  WalkedChain chain = walk_chain(impl_->sql, kept, report);
  if (!report.problem) note_waiting_rows(impl_->sql, chain, report);
  if (!report.problem) report.problem = check_tables_against_log(impl_->sql, chain, report);
  return report;
}

}  // namespace rs::store
