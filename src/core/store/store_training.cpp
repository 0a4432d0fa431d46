// Training sets: certification, building, assigning and editing sets, and reading them back. Only
// trainers and supervisors change them; every change is a row of the audit log written in the
// transaction that makes it. The live tables (orders, attempts, decisions, photos) are only read.
#include <nlohmann/json.hpp>

#include "core/domain/masking.hpp"
#include "core/domain/reason.hpp"
#include "core/store/store.hpp"
#include "core/store/store_training.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
using accounts::Actor;
using accounts::Role;
using nlohmann::json;
using Why = Refusal::Why;

namespace training {

const char* feedback_name(Feedback f) { return f == Feedback::Immediate ? "immediate" : "end"; }

std::optional<Feedback> parse_feedback(std::string_view s) {
  if (s == "immediate") return Feedback::Immediate;
  if (s == "end") return Feedback::End;
  return std::nullopt;
}

std::string join_codes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += c + ",";
  return out;
}

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    if (comma > at) out.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return out;
}

std::vector<std::string> checked_reasons(Outcome outcome, const std::vector<std::string>& reasons,
                                         const std::string& subject) {
  if (outcome == Outcome::Approve) return {};
  if (reasons.empty()) throw Refusal(Why::NoReason, subject + ": a rejection needs at least one reason");
  for (const auto& code : reasons)
    if (!reason_by_code(code)) throw Refusal(Why::UnknownReason, subject + ": unknown reason code '" + code + "'");
  return distinct_reasons(outcome, reasons);
}

std::int64_t set_id(StatementCache& sql, const std::string& name) {
  auto q = sql("SELECT id FROM training_sets WHERE name = ?1");
  q->bind(1, name);
  if (!q->step()) throw Refusal(Why::UnknownSet, "no training set named '" + utf8::sanitised(name) + "'");
  return q->int64(0);
}

std::int64_t assignment_id(StatementCache& sql, std::int64_t set_id, const std::string& set,
                           const std::string& trainee) {
  auto q = sql("SELECT id FROM training_assignments WHERE set_id = ?1 AND trainee = ?2");
  q->bind(1, set_id).bind(2, trainee);
  if (!q->step())
    throw Refusal(Why::NotAssigned, "training set '" + set + "' is not assigned to " + trainee +
                                        "; a trainer assigns it with `training assign`");
  return q->int64(0);
}

Feedback set_feedback(StatementCache& sql, std::int64_t set_id) {
  auto q = sql("SELECT feedback FROM training_sets WHERE id = ?1");
  q->bind(1, set_id);
  return q->step() ? parse_feedback(q->text(0)).value_or(Feedback::End) : Feedback::End;
}

std::vector<TrainingCase> load_cases(Impl& impl, std::int64_t set_id, std::int64_t case_id) {
  auto q = impl.sql(
      "SELECT c.id, c.position, o.order_no, a.attempt_no, o.doc_type, o.city, o.applicant_name, o.id_number, "
      "d.reviewer, d.decision, d.id, EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id), c.reference, "
      "c.reference_reasons, c.note FROM training_cases c JOIN attempts a ON a.id = c.attempt_id "
      "JOIN orders o ON o.id = a.order_id JOIN decisions d ON d.id = c.decision_id "
      "WHERE c.set_id = ?1 AND (?2 = 0 OR c.id = ?2) ORDER BY c.position");
  q->bind(1, set_id).bind(2, case_id);
  std::vector<TrainingCase> cases;
  std::vector<std::int64_t> decision_ids;
  while (q->step()) {
    TrainingCase c;
    c.id = q->int64(0);
    c.position = int(q->int64(1));
    c.order_no = q->text(2);
    c.attempt_no = int(q->int64(3));
    c.doc_type = q->text(4);
    c.city = q->text(5);
    c.applicant_masked = mask_name(q->text(6));
    c.id_number_masked = mask_id_number(q->text(7));
    c.original_reviewer = q->text(8);
    c.original_decision = q->text(9);
    decision_ids.push_back(q->int64(10));
    c.overturned = q->int64(11) != 0;
    c.reference = q->text(12);
    c.reference_reasons = split_codes(q->text(13));
    c.note = q->text(14);
    cases.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < cases.size(); ++i) cases[i].original_reasons = impl.load_reasons(decision_ids[i]);
  return cases;
}

void final_reference(Impl& impl, std::int64_t decision_id, PickedCase& c) {
  std::optional<std::int64_t> overturn;
  {
    auto q = impl.sql(
        "SELECT d.decision, v.id, v.to_decision FROM decisions d LEFT JOIN overturns v ON v.decision_id = d.id "
        "WHERE d.id = ?1");
    q->bind(1, decision_id);
    if (!q->step()) return;
    overturn = q->int64_or_null(1);
    c.reference = overturn ? q->text(2) : q->text(0);
  }
  // An overturn to a rejection names its own reasons; one to an approval has none.
  if (c.reference == "approved")
    c.reasons.clear();
  else
    c.reasons = overturn ? impl.load_overturn_reasons(*overturn) : impl.load_reasons(decision_id);
}

