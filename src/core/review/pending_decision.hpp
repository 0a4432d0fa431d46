#pragma once
// A decision the queue server has not confirmed, kept on the workstation's disk until it has
// (issue 18): the server went away while the reviewer decided, and the reviewer quit before it came
// back. The next session of the same reviewer on the same queue sends it again, with its key and
// under its lease, before it hands anything back; so the decision is made once, or refused as
// stale when another workstation took the order meanwhile, and never silently lost.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/store/store.hpp"

namespace rs::review {

struct PendingDecision {
  std::string db_path;   // the queue it was meant for
  std::string reviewer;  // who decided (their session sends it)
  std::string order_no;  // for the reviewer's messages
  int attempt_no = 0;
  std::int64_t second_review_id = 0;  // a blind second review (0: an order of the queue)
  store::DecisionRequest request;     // as first sent: lease, workstation, key, screen
};

std::string pending_decision_json(const PendingDecision& p);
// Throws std::invalid_argument naming the field and the problem ("'request.lease_token' is not an
// integer"). The file is the workstation's own, but it is read as bytes from a disk all the same.
PendingDecision parse_pending_decision(std::string_view text);

// One file per kept decision: pending-<16 hex of sha256(db, reviewer)>-<request key>.json in `dir`
// (the key is made of [0-9a-zA-Z_-]). Two workstations of one reviewer on one machine each keep
// their own.
std::filesystem::path pending_decision_file(const std::filesystem::path& dir, const std::string& db_path,
                                            const std::string& reviewer, const std::string& request_key);
// The kept decisions of `reviewer` on `db_path` in `dir`, oldest first (by modification time).
std::vector<std::filesystem::path> pending_decision_files(const std::filesystem::path& dir, const std::string& db_path,
                                                          const std::string& reviewer);
// Written to a temporary file, fsynced and renamed over `file` (the folder made if missing).
// Throws std::runtime_error naming the file.
void save_pending_decision(const std::filesystem::path& file, const PendingDecision& p);
// nullopt when there is no file; std::invalid_argument naming the file when it cannot be read.
std::optional<PendingDecision> load_pending_decision(const std::filesystem::path& file);
// Removes the file, if any; a failure is not an error (the next send is answered as already made).
void forget_pending_decision(const std::filesystem::path& file);

}  // namespace rs::review
