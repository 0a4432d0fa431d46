// A reviewer's answer to a gold case, through decide() like any decision: scored against the
// reference into gold_answers (append-only) and never issued. No decision row, image number,
// notice, outbox message, serial or attempt changes; then the pause rule runs.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "core/domain/doc_type.hpp"
#include "core/domain/image_number.hpp"
#include "core/store/notice_token.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/store/store_training.hpp"

namespace rs::store {
using nlohmann::json;
using Why = Refusal::Why;

namespace {
struct OpenDelivery {
  std::int64_t id = 0, gold_case = 0;
  std::string status, owner, order_no, reference, reference_reasons, doc_type, city;
  char city_letter = 0;
  std::int64_t token = 0;
};

OpenDelivery load_delivery(StatementCache& sql, std::int64_t id) {
  auto q =
      sql("SELECT d.status, d.lease_owner, d.lease_token, d.order_no, g.reference, g.reference_reasons, o.doc_type, "
          "o.city, o.city_letter, g.id FROM gold_deliveries d JOIN gold_cases g ON g.id = d.gold_case_id "
          "JOIN attempts a ON a.id = g.attempt_id JOIN orders o ON o.id = a.order_id WHERE d.id = ?1");
  q->bind(1, id);
  if (!q->step()) throw Refusal(Why::UnknownAttempt, "attempt id " + std::to_string(-id) + " does not exist");
  OpenDelivery d;
  d.id = id;
  d.status = q->text(0);
  d.owner = q->text(1);
  d.token = q->int64(2);
  d.order_no = q->text(3);
  d.reference = q->text(4);
  d.reference_reasons = q->text(5);
  d.doc_type = q->text(6);
  d.city = q->text(7);
  d.city_letter = q->text(8)[0];
  d.gold_case = q->int64(9);
  return d;
}

// What the workstation shows after a decision, with nothing issued. The workstation's feedback
// line names the image number after an approval and the token after a rejection; a gold answer
// that showed neither would tell the reviewer which orders are tests. The number is the one the
// city's next approval today would get (the counter is read, not moved: it stays the real
// applicant's) plus the gold approvals shown for that city today, so two gold approvals in a row
// do not show the same number; the token is 32 random hex digits kept nowhere.
void look_alike(StatementCache& sql, const issuing::ValidityTable& validity, const OpenDelivery& d, Millis now,
                DecisionResult& r) {
  if (r.outcome == Outcome::Reject) {
    r.notice_token = new_notice_token().text;
    return;
  }
  const LocalDate today = local_date_cst(now);
  const std::string letter(1, d.city_letter);
  char day[8];
  std::snprintf(day, sizeof day, "%02d%02d%02d", today.year % 100, today.month, today.day);
  auto q = sql("SELECT last_serial FROM serial_counters WHERE city_letter = ?1 AND issue_date = ?2");
  q->bind(1, letter).bind(2, std::string(day));
  const int last = q->step() ? int(q->int64(0)) : 0;
  auto shown = sql(
      "SELECT COUNT(*) FROM gold_answers w JOIN gold_deliveries d ON d.id = w.delivery_id JOIN gold_cases g ON g.id = "
      "d.gold_case_id JOIN attempts a ON a.id = g.attempt_id JOIN orders o ON o.id = a.order_id WHERE w.decision = "
      "'approved' AND w.answered_ms >= ?1 AND o.city_letter = ?2");
  shown->bind(1, std::int64_t(days_from_civil(today) * 86400000LL - 8LL * 3600 * 1000)).bind(2, letter);
  shown->step();
  // This answer's own row is in already: it counts once.
  const int serial = std::min<int>(99999, last + int(shown->int64(0)));
  const auto type = parse_doc_type(d.doc_type);
  const char group = type ? doc_group_letter(*type, d.city) : 'I';
  r.image_number = format_image_number({group, d.city_letter, today.year, today.month, today.day, serial});
  r.expires_on = date_text(add_days(today, validity.days(group, d.city)));
}
// A workstation sending its answer again after a lost connection (DecisionRequest::request_key set):
// when the first send committed, the delivery is answered under the same lease by the same reviewer
// with the same outcome. Its result again (the caller adds the look-alike and the next lease),
// nothing written, as decided_before does for an order. A gold answer keeps no key of its own, so
// the lease stands for it: its token went to this workstation alone, which answers a delivery once.
struct GoldReplay {
  DecisionResult result;
  Millis answered_ms = 0;
};

std::optional<GoldReplay> answered_before(StatementCache& sql, const OpenDelivery& d, const std::string& reviewer,
                                          const DecisionRequest& r, const std::string& owner) {
  if (r.request_key.empty() || d.status != "answered" || d.token != r.lease_token || d.owner != owner)
    return std::nullopt;
  auto q = sql("SELECT reviewer, decision, ms_spent, answered_ms FROM gold_answers WHERE delivery_id = ?1");
  q->bind(1, d.id);
  const std::string decision = r.outcome == Outcome::Approve ? "approved" : "rejected";
  if (!q->step() || q->text(0) != reviewer || q->text(1) != decision) return std::nullopt;
  GoldReplay again;
  again.answered_ms = q->int64(3);
  again.result.replayed = true;
  again.result.order_no = d.order_no;
  again.result.attempt_no = 1;
  again.result.outcome = r.outcome;
  again.result.review_ms = q->int64(2);
  return again;
}
}  // namespace

DecisionResult Store::answer_gold(const accounts::Actor& reviewer, const DecisionRequest& r, const std::string& owner) {
  Transaction tx(impl_->db);
  const Millis now = now_ms();
  const OpenDelivery d = load_delivery(impl_->sql, -r.attempt_id);
  const std::string subject = "order " + d.order_no + " attempt 1";
  if (auto again = answered_before(impl_->sql, d, reviewer.name(), r, owner)) {
    look_alike(impl_->sql, *impl_->options.validity, d, again->answered_ms, again->result);
    // The order the first commit claimed with it (claim_next), as for a decision's replay.
    if (r.claim_next) again->result.next_lease = lease_claimed_at(owner, again->answered_ms);
    return again->result;
  }
  // The same refusals, in the same words, as an order's (store_decide.cpp check_decidable).
  if (d.status != "open")
    throw Refusal(Why::NotPending, subject + " was already decided (" +
                                       std::string(d.status == "answered" ? "decided" : "released") +
                                       "); nothing was recorded");
  if (d.token != r.lease_token)
    throw Refusal(Why::StaleLease, subject + ": your lease (token " + std::to_string(r.lease_token) +
                                       ") is stale; the decision was not recorded");
  if (d.owner != owner)
    throw Refusal(Why::StaleLease, subject + ": the lease is held by " + d.owner + ", not by " + owner +
                                       "; the decision was not recorded");
  check_reasons(r.outcome, r.reasons, r.other_text, subject);
  const auto reasons = distinct_reasons(r.outcome, r.reasons);
  const std::string decision = r.outcome == Outcome::Approve ? "approved" : "rejected";
  // Correct: the reference's outcome. The reasons are kept beside it for the trainers.
  const bool correct = decision == d.reference;
  const std::int64_t ms = r.shown_ms > 0 ? std::max<Millis>(0, now - r.shown_ms) : 0;
  auto ins = impl_->sql(
      "INSERT INTO gold_answers(delivery_id, reviewer, decision, reasons, correct, ms_spent, answered_ms, "
      "answered_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  ins->bind(1, d.id).bind(2, reviewer.name()).bind(3, decision).bind(4, training::join_codes(reasons));
  ins->bind(5, int(correct)).bind(6, ms).bind(7, now).bind(8, iso8601_cst(now)).run();
  impl_->sql("UPDATE gold_deliveries SET status = 'answered' WHERE id = ?1")->bind(1, d.id).run();
  impl_->audit(reviewer.name(), "gold_answer", d.order_no,
               json{{"delivery", d.id},
                    {"gold_case", d.gold_case},
                    {"decision", decision},
                    {"reasons", reasons},
                    {"correct", correct},
                    {"ms_spent", ms}}
                   .dump());
  maybe_pause(reviewer.name());
  DecisionResult result;
  result.order_no = d.order_no;
  result.attempt_no = 1;
  result.outcome = r.outcome;
  result.review_ms = ms;
  look_alike(impl_->sql, *impl_->options.validity, d, now, result);
  // A paused reviewer's workstation gets no next order: its next claim is refused with the reason.
  if (r.claim_next && !paused(reviewer.name())) result.next_lease = take_lease(reviewer.name(), owner, now);
  tx.commit();
  return result;
}

}  // namespace rs::store
