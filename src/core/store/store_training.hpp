#pragma once
// Private to the store layer: what the training files share (store_training*.cpp).
#include <cstdint>
#include <string>
#include <vector>

#include "core/store/store_impl.hpp"

namespace rs::store::training {

// Store::Impl for the helpers below, which are free functions shared by three files.
struct Access {
  using Impl = Store::Impl;
};
using Impl = Access::Impl;

// A decided case on its way into a set, with its reference answer.
struct PickedCase {
  std::int64_t attempt_id = 0, decision_id = 0;
  std::string order_no;
  int attempt_no = 0;
  std::string reference;  // approved | rejected
  std::vector<std::string> reasons;
  std::string note;
};

const char* feedback_name(Feedback f);
std::optional<Feedback> parse_feedback(std::string_view s);

// Reason codes as the training tables keep them: each followed by ','.
std::string join_codes(const std::vector<std::string>& codes);
std::vector<std::string> split_codes(const std::string& text);

// Refusal (NoReason, UnknownReason) naming `subject` unless a rejection names at least one known
// reason. A training answer or reference reaches no applicant, so 其他 needs no text here.
// Returns the codes once each, in the given order (none for an approval).
std::vector<std::string> checked_reasons(Outcome outcome, const std::vector<std::string>& reasons,
                                         const std::string& subject);

// The set's id; Refusal UnknownSet naming it otherwise.
std::int64_t set_id(StatementCache& sql, const std::string& name);
// The trainee's assignment to the set; Refusal NotAssigned otherwise.
std::int64_t assignment_id(StatementCache& sql, std::int64_t set_id, const std::string& set,
                           const std::string& trainee);
// The set's cases (one when case_id is not 0), in position order, applicant masked.
std::vector<TrainingCase> load_cases(Impl& impl, std::int64_t set_id, std::int64_t case_id = 0);
Feedback set_feedback(StatementCache& sql, std::int64_t set_id);

// The final decision of `decision_id` after overturns: its outcome and reasons.
void final_reference(Impl& impl, std::int64_t decision_id, PickedCase& c);

// "ORDER_NO" or "ORDER_NO#N" (N: the attempt; 0 when not given); Refusal BadQuery for a bad N.
std::pair<std::string, int> order_line(const std::string& line);
// One decided attempt named by order number (and attempt, 0: the latest decided one), decided by a
// reviewer, with its final reference; Refusal `why` naming `item` otherwise (store_training_pick.cpp).
PickedCase decided_case(Impl& impl, const std::string& item, const std::string& order_no, int attempt_no,
                        Refusal::Why why = Refusal::Why::BadTrainingFile);

// Inside the caller's transaction: the set and its cases, audited as built by `by`.
TrainingSetInfo insert_set(Impl& impl, const std::string& by, const std::string& name, Feedback feedback,
                           const std::vector<PickedCase>& cases, const char* how);

}  // namespace rs::store::training