TrainingSetInfo insert_set(Impl& impl, const std::string& by, const std::string& name, Feedback feedback,
                           const std::vector<PickedCase>& cases, const char* how) {
  const std::string at = iso8601_cst(now_ms());
  auto ins = impl.sql("INSERT INTO training_sets(name, created_by, feedback, created_at) VALUES(?1, ?2, ?3, ?4)");
  ins->bind(1, name).bind(2, by).bind(3, feedback_name(feedback)).bind(4, at);
  ins->run();
  const std::int64_t id = impl.db.last_insert_id();
  json logged = json::array();
  int position = 0;
  for (const auto& c : cases) {
    ++position;
    auto add = impl.sql(
        "INSERT INTO training_cases(set_id, position, attempt_id, decision_id, reference, reference_reasons, note) "
        "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    add->bind(1, id).bind(2, position).bind(3, c.attempt_id).bind(4, c.decision_id).bind(5, c.reference);
    add->bind(6, join_codes(c.reasons)).bind(7, c.note);
    add->run();
    logged.push_back({{"position", position},
                      {"order_no", c.order_no},
                      {"attempt_no", c.attempt_no},
                      {"decision_id", c.decision_id},
                      {"reference", c.reference},
                      {"reasons", c.reasons},
                      {"note", c.note}});
  }
  impl.audit(by, "training_set_create", name,
             json{{"feedback", feedback_name(feedback)}, {"how", how}, {"cases", logged}}.dump());
  return {name, by, at, feedback, int(cases.size()), {}};
}

}  // namespace training

namespace {
void require_trainer(const Actor& actor, const std::string& what) {
  Store::require_either_role(actor, Role::Trainer, Role::Supervisor, what);
}

// The account's roles and whether it is certified; Refusal UnknownUser naming it otherwise.
std::pair<accounts::RoleSet, bool> account_state(StatementCache& sql, const std::string& name) {
  auto q = sql("SELECT roles, certified FROM users WHERE name = ?1");
  q->bind(1, name);
  if (!q->step()) throw Refusal(Why::UnknownUser, "no account named '" + utf8::sanitised(name) + "'");
  return {accounts::RoleSet::parse(q->text(0)).value_or(accounts::RoleSet{}), q->int64(1) != 0};
}

void check_set_name(const std::string& name) {
  if (auto p = utf8::text_problem("the training set name", name, {.max_chars = 50, .allow_empty = false}); !p.empty())
    throw Refusal(Why::BadQuery, p + "; nothing was written");
}

std::vector<std::string> trainees_of(StatementCache& sql, std::int64_t set_id) {
  auto q = sql("SELECT trainee FROM training_assignments WHERE set_id = ?1 ORDER BY trainee");
  q->bind(1, set_id);
  std::vector<std::string> out;
  while (q->step()) out.push_back(q->text(0));
  return out;
}
}  // namespace

// ---- certification ----
void Store::certify(const Actor& actor, const std::string& name) {
  require_trainer(actor, "certifying a reviewer");
  Transaction tx(impl_->db);
  const auto [roles, certified] = account_state(impl_->sql, name);
  if (!roles.has(Role::Reviewer))
    throw Refusal(Why::BadAccount, "account '" + name + "' is not a reviewer: only reviewers are certified");
  if (certified) throw Refusal(Why::BadAccount, name + " is certified already; nothing was written");
  auto upd = impl_->sql("UPDATE users SET certified = 1 WHERE name = ?1");
  upd->bind(1, name);
  upd->run();
  impl_->audit(actor.name(), "user_certify", name, "{}");
  tx.commit();
}

bool Store::certified(const std::string& name) {
  auto q = impl_->sql("SELECT certified FROM users WHERE name = ?1");
  q->bind(1, name);
  return !q->step() || q->int64(0) != 0;
}

// ---- building ----
TrainingSetInfo Store::create_training_set(const Actor& trainer, const std::string& name, Feedback feedback,
                                           const TrainingPick& pick) {
  require_trainer(trainer, "building a training set");
  check_set_name(name);
  Transaction tx(impl_->db);
  {
    auto q = impl_->sql("SELECT 1 FROM training_sets WHERE name = ?1");
    q->bind(1, name);
    if (q->step()) throw Refusal(Why::SetExists, "a training set named '" + name + "' exists already");
  }
  const auto cases = pick_training_cases(pick);
  auto info =
      training::insert_set(*impl_, trainer.name(), name, feedback, cases, pick.orders.empty() ? "filter" : "orders");
  tx.commit();
  return info;
}

