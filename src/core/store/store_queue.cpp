// The queue: leases with fencing tokens. A claim is one BEGIN IMMEDIATE transaction, so two
// workstations on the same file can never hold the same attempt.
#include <nlohmann/json.hpp>

#include "core/domain/workstation_id.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
using nlohmann::json;

std::optional<Claim> Store::claim_next(const accounts::Actor& reviewer, std::string_view workstation) {
  require_role(reviewer, accounts::Role::Reviewer, "claiming an order");
  require_claimant(reviewer, "the live queue");
  const std::string owner = lease_owner(reviewer.name(), workstation);
  // The owner ends up in the queue listing, the audit log and exports: UTF-8, one line.
  if (auto problem =
          utf8::text_problem("the lease owner '" + utf8::sanitised(owner) + "'", owner, {.allow_empty = false});
      !problem.empty())
    throw Refusal(Refusal::Why::BadOwner, problem + ": nothing was claimed");
  std::optional<Lease> lease;
  {
    Transaction tx(impl_->db, Transaction::Kind::RowLocked);
    lease = take_lease(reviewer.name(), owner, now_ms());
    if (!lease) return std::nullopt;
    tx.commit();
  }
  // The lease is ours now; reading the rest needs no write lock.
  return load_claim(*lease);
}

std::optional<Lease> Store::take_lease(const std::string& reviewer, const std::string& owner, Millis now) {
  auto& sql = impl_->sql;
  std::int64_t attempt_id = 0;
  std::optional<std::int64_t> token;
  {
    // PostgreSQL: workstations claiming at once each lock a different head of the queue instead of
    // waiting for one another (SKIP LOCKED); the lock holds until the lease is committed. The
    // gold rate and (PostgreSQL) the fencing token come with the row: each read more would be a
    // round trip more for every claim. A token drawn for a row skipped or a gold case is never
    // used; tokens need only grow.
    auto q =
        sql("SELECT id, submitted_ms, (SELECT value FROM settings WHERE key = 'gold.rate'), NULL FROM attempts "
            "WHERE status = 'pending' AND (lease_expires_ms IS NULL OR lease_expires_ms <= ?1) "
            "AND NOT (skipped_by IS ?2 AND skipped_until_ms > ?1) "
            "ORDER BY priority DESC, submitted_ms, id LIMIT 1",
            "SELECT id, submitted_ms, (SELECT value FROM settings WHERE key = 'gold.rate'), nextval('fencing_tokens') "
            "FROM attempts WHERE status = 'pending' AND (lease_expires_ms IS NULL OR lease_expires_ms <= ?1) "
            "AND NOT (skipped_by IS ?2 AND skipped_until_ms > ?1) "
            "ORDER BY priority DESC, submitted_ms, id LIMIT 1 FOR UPDATE SKIP LOCKED");
    q->bind(1, now).bind(2, owner);
    // An empty real queue gives no gold case either: there is nothing to hide it among.
    if (!q->step()) return std::nullopt;
    attempt_id = q->int64(0);
    const Millis head_submitted = q->int64(1);
    const double rate = gold_rate(q->text_or_null(2));
    token = q->int64_or_null(3);
    q->reset();
    if (auto gold = maybe_deliver_gold(reviewer, owner, now, head_submitted, rate)) return gold;
  }
  if (!token) token = impl_->next_fencing_token();
  Millis expires = now + impl_->options.lease_ms;
  auto up =
      sql("UPDATE attempts SET lease_owner = ?1, lease_expires_ms = ?2, lease_token = ?3, "
          "lease_claimed_ms = ?4 WHERE id = ?5");
  up->bind(1, owner).bind(2, expires).bind(3, *token).bind(4, now).bind(5, attempt_id).run();
  impl_->audit(reviewer, "claim", std::to_string(attempt_id), json{{"owner", owner}, {"lease_token", *token}}.dump());
  return Lease{attempt_id, owner, *token, expires, now};
}

std::int64_t Store::Impl::next_fencing_token() {
  if (db.engine() == Engine::Postgresql) {
    // A sequence: claims never wait for one another on a counter row.
    auto q = sql("SELECT nextval('fencing_tokens')");
    q->step();
    return q->int64(0);
  }
  // UPDATE then SELECT rather than RETURNING: SQLite builds a temporary table for RETURNING,
  // which cost a fifth of a claim. Inside this write transaction nobody else can move the counter.
  sql("UPDATE fencing SET last_token = last_token + 1 WHERE id = 1")->run();
  auto q = sql("SELECT last_token FROM fencing WHERE id = 1");
  q->step();
  return q->int64(0);
}

