// Which past cases a training set takes: by filters over decided history (reason, document type,
// city, difficult) or picked by hand from an orders file; and a set's export and import, which
// name cases by order number and attempt so a set moves between databases holding those orders.
#include <nlohmann/json.hpp>
#include <set>

#include "core/domain/city.hpp"
#include "core/domain/doc_type.hpp"
#include "core/domain/reason.hpp"
#include "core/store/store.hpp"
#include "core/store/store_training.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
using accounts::Actor;
using nlohmann::json;
using training::PickedCase;
using Why = Refusal::Why;

namespace {
// The filters in words, for the refusal that finds nothing.
std::string pick_words(const TrainingPick& p) {
  std::string w;
  auto add = [&](const std::string& s) { w += (w.empty() ? "" : ", ") + s; };
  if (!p.reason.empty()) add("reason " + p.reason);
  if (!p.doc_type.empty()) add("document type " + p.doc_type);
  if (!p.city.empty()) add("city " + p.city);
  if (p.difficult) add("difficult");
  return w.empty() ? "any decided case" : w;
}

// The pick's filters as the tables hold them: a doc type code, a short city name. Refusal naming
// the bad one.
TrainingPick normalised(const TrainingPick& p) {
  TrainingPick n = p;
  if (p.limit < 1 || p.limit > kMaxTrainingCases)
    throw Refusal(Why::BadQuery, "--limit " + std::to_string(p.limit) + ": a training set takes 1 to " +
                                     std::to_string(kMaxTrainingCases) + " cases");
  if (!p.reason.empty() && !reason_by_code(p.reason))
    throw Refusal(Why::UnknownReason, "unknown reason code '" + utf8::sanitised(p.reason) + "'");
  if (!p.doc_type.empty()) {
    const auto t = parse_doc_type(p.doc_type);
    if (!t) throw Refusal(Why::BadQuery, "unknown document type '" + utf8::sanitised(p.doc_type) + "'");
    n.doc_type = std::string(doc_type_code(*t));
  }
  if (!p.city.empty()) {
    const auto c = parse_city(p.city);
    if (!c.city) throw Refusal(Why::BadQuery, c.error);
    n.city = std::string(c.city->name_zh);
  }
  const bool filtered = !p.reason.empty() || !p.doc_type.empty() || !p.city.empty() || p.difficult;
  if (!p.orders.empty() && filtered)
    throw Refusal(Why::BadQuery,
                  "cases picked from an orders file take no filters (reason, document type, city, "
                  "difficult): the file says which cases");
  return n;
}

}  // namespace

// "ORDER_NO" or "ORDER_NO#N".
std::pair<std::string, int> training::order_line(const std::string& line) {
  const auto hash = line.find('#');
  if (hash == std::string::npos) return {line, 0};
  const std::string n = line.substr(hash + 1);
  int attempt = 0;
  for (char ch : n) attempt = (ch >= '0' && ch <= '9' && attempt < 1000) ? attempt * 10 + (ch - '0') : -1000000;
  if (n.empty() || attempt <= 0)
    throw Refusal(Why::BadQuery, "'" + utf8::sanitised(line) + "': an attempt is a number after '#' (ORDER#2)");
  return {line.substr(0, hash), attempt};
}

// One decided attempt named by order number (and attempt, 0: the latest decided one), decided by
// a reviewer; Refusal naming `item` otherwise.
PickedCase training::decided_case(training::Impl& impl, const std::string& item, const std::string& order_no,
                                  int attempt_no, Refusal::Why why) {
  PickedCase c;
  {
    auto q = impl.sql(
        "SELECT d.id, a.id, a.attempt_no, d.reviewer FROM orders o JOIN attempts a ON a.order_id = o.id "
        "JOIN decisions d ON d.attempt_id = a.id WHERE o.order_no = ?1 AND (?2 = 0 OR a.attempt_no = ?2) "
        "ORDER BY a.attempt_no DESC LIMIT 1");
    q->bind(1, order_no).bind(2, attempt_no);
    if (!q->step()) {
      auto known = impl.sql("SELECT 1 FROM orders WHERE order_no = ?1");
      known->bind(1, order_no);
      const std::string what = !known->step()   ? "no such order in this database"
                               : attempt_no > 0 ? "attempt " + std::to_string(attempt_no) + " is not decided"
                                                : "no attempt of it is decided";
      throw Refusal(why, item + ": order '" + utf8::sanitised(order_no) + "': " + what);
    }
    if (q->text(3) == "system")
      throw Refusal(why, item + ": order '" + order_no +
                             "' was rejected by the system (an unreadable photo): no reviewer's case to learn from");
    c.decision_id = q->int64(0);
    c.attempt_id = q->int64(1);
    c.attempt_no = int(q->int64(2));
  }
  c.order_no = order_no;
  training::final_reference(impl, c.decision_id, c);
  return c;
}

