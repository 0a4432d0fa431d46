// The queue server going away (issue 18, PostgreSQL): the workstation keeps the photo and the
// reviewer's decision, says so, and tries a new connection after 0.5 s, 1 s, 2 s, ... up to 8 s
// between tries. Once connected it sends the kept decision again with the key made when the
// reviewer pressed the key: if the first commit went through, the store answers with it (nothing
// twice); if the lease ran out meanwhile and another workstation took the order, the store
// refuses it as stale and the reviewer is told the order went back to the queue.
// Also the idle wait: on PostgreSQL an empty queue is waited on with LISTEN, not asked every second.
#include <algorithm>
#include <cstdio>

#include "core/i18n/text.hpp"
#include "core/review/pending_decision.hpp"
#include "core/review/review_session.hpp"
#include "core/store/sqlite.hpp"

namespace rs::review {
namespace {
constexpr auto kFirstRetry = std::chrono::milliseconds(500);
constexpr auto kLongestRetry = std::chrono::milliseconds(8000);
// With notifications, the empty queue is asked again only this often (a lease running out sends
// no notification), and the wait on the socket is cut in slices this long so a decision, a stop
// or a stats refresh is not kept waiting.
constexpr auto kListeningRetry = std::chrono::milliseconds(30'000);
constexpr int kWaitSliceMs = 100;

std::chrono::milliseconds backoff(int retry) {
  auto wait = kFirstRetry;
  for (int i = 1; i < retry && wait < kLongestRetry; ++i) wait *= 2;
  return std::min(wait, kLongestRetry);
}

bool lost(const std::exception& e) {
  const auto* db = dynamic_cast<const store::DbError*>(&e);
  return db && db->connection_lost();
}

std::string fill_order(std::string_view text, const std::string& order_no) {
  std::string out(text);
  if (auto at = out.find("{order}"); at != std::string::npos) out.replace(at, 7, order_no);
  return out;
}
}  // namespace

store::Store& ReviewSession::caller_store() {
  if (caller_lost_ || !caller_store_) {
    // While the worker has not got through either, the server is away for this thread too: a
    // connect from here would only freeze the screen (or the quit) for up to connect_timeout when
    // the server's host drops packets. The worker's success makes this thread try again.
    bool away = false;
    {
      std::lock_guard lk(mu_);
      away = snap_.reconnect_retry > 0;
    }
    if (away)
      throw store::DbError("the queue server is away (the workstation is connecting again)",
                           store::DbError::kConnectionLost);
    caller_store_.reset();
    caller_store_.emplace(config_.db_path, config_.store_options);  // throws DbError while still away
    caller_lost_ = false;
  }
  return *caller_store_;
}

void ReviewSession::keep_for_retry(std::shared_ptr<const ReviewItem> item, store::DecisionRequest req) {
  keep_on_disk(*item, req);
  {
    std::lock_guard lk(mu_);
    snap_.waiting_decision = req.outcome;
    snap_.resumed_from_disk = false;
    snap_.reconnect_retry = std::max(snap_.reconnect_retry, 1);
    waiting_ = WaitingDecision{std::move(item), std::move(req)};
  }
  cv_.notify_all();
}

// Until a new connection works (or the session stops): each try opens a new Store on the same
// target and sends the kept decision, if any.
void ReviewSession::reconnect(std::optional<store::Store>& store) {
  for (int retry = 1;; ++retry) {
    {
      std::unique_lock lk(mu_);
      snap_.reconnect_retry = retry;
      lk.unlock();
      changed();
      lk.lock();
      if (cv_.wait_for(lk, backoff(retry), [&] { return stop_; })) return;
    }
    try {
      store.reset();
      store.emplace(config_.db_path, config_.store_options);
      if (!resend_waiting(*store)) continue;
    } catch (const std::exception& e) {
      if (lost(e)) continue;
      set_error(std::string(tr("ui.session.db_failed")) + e.what());
      continue;
    }
    {
      std::lock_guard lk(mu_);
      snap_.reconnect_retry = 0;
      snap_.waiting_decision.reset();
      stats_dirty_ = true;
      snap_.queue_empty = false;  // ask the queue at once: orders may have come in meanwhile
      last_renew_ = {};           // and renew the leases held, which kept running meanwhile
    }
    std::fprintf(stderr, "reviewstation: connected to the queue again after %d retries\n", retry);
    changed();
    return;
  }
}

bool ReviewSession::resend_waiting(store::Store& store) {
  std::optional<WaitingDecision> w;
  {
    std::lock_guard lk(mu_);
    w = waiting_;
  }
  if (!w) return true;
  std::optional<store::DecisionResult> result;
  std::string message;
  bool gone = false;
  try {
    result = send_decision(store, *w->item, w->request);
  } catch (const store::Refusal& e) {
    using W = store::Refusal::Why;
    gone = e.why() == W::StaleLease || e.why() == W::NotPending || e.why() == W::UnknownAttempt;
    // The lease ran out while the server was away and another workstation holds the order now:
    // it is theirs to decide, nothing of this decision was recorded.
    message = e.why() == W::StaleLease
                  ? fill_order(tr("ui.session.lost_while_away"), w->item->claim.order.order_no) + " (" + e.what() + ")"
                  : std::string(tr("ui.session.refused")) + e.what();
  } catch (const std::exception& e) {
    if (lost(e)) return false;
    message = std::string(tr("ui.session.decide_failed")) + e.what();
  }
  // Answered, made or refused: nothing is left to send, now or by a later session.
  if (!pending_dir_.empty()) forget_pending_decision(pending_file(w->request));
  {
    std::lock_guard lk(mu_);
    waiting_.reset();
    snap_.waiting_decision.reset();
    if (result) {
      snap_.last_result = result;
      snap_.resumed_result = result;
      ++snap_.resumed_serial;
      if (result->next_lease) handed_lease_ = result->next_lease;
    } else {
      snap_.error = message;
      ++snap_.error_serial;
    }
    if ((result || gone) && snap_.current == w->item) advance_locked();
  }
  cv_.notify_all();
  return true;
}

std::filesystem::path ReviewSession::pending_file(const store::DecisionRequest& req) const {
  return pending_decision_file(pending_dir_, config_.db_path, config_.reviewer->name(), req.request_key);
}

// The decision goes to disk before the reviewer hears it is kept: a quit, a crash or a power cut
// after that loses nothing (the next session sends it). A disk that refuses is said on screen; the
// decision is still kept in memory and sent once the server is back.
void ReviewSession::keep_on_disk(const ReviewItem& item, const store::DecisionRequest& req) {
  if (pending_dir_.empty()) return;
  PendingDecision p;
  p.db_path = config_.db_path;
  p.reviewer = config_.reviewer->name();
  p.order_no = item.claim.order.order_no;
  p.attempt_no = item.claim.attempt.attempt_no;
  p.second_review_id = item.second_review_id;
  p.request = req;
  try {
    save_pending_decision(pending_file(req), p);
  } catch (const std::exception& e) {
    set_error(std::string(tr("ui.session.kept_not_saved")) + e.what());
  }
}

// At the start of a session, before any lease is handed back (a hand-back clears the lease a
// decision was made under): the decisions earlier sessions kept on disk, oldest first, each sent
// with its key. Made now, answered as made already, or refused as stale; the reviewer is told. A
// connection lost again leaves that one waiting, for the worker to send as any kept decision, and
// the rest on disk for the next session.
void ReviewSession::send_kept_decisions() {
  for (const auto& file : pending_decision_files(pending_dir_, config_.db_path, config_.reviewer->name()))
    if (!send_kept_decision(file)) return;
}

bool ReviewSession::send_kept_decision(const std::filesystem::path& file) {
  std::optional<PendingDecision> kept;
  try {
    kept = load_pending_decision(file);
  } catch (const std::exception& e) {
    // Put aside, not deleted: a supervisor can still read what it held.
    std::error_code ec;
    std::filesystem::rename(file, file.string() + ".unreadable", ec);
    snap_.error = std::string(tr("ui.session.kept_unreadable")) + e.what();
    ++snap_.error_serial;
    return true;
  }
  // The file name is a digest of both; a different pair is another queue's, left alone.
  if (!kept || kept->db_path != config_.db_path || kept->reviewer != config_.reviewer->name()) return true;
  auto item = std::make_shared<ReviewItem>();
  item->claim.order.order_no = kept->order_no;
  item->claim.attempt.id = kept->request.attempt_id;
  item->claim.attempt.attempt_no = kept->attempt_no;
  item->claim.lease.attempt_id = kept->request.attempt_id;
  item->claim.lease.token = kept->request.lease_token;
  item->second_review_id = kept->second_review_id;
  store::DecisionRequest req = kept->request;
  // Its next order would be claimed for the earlier session's workstation id, not this one's.
  req.claim_next = false;
  std::fprintf(stderr, "reviewstation: sending the decision on order %s kept by an earlier session\n",
               kept->order_no.c_str());
  waiting_ = WaitingDecision{item, req};
  snap_.waiting_decision = req.outcome;
  snap_.resumed_from_disk = true;
  if (resend_waiting(*caller_store_)) {
    forget_pending_decision(file);  // answered (gone already, unless its name was not its key's)
    return true;
  }
  caller_lost_ = true;  // the worker reconnects and sends it, as any kept decision
  snap_.reconnect_retry = 1;
  return false;
}

// Nothing to do: wait for the next renewal or stats refresh, a change from the caller, or (an
// empty queue on PostgreSQL) an order's notification.
void ReviewSession::idle(store::Store& store) {
  std::unique_lock lk(mu_);
  if (working_) {
    working_ = false;
    lk.unlock();
    changed();
    lk.lock();
  }
  if (store.orders_notify()) empty_retry_ = kListeningRetry;
  auto wake = [&] { return stop_ || stats_dirty_ || waiting_ || work_left_locked(); };
  if (snap_.queue_empty && store.orders_notify() && !wake()) {
    const auto until = next_wakeup_locked();
    lk.unlock();
    wait_for_orders(store, until);
    return;
  }
  cv_.wait_until(lk, next_wakeup_locked(), wake);
}

// Sleeps on the connection's socket (no query) until a notification, `until`, or anything the
// caller asks of the worker; a notification marks the queue as worth a claim again.
void ReviewSession::wait_for_orders(store::Store& store, Clock::time_point until) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) return;
    const bool woken = store.wait_for_orders(int(std::min<long long>(left, kWaitSliceMs)));
    std::lock_guard lk(mu_);
    if (woken) {
      snap_.queue_empty = false;
      return;
    }
    if (stop_ || stats_dirty_ || waiting_ || work_left_locked()) return;
  }
}

}  // namespace rs::review