// ---- reading ----
std::vector<TrainingSetInfo> Store::training_sets(const Actor& actor) {
  const bool all = actor.has(Role::Trainer) || actor.has(Role::Supervisor);
  auto q = impl_->sql(
      "SELECT s.id, s.name, s.created_by, s.feedback, s.created_at, "
      "(SELECT COUNT(*) FROM training_cases c WHERE c.set_id = s.id) FROM training_sets s "
      "WHERE ?1 = '' OR EXISTS (SELECT 1 FROM training_assignments t WHERE t.set_id = s.id AND t.trainee = ?1) "
      "ORDER BY s.name");
  q->bind(1, all ? std::string() : actor.name());
  std::vector<std::pair<std::int64_t, TrainingSetInfo>> rows;
  while (q->step())
    rows.push_back({q->int64(0),
                    {q->text(1),
                     q->text(2),
                     q->text(4),
                     training::parse_feedback(q->text(3)).value_or(Feedback::End),
                     int(q->int64(5)),
                     {}}});
  std::vector<TrainingSetInfo> out;
  for (auto& [id, info] : rows) {
    info.trainees = trainees_of(impl_->sql, id);
    out.push_back(std::move(info));
  }
  return out;
}

TrainingSet Store::training_set(const Actor& trainer, const std::string& name) {
  require_trainer(trainer, "reading a training set's references");
  Transaction snapshot(impl_->db, Transaction::Kind::Deferred);
  const std::int64_t id = training::set_id(impl_->sql, name);
  TrainingSet set;
  auto q = impl_->sql("SELECT created_by, feedback, created_at FROM training_sets WHERE id = ?1");
  q->bind(1, id);
  q->step();
  set.info = {name, q->text(0), q->text(2), training::parse_feedback(q->text(1)).value_or(Feedback::End), 0, {}};
  set.cases = training::load_cases(*impl_, id);
  set.info.cases = int(set.cases.size());
  set.info.trainees = trainees_of(impl_->sql, id);
  return set;
}

// ---- assigning and editing ----
void Store::assign_training_set(const Actor& trainer, const std::string& set, const std::string& trainee) {
  require_trainer(trainer, "assigning a training set");
  Transaction tx(impl_->db);
  const std::int64_t id = training::set_id(impl_->sql, set);
  const auto [roles, certified] = account_state(impl_->sql, trainee);
  if (!roles.has(Role::Reviewer))
    throw Refusal(Why::BadAccount, "account '" + trainee + "' is not a reviewer: only reviewers train");
  {
    auto q = impl_->sql("SELECT 1 FROM training_assignments WHERE set_id = ?1 AND trainee = ?2");
    q->bind(1, id).bind(2, trainee);
    if (q->step()) throw Refusal(Why::BadQuery, "training set '" + set + "' is assigned to " + trainee + " already");
  }
  auto ins =
      impl_->sql("INSERT INTO training_assignments(set_id, trainee, assigned_by, assigned_at) VALUES(?1, ?2, ?3, ?4)");
  ins->bind(1, id).bind(2, trainee).bind(3, trainer.name()).bind(4, iso8601_cst(now_ms()));
  ins->run();
  impl_->audit(trainer.name(), "training_assign", set, json{{"trainee", trainee}, {"certified", certified}}.dump());
  tx.commit();
}

void Store::edit_training_case(const Actor& trainer, const std::string& set, int position,
                               const std::optional<Outcome>& reference, const std::vector<std::string>& reasons,
                               const std::optional<std::string>& note) {
  require_trainer(trainer, "editing a training case");
  const std::string subject = "training set '" + set + "' case " + std::to_string(position);
  if (note)
    if (auto p = utf8::text_problem("the note of " + subject, *note, {.max_chars = 500, .allow_newlines = true});
        !p.empty())
      throw Refusal(Why::BadText, p + "; nothing was written");
  const auto codes = reference ? training::checked_reasons(*reference, reasons, subject) : std::vector<std::string>{};
  Transaction tx(impl_->db);
  const std::int64_t id = training::set_id(impl_->sql, set);
  auto upd = impl_->sql(
      "UPDATE training_cases SET reference = COALESCE(?3, reference), "
      "reference_reasons = CASE WHEN ?3 IS NULL THEN reference_reasons ELSE ?4 END, note = COALESCE(?5, note) "
      "WHERE set_id = ?1 AND position = ?2");
  upd->bind(1, id).bind(2, position);
  upd->bind(3, reference ? std::optional<std::string>(*reference == Outcome::Approve ? "approved" : "rejected")
                         : std::nullopt);
  upd->bind(4, training::join_codes(codes)).bind(5, note);
  upd->run();
  if (impl_->db.changes() != 1) throw Refusal(Why::BadQuery, subject + ": no such case");
  const auto now = training::load_cases(*impl_, id, 0);
  const auto& c = now.at(std::size_t(position - 1));
  impl_->audit(
      trainer.name(), "training_case_edit", set,
      json{{"position", position}, {"reference", c.reference}, {"reasons", c.reference_reasons}, {"note", c.note}}
          .dump());
  tx.commit();
}

}  // namespace rs::store