std::vector<PickedCase> Store::pick_training_cases(const TrainingPick& asked) {
  const TrainingPick p = normalised(asked);
  std::vector<PickedCase> out;
  if (!p.orders.empty()) {
    if (p.orders.size() > std::size_t(kMaxTrainingCases))
      throw Refusal(Why::BadQuery, "a training set takes at most " + std::to_string(kMaxTrainingCases) + " cases");
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < p.orders.size(); ++i) {
      const auto [order_no, attempt] = training::order_line(p.orders[i]);
      auto c = training::decided_case(*impl_, "line " + std::to_string(i + 1), order_no, attempt);
      if (!seen.insert(c.attempt_id).second)
        throw Refusal(Why::BadTrainingFile, "line " + std::to_string(i + 1) + ": order '" + order_no + "' attempt " +
                                                std::to_string(c.attempt_no) + " is named twice");
      out.push_back(std::move(c));
    }
    return out;
  }
  // The reason is the final one: an overturn's reasons when the decision was overturned. Difficult
  // candidates are overturned, disagreed with by a second review, or judged by the engine; of the
  // last, only those the reviewer overruled (figures::overrules_engine, as the figures count them).
  auto q = impl_->sql(
      "SELECT o.order_no, a.attempt_no, d.decision = 'approved', d.findings_json, "
      "COALESCE((SELECT group_concat(r.code) FROM decision_reasons r WHERE r.decision_id = d.id), ''), d.id, a.id, "
      "EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id) OR "
      "EXISTS (SELECT 1 FROM second_reviews s WHERE s.decision_id = d.id AND s.agrees = 0) "
      "FROM decisions d JOIN attempts a ON a.id = d.attempt_id JOIN orders o ON o.id = a.order_id "
      "WHERE d.reviewer <> 'system' AND (?2 = '' OR o.doc_type = ?2) AND (?3 = '' OR o.city = ?3) "
      "AND (?1 = '' OR CASE WHEN EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id) "
      "THEN EXISTS (SELECT 1 FROM overturns v JOIN overturn_reasons vr ON vr.overturn_id = v.id "
      "WHERE v.decision_id = d.id AND vr.code = ?1) "
      "ELSE EXISTS (SELECT 1 FROM decision_reasons r WHERE r.decision_id = d.id AND r.code = ?1) END) "
      "AND (?4 = 0 OR d.engine_verdict IS NOT NULL OR EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id) "
      "OR EXISTS (SELECT 1 FROM second_reviews s WHERE s.decision_id = d.id AND s.agrees = 0)) "
      "ORDER BY d.decided_ms DESC, d.id DESC",
      // PostgreSQL: string_agg for group_concat
      "SELECT o.order_no, a.attempt_no, d.decision = 'approved', d.findings_json, "
      "COALESCE((SELECT string_agg(r.code, ',' ORDER BY r.position) FROM decision_reasons r WHERE r.decision_id = "
      "d.id), ''), d.id, a.id, "
      "EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id) OR "
      "EXISTS (SELECT 1 FROM second_reviews s WHERE s.decision_id = d.id AND s.agrees = 0) "
      "FROM decisions d JOIN attempts a ON a.id = d.attempt_id JOIN orders o ON o.id = a.order_id "
      "WHERE d.reviewer <> 'system' AND (?2 = '' OR o.doc_type = ?2) AND (?3 = '' OR o.city = ?3) "
      "AND (?1 = '' OR CASE WHEN EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id) "
      "THEN EXISTS (SELECT 1 FROM overturns v JOIN overturn_reasons vr ON vr.overturn_id = v.id "
      "WHERE v.decision_id = d.id AND vr.code = ?1) "
      "ELSE EXISTS (SELECT 1 FROM decision_reasons r WHERE r.decision_id = d.id AND r.code = ?1) END) "
      "AND (?4 = 0 OR d.engine_verdict IS NOT NULL OR EXISTS (SELECT 1 FROM overturns v WHERE v.decision_id = d.id) "
      "OR EXISTS (SELECT 1 FROM second_reviews s WHERE s.decision_id = d.id AND s.agrees = 0)) "
      "ORDER BY d.decided_ms DESC, d.id DESC");
  q->bind(1, p.reason).bind(2, p.doc_type).bind(3, p.city).bind(4, p.difficult ? 1 : 0);
  while (int(out.size()) < p.limit && q->step()) {
    const bool hard = q->int64(7) != 0;
    if (p.difficult && !hard && !figures::overrules_engine(judged_decision(*q), reason_of_rule)) continue;
    PickedCase c;
    c.order_no = q->text(0);
    c.attempt_no = int(q->int64(1));
    c.decision_id = q->int64(5);
    c.attempt_id = q->int64(6);
    out.push_back(std::move(c));
  }
  q->reset();
  for (auto& c : out) training::final_reference(*impl_, c.decision_id, c);
  if (out.empty()) throw Refusal(Why::BadQuery, "no decided case matches " + pick_words(p) + "; nothing was written");
  return out;
}

