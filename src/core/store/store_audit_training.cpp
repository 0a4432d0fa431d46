// The training tables against the log: every set, case, assignment and answer is what its rows
// say (training_set_create, training_case_edit, training_assign, training_answer). Without it,
// whoever can write the file could raise a trainee's score by editing answers or references.
#include <map>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/store/store_audit.hpp"

namespace rs::store {
namespace {
using nlohmann::json;
using Problem = Store::AuditProblem;

std::string joined(const json& codes) {
  std::string out;
  if (codes.is_array())
    for (const auto& c : codes)
      if (c.is_string()) out += c.get<std::string>() + ",";
  return out;
}

struct Logged {
  std::string a, b, c;  // set: created_by, feedback; case: reference, reasons, note; answer: decision, reasons
  std::int64_t n = 0;   // case: decision id; answer: ms spent
  std::int64_t row = 0;
};

struct Replayed {
  std::map<std::string, Logged> sets;
  std::map<std::pair<std::string, int>, Logged> cases;                   // (set, position)
  std::map<std::pair<std::string, std::string>, std::int64_t> assigned;  // (set, trainee) -> row
  std::map<std::tuple<std::string, std::string, int>, Logged> answers;   // (set, trainee, position)
};

Replayed replay(const std::vector<LoggedRow>& rows) {
  Replayed r;
  for (const auto& row : rows) {
    const json d = json::parse(row.detail, nullptr, false);
    if (!d.is_object()) continue;
    const int position = d.value("position", 0);
    if (row.action == "training_set_create") {
      r.sets[row.subject] = {row.actor, d.value("feedback", ""), "", 0, row.row};
      for (const auto& c : d.value("cases", json::array()))
        r.cases[{row.subject, c.value("position", 0)}] = {c.value("reference", ""), joined(c.value("reasons", json())),
                                                          c.value("note", ""), c.value("decision_id", std::int64_t{0}),
                                                          row.row};
    } else if (row.action == "training_case_edit") {
      auto& c = r.cases[{row.subject, position}];
      c = {d.value("reference", ""), joined(d.value("reasons", json())), d.value("note", ""), c.n, row.row};
    } else if (row.action == "training_assign") {
      r.assigned[{row.subject, d.value("trainee", "")}] = row.row;
    } else if (row.action == "training_answer") {
      r.answers[{row.subject, row.actor, position}] = {d.value("decision", ""), joined(d.value("reasons", json())), "",
                                                       d.value("ms_spent", std::int64_t{0}), row.row};
    }
  }
  return r;
}

std::optional<Problem> check_sets_and_cases(StatementCache& sql, Replayed& r, std::int64_t& checked) {
  {
    auto q = sql("SELECT name, created_by, feedback FROM training_sets ORDER BY id");
    while (q->step()) {
      const std::string name = q->text(0);
      const auto it = r.sets.find(name);
      if (it == r.sets.end()) return audit_mismatch(0, "training set '" + name + "' has no audit row");
      if (it->second.a != q->text(1) || it->second.b != q->text(2))
        return audit_mismatch(it->second.row, "training set '" + name + "': creator or feedback differs from " +
                                                  audit_row_name(it->second.row));
      r.sets.erase(it);
      ++checked;
    }
  }
  if (!r.sets.empty())
    return audit_mismatch(r.sets.begin()->second.row,
                          "training set '" + r.sets.begin()->first + "' is in the audit log but not in the table");
  auto q =
      sql("SELECT s.name, c.position, c.decision_id, c.reference, c.reference_reasons, c.note FROM training_cases c "
          "JOIN training_sets s ON s.id = c.set_id ORDER BY c.id");
  while (q->step()) {
    const std::string what = "training set '" + q->text(0) + "' case " + std::to_string(q->int64(1));
    const auto it = r.cases.find({q->text(0), int(q->int64(1))});
    if (it == r.cases.end()) return audit_mismatch(0, what + " has no audit row");
    const Logged& l = it->second;
    if (l.n != q->int64(2) || l.a != q->text(3) || l.b != q->text(4) || l.c != q->text(5))
      return audit_mismatch(l.row,
                            what + ": its source, reference, reasons or note differ from " + audit_row_name(l.row));
    r.cases.erase(it);
    ++checked;
  }
  if (!r.cases.empty())
    return audit_mismatch(r.cases.begin()->second.row, "training set '" + r.cases.begin()->first.first + "' case " +
                                                           std::to_string(r.cases.begin()->first.second) +
                                                           " is in the audit log but not in the table");
  return std::nullopt;
}

std::optional<Problem> check_assignments_and_answers(StatementCache& sql, Replayed& r, std::int64_t& checked) {
  {
    auto q = sql(
        "SELECT s.name, t.trainee FROM training_assignments t JOIN training_sets s ON s.id = t.set_id ORDER BY t.id");
    while (q->step()) {
      if (!r.assigned.erase({q->text(0), q->text(1)}))
        return audit_mismatch(0, "training set '" + q->text(0) + "' is assigned to " + q->text(1) +
                                     " in the table, but no audit row assigns it");
      ++checked;
    }
  }
  if (!r.assigned.empty())
    return audit_mismatch(r.assigned.begin()->second,
                          audit_row_name(r.assigned.begin()->second) + " assigns a training set the table does not");
  auto q =
      sql("SELECT s.name, t.trainee, c.position, a.decision, a.reasons, a.ms_spent FROM training_answers a "
          "JOIN training_assignments t ON t.id = a.assignment_id JOIN training_cases c ON c.id = a.case_id "
          "JOIN training_sets s ON s.id = t.set_id ORDER BY a.id");
  while (q->step()) {
    const std::string what =
        q->text(1) + "'s answer to training set '" + q->text(0) + "' case " + std::to_string(q->int64(2));
    const auto it = r.answers.find({q->text(0), q->text(1), int(q->int64(2))});
    if (it == r.answers.end()) return audit_mismatch(0, what + " has no audit row");
    const Logged& l = it->second;
    if (l.a != q->text(3) || l.b != q->text(4) || l.n != q->int64(5))
      return audit_mismatch(l.row, what + " differs from " + audit_row_name(l.row) + " (decision '" + q->text(3) +
                                       "' in the table, '" + l.a + "' in the log)");
    r.answers.erase(it);
    ++checked;
  }
  if (!r.answers.empty())
    return audit_mismatch(r.answers.begin()->second.row, audit_row_name(r.answers.begin()->second.row) +
                                                             " records a training answer the table does not hold");
  return std::nullopt;
}
}  // namespace

std::optional<Problem> check_training(StatementCache& sql, const WalkedChain& chain, std::int64_t& checked) {
  Replayed r = replay(chain.training);
  if (auto p = check_sets_and_cases(sql, r, checked)) return p;
  return check_assignments_and_answers(sql, r, checked);
}

}  // namespace rs::store
