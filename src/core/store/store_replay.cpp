// What a trainer reads to replay a reviewer's working session (the decisions in order with what
// was on screen, decision_screens of migration 017) and to follow trainees' progress across their
// training sessions. Trainers and supervisors only. Sessions are split by figures/work_sessions.
#include <algorithm>

#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/store/store_training.hpp"

namespace rs::store {
using accounts::Actor;
using accounts::Role;
using Why = Refusal::Why;

namespace {
void require_account(StatementCache& sql, const std::string& name) {
  auto q = sql("SELECT 1 FROM users WHERE name = ?1");
  q->bind(1, name);
  if (!q->step()) throw Refusal(Why::UnknownUser, "no account named '" + name + "'");
}

std::optional<ScreenRecord> screen_of(Statement& q, int col) {
  if (q.is_null(col)) return std::nullopt;
  ScreenRecord v;
  v.overlays = std::uint32_t(q.int64(col));
  v.layers = std::uint32_t(q.int64(col + 1));
  const std::int64_t flags = q.int64(col + 2);
  v.mirrored = flags & 1;
  v.loupe = flags & 2;
  v.compare_previous = flags & 4;
  v.zoom = q.real(col + 3);
  v.centre_x = q.real(col + 4);
  v.centre_y = q.real(col + 5);
  return v;
}
}  // namespace

std::vector<std::string> Store::reviewers_with_decisions(const Actor& trainer) {
  require_either_role(trainer, Role::Trainer, Role::Supervisor, "replaying a working session");
  std::vector<std::string> out;
  // DISTINCT over the leading column of decisions_reviewer: one step per reviewer.
  auto q = impl_->sql("SELECT DISTINCT reviewer FROM decisions WHERE reviewer <> 'system' ORDER BY reviewer");
  while (q->step()) out.push_back(q->text(0));
  return out;
}

std::vector<WorkSession> Store::work_sessions(const Actor& trainer, const std::string& reviewer, Millis gap_ms) {
  require_either_role(trainer, Role::Trainer, Role::Supervisor, "replaying a working session");
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);
  require_account(impl_->sql, reviewer);
  std::vector<Millis> decided, review;
  std::vector<bool> recorded;
  {
    auto q = impl_->sql(
        "SELECT d.decided_ms, d.review_ms, s.decision_id IS NOT NULL FROM decisions d "
        "LEFT JOIN decision_screens s ON s.decision_id = d.id WHERE d.reviewer = ?1 ORDER BY d.decided_ms, d.id");
    q->bind(1, reviewer);
    while (q->step()) {
      decided.push_back(q->int64(0));
      review.push_back(q->int64(1));
      recorded.push_back(q->int64(2) != 0);
    }
  }
  std::vector<WorkSession> out;
  for (const auto& span : figures::split_sessions(decided, gap_ms)) {
    WorkSession w;
    w.reviewer = reviewer;
    w.started_ms = decided[span.first] - review[span.first];
    w.first_decided_ms = decided[span.first];
    w.last_decided_ms = decided[span.last];
    w.decisions = int(span.count());
    w.recorded = int(std::count(recorded.begin() + std::ptrdiff_t(span.first),
                                recorded.begin() + std::ptrdiff_t(span.last) + 1, true));
    out.push_back(std::move(w));
  }
  return out;
}