// ---- export and import ----
std::string Store::export_training_set(const Actor& trainer, const std::string& name) {
  const TrainingSet set = training_set(trainer, name);
  json cases = json::array();
  for (const auto& c : set.cases)
    cases.push_back({{"order_no", c.order_no},
                     {"attempt_no", c.attempt_no},
                     {"reference", c.reference},
                     {"reasons", c.reference_reasons},
                     {"note", c.note}});
  return json{{"format", "reviewstation-training-set"},
              {"version", 1},
              {"name", set.info.name},
              {"feedback", training::feedback_name(set.info.feedback)},
              {"cases", cases}}
      .dump(2);
}

namespace {
std::string text_field(const json& j, const char* key, const std::string& item) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string())
    throw Refusal(Why::BadTrainingFile, item + ": \"" + key + "\" is missing or not text");
  return it->get<std::string>();
}

// One case of an imported file, checked: its reference, reasons and note.
void read_reference(const json& j, const std::string& item, PickedCase& c) {
  c.reference = text_field(j, "reference", item);
  if (c.reference != "approved" && c.reference != "rejected")
    throw Refusal(Why::BadTrainingFile,
                  item + ": reference '" + utf8::sanitised(c.reference) + "' is neither approved nor rejected");
  std::vector<std::string> reasons;
  if (const auto it = j.find("reasons"); it != j.end()) {
    if (!it->is_array()) throw Refusal(Why::BadTrainingFile, item + ": \"reasons\" is not a list");
    for (const auto& r : *it) {
      if (!r.is_string()) throw Refusal(Why::BadTrainingFile, item + ": a reason is not text");
      reasons.push_back(r.get<std::string>());
    }
  }
  try {
    c.reasons =
        training::checked_reasons(c.reference == "approved" ? Outcome::Approve : Outcome::Reject, reasons, item);
  } catch (const Refusal& e) {
    throw Refusal(Why::BadTrainingFile, e.what());
  }
  c.note = j.contains("note") ? text_field(j, "note", item) : std::string();
  if (auto p = utf8::text_problem(item + ": the note", c.note, {.max_chars = 500, .allow_newlines = true}); !p.empty())
    throw Refusal(Why::BadTrainingFile, p);
}
}  // namespace

TrainingSetInfo Store::import_training_set(const Actor& trainer, const std::string& json_text) {
  require_either_role(trainer, accounts::Role::Trainer, accounts::Role::Supervisor, "importing a training set");
  const json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw Refusal(Why::BadTrainingFile, "the training file is not a JSON object");
  if (doc.value("format", "") != "reviewstation-training-set")
    throw Refusal(Why::BadTrainingFile, "the training file lacks \"format\": \"reviewstation-training-set\"");
  const std::string name = text_field(doc, "name", "the training file");
  if (auto p = utf8::text_problem("the training set name", name, {.max_chars = 50, .allow_empty = false}); !p.empty())
    throw Refusal(Why::BadTrainingFile, p);
  const auto feedback = training::parse_feedback(text_field(doc, "feedback", "the training file"));
  if (!feedback) throw Refusal(Why::BadTrainingFile, "the training file: \"feedback\" is neither immediate nor end");
  const auto cases_it = doc.find("cases");
  if (cases_it == doc.end() || !cases_it->is_array() || cases_it->empty() ||
      cases_it->size() > std::size_t(kMaxTrainingCases))
    throw Refusal(Why::BadTrainingFile,
                  "the training file: \"cases\" must list 1 to " + std::to_string(kMaxTrainingCases) + " cases");
  Transaction tx(impl_->db);
  {
    auto q = impl_->sql("SELECT 1 FROM training_sets WHERE name = ?1");
    q->bind(1, name);
    if (q->step()) throw Refusal(Why::SetExists, "a training set named '" + name + "' exists already");
  }
  std::vector<PickedCase> cases;
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < cases_it->size(); ++i) {
    const json& j = (*cases_it)[i];
    const std::string item = "case " + std::to_string(i + 1);
    if (!j.is_object()) throw Refusal(Why::BadTrainingFile, item + " is not an object");
    const auto attempt = j.find("attempt_no");
    if (attempt == j.end() || !attempt->is_number_integer() || attempt->get<int>() < 1)
      throw Refusal(Why::BadTrainingFile, item + ": \"attempt_no\" is missing or not a positive number");
    PickedCase c = training::decided_case(*impl_, item, text_field(j, "order_no", item), attempt->get<int>());
    read_reference(j, item, c);
    if (!seen.insert(c.attempt_id).second) throw Refusal(Why::BadTrainingFile, item + ": the case is named twice");
    cases.push_back(std::move(c));
  }
  auto info = training::insert_set(*impl_, trainer.name(), name, *feedback, cases, "import");
  tx.commit();
  return info;
}

}  // namespace rs::store
