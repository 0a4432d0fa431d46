// Opening the store, shared helpers (audit chain, photos, loading rows).
#include "core/store/store.hpp"

#include <nlohmann/json.hpp>

#include "core/audit/chain.hpp"
#include "core/store/migrations.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/sha256.hpp"

namespace rs::store {

Store::Store(const std::string& path, StoreOptions options) : impl_(std::make_unique<Impl>(path, options)) {
  auto& db = impl_->db;
  if (db.engine() == Engine::Postgresql) {
    // The server keeps its own durability and concurrency settings (README, PostgreSQL).
    apply_migrations(db);
    db.before_commit = [impl = impl_.get()] { return impl->audit_append_call(); };
    db.after_rollback = [impl = impl_.get()] { impl->pending_audit.clear(); };
    return;
  }
  // WAL lets reviewers read while another workstation writes; NORMAL sync keeps every commit
  // atomic (a crash loses at most the last commits, never half of one) at a fraction of the cost.
  // 2 KB pages for a new file (an existing one keeps its size): a decision writes about a dozen
  // small rows to a dozen B-trees, and every page it touches is copied and checksummed into the
  // WAL, so smaller pages cut that work; measured 10% fewer instructions and 20% more decisions
  // per second than 4 KB pages here.
  db.exec("PRAGMA page_size=2048");
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=NORMAL");
  db.exec("PRAGMA foreign_keys=ON");
  // Reads through a memory map instead of a read() per page: fewer system calls per decision.
  db.exec("PRAGMA mmap_size=268435456");
  // Checkpoints go to a thread of their own instead of stalling every ~50th decision (checkpointer.hpp).
  impl_->checkpointer = std::make_unique<Checkpointer>(db, path);
  apply_migrations(db);
}

Store::~Store() = default;
Store::Store(Store&&) noexcept = default;

Database& Store::database() { return impl_->db; }

// The next row of the chain in form 2 (core/audit/chain.hpp): its id is the last one + 1, which is
// safe because every caller holds the write lock of its transaction.
void Store::Impl::audit(const std::string& actor, const std::string& action, const std::string& subject,
                        const std::string& detail_json) {
  PendingAudit p{iso8601_cst(now_ms()), actor, action, subject, detail_json};
  if (db.engine() == Engine::Postgresql && db.in_transaction()) {
    pending_audit.push_back(std::move(p));
    return;
  }
  if (db.engine() == Engine::Postgresql) {  // a lone statement: through the inbox as one transaction
    Transaction tx(db, Transaction::Kind::RowLocked);
    pending_audit.push_back(std::move(p));
    tx.commit();
    return;
  }
  insert_audit_row(p);
}

Statement* Store::Impl::audit_append_call() {
  if (pending_audit.empty()) return nullptr;
  // rs_audit_append (db/migrations_pg/005) puts the rows in the audit inbox and chains the inbox
  // if the chain's lock is free at once; the COMMIT in the same round trip releases it. A writer
  // never waits for the chain.
  auto rows = nlohmann::json::array();
  for (const auto& p : pending_audit)
    rows.push_back(
        {{"at", p.at}, {"actor", p.actor}, {"action", p.action}, {"subject", p.subject}, {"detail", p.detail}});
  pending_audit.clear();
  if (!audit_append) audit_append.emplace(db, "SELECT rs_audit_append(?1)", true);
  audit_append->bind(1, rows.dump());
  return &*audit_append;
}

void Store::Impl::seal_audit(SealWait wait) {
  if (db.engine() != Engine::Postgresql || db.in_transaction()) return;
  // Chains every committed row still in the inbox, so a reader after it sees them in audit_log.
  // Waiting, it waits for the chain's lock: a hot writer holds it for its COMMIT's round trip, a
  // writer of the Immediate kind for its whole transaction.
  if (wait == SealWait::Yes)
    sql("SELECT rs_audit_seal(true)")->run();
  else
    sql("SELECT rs_audit_seal(false)")->run();
}

void Store::Impl::insert_audit_row(const PendingAudit& p) {
  const std::string &actor = p.actor, &action = p.action, &subject = p.subject, &detail_json = p.detail;
  audit::Row row;
  {
    auto last = sql("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    const bool any = last->step();
    row.id = any ? last->int64(0) + 1 : 1;
    row.prev_hash = any ? last->text(1) : std::string(audit::kGenesis);
  }
  row.at = p.at;
  row.actor = actor;
  row.action = action;
  row.subject = subject;
  row.detail = detail_json;
  row.hash = audit::row_hash(row);
  auto ins =
      sql("INSERT INTO audit_log(id, at, actor, action, subject, detail, prev_hash, hash, form) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  ins->bind(1, row.id).bind(2, row.at).bind(3, actor).bind(4, action).bind(5, subject).bind(6, detail_json);
  ins->bind(7, row.prev_hash).bind(8, row.hash).bind(9, row.form).run();
}

std::int64_t Store::Impl::put_photo(const std::vector<std::uint8_t>& bytes) {
  std::string sha = sha256_hex(bytes);
  auto ins =
      sql("INSERT INTO photos(sha256, bytes, byte_count, created_at) VALUES(?1, ?2, ?3, ?4) "
          "ON CONFLICT(sha256) DO NOTHING");
  ins->bind(1, sha).bind_blob(2, bytes).bind(3, std::int64_t(bytes.size())).bind(4, iso8601_cst(now_ms()));
  ins->run();
  auto q = sql("SELECT id FROM photos WHERE sha256 = ?1");
  q->bind(1, sha);
  q->step();
  return q->int64(0);
}

// An attempt's columns, as read_attempt reads them.
#define RS_ATTEMPT_COLUMNS                                                                                      \
  "a.id, a.attempt_no, a.photo_id, p.sha256, a.submitted_at, a.submitted_ms, a.previous_attempt_id, a.status, " \
  "a.order_id"

namespace {
// An order's columns as load_order lists them, from column `at` on.
OrderInfo read_order(Statement& q, int at) {
  OrderInfo o;
  o.id = q.int64(at);
  o.order_no = q.text(at + 1);
  o.applicant_name = q.text(at + 2);
  o.id_number = q.text(at + 3);
  o.doc_type = q.text(at + 4);
  o.city = q.text(at + 5);
  o.city_letter = q.text(at + 6).empty() ? 0 : q.text(at + 6)[0];
  o.channel = q.text(at + 7);
  return o;
}
// An attempt's columns (RS_ATTEMPT_COLUMNS: attempts a joined to photos p), from column 0 on.
constexpr int kAttemptColumnCount = 9;
AttemptInfo read_attempt(Statement& q) {
  AttemptInfo a;
  a.id = q.int64(0);
  a.attempt_no = int(q.int64(1));
  a.photo_id = q.int64(2);
  a.photo_sha256 = q.text(3);
  a.submitted_at = q.text(4);
  a.submitted_ms = q.int64(5);
  a.previous_attempt_id = q.int64_or_null(6);
  a.status = q.text(7);
  a.order_id = q.int64(8);
  return a;
}
}  // namespace

OrderInfo Store::Impl::load_order(std::int64_t order_id) {
  auto q =
      sql("SELECT o.id, o.order_no, o.applicant_name, o.id_number, o.doc_type, o.city, o.city_letter, o.channel "
          "FROM orders o WHERE o.id = ?1");
  q->bind(1, order_id);
  if (!q->step()) throw std::runtime_error("order id " + std::to_string(order_id) + " not found");
  return read_order(*q, 0);
}

AttemptInfo Store::Impl::load_attempt(std::int64_t attempt_id) {
  auto q = sql("SELECT " RS_ATTEMPT_COLUMNS " FROM attempts a JOIN photos p ON p.id = a.photo_id WHERE a.id = ?1");
  q->bind(1, attempt_id);
  if (!q->step()) throw std::runtime_error("attempt id " + std::to_string(attempt_id) + " not found");
  return read_attempt(*q);
}

// One read where three were: a claim's round trips on PostgreSQL are what a workstation waits for.
void Store::Impl::load_attempt_order_photo(std::int64_t attempt_id, Claim& claim) {
  auto q = sql("SELECT " RS_ATTEMPT_COLUMNS
               ", o.id, o.order_no, o.applicant_name, o.id_number, o.doc_type, o.city, o.city_letter, o.channel, "
               "p.bytes FROM attempts a JOIN photos p ON p.id = a.photo_id JOIN orders o ON o.id = a.order_id "
               "WHERE a.id = ?1");
  q->bind(1, attempt_id);
  if (!q->step()) throw std::runtime_error("attempt id " + std::to_string(attempt_id) + " not found");
  claim.attempt = read_attempt(*q);
  claim.order = read_order(*q, kAttemptColumnCount);
  claim.photo = q->blob(kAttemptColumnCount + 8);
}

std::vector<std::uint8_t> Store::Impl::load_photo(std::int64_t photo_id) {
  auto q = sql("SELECT bytes FROM photos WHERE id = ?1");
  q->bind(1, photo_id);
  if (!q->step()) throw std::runtime_error("photo id " + std::to_string(photo_id) + " not found");
  return q->blob(0);
}

std::vector<std::string> Store::Impl::load_reasons(std::int64_t decision_id) {
  auto q = sql("SELECT code FROM decision_reasons WHERE decision_id = ?1 ORDER BY position");
  q->bind(1, decision_id);
  std::vector<std::string> codes;
  while (q->step()) codes.push_back(q->text(0));
  return codes;
}

}  // namespace rs::store