std::vector<SessionCase> Store::session_cases(const Actor& trainer, const WorkSession& session) {
  require_either_role(trainer, Role::Trainer, Role::Supervisor, "replaying a working session");
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);
  std::vector<SessionCase> out;
  auto q = impl_->sql(
      "SELECT d.id, d.attempt_id, o.order_no, a.attempt_no, o.doc_type, d.decision, COALESCE(d.other_text, ''), "
      "d.review_ms, d.decided_ms, d.findings_json, s.overlays, s.layers, s.flags, s.zoom, s.centre_x, s.centre_y "
      "FROM decisions d JOIN attempts a ON a.id = d.attempt_id JOIN orders o ON o.id = a.order_id "
      "LEFT JOIN decision_screens s ON s.decision_id = d.id "
      "WHERE d.reviewer = ?1 AND d.decided_ms BETWEEN ?2 AND ?3 ORDER BY d.decided_ms, d.id");
  q->bind(1, session.reviewer).bind(2, session.first_decided_ms).bind(3, session.last_decided_ms);
  while (q->step()) {
    SessionCase c;
    c.decision_id = q->int64(0);
    c.attempt_id = q->int64(1);
    c.order_no = q->text(2);
    c.attempt_no = int(q->int64(3));
    c.doc_type = q->text(4);
    c.decision = q->text(5);
    c.other_text = q->text(6);
    c.review_ms = q->int64(7);
    c.decided_ms = q->int64(8);
    c.findings_json = q->text(9);
    c.screen = screen_of(*q, 10);
    out.push_back(std::move(c));
  }
  q->reset();
  auto r = impl_->sql("SELECT code FROM decision_reasons WHERE decision_id = ?1 ORDER BY position");
  for (auto& c : out) {
    r->bind(1, c.decision_id);
    while (r->step()) c.reasons.push_back(r->text(0));
    r->reset();
  }
  return out;
}

std::vector<std::uint8_t> Store::decided_photo(const Actor& trainer, std::int64_t attempt_id) {
  require_either_role(trainer, Role::Trainer, Role::Supervisor, "replaying a working session");
  std::int64_t photo_id = 0;
  {
    auto q = impl_->sql(
        "SELECT a.photo_id FROM attempts a WHERE a.id = ?1 AND EXISTS "
        "(SELECT 1 FROM decisions d WHERE d.attempt_id = a.id)");
    q->bind(1, attempt_id);
    if (!q->step())
      throw Refusal(Why::UnknownAttempt, "attempt id " + std::to_string(attempt_id) + " has no decision to replay");
    photo_id = q->int64(0);
  }
  return impl_->load_photo(photo_id);
}

std::vector<TraineeProgress> Store::training_progress(const Actor& trainer, const std::string& trainee, Millis gap_ms) {
  require_either_role(trainer, Role::Trainer, Role::Supervisor, "training progress");
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);
  if (!trainee.empty()) require_account(impl_->sql, trainee);
  std::vector<TraineeProgress> out;
  std::vector<figures::TimedAnswer> answers;
  auto finish = [&] {
    if (answers.empty()) return;
    std::stable_sort(answers.begin(), answers.end(), [](const auto& a, const auto& b) { return a.at_ms < b.at_ms; });
    out.back().sessions = figures::progress_by_session(answers, gap_ms);
    answers.clear();
  };
  auto q = impl_->sql(
      "SELECT t.trainee, a.answered_at, c.reference, c.reference_reasons, a.decision, a.reasons, a.ms_spent "
      "FROM training_answers a JOIN training_assignments t ON t.id = a.assignment_id "
      "JOIN training_cases c ON c.id = a.case_id WHERE ?1 = '' OR t.trainee = ?1 ORDER BY t.trainee, a.id");
  q->bind(1, trainee);
  while (q->step()) {
    std::string who = q->text(0);
    if (out.empty() || out.back().trainee != who) {
      finish();
      out.push_back({std::move(who), {}});
    }
    const auto at = parse_iso8601(q->text(1));
    if (!at) continue;  // answered_at is written by the store itself; an unreadable one is not scored
    const auto ref = training::split_codes(q->text(3)), given = training::split_codes(q->text(5));
    answers.push_back({*at,
                       {q->text(2) == "approved",
                        {ref.begin(), ref.end()},
                        q->text(4) == "approved",
                        {given.begin(), given.end()},
                        q->int64(6)}});
  }
  finish();
  return out;
}

}  // namespace rs::store