Claim Store::load_claim(const Lease& lease) {
  if (is_gold(lease.attempt_id)) return load_gold_claim(lease);
  auto& sql = impl_->sql;
  Claim claim;
  claim.lease = lease;
  impl_->load_attempt_order_photo(lease.attempt_id, claim);
  if (claim.attempt.previous_attempt_id) {
    PreviousAttempt prev;
    prev.attempt = impl_->load_attempt(*claim.attempt.previous_attempt_id);
    prev.photo = impl_->load_photo(prev.attempt.photo_id);
    // An approval a supervisor overturned into a rejection: the overturn's reasons are the ones
    // the applicant was asked to fix.
    auto q =
        sql("SELECT d.id, d.reviewer, d.decided_at, COALESCE(d.other_text, ''), v.id, v.supervisor, v.overturned_at, "
            "COALESCE(v.other_text, '') FROM decisions d LEFT JOIN overturns v ON v.decision_id = d.id AND "
            "v.to_decision = 'rejected' WHERE d.attempt_id = ?1");
    q->bind(1, prev.attempt.id);
    if (q->step()) {
      const bool overturned = !q->is_null(4);
      prev.reviewer = q->text(overturned ? 5 : 1);
      prev.decided_at = q->text(overturned ? 6 : 2);
      prev.other_text = q->text(overturned ? 7 : 3);
      prev.reasons = overturned ? impl_->load_overturn_reasons(q->int64(4)) : impl_->load_reasons(q->int64(0));
    }
    claim.previous = std::move(prev);
  }
  return claim;
}

bool Store::renew_lease(const accounts::Actor& reviewer, std::int64_t attempt_id, std::int64_t token) {
  require_role(reviewer, accounts::Role::Reviewer, "renewing a lease");
  if (is_gold(attempt_id)) return renew_gold(reviewer, attempt_id, token);
  // Only the reviewer's own lease ("name@..."): a token alone does not make the order theirs.
  auto up = impl_->sql(
      "UPDATE attempts SET lease_expires_ms = ?1 WHERE id = ?2 AND lease_token = ?3 AND status = 'pending' "
      "AND instr(lease_owner, ?4) = 1");
  up->bind(1, now_ms() + impl_->options.lease_ms).bind(2, attempt_id).bind(3, token).bind(4, reviewer.name() + "@");
  up->run();
  return impl_->db.changes() == 1;
}

void Store::release(const accounts::Actor& reviewer, std::int64_t attempt_id, std::int64_t token, Release kind) {
  require_role(reviewer, accounts::Role::Reviewer,
               kind == Release::Skip ? "skipping an order" : "handing back an order");
  if (is_gold(attempt_id)) return release_gold(reviewer, attempt_id, token);
  Transaction tx(impl_->db, Transaction::Kind::RowLocked);
  const bool skip = kind == Release::Skip;
  auto up = impl_->sql(
      "UPDATE attempts SET skipped_by = CASE WHEN ?4 <> 0 THEN lease_owner END, skipped_until_ms = CASE WHEN ?4 <> 0 "
      "THEN ?3 "
      "END, "
      "lease_owner = NULL, lease_expires_ms = NULL, lease_token = NULL "
      "WHERE id = ?1 AND lease_token = ?2 AND status = 'pending' AND instr(lease_owner, ?5) = 1");
  up->bind(1, attempt_id)
      .bind(2, token)
      .bind(5, reviewer.name() + "@")
      .bind(3, now_ms() + impl_->options.skip_hold_ms)
      .bind(4, std::int64_t(skip))
      .run();
  bool released = impl_->db.changes() == 1;
  if (released) {
    impl_->audit(reviewer.name(), skip ? "skip" : "hand_back", std::to_string(attempt_id),
                 json{{"lease_token", token}}.dump());
    impl_->notify_orders();  // back in the queue: idle workstations may take it (PostgreSQL)
  }
  tx.commit();
}

