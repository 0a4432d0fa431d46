// A trainee's session: the next case of an assigned set (blind: no reference), the answer (into
// training_answers only: no decision, image number, notice, outbox message or lease comes of
// it), the feedback, and the trainers' scores.
#include <nlohmann/json.hpp>

#include "core/domain/masking.hpp"
#include "core/store/store.hpp"
#include "core/store/store_training.hpp"

namespace rs::store {
using accounts::Actor;
using accounts::Role;
using nlohmann::json;
using Why = Refusal::Why;

namespace {
// The first case of the assignment without an answer (case_id 0) or the case asked for, if it is
// the set's and unanswered; 0 when every case is answered.
std::int64_t open_case(StatementCache& sql, std::int64_t set_id, std::int64_t assignment, std::int64_t case_id) {
  auto q = sql(
      "SELECT c.id FROM training_cases c WHERE c.set_id = ?1 AND (?3 = 0 OR c.id = ?3) AND NOT EXISTS "
      "(SELECT 1 FROM training_answers a WHERE a.assignment_id = ?2 AND a.case_id = c.id) ORDER BY c.position LIMIT 1");
  q->bind(1, set_id).bind(2, assignment).bind(3, case_id);
  return q->step() ? q->int64(0) : 0;
}

std::pair<int, int> progress(StatementCache& sql, std::int64_t set_id, std::int64_t assignment) {
  auto q =
      sql("SELECT (SELECT COUNT(*) FROM training_cases WHERE set_id = ?1), "
          "(SELECT COUNT(*) FROM training_answers WHERE assignment_id = ?2)");
  q->bind(1, set_id).bind(2, assignment);
  q->step();
  return {int(q->int64(1)), int(q->int64(0))};  // answered, total
}
}  // namespace

namespace {
// A case as the trainee sees it: the photo, the order's place and document, the applicant masked.
TrainingTask task_of(training::Impl& impl, const std::string& set, std::int64_t set_id, std::int64_t assignment,
                     std::int64_t case_id) {
  auto q = impl.sql(
      "SELECT c.position, o.order_no, o.doc_type, o.city, o.applicant_name, o.id_number, a.photo_id, d.findings_json "
      "FROM training_cases c JOIN attempts a ON a.id = c.attempt_id JOIN orders o ON o.id = a.order_id "
      "JOIN decisions d ON d.id = c.decision_id WHERE c.id = ?1");
  q->bind(1, case_id);
  q->step();
  TrainingTask t;
  t.set = set;
  t.case_id = case_id;
  t.position = int(q->int64(0));
  t.order_no = q->text(1);
  t.doc_type = q->text(2);
  t.city = q->text(3);
  t.applicant_masked = mask_name(q->text(4));
  t.id_number_masked = mask_id_number(q->text(5));
  const std::int64_t photo_id = q->int64(6);
  t.findings_json = q->text(7);
  q->reset();
  t.photo = impl.load_photo(photo_id);
  t.total = progress(impl.sql, set_id, assignment).second;
  return t;
}
}  // namespace

std::optional<TrainingTask> Store::next_training_case(const Actor& trainee, const std::string& set) {
  require_role(trainee, Role::Reviewer, "training");
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);
  const std::int64_t id = training::set_id(impl_->sql, set);
  const std::int64_t assignment = training::assignment_id(impl_->sql, id, set, trainee.name());
  const std::int64_t case_id = open_case(impl_->sql, id, assignment, 0);
  if (case_id == 0) return std::nullopt;
  return task_of(*impl_, set, id, assignment, case_id);
}

TrainingTask Store::answered_training_case(const Actor& trainee, const std::string& set, int position) {
  require_role(trainee, Role::Reviewer, "training");
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);
  const std::int64_t id = training::set_id(impl_->sql, set);
  const std::int64_t assignment = training::assignment_id(impl_->sql, id, set, trainee.name());
  const std::string subject = "training set '" + set + "' case " + std::to_string(position);
  auto q = impl_->sql(
      "SELECT c.id FROM training_cases c JOIN training_answers a ON a.case_id = c.id AND a.assignment_id = ?2 "
      "WHERE c.set_id = ?1 AND c.position = ?3");
  q->bind(1, id).bind(2, assignment).bind(3, position);
  if (!q->step()) throw Refusal(Why::BadQuery, subject + " is not answered by " + trainee.name());
  const std::int64_t case_id = q->int64(0);
  q->reset();
  // The photo goes with the reference: under end feedback, only once every case is answered.
  const auto [answered, total] = progress(impl_->sql, id, assignment);
  if (training::set_feedback(impl_->sql, id) == Feedback::End && answered < total)
    throw Refusal(Why::NotPermitted, "training set '" + set + "' shows its references once every case is answered (" +
                                         std::to_string(answered) + " of " + std::to_string(total) + ")");
  return task_of(*impl_, set, id, assignment, case_id);
}

