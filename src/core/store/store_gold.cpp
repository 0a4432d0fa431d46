// Settings and known-answer (gold) cases: marking cases, the reviewers' gold records, pauses and
// their lifting. Delivery in the live queue is store_gold_delivery.cpp, answers store_gold_answer.cpp.
// Every change is an audit row written in the transaction that makes it; audit verify checks the
// tables against them (store_audit_gold.cpp).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

#include "core/store/store.hpp"
#include "core/store/store_gold.hpp"
#include "core/store/store_training.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
using accounts::Actor;
using accounts::Role;
using nlohmann::json;
using Why = Refusal::Why;

namespace gold {

std::optional<std::string> setting_text(const std::string& key, const std::string& value, std::string& problem) {
  const bool whole = key == "gold.min_cases";
  if (key != "gold.rate" && key != "gold.pause_below" && !whole) {
    problem = "unknown setting '" + utf8::sanitised(key) + "': gold.rate, gold.pause_below or gold.min_cases";
    return std::nullopt;
  }
  double v = 0;
  std::size_t used = 0;
  try {
    v = std::stod(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  const auto range = [&](double lo, double hi, const char* what) -> std::optional<std::string> {
    if (used == 0 || used != value.size() || !(v >= lo && v <= hi)) {
      problem = key + " '" + utf8::sanitised(value) + "' is not " + what;
      return std::nullopt;
    }
    return whole ? std::to_string(int(v)) : json(v).dump();
  };
  if (key == "gold.rate")
    return range(0.0, kMaxGoldRate,
                 "a share from 0 to 0.5 (0.05 is 5 % of claims; at most every other claim, so real orders "
                 "always get worked)");
  if (key == "gold.pause_below") return range(0.0, 1.0, "an accuracy from 0 to 1 (0.85 is 85 %)");
  if (std::floor(v) != v) used = 0;
  return range(1, 10000, "a whole number of gold answers from 1 to 10000");
}

std::string default_setting(const std::string& key) {
  const GoldSettings d;
  if (key == "gold.rate") return json(d.rate).dump();
  if (key == "gold.pause_below") return json(d.pause_below).dump();
  if (key == "gold.min_cases") return std::to_string(d.min_cases);
  if (key == "second_review_share") return "0.05";
  return "";
}

GoldRecord record_since_unpause(StatementCache& sql, const std::string& reviewer) {
  auto q = sql(
      "SELECT COUNT(*), COALESCE(SUM(correct), 0) FROM gold_answers WHERE reviewer = ?1 AND id > "
      "COALESCE((SELECT MAX(last_answer_id) FROM reviewer_pauses WHERE reviewer = ?1 AND lifted_at IS NOT NULL), 0)");
  q->bind(1, reviewer);
  q->step();
  return {int(q->int64(0)), int(q->int64(1))};
}

}  // namespace gold

namespace {
void require_trainer(const Actor& actor, const std::string& what) {
  Store::require_either_role(actor, Role::Trainer, Role::Supervisor, what);
}

double number_or(const std::string& text, double fallback) {
  try {
    return std::stod(text);
  } catch (const std::exception&) {
    return fallback;  // a setting nobody can read keeps the default rather than stopping every claim
  }
}
}  // namespace

// ---- settings ----
std::vector<SettingRow> Store::settings() {
  auto q = impl_->sql("SELECT key, value FROM settings ORDER BY key");
  std::vector<SettingRow> rows;
  while (q->step()) rows.push_back({q->text(0), q->text(1)});
  return rows;
}

double Store::gold_rate(const std::optional<std::string>& setting) {
  if (impl_->options.gold_rate) return std::clamp(*impl_->options.gold_rate, 0.0, 1.0);
  const double fallback = GoldSettings{}.rate;
  return setting ? std::clamp(number_or(*setting, fallback), 0.0, kMaxGoldRate) : fallback;
}

GoldSettings Store::gold_settings() {
  GoldSettings s;
  std::optional<std::string> rate;
  auto q =
      impl_->sql("SELECT key, value FROM settings WHERE key IN ('gold.rate', 'gold.pause_below', 'gold.min_cases')");
  while (q->step()) {
    const std::string key = q->text(0);
    if (key == "gold.rate") rate = q->text(1);
    if (key == "gold.pause_below") s.pause_below = std::clamp(number_or(q->text(1), s.pause_below), 0.0, 1.0);
    if (key == "gold.min_cases") s.min_cases = std::max(1, int(number_or(q->text(1), s.min_cases)));
  }
  s.rate = gold_rate(rate);
  return s;
}

void Store::set_setting(const Actor& supervisor, const std::string& key, const std::string& value) {
  require_role(supervisor, Role::Supervisor, "changing the setting " + utf8::sanitised(key));
  std::string problem;
  const auto text = gold::setting_text(key, value, problem);
  if (!text) throw Refusal(Why::BadSetting, problem + "; nothing was written");
  Transaction tx(impl_->db);
  auto up = impl_->sql(
      "INSERT INTO settings(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  up->bind(1, key).bind(2, *text).run();
  impl_->audit(supervisor.name(), "setting", key, json{{"key", key}, {"value", *text}}.dump());
  tx.commit();
}

// ---- marking cases ----
std::vector<GoldCaseInfo> Store::add_gold_cases(const Actor& trainer, const std::vector<std::string>& orders) {
  require_trainer(trainer, "marking gold cases");
  if (orders.empty()) throw Refusal(Why::BadQuery, "name at least one decided order to mark as gold");
  Transaction tx(impl_->db);
  const std::string at = iso8601_cst(now_ms());
  std::vector<GoldCaseInfo> out;
  for (const auto& item : orders) {
    const auto [order_no, attempt] = training::order_line(item);
    const auto c = training::decided_case(*impl_, "gold", order_no, attempt, Why::UnknownOrder);
    {
      auto q = impl_->sql("SELECT 1 FROM gold_cases WHERE attempt_id = ?1");
      q->bind(1, c.attempt_id);
      if (q->step())
        throw Refusal(Why::BadQuery, "order '" + order_no + "' attempt " + std::to_string(c.attempt_no) +
                                         " is a gold case already; nothing was marked");
    }
    std::string reviewer;
    {
      auto q = impl_->sql("SELECT reviewer FROM decisions WHERE id = ?1");
      q->bind(1, c.decision_id);
      q->step();
      reviewer = q->text(0);
    }
    auto ins = impl_->sql(
        "INSERT INTO gold_cases(attempt_id, decision_id, original_reviewer, reference, reference_reasons, added_by, "
        "added_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    ins->bind(1, c.attempt_id).bind(2, c.decision_id).bind(3, reviewer).bind(4, c.reference);
    ins->bind(5, training::join_codes(c.reasons)).bind(6, trainer.name()).bind(7, at).run();
    impl_->audit(trainer.name(), "gold_add", order_no,
                 json{{"attempt_no", c.attempt_no},
                      {"decision_id", c.decision_id},
                      {"original_reviewer", reviewer},
                      {"reference", c.reference},
                      {"reasons", c.reasons}}
                     .dump());
    out.push_back({order_no, c.attempt_no, reviewer, c.reference, c.reasons, trainer.name(), at, 0, 0, 0});
  }
  tx.commit();
  return out;
}

std::vector<GoldCaseInfo> Store::gold_cases(const Actor& trainer) {
  require_trainer(trainer, "reading the gold cases");
  auto q = impl_->sql(
      "SELECT o.order_no, a.attempt_no, g.original_reviewer, g.reference, g.reference_reasons, g.added_by, "
      "g.added_at, (SELECT COUNT(*) FROM gold_deliveries d WHERE d.gold_case_id = g.id), "
      "(SELECT COUNT(*) FROM gold_deliveries d JOIN gold_answers w ON w.delivery_id = d.id WHERE d.gold_case_id = "
      "g.id), (SELECT COALESCE(SUM(w.correct), 0) FROM gold_deliveries d JOIN gold_answers w ON w.delivery_id = d.id "
      "WHERE d.gold_case_id = g.id) FROM gold_cases g JOIN attempts a ON a.id = g.attempt_id "
      "JOIN orders o ON o.id = a.order_id ORDER BY g.id");
  std::vector<GoldCaseInfo> out;
  while (q->step())
    out.push_back({q->text(0), int(q->int64(1)), q->text(2), q->text(3), training::split_codes(q->text(4)), q->text(5),
                   q->text(6), int(q->int64(7)), int(q->int64(8)), int(q->int64(9))});
  return out;
}

// ---- records and pauses ----
std::vector<GoldScore> Store::gold_scores(const Actor& trainer) {
  require_trainer(trainer, "reading the reviewers' gold records");
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);
  std::vector<GoldScore> out;
  {
    auto q = impl_->sql(
        "SELECT r.reviewer, (SELECT COUNT(*) FROM gold_answers w WHERE w.reviewer = r.reviewer), "
        "(SELECT COALESCE(SUM(w.correct), 0) FROM gold_answers w WHERE w.reviewer = r.reviewer) FROM "
        "(SELECT reviewer FROM gold_answers UNION SELECT reviewer FROM reviewer_pauses) r ORDER BY r.reviewer");
    while (q->step()) {
      GoldScore s;
      s.reviewer = q->text(0);
      s.answered = int(q->int64(1));
      s.correct = int(q->int64(2));
      if (s.answered > 0) s.accuracy = double(s.correct) / s.answered;
      out.push_back(std::move(s));
    }
  }
  for (auto& s : out) {
    const auto since = gold::record_since_unpause(impl_->sql, s.reviewer);
    s.answered_since_unpause = since.answered;
    s.correct_since_unpause = since.correct;
    s.paused = paused(s.reviewer);
  }
  return out;
}

bool Store::paused(const std::string& name) {
  auto q = impl_->sql("SELECT 1 FROM reviewer_pauses WHERE reviewer = ?1 AND lifted_at IS NULL");
  q->bind(1, name);
  return q->step();
}

// Both checks in one read: on PostgreSQL each read is a round trip, and a claim makes several.
void Store::require_claimant(const Actor& reviewer, const char* what) {
  bool certified = true, paused = false;
  {
    auto q = impl_->sql(
        "SELECT COALESCE((SELECT certified FROM users WHERE name = ?1), 1), CASE WHEN EXISTS (SELECT 1 FROM "
        "reviewer_pauses WHERE reviewer = ?1 AND lifted_at IS NULL) THEN 1 ELSE 0 END");
    q->bind(1, reviewer.name());
    if (q->step()) {
      certified = q->int64(0) != 0;
      paused = q->int64(1) != 0;
    }
  }
  if (!certified)
    throw Refusal(Why::NotCertified, reviewer.name() + " is a trainee (a reviewer not yet certified): " + what +
                                         " takes no claims from a trainee until a trainer or a supervisor "
                                         "certifies them (users certify " +
                                         reviewer.name() + "); nothing was claimed");
  if (!paused) return;
  const GoldSettings s = gold_settings();
  throw Refusal(Why::Paused, reviewer.name() + " is paused: their accuracy on known-answer (gold) cases fell below " +
                                 std::to_string(int(std::lround(s.pause_below * 100))) + " %; " + what +
                                 " takes no claims from them until a supervisor lifts the pause (users unpause " +
                                 reviewer.name() + "); nothing was claimed");
}

void Store::maybe_pause(const std::string& reviewer) {
  if (paused(reviewer)) return;
  const GoldSettings s = gold_settings();
  const auto r = gold::record_since_unpause(impl_->sql, reviewer);
  if (!s.pauses(r.answered, r.correct)) return;
  auto ins = impl_->sql(
      "INSERT INTO reviewer_pauses(reviewer, paused_at, answered, correct, pause_below) VALUES(?1, ?2, ?3, ?4, ?5)");
  ins->bind(1, reviewer).bind(2, iso8601_cst(now_ms())).bind(3, r.answered).bind(4, r.correct);
  ins->bind(5, s.pause_below).run();
  impl_->audit(
      "system", "user_pause", reviewer,
      json{{"answered", r.answered}, {"correct", r.correct}, {"pause_below", s.pause_below}, {"min_cases", s.min_cases}}
          .dump());
}

std::vector<PausedReviewer> Store::paused_reviewers(const Actor& supervisor) {
  require_role(supervisor, Role::Supervisor, "reading the paused reviewers");
  auto q = impl_->sql(
      "SELECT reviewer, paused_at, answered, correct, pause_below FROM reviewer_pauses WHERE lifted_at IS NULL "
      "ORDER BY id");
  std::vector<PausedReviewer> out;
  while (q->step()) out.push_back({q->text(0), q->text(1), int(q->int64(2)), int(q->int64(3)), q->real(4)});
  return out;
}

void Store::unpause(const Actor& supervisor, const std::string& name) {
  require_role(supervisor, Role::Supervisor, "lifting a reviewer's pause");
  Transaction tx(impl_->db);
  {
    auto q = impl_->sql("SELECT 1 FROM users WHERE name = ?1");
    q->bind(1, name);
    if (!q->step()) throw Refusal(Why::UnknownUser, "no account named '" + utf8::sanitised(name) + "'");
  }
  if (!paused(name)) throw Refusal(Why::BadAccount, name + " is not paused; nothing was written");
  std::int64_t last = 0;
  {
    auto q = impl_->sql("SELECT COALESCE(MAX(id), 0) FROM gold_answers WHERE reviewer = ?1");
    q->bind(1, name);
    q->step();
    last = q->int64(0);
  }
  auto up = impl_->sql(
      "UPDATE reviewer_pauses SET lifted_by = ?2, lifted_at = ?3, last_answer_id = ?4 WHERE reviewer = ?1 AND "
      "lifted_at IS NULL");
  up->bind(1, name).bind(2, supervisor.name()).bind(3, iso8601_cst(now_ms())).bind(4, last).run();
  impl_->audit(supervisor.name(), "user_unpause", name, json{{"last_answer_id", last}}.dump());
  tx.commit();
}

}  // namespace rs::store