int Store::hand_back_all(const accounts::Actor& reviewer, const std::string& owner) {
  require_role(reviewer, accounts::Role::Reviewer, "handing back a workstation's orders");
  Transaction tx(impl_->db);
  auto up = impl_->sql(
      "UPDATE attempts SET lease_owner = NULL, lease_expires_ms = NULL, lease_token = NULL "
      "WHERE lease_owner = ?1 AND status = 'pending'");
  up->bind(1, owner).run();
  int n = impl_->db.changes();
  // Gold cases the workstation held are closed as a skip closes them.
  impl_->sql("UPDATE gold_deliveries SET status = 'released' WHERE lease_owner = ?1 AND status = 'open'")
      ->bind(1, owner)
      .run();
  n += impl_->db.changes();
  if (n > 0) impl_->audit(reviewer.name(), "hand_back_all", owner, json{{"orders", n}}.dump());
  tx.commit();
  return n;
}

std::vector<std::string> Store::lease_owners() {
  auto q = impl_->sql(
      "SELECT lease_owner FROM attempts WHERE status = 'pending' AND lease_owner IS NOT NULL UNION SELECT lease_owner "
      "FROM gold_deliveries WHERE status = 'open'");
  std::vector<std::string> owners;
  while (q->step()) owners.push_back(q->text(0));
  return owners;
}

std::vector<QueueRow> Store::pending_queue() {
  auto q = impl_->sql(
      "SELECT o.order_no, a.attempt_no, o.doc_type, o.city, a.submitted_at, a.submitted_ms, "
      "CASE WHEN a.lease_expires_ms > ?1 THEN a.lease_owner END, a.priority, a.id "
      "FROM attempts a JOIN orders o ON o.id = a.order_id WHERE a.status = 'pending' "
      // A gold case a reviewer holds is listed as the order it poses as, so that reviewer's panel
      // shows it held like any other; once its lease runs out it leaves the list.
      "UNION ALL SELECT d.order_no, 1, o.doc_type, o.city, d.submitted_at, d.submitted_ms, d.lease_owner, 0, a.id "
      "FROM gold_deliveries d JOIN gold_cases g ON g.id = d.gold_case_id JOIN attempts a ON a.id = g.attempt_id "
      "JOIN orders o ON o.id = a.order_id WHERE d.status = 'open' AND d.lease_expires_ms > ?1 "
      "ORDER BY 8 DESC, 6, 9");
  q->bind(1, now_ms());
  std::vector<QueueRow> rows;
  while (q->step()) {
    QueueRow r;
    r.order_no = q->text(0);
    r.attempt_no = int(q->int64(1));
    r.doc_type = q->text(2);
    r.city = q->text(3);
    r.submitted_at = q->text(4);
    r.submitted_ms = q->int64(5);
    r.lease_owner = q->text_or_null(6);
    r.priority = int(q->int64(7));
    rows.push_back(std::move(r));
  }
  return rows;
}

QueueStats Store::stats(const std::string& reviewer) {
  QueueStats s;
  Millis now = now_ms();
  {
    auto q = impl_->sql("SELECT COUNT(*), MIN(submitted_ms) FROM attempts WHERE status = 'pending'");
    q->step();
    s.pending = int(q->int64(0));
    auto g = impl_->sql("SELECT COUNT(*) FROM gold_deliveries WHERE status = 'open' AND lease_expires_ms > ?1");
    g->bind(1, now);
    g->step();
    s.pending += int(g->int64(0));
    s.oldest_wait_ms = q->is_null(1) ? 0 : std::max<Millis>(0, now - q->int64(1));
  }
  LocalDate today = local_date_cst(now);
  Millis midnight = days_from_civil(today) * 86400000LL - 8LL * 3600 * 1000;
  auto q =
      impl_->sql("SELECT decision, COUNT(*) FROM decisions WHERE reviewer = ?1 AND decided_ms >= ?2 GROUP BY decision");
  q->bind(1, reviewer).bind(2, midnight);
  while (q->step()) {
    int n = int(q->int64(1));
    (q->text(0) == "approved" ? s.mine_approved_today : s.mine_rejected_today) = n;
    s.mine_today += n;
  }
  // Gold answers count as the decisions they look like to the reviewer.
  auto g = impl_->sql(
      "SELECT decision, COUNT(*) FROM gold_answers WHERE reviewer = ?1 AND answered_ms >= ?2 GROUP BY decision");
  g->bind(1, reviewer).bind(2, midnight);
  while (g->step()) {
    const int n = int(g->int64(1));
    (g->text(0) == "approved" ? s.mine_approved_today : s.mine_rejected_today) += n;
    s.mine_today += n;
  }
  return s;
}

}  // namespace rs::store