TrainingAnswerResult Store::answer_training_case(const Actor& trainee, const TrainingAnswerRequest& r) {
  require_role(trainee, Role::Reviewer, "answering a training case");
  const Millis now = now_ms();
  Transaction tx(impl_->db);
  const std::int64_t id = training::set_id(impl_->sql, r.set);
  const std::int64_t assignment = training::assignment_id(impl_->sql, id, r.set, trainee.name());
  const std::int64_t case_id = open_case(impl_->sql, id, assignment, r.case_id);
  if (case_id == 0)
    throw Refusal(Why::SetFinished,
                  r.case_id == 0 ? "every case of training set '" + r.set + "' is answered already"
                                 : "training set '" + r.set + "' has no unanswered case " + std::to_string(r.case_id));
  auto c = training::load_cases(*impl_, id, case_id).at(0);
  const auto codes = training::checked_reasons(r.outcome, r.reasons,
                                               "training set '" + r.set + "' case " + std::to_string(c.position));
  TrainingAnswerResult res;
  res.position = c.position;
  res.order_no = c.order_no;
  res.decision = r.outcome == Outcome::Approve ? "approved" : "rejected";
  res.reasons = codes;
  res.ms_spent = r.shown_ms > 0 && r.shown_ms < now ? now - r.shown_ms : 0;
  const std::string at = iso8601_cst(now);
  auto ins = impl_->sql(
      "INSERT INTO training_answers(assignment_id, case_id, decision, reasons, ms_spent, answered_at) "
      "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  ins->bind(1, assignment).bind(2, case_id).bind(3, res.decision).bind(4, training::join_codes(codes));
  ins->bind(5, res.ms_spent).bind(6, at);
  ins->run();
  impl_->audit(trainee.name(), "training_answer", r.set,
               json{{"position", c.position},
                    {"order_no", c.order_no},
                    {"attempt_no", c.attempt_no},
                    {"decision", res.decision},
                    {"reasons", codes},
                    {"ms_spent", res.ms_spent}}
                   .dump());
  std::tie(res.answered, res.total) = progress(impl_->sql, id, assignment);
  res.finished = res.answered == res.total;
  if (training::set_feedback(impl_->sql, id) == Feedback::Immediate) res.reference = std::move(c);
  tx.commit();
  return res;
}

std::vector<TrainingFeedbackRow> Store::training_feedback(const Actor& actor, const std::string& set,
                                                          const std::string& trainee) {
  const bool trainer = actor.has(Role::Trainer) || actor.has(Role::Supervisor);
  if (!trainer && trainee != actor.name())
    throw Refusal(Why::NotPermitted, "another trainee's answers need the trainer or supervisor role; " + actor.name() +
                                         " has " + actor.roles().to_string() + "; nothing was written");
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);
  const std::int64_t id = training::set_id(impl_->sql, set);
  const std::int64_t assignment = training::assignment_id(impl_->sql, id, set, trainee);
  const auto [answered, total] = progress(impl_->sql, id, assignment);
  if (!trainer && training::set_feedback(impl_->sql, id) == Feedback::End && answered < total)
    throw Refusal(Why::NotPermitted, "training set '" + set + "' shows its references once every case is answered (" +
                                         std::to_string(answered) + " of " + std::to_string(total) + ")");
  std::map<std::int64_t, TrainingFeedbackRow> by_case;
  {
    auto q = impl_->sql("SELECT case_id, decision, reasons, ms_spent FROM training_answers WHERE assignment_id = ?1");
    q->bind(1, assignment);
    while (q->step()) by_case[q->int64(0)] = {{}, q->text(1), training::split_codes(q->text(2)), q->int64(3)};
  }
  std::vector<TrainingFeedbackRow> out;
  for (auto& c : training::load_cases(*impl_, id)) {
    const auto it = by_case.find(c.id);
    if (it == by_case.end()) continue;
    it->second.reference = std::move(c);
    out.push_back(std::move(it->second));
  }
  return out;
}

std::vector<figures::TrainingScore> Store::training_scores(const Actor& trainer, const std::string& trainee) {
  require_either_role(trainer, Role::Trainer, Role::Supervisor, "training scores");
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);
  if (!trainee.empty()) {
    auto q = impl_->sql("SELECT 1 FROM users WHERE name = ?1");
    q->bind(1, trainee);
    if (!q->step()) throw Refusal(Why::UnknownUser, "no account named '" + trainee + "'");
  }
  struct Row {
    std::string trainee, set;
    std::int64_t assignment = 0, set_id = 0;
  };
  std::vector<Row> rows;
  {
    auto q = impl_->sql(
        "SELECT t.trainee, s.name, t.id, s.id FROM training_assignments t JOIN training_sets s ON s.id = t.set_id "
        "WHERE ?1 = '' OR t.trainee = ?1 ORDER BY t.trainee, s.name");
    q->bind(1, trainee);
    while (q->step()) rows.push_back({q->text(0), q->text(1), q->int64(2), q->int64(3)});
  }
  std::vector<figures::TrainingScore> out;
  for (const auto& row : rows) {
    std::vector<figures::ScoredAnswer> answers;
    auto q = impl_->sql(
        "SELECT c.reference, c.reference_reasons, a.decision, a.reasons, a.ms_spent FROM training_answers a "
        "JOIN training_cases c ON c.id = a.case_id WHERE a.assignment_id = ?1 ORDER BY c.position");
    q->bind(1, row.assignment);
    while (q->step()) {
      const auto ref = training::split_codes(q->text(1)), given = training::split_codes(q->text(3));
      answers.push_back({q->text(0) == "approved",
                         {ref.begin(), ref.end()},
                         q->text(2) == "approved",
                         {given.begin(), given.end()},
                         q->int64(4)});
    }
    q->reset();
    auto score = figures::score_answers(answers);
    score.trainee = row.trainee;
    score.set = row.set;
    score.set_cases = progress(impl_->sql, row.set_id, row.assignment).second;
    out.push_back(std::move(score));
  }
  return out;
}

}  // namespace rs::store
