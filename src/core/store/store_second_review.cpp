// Blind second review: a share of decisions is drawn inside the decision's own transaction and
// decided again by another reviewer or a supervisor, who never sees the first decision. Nothing
// is issued from it; agreement feeds the figures and each disagreement waits in the supervisors'
// inbox. Leases and fencing tokens work as for orders (store_queue.cpp).
#include <nlohmann/json.hpp>

#include <random>

#include "core/domain/workstation_id.hpp"
#include "core/store/store.hpp"
#include "core/store/store_audit.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
using nlohmann::json;
using Why = Refusal::Why;
using accounts::Role;

namespace {
const char* decision_text(Outcome o) { return o == Outcome::Approve ? "approved" : "rejected"; }

// A draw in [0, 1). Not a secret, but not predictable by the reviewer either: seeded once per
// thread from the kernel.
double uniform_draw() {
  thread_local std::mt19937_64 gen{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(gen);
}

std::string subject_of(std::int64_t id) { return "second review " + std::to_string(id); }
}  // namespace

double Store::second_review_share() {
  if (impl_->options.second_review_share) return *impl_->options.second_review_share;  // no read needed
  auto q = impl_->sql("SELECT value FROM settings WHERE key = 'second_review_share'");
  return second_review_share(q->step() ? q->text_or_null(0) : std::nullopt);
}

double Store::second_review_share(const std::optional<std::string>& setting) {
  if (impl_->options.second_review_share) return *impl_->options.second_review_share;
  if (!setting) return 0.0;
  try {
    return std::clamp(std::stod(*setting), 0.0, 1.0);
  } catch (const std::exception&) {
    return 0.0;  // a setting nobody can read draws nothing rather than everything
  }
}

void Store::set_second_review_share(const accounts::Actor& actor, double share) {
  require_either_role(actor, Role::Supervisor, Role::Admin, "setting the second-review share");
  if (!(share >= 0.0 && share <= 1.0))
    throw Refusal(Why::BadQuery, "the second-review share must be between 0 and 1 (0.05 is 5 %); nothing was written");
  Transaction tx(impl_->db);
  auto up = impl_->sql(
      "INSERT INTO settings(key, value) VALUES('second_review_share', ?1) "
      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  up->bind(1, json(share).dump()).run();
  impl_->audit(actor.name(), "setting", "second_review_share", json{{"second_review_share", share}}.dump());
  tx.commit();
}

// Inside decide's transaction: the draw and the queue row commit or roll back with the decision.
void Store::maybe_queue_second_review(double share, std::int64_t decision_id, const std::string& reviewer,
                                      const std::string& order_no, Millis now) {
  if (share <= 0.0 || uniform_draw() >= share) return;
  auto ins = impl_->sql(
      "INSERT INTO second_reviews(decision_id, first_reviewer, queued_at, queued_ms) VALUES(?1, ?2, ?3, ?4)");
  ins->bind(1, decision_id).bind(2, reviewer).bind(3, iso8601_cst(now)).bind(4, now).run();
  const std::int64_t id = impl_->db.last_insert_id();
  impl_->audit("system", "second_review_drawn", order_no,
               json{{"second_review_id", id}, {"decision_id", decision_id}, {"share", share}}.dump());
}

int Store::second_reviews_waiting(const std::string& excluding_reviewer) {
  auto q = impl_->sql("SELECT COUNT(*) FROM second_reviews WHERE decision IS NULL AND first_reviewer <> ?1");
  q->bind(1, excluding_reviewer);
  q->step();
  return int(q->int64(0));
}

std::optional<SecondReviewCase> Store::claim_second_review(const accounts::Actor& actor, std::string_view workstation) {
  require_either_role(actor, Role::Reviewer, Role::Supervisor, "a second review");
  require_claimant(actor, "second review");
  const std::string owner = lease_owner(actor.name(), workstation);
  if (auto problem = utf8::text_problem("the workstation", workstation, {.allow_empty = false}); !problem.empty())
    throw Refusal(Why::BadOwner, problem + ": nothing was claimed");
  auto& sql = impl_->sql;
  SecondReviewCase c;
  std::int64_t decision_id = 0;
  {
    Transaction tx(impl_->db);
    const Millis now = now_ms();
    {
      // Nobody second-reviews their own decision.
      auto q =
          sql("SELECT id, decision_id FROM second_reviews WHERE decision IS NULL AND first_reviewer <> ?1 "
              "AND (lease_expires_ms IS NULL OR lease_expires_ms <= ?2) ORDER BY queued_ms, id LIMIT 1");
      q->bind(1, actor.name()).bind(2, now);
      if (!q->step()) return std::nullopt;
      c.id = q->int64(0);
      decision_id = q->int64(1);
    }
    c.lease_token = impl_->next_fencing_token();
    auto up = sql("UPDATE second_reviews SET lease_owner = ?1, lease_token = ?2, lease_expires_ms = ?3 WHERE id = ?4");
    up->bind(1, owner).bind(2, c.lease_token).bind(3, now + impl_->options.lease_ms).bind(4, c.id).run();
    impl_->audit(actor.name(), "second_review_claim", subject_of(c.id),
                 json{{"owner", owner}, {"lease_token", c.lease_token}}.dump());
    tx.commit();
  }
  auto q = sql("SELECT attempt_id FROM decisions WHERE id = ?1");
  q->bind(1, decision_id);
  q->step();
  c.attempt = impl_->load_attempt(q->int64(0));
  c.order = impl_->load_order(c.attempt.order_id);
  c.photo = impl_->load_photo(c.attempt.photo_id);
  return c;
}

void Store::release_second_review(const accounts::Actor& actor, std::int64_t id, std::int64_t lease_token) {
  require_either_role(actor, Role::Reviewer, Role::Supervisor, "handing back a second review");
  Transaction tx(impl_->db);
  auto up = impl_->sql(
      "UPDATE second_reviews SET lease_owner = NULL, lease_token = NULL, lease_expires_ms = NULL "
      "WHERE id = ?1 AND lease_token = ?2 AND decision IS NULL");
  up->bind(1, id).bind(2, lease_token).run();
  if (impl_->db.changes() == 1)
    impl_->audit(actor.name(), "second_review_hand_back", subject_of(id), json{{"lease_token", lease_token}}.dump());
  tx.commit();
}

bool Store::renew_second_review(const accounts::Actor& actor, std::int64_t id, std::int64_t lease_token) {
  require_either_role(actor, Role::Reviewer, Role::Supervisor, "a second review");
  auto up = impl_->sql(
      "UPDATE second_reviews SET lease_expires_ms = ?1 WHERE id = ?2 AND lease_token = ?3 AND decision IS NULL "
      "AND instr(lease_owner, ?4) = 1");
  up->bind(1, now_ms() + impl_->options.lease_ms).bind(2, id).bind(3, lease_token).bind(4, actor.name() + "@").run();
  return impl_->db.changes() == 1;
}

SecondReviewRow Store::decide_second_review(const accounts::Actor& actor, const SecondReviewRequest& r) {
  require_either_role(actor, Role::Reviewer, Role::Supervisor, "a second review");
  const std::string subject = subject_of(r.id);
  if (auto problem = utf8::text_problem("the 其他 (OTHER) text", r.other_text,
                                        {.max_chars = kMaxOtherTextChars, .allow_newlines = true});
      !problem.empty())
    throw Refusal(Why::BadText, problem + "; nothing was recorded");
  check_reasons(r.outcome, r.reasons, r.other_text, subject);
  const std::string owner = lease_owner(actor.name(), r.workstation);
  auto& sql = impl_->sql;
  Transaction tx(impl_->db);
  std::string first_decision;
  {
    auto q =
        sql("SELECT s.first_reviewer, s.decision, s.lease_token, s.lease_owner, d.decision FROM second_reviews s "
            "JOIN decisions d ON d.id = s.decision_id WHERE s.id = ?1");
    q->bind(1, r.id);
    if (!q->step()) throw Refusal(Why::UnknownAttempt, subject + " does not exist; nothing was recorded");
    if (q->text(0) == actor.name())
      throw Refusal(Why::NotPermitted, subject + " is of " + actor.name() +
                                           "'s own decision; nobody second-reviews their own decision; nothing was "
                                           "recorded");
    if (!q->is_null(1)) throw Refusal(Why::NotPending, subject + " was already decided; nothing was recorded");
    if (q->is_null(2) || q->int64(2) != r.lease_token || q->text_or_null(3).value_or("") != owner)
      throw Refusal(Why::StaleLease, subject + ": your lease (token " + std::to_string(r.lease_token) +
                                         ") is stale or not yours; nothing was recorded");
    first_decision = q->text(4);
  }
  const Millis now = now_ms();
  const char* decision = decision_text(r.outcome);
  const bool agrees = first_decision == decision;
  {
    auto up =
        sql("UPDATE second_reviews SET reviewer = ?1, decision = ?2, other_text = ?3, decided_at = ?4, review_ms = ?5, "
            "agrees = ?6, lease_owner = NULL, lease_expires_ms = NULL WHERE id = ?7");
    up->bind(1, actor.name()).bind(2, decision);
    if (r.other_text.empty())
      up->bind_null(3);
    else
      up->bind(3, r.other_text);
    up->bind(4, iso8601_cst(now))
        .bind(5, r.shown_ms > 0 ? std::max<Millis>(0, now - r.shown_ms) : 0)
        .bind(6, std::int64_t(agrees))
        .bind(7, r.id)
        .run();
  }
  const auto reasons = distinct_reasons(r.outcome, r.reasons);
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    auto ins = sql("INSERT INTO second_review_reasons(second_review_id, position, code) VALUES(?1, ?2, ?3)");
    ins->bind(1, r.id).bind(2, std::int64_t(i)).bind(3, reasons[i]).run();
  }
  impl_->audit(actor.name(), "second_review", subject, second_review_detail(impl_->sql, r.id));
  SecondReviewRow row = load_second_review(r.id);
  tx.commit();
  return row;
}

SecondReviewRow Store::load_second_review(std::int64_t id) {
  auto q = impl_->sql(
      "SELECT s.id, s.decision_id, o.order_no, a.attempt_no, s.first_reviewer, d.decision, d.decided_at, "
      "COALESCE(s.reviewer, ''), COALESCE(s.decision, ''), COALESCE(s.decided_at, ''), s.agrees, "
      "COALESCE(s.resolved_by, ''), COALESCE(s.resolved_at, ''), COALESCE(s.resolution, '') "
      "FROM second_reviews s JOIN decisions d ON d.id = s.decision_id JOIN attempts a ON a.id = d.attempt_id "
      "JOIN orders o ON o.id = a.order_id WHERE s.id = ?1");
  q->bind(1, id);
  if (!q->step()) throw Refusal(Why::UnknownAttempt, subject_of(id) + " does not exist");
  SecondReviewRow row;
  row.id = q->int64(0);
  row.decision_id = q->int64(1);
  row.order_no = q->text(2);
  row.attempt_no = int(q->int64(3));
  row.first_reviewer = q->text(4);
  row.first_decision = q->text(5);
  row.first_decided_at = q->text(6);
  row.reviewer = q->text(7);
  row.decision = q->text(8);
  row.decided_at = q->text(9);
  if (!q->is_null(10)) row.agrees = q->int64(10) != 0;
  row.resolved_by = q->text(11);
  row.resolved_at = q->text(12);
  row.resolution = q->text(13);
  row.first_reasons = impl_->load_reasons(row.decision_id);
  auto r = impl_->sql("SELECT code FROM second_review_reasons WHERE second_review_id = ?1 ORDER BY position");
  r->bind(1, id);
  while (r->step()) row.reasons.push_back(r->text(0));
  return row;
}

std::vector<SecondReviewRow> Store::second_review_disagreements(const accounts::Actor& supervisor,
                                                                bool include_resolved, int limit) {
  require_role(supervisor, Role::Supervisor, "the supervisors' inbox");
  std::vector<std::int64_t> ids;
  {
    auto q = impl_->sql(
        "SELECT id FROM second_reviews WHERE agrees = 0 AND (?1 <> 0 OR resolved_at IS NULL) "
        "ORDER BY decided_at DESC, id DESC LIMIT ?2");
    q->bind(1, std::int64_t(include_resolved)).bind(2, std::int64_t(std::max(0, limit)));
    while (q->step()) ids.push_back(q->int64(0));
  }
  std::vector<SecondReviewRow> rows;
  rows.reserve(ids.size());
  for (auto id : ids) rows.push_back(load_second_review(id));
  return rows;
}

void Store::resolve_disagreement(const accounts::Actor& supervisor, std::int64_t id, const std::string& resolution) {
  require_role(supervisor, Role::Supervisor, "resolving a second-review disagreement");
  const std::string subject = subject_of(id);
  if (auto problem = utf8::text_problem("the resolution", resolution, {.max_chars = 500, .allow_empty = false});
      !problem.empty())
    throw Refusal(Why::BadText, subject + ": " + problem + "; nothing was written");
  Transaction tx(impl_->db);
  const SecondReviewRow row = load_second_review(id);
  if (!row.agrees || *row.agrees) throw Refusal(Why::BadQuery, subject + " is not a disagreement; nothing was written");
  if (!row.resolved_at.empty())
    throw Refusal(Why::BadQuery, subject + " was already resolved by " + row.resolved_by + "; nothing was written");
  const std::string now = iso8601_cst(now_ms());
  auto up = impl_->sql("UPDATE second_reviews SET resolved_by = ?1, resolved_at = ?2, resolution = ?3 WHERE id = ?4");
  up->bind(1, supervisor.name()).bind(2, now).bind(3, resolution).bind(4, id).run();
  impl_->audit(supervisor.name(), "second_review_resolve", row.order_no,
               json{{"second_review_id", id}, {"resolution", resolution}}.dump());
  tx.commit();
}

}  // namespace rs::store
