// A retried decision (issue 18, connection loss): the workstation cannot tell whether a commit
// whose reply the lost connection swallowed went through, so it sends the same request again with
// the same key. The first commit's decision is given back as it stands in the tables; nothing is
// written, so nothing is decided, numbered, noticed or audited twice.
#include <algorithm>

#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {
using Why = Refusal::Why;

namespace {
constexpr std::size_t kMaxRequestKey = 64;

bool key_char(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-';
}
}  // namespace

std::optional<DecisionResult> Store::decided_before(const DecisionRequest& r, const std::string& reviewer,
                                                    const std::string& owner) {
  if (r.request_key.empty()) return std::nullopt;
  if (r.request_key.size() > kMaxRequestKey || !std::all_of(r.request_key.begin(), r.request_key.end(), key_char))
    throw Refusal(Why::BadText,
                  "the decision's request key must be 1 to 64 of 0-9, a-z, A-Z, _ and -; "
                  "nothing was recorded");
  auto q = impl_->sql(
      "SELECT d.id, d.attempt_id, d.decision, d.reviewer, d.review_ms, d.decided_ms, o.order_no, a.attempt_no, "
      "i.expires_on, d.image_number FROM decisions d JOIN attempts a ON a.id = d.attempt_id "
      "JOIN orders o ON o.id = a.order_id LEFT JOIN image_numbers i ON i.decision_id = d.id "
      "WHERE d.request_key = ?1");
  q->bind(1, r.request_key);
  if (!q->step()) return std::nullopt;
  // A key names one reviewer's decision of one attempt; anything else is a workstation's bug, and
  // answering it with somebody else's decision would hide it.
  if (q->int64(1) != r.attempt_id || q->text(3) != reviewer)
    throw Refusal(Why::BadText, "the request key " + r.request_key + " belongs to decision " +
                                    std::to_string(q->int64(0)) +
                                    " of another attempt or reviewer; nothing was recorded");
  DecisionResult out;
  out.replayed = true;
  out.decision_id = q->int64(0);
  out.outcome = q->text(2) == "approved" ? Outcome::Approve : Outcome::Reject;
  out.review_ms = q->int64(4);
  const Millis decided_ms = q->int64(5);
  out.order_no = q->text(6);
  out.attempt_no = int(q->int64(7));
  out.expires_on = q->text_or_null(8).value_or("");
  out.image_number = q->text_or_null(9).value_or("");
  q->reset();
  // The order the first commit claimed for this workstation (DecisionRequest::claim_next): taken in
  // the same transaction, so claimed at the decision's own instant by the same owner.
  if (r.claim_next) out.next_lease = lease_claimed_at(owner, decided_ms);
  return out;
}

// The lease a decision's transaction took for its workstation (DecisionRequest::claim_next): at the
// decision's own instant, by the same owner; a real order's, or a gold case's (negative id).
std::optional<Lease> Store::lease_claimed_at(const std::string& owner, Millis at) {
  {
    auto l = impl_->sql(
        "SELECT id, lease_token, lease_expires_ms FROM attempts WHERE status = 'pending' AND lease_owner = ?1 "
        "AND lease_claimed_ms = ?2 ORDER BY id LIMIT 1");
    l->bind(1, owner).bind(2, at);
    if (l->step()) return Lease{l->int64(0), owner, l->int64(1), l->int64(2), at};
  }
  auto g = impl_->sql(
      "SELECT id, lease_token, lease_expires_ms FROM gold_deliveries WHERE status = 'open' AND lease_owner = ?1 "
      "AND delivered_ms = ?2 ORDER BY id LIMIT 1");
  g->bind(1, owner).bind(2, at);
  if (g->step()) return Lease{-g->int64(0), owner, g->int64(1), g->int64(2), at};
  return std::nullopt;
}

}  // namespace rs::store
