#include "core/review/review_session.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "core/domain/workstation_id.hpp"
#include "core/findings/decision_record.hpp"
#include "core/i18n/text.hpp"
#include "core/issuing/receipt_fonts.hpp"
#include "core/review/orphaned_leases.hpp"
#include "core/review/pending_decision.hpp"
#include "core/store/sqlite.hpp"
#include "core/util/random.hpp"

namespace rs::review {
namespace {

// The session's background threads yield to the UI and the rasteriser: a reviewer waiting for a
// frame matters more than a prefetch finishing a few ms sooner. Linux nice values are per thread;
// threads these start (OpenCV's pool) inherit it. Best effort: a refusal changes nothing else.
void lower_this_thread_priority() { (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10); }

// Refusals after which the order is no longer ours to decide: the session moves on.
bool order_gone(store::Refusal::Why why) {
  using W = store::Refusal::Why;
  return why == W::StaleLease || why == W::NotPending || why == W::UnknownAttempt;
}
bool same_stats(const store::QueueStats& a, const store::QueueStats& b) {
  // oldest_wait_ms grows by itself; the panel computes waits from submission times at draw time.
  return a.pending == b.pending && a.mine_today == b.mine_today && a.mine_approved_today == b.mine_approved_today &&
         a.mine_rejected_today == b.mine_rejected_today && (a.oldest_wait_ms == 0) == (b.oldest_wait_ms == 0) &&
         a.second_reviews_waiting == b.second_reviews_waiting;
}

bool same_queue(const std::vector<store::QueueRow>& a, const std::vector<store::QueueRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].order_no != b[i].order_no || a[i].attempt_no != b[i].attempt_no || a[i].lease_owner != b[i].lease_owner)
      return false;
  return true;
}

bool same_quarantine(const std::vector<store::QuarantineRow>& a, const std::vector<store::QuarantineRow>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].order_no != b[i].order_no || a[i].attempt_no != b[i].attempt_no) return false;
  return true;
}

// Mean luminance inside a box, for the shader's face shadow/glare layer (relative to this mean).
float mean_luma(const RgbaImage& img, findings::Point a, findings::Point b) {
  int x0 = std::clamp(int(std::min(a.x, b.x)), 0, img.width), x1 = std::clamp(int(std::max(a.x, b.x)), 0, img.width);
  int y0 = std::clamp(int(std::min(a.y, b.y)), 0, img.height), y1 = std::clamp(int(std::max(a.y, b.y)), 0, img.height);
  double sum = 0;
  long n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) {
      const std::uint8_t* p = &img.pixels[(std::size_t(y) * img.width + x) * 4];
      sum += 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
      ++n;
    }
  return n ? float(sum / n / 255.0) : -1.0f;
}

// An analysis finishing after the trainee answered keeps the answer's feedback on screen.
std::shared_ptr<const ReviewItem> with_feedback_of(const ReviewItem& shown, std::shared_ptr<const ReviewItem> fresh) {
  if (!shown.training_feedback || fresh->training_feedback) return fresh;
  auto copy = std::make_shared<ReviewItem>(*fresh);
  copy->training_feedback = shown.training_feedback;
  return copy;
}

// ---- quarantine ----

// For tests only: with RS_FAULT_ABORT_ANALYSIS=ORDER_NO, analysing that order's photo calls
// abort(), the way a crash in a decoder or the engine would, so the quarantine can be tested end to
// end without keeping a crashing bug around. Read once per process.
const std::string& fault_abort_order() {
  static const std::string order = [] {
    const char* v = std::getenv("RS_FAULT_ABORT_ANALYSIS");
    return std::string(v ? v : "");
  }();
  return order;
}

// One decoding or analysis of an attempt's photo, its start already recorded in the store. The
// finish is recorded when this goes out of scope, normally or through an exception: either way the
// process survived the photo. Only a process that died leaves a start without its finish.
class AnalysisRun {
 public:
  AnalysisRun(store::Store& store, std::int64_t attempt_id) : store_(store), attempt_id_(attempt_id) {}
  ~AnalysisRun() {
    try {
      store_.analysis_finished(attempt_id_);
    } catch (const std::exception& e) {
      // Not fatal: at worst this start counts as a death, and two of them quarantine the order.
      std::fprintf(stderr, "reviewstation: could not record the end of attempt %lld's analysis: %s\n",
                   static_cast<long long>(attempt_id_), e.what());
    }
  }
  AnalysisRun(const AnalysisRun&) = delete;
  AnalysisRun& operator=(const AnalysisRun&) = delete;

 private:
  store::Store& store_;
  std::int64_t attempt_id_;
};
}  // namespace

namespace {
// A second review decided with the decision's own request fields; what it reports back looks like
// a decision's result without anything issued.
store::DecisionResult second_review_result(store::Store& store, const accounts::Actor& who, const ReviewItem& item,
                                           const store::DecisionRequest& req) {
  store::SecondReviewRequest r;
  r.id = item.second_review_id;
  r.lease_token = item.claim.lease.token;
  r.workstation = req.workstation;
  r.outcome = req.outcome;
  r.reasons = req.reasons;
  r.other_text = req.other_text;
  r.shown_ms = req.shown_ms;
  store.decide_second_review(who, r);
  store::DecisionResult out;
  out.order_no = item.claim.order.order_no;
  out.attempt_no = item.claim.attempt.attempt_no;
  out.outcome = req.outcome;
  return out;
}

// What the worker's failure says on screen: a trainee's or a paused reviewer's refusal in the
// reviewer's language (the live queue takes no claims from them), any other as the store words it.
std::string worker_error_text(const std::exception& e) {
  const auto* refusal = dynamic_cast<const store::Refusal*>(&e);
  if (refusal && refusal->why() == store::Refusal::Why::NotCertified)
    return std::string(tr("ui.session.not_certified"));
  if (refusal && refusal->why() == store::Refusal::Why::Paused) return std::string(tr("ui.session.paused"));
  return e.what();
}
}  // namespace

std::string findings_json(const findings::Analysis* analysis) {
  return analysis ? findings::decision_record_json(*analysis) : "[]";
}

const accounts::Actor& reviewer_of(const SessionConfig& config) {
  if (!config.reviewer) throw std::invalid_argument("a review session needs a signed-in reviewer");
  return *config.reviewer;
}

std::string lease_owner_of(const SessionConfig& config) {
  return lease_owner(reviewer_of(config).name(), config.workstation);
}

ReviewSession::ReviewSession(SessionConfig config)
    : config_(std::move(config)),
      caller_store_(std::in_place, config_.db_path, config_.store_options),
      caller_thread_(std::this_thread::get_id()) {
  // Orders an earlier run still held when it ended without handing them back (a crash, a kill) go
  // back to the queue, so they are not "held by someone else" for minutes. A workstation id the
  // caller fixed ("ws-a") is the same in every run: its own owner's leases are that earlier run's.
  // The GUI's id is "host:pid", new in every run: there the earlier runs are the processes of this
  // host that no longer exist (orphaned_leases.hpp).
  next_serial_ = config_.first_serial;
  // A supervisor works second reviews only (the store lets either role), never the queue; such a
  // session holds no queue order, so there is nothing to hand back (the next reviewer's does it).
  if (config_.training())
    store::Store::require_role(reviewer_of(config_), accounts::Role::Reviewer, "training");
  else if (!config_.second_review)
    store::Store::require_role(reviewer_of(config_), accounts::Role::Reviewer, "the review queue");
  // Before any hand-back: the kept decision is sent under its own lease, which a hand-back clears.
  if (!config_.training() && !config_.pending_dir.empty()) {
    pending_dir_ = config_.pending_dir;
    send_kept_decisions();
  }
  // A training session touches no lease: the next live session hands back what an earlier one held.
  if (!config_.training() && reviewer_of(config_).has(accounts::Role::Reviewer)) {
    caller_store_->hand_back_all(*config_.reviewer, lease_owner_of(config_));
    hand_back_orphaned_leases(*caller_store_, *config_.reviewer, workstation_host(config_.workstation),
                              long(::getpid()));
  }
  engine_thread_ = std::thread([this] { load_engine(); });
  worker_ = std::thread([this] { worker_main(); });
}

ReviewSession::~ReviewSession() {
  {
    std::lock_guard lk(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (worker_.joinable()) worker_.join();
  if (engine_thread_.joinable()) engine_thread_.join();
  // Hand the held orders straight back instead of letting their leases run out; but not one whose
  // decision still waits for the server: it stays under its lease for the next session to send.
  const std::int64_t waiting_attempt = waiting_ ? waiting_->request.attempt_id : 0;
  if (waiting_ && !pending_dir_.empty())
    std::fprintf(stderr, "reviewstation: the decision on order %s waits in %s; it is sent when %s next signs in\n",
                 waiting_->item->claim.order.order_no.c_str(), pending_file(waiting_->request).c_str(),
                 reviewer_of(config_).name().c_str());
  for (const auto& item : {snap_.current, next_})
    if (item && !(waiting_attempt != 0 && item->claim.attempt.id == waiting_attempt)) hand_back(*item);
  if (handed_lease_) {
    ReviewItem handed;
    handed.claim.lease = *handed_lease_;
    handed.claim.attempt.id = handed_lease_->attempt_id;
    hand_back(handed);
  }
}

// Back to its queue at once (quitting): an order to the queue, a second review to its list.
void ReviewSession::hand_back(const ReviewItem& item) {
  if (item.training_case_id) return;  // a training case holds no lease
  try {
    if (item.second_review_id)
      caller_store().release_second_review(*config_.reviewer, item.second_review_id, item.claim.lease.token);
    else
      caller_store().release(*config_.reviewer, item.claim.attempt.id, item.claim.lease.token,
                             store::Store::Release::HandBack);
  } catch (const std::exception&) {
    // The lease will expire on its own; nothing else to do while shutting down.
  }
}

SessionSnapshot ReviewSession::snapshot() const {
  std::lock_guard lk(mu_);
  SessionSnapshot s = snap_;
  s.next = next_;
  s.next_ready = next_ != nullptr;
  s.working = working_;
  return s;
}

void ReviewSession::set_on_change(std::function<void()> callback) {
  std::lock_guard lk(mu_);
  on_change_ = std::move(callback);
}

void ReviewSession::changed() {
  ++version_;
  std::function<void()> cb;
  {
    std::lock_guard lk(mu_);
    cb = on_change_;
  }
  if (cb) cb();
}

void ReviewSession::set_error(const std::string& message) {
  {
    std::lock_guard lk(mu_);
    snap_.error = message;
    ++snap_.error_serial;
  }
  changed();
}

void ReviewSession::mark_shown(std::uint64_t serial, Millis when) {
  {
    std::lock_guard lk(mu_);
    if (shown_serial_ != serial) {
      shown_serial_ = serial;
      shown_ms_ = when;
    }
    if (snap_.current && snap_.current->serial == serial) prefetch_hold_until_ = {};
  }
  cv_.notify_all();
}

void ReviewSession::refresh_stats_soon() {
  {
    std::lock_guard lk(mu_);
    stats_dirty_ = true;
  }
  cv_.notify_all();
}

// ---- caller (UI) thread: decisions and skips ----

ActionOutcome ReviewSession::approve() { return decide(store::Outcome::Approve, {}, ""); }

ActionOutcome ReviewSession::reject(const std::vector<std::string>& reasons, const std::string& other_text) {
  return decide(store::Outcome::Reject, reasons, other_text);
}

void ReviewSession::advance_locked() {
  snap_.current = std::move(next_);
  next_ = nullptr;
  stats_dirty_ = true;
  // The new order's first frame goes first; with nothing to show, claiming one is what is urgent.
  prefetch_hold_until_ = snap_.current ? Clock::now() + kPrefetchHold : Clock::time_point{};
}

ActionOutcome ReviewSession::decide(store::Outcome outcome, const std::vector<std::string>& reasons,
                                    const std::string& other) {
  ActionOutcome out;
  if (std::this_thread::get_id() != caller_thread_) {
    out.message = "ReviewSession::decide called from a thread other than the one that opened the session";
    return out;
  }
  std::shared_ptr<const ReviewItem> item;
  store::DecisionRequest req;
  {
    std::lock_guard lk(mu_);
    item = snap_.current;
    if (waiting_) {
      out.message = std::string(tr("ui.session.decision_waiting"));
      return out;
    }
    if (!item) {
      out.message = std::string(tr("ui.session.no_order"));
      return out;
    }
    req.shown_ms = shown_serial_ == item->serial ? shown_ms_ : item->claimed_at;
  }
  if (item->training_case_id) return answer_training(item, outcome, reasons, req.shown_ms);
  req.attempt_id = item->claim.attempt.id;
  req.lease_token = item->claim.lease.token;
  req.workstation = config_.workstation;
  req.outcome = outcome;
  req.reasons = reasons;
  req.other_text = other;
  req.findings_json = findings_json(item->analysis.get());
  if (screen_.first == item->serial) req.screen = screen_.second;
  req.claim_next = config_.prefetch;
  // Made once, when the reviewer decides: a retry after a lost connection sends the same key, so
  // a commit whose reply never came is not made twice (Store::decide).
  req.request_key = random_hex(16);
  try {
    out.result = send_decision(caller_store(), *item, req);
    out.ok = true;
  } catch (const store::DbError& e) {
    if (!e.connection_lost()) {
      out.message = std::string(tr("ui.session.decide_failed")) + e.what();
    } else {
      caller_lost_ = true;
      keep_for_retry(item, std::move(req));
      out.waiting = true;
      out.message = std::string(tr("ui.session.decision_waiting"));
      changed();
      return out;
    }
  } catch (const store::Refusal& e) {
    out.message = std::string(tr("ui.session.refused")) + e.what();
    out.moved_on = order_gone(e.why());
  } catch (const std::exception& e) {
    out.message = std::string(tr("ui.session.decide_failed")) + e.what();
  }
  {
    std::lock_guard lk(mu_);
    if (out.ok) {
      snap_.last_result = out.result;
      out.moved_on = true;
      if (out.result->next_lease) handed_lease_ = out.result->next_lease;
    } else {
      snap_.error = out.message;
      ++snap_.error_serial;
    }
    if (out.moved_on && snap_.current == item) advance_locked();
  }
  cv_.notify_all();
  changed();
  return out;
}

store::DecisionResult ReviewSession::send_decision(store::Store& store, const ReviewItem& item,
                                                   const store::DecisionRequest& req) {
  if (item.second_review_id) return second_review_result(store, *config_.reviewer, item, req);
  return store.decide(*config_.reviewer, req);
}

ActionOutcome ReviewSession::skip() {
  ActionOutcome out;
  std::shared_ptr<const ReviewItem> item;
  {
    std::lock_guard lk(mu_);
    item = snap_.current;
    if (waiting_) {  // the order on screen is being decided: the decision waits for the server
      out.message = std::string(tr("ui.session.decision_waiting"));
      return out;
    }
  }
  if (!item) {
    out.message = std::string(tr("ui.session.no_order"));
    return out;
  }
  // A set is worked in its order and every case is scored: there is nothing to hand to others.
  if (item->training_case_id) {
    out.message = std::string(tr("ui.training.no_skip"));
    return out;
  }
  try {
    if (item->second_review_id)
      caller_store().release_second_review(*config_.reviewer, item->second_review_id, item->claim.lease.token);
    else
      caller_store().release(*config_.reviewer, item->claim.attempt.id, item->claim.lease.token);
    out.ok = true;
  } catch (const std::exception& e) {
    if (const auto* db = dynamic_cast<const store::DbError*>(&e); db && db->connection_lost()) caller_lost_ = true;
    // Even when the release fails the lease runs out by itself; the reviewer still moves on.
    out.message = std::string(tr("ui.session.release_failed")) + e.what();
  }
  out.moved_on = true;
  {
    std::lock_guard lk(mu_);
    if (!out.ok) {
      snap_.error = out.message;
      ++snap_.error_serial;
    }
    if (snap_.current == item) advance_locked();
  }
  cv_.notify_all();
  changed();
  return out;
}

// ---- the rule engine loader ----

void ReviewSession::load_engine() {
  lower_this_thread_priority();
  std::shared_ptr<const findings::Engine> engine;
  std::string error;
  try {
    engine = config_.engine_loader ? config_.engine_loader()
                                   : std::shared_ptr<const findings::Engine>(findings::Engine::load());
    if (!engine) error = "the rule engine loader returned nothing";
  } catch (const std::exception& e) {
    error = e.what();
  }
  // Kept specs serve recorded decisions; a training session records none.
  if (engine && !config_.training()) keep_specs(*engine);
  try {
    issuing::load_receipt_fonts();  // ~40 ms here instead of in the first approval
  } catch (const std::exception&) {
    // The first approval loads them again and names what is wrong.
  }
  {
    std::lock_guard lk(mu_);
    engine_ = engine;
    engine_done_ = true;
    snap_.engine = engine ? EngineState::Ready : EngineState::Failed;
    snap_.engine_error = error;
  }
  cv_.notify_all();
  changed();
}

// Decision records name their spec by digest; the store keeps the text (through this thread's
// own connection, off the UI and worker threads). Failing here loses no decision, so it only logs.
void ReviewSession::keep_specs(const findings::Engine& engine) {
  try {
    std::vector<store::KeptSpec> specs;
    for (auto& s : engine.spec_texts()) specs.push_back({s.doc_type, s.digest, s.text});
    store::Store(config_.db_path, config_.store_options).keep_specs(specs);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "reviewstation: could not keep the rule specs in %s: %s\n", config_.db_path.c_str(), e.what());
  }
}

// ---- the worker ----

bool ReviewSession::work_left_locked(bool ignore_hold) const {
  auto needs_analysis = [&](const std::shared_ptr<const ReviewItem>& it) {
    return it && !it->analysis && engine_;  // undecodable photos too: the engine names the cause
  };
  return wants_item_locked(ignore_hold) || needs_analysis(snap_.current) || needs_analysis(next_) ||
         review_position_ > 0;
}

// An order to take on: a slot is free (current, or the prefetch unless held back) and there is a
// lease to read or the queue may have something (an empty one is asked again after a pause).
bool ReviewSession::wants_item_locked(bool ignore_hold) const {
  bool may_claim = handed_lease_ || !snap_.queue_empty || Clock::now() - last_empty_claim_ >= empty_retry_;
  bool prefetch = config_.prefetch && !next_ && (ignore_hold || !prefetch_held_locked());
  // A training set hands out its first unanswered case: the one after is known once this is answered.
  if (config_.training()) prefetch = prefetch && snap_.current && snap_.current->training_feedback;
  bool slot_free = !snap_.current || prefetch;
  return may_claim && slot_free;
}

bool ReviewSession::busy() const {
  std::lock_guard lk(mu_);
  return working_ || !engine_done_ || work_left_locked(true);
}

ReviewSession::Clock::time_point ReviewSession::next_wakeup_locked() const {
  auto t = std::min(last_renew_ + std::chrono::milliseconds(config_.renew_every_ms),
                    last_stats_ + std::chrono::milliseconds(config_.stats_every_ms));
  if (snap_.queue_empty) t = std::min(t, last_empty_claim_ + empty_retry_);
  if (prefetch_held_locked()) t = std::min(t, prefetch_hold_until_);
  return t;
}

void ReviewSession::worker_main() {
  lower_this_thread_priority();
  std::optional<store::Store> store;
  try {
    store.emplace(config_.db_path, config_.store_options);
  } catch (const store::DbError& e) {
    if (!e.connection_lost()) {
      set_error(std::string(tr("ui.session.db_failed")) + e.what());
      return;
    }
    reconnect(store);  // the server went away since the caller's connection was made: as any loss
    if (!store) return;
  } catch (const std::exception& e) {
    set_error(std::string(tr("ui.session.db_failed")) + e.what());
    return;
  }
  {
    std::lock_guard lk(mu_);
    last_renew_ = Clock::now();
  }
  for (;;) {
    try {
      bool waiting = false;
      {
        std::lock_guard lk(mu_);
        waiting = waiting_.has_value();
      }
      // A decision the caller's connection lost: a new connection sends it again (same key).
      if (waiting)
        reconnect(store);
      else if (!worker_step(*store))
        idle(*store);
    } catch (const store::DbError& e) {
      if (e.connection_lost())
        reconnect(store);
      else
        set_error(worker_error_text(e));
    } catch (const std::exception& e) {
      set_error(worker_error_text(e));
      std::unique_lock lk(mu_);
      cv_.wait_for(lk, std::chrono::milliseconds(500), [&] { return stop_; });  // don't spin on a failing db
    }
    std::lock_guard lk(mu_);
    if (stop_) return;
  }
}

// One unit of work, most urgent first; returns false when there was nothing to do.
bool ReviewSession::worker_step(store::Store& store) {
  auto now = Clock::now();
  std::shared_ptr<const ReviewItem> current, next;
  bool want_item, stats_due, renew_due;
  {
    std::lock_guard lk(mu_);
    if (stop_) return false;
    current = snap_.current;
    next = next_;
    want_item = wants_item_locked(false);
    stats_due = stats_dirty_ || now - last_stats_ >= std::chrono::milliseconds(config_.stats_every_ms);
    renew_due = now - last_renew_ >= std::chrono::milliseconds(config_.renew_every_ms);
    if (want_item || (current && !current->analysis && engine_) || (next && !next->analysis && engine_))
      working_ = true;
  }
  if (renew_due) {
    renew_leases(store);
    return true;
  }
  if (config_.training() && training_step(store)) return true;
  // The current order first: the reviewer is looking at it.
  if (current && !current->analysis) {
    bool dropped = false;
    if (auto analysed = with_analysis(store, *current, dropped)) {
      publish(analysed, false);
      return true;
    }
    if (dropped) return true;
  }
  if (want_item) {
    bool empty = false, dropped = false;
    auto item = build_item(store, empty, dropped);
    {
      std::lock_guard lk(mu_);
      snap_.queue_empty = empty;
      if (empty) {
        last_empty_claim_ = Clock::now();
        ++snap_.empty_claims;
      }
    }
    if (item) publish(item, true);
    if (empty) {
      refresh_stats(store);
      changed();
    }
    return item != nullptr || dropped;
  }
  if (next && !next->analysis) {
    bool dropped = false;
    if (auto analysed = with_analysis(store, *next, dropped)) {
      publish(analysed, false);
      return true;
    }
    if (dropped) return true;
  }
  if (stats_due) {
    if (refresh_stats(store)) changed();
    return true;
  }
  return false;
}

std::shared_ptr<const ReviewItem> ReviewSession::build_item(store::Store& store, bool& empty, bool& dropped) {
  std::optional<store::Lease> handed;
  {
    std::lock_guard lk(mu_);
    handed.swap(handed_lease_);
  }
  if (config_.training()) return training_item(store, empty);
  // A lease the last decision took needs only reading; otherwise claim one now.
  std::int64_t second_review_id = 0;
  auto claim = config_.second_review ? claim_second_review(store, second_review_id)
               : handed              ? std::optional<store::Claim>(store.load_claim(*handed))
                                     : store.claim_next(*config_.reviewer, config_.workstation);
  if (!claim) {
    empty = true;
    return nullptr;
  }
  // Decoding parses the upload's bytes too, so it counts as analysis for the quarantine. A second
  // review's photo was decided already: it went through a workstation's analysis before.
  if (!second_review_id && !analysis_may_start(store, *claim)) {
    dropped = true;
    return nullptr;
  }
  std::optional<AnalysisRun> run;
  if (!second_review_id) run.emplace(store, claim->attempt.id);
  auto item = std::make_shared<ReviewItem>();
  item->second_review_id = second_review_id;
  item->serial = next_serial_++;
  item->claim = std::move(*claim);
  item->claimed_at = now_ms();
  item->photo = decode_for_display(item->claim.photo);
  if (item->claim.previous) item->previous_photo = decode_for_display(item->claim.previous->photo);
  std::shared_ptr<const findings::Engine> engine;
  {
    std::lock_guard lk(mu_);
    engine = engine_;
  }
  if (engine) return analysed(*item, *engine);
  return item;
}

// A copy of `item` carrying the engine's findings; null when the engine is not ready or failed,
// or (with `dropped` set) when the store quarantined the attempt instead.
std::shared_ptr<const ReviewItem> ReviewSession::with_analysis(store::Store& store, const ReviewItem& item,
                                                               bool& dropped) {
  std::shared_ptr<const findings::Engine> engine;
  {
    std::lock_guard lk(mu_);
    engine = engine_;
  }
  if (!engine) return nullptr;
  // A second review's or a training case's photo was decided already: it went through a
  // workstation's analysis before, and neither writes the live attempt's quarantine marks.
  const bool live = !item.second_review_id && !item.training_case_id;
  if (live && !analysis_may_start(store, item.claim)) {
    dropped = true;
    drop_item(item.serial);
    return nullptr;
  }
  std::optional<AnalysisRun> run;
  if (live) run.emplace(store, item.claim.attempt.id);
  return analysed(item, *engine);
}

// The engine's findings on the photo (and, for a resubmission, the comparison with the previous
// attempt's photo: both analyses are inside the caller's AnalysisRun).
std::shared_ptr<const ReviewItem> ReviewSession::analysed(const ReviewItem& item,
                                                          const findings::Engine& engine) const {
  auto copy = std::make_shared<ReviewItem>(item);
  try {
    const std::string& doc = item.claim.order.doc_type;
    if (!fault_abort_order().empty() && item.claim.order.order_no == fault_abort_order()) std::abort();  // tests only
    findings::Analysis a = engine.analyse(item.claim.photo, doc);
    if (item.claim.previous) {
      // A resubmission: is the new photo the rejected one again, or its mirror image?
      findings::Analysis before = engine.analyse(item.claim.previous->photo, doc);
      for (auto& f : engine.compare_attempts(before, a, doc)) a.findings.push_back(std::move(f));
      findings::sort_findings(a.findings);
    }
    copy->analysis = std::make_shared<findings::Analysis>(std::move(a));
  } catch (const std::exception& e) {
    // analyse() promises not to throw; if it does, show the cause as one cannot-assess finding.
    findings::Analysis a;
    findings::Finding f;
    f.rule_id = "photo.cannot_assess";
    f.detail = e.what();
    a.findings.push_back(f);
    copy->analysis = std::make_shared<findings::Analysis>(std::move(a));
  }
  if (copy->analysis->face && copy->photo.image)
    copy->face_luma = mean_luma(*copy->photo.image, copy->analysis->face->box[0], copy->analysis->face->box[1]);
  return copy;
}

// Asks the store before this process decodes or analyses a claimed order's photo (the start is
// committed first, so a crash in the middle leaves it recorded). False when the store quarantined
// the attempt, because two earlier runs died on it, or when it is no longer ours: the caller drops
// it and the worker goes on with the next order.
bool ReviewSession::analysis_may_start(store::Store& store, const store::Claim& claim) {
  using Start = store::Store::AnalysisStart;
  const Start start = store.analysis_started(claim.attempt.id, claim.lease.token);
  if (start == Start::Proceed) return true;
  if (start == Start::Quarantined) {
    std::fprintf(stderr,
                 "reviewstation: order %s attempt %d quarantined: its analysis did not finish %d times; "
                 "`reviewstation queue --quarantined` lists it, `reviewstation release` puts it back\n",
                 claim.order.order_no.c_str(), claim.attempt.attempt_no, store::Store::kQuarantineAfter);
    set_error(std::string(tr("ui.session.quarantined")) + claim.order.order_no);
  }
  refresh_stats_soon();
  return false;
}

// An order the store took away leaves its slot; the prefetched order takes the current one's place.
void ReviewSession::drop_item(std::uint64_t serial) {
  {
    std::lock_guard lk(mu_);
    if (snap_.current && snap_.current->serial == serial)
      advance_locked();
    else if (next_ && next_->serial == serial)
      next_ = nullptr;
  }
  cv_.notify_all();
  changed();
}

// A fresh order fills the current slot, else the prefetch slot. A re-analysed order replaces its
// older self only if it is still held: one decided meanwhile is dropped.
void ReviewSession::publish(std::shared_ptr<const ReviewItem> item, bool fresh) {
  {
    std::lock_guard lk(mu_);
    if (!fresh) {
      if (snap_.current && snap_.current->serial == item->serial)
        snap_.current = with_feedback_of(*snap_.current, std::move(item));
      else if (next_ && next_->serial == item->serial)
        next_ = item;
      else
        return;
    } else if (!snap_.current) {
      snap_.current = item;
    } else {
      next_ = item;
    }
    snap_.queue_empty = false;
  }
  changed();
}

void ReviewSession::renew_leases(store::Store& store) {
  std::shared_ptr<const ReviewItem> current, next;
  std::optional<store::Lease> handed;
  {
    std::lock_guard lk(mu_);
    current = snap_.current;
    next = next_;
    handed = handed_lease_;
    last_renew_ = Clock::now();
  }
  if (handed && !store.renew_lease(*config_.reviewer, handed->attempt_id, handed->token)) {
    std::lock_guard lk(mu_);
    if (handed_lease_ && handed_lease_->token == handed->token) handed_lease_.reset();
  }
  if (next && !renew(store, *next)) {
    std::lock_guard lk(mu_);
    if (next_ == next) next_ = nullptr;  // lost while waiting: someone else may hold it now
  }
  if (current && !renew(store, *current)) {
    std::lock_guard lk(mu_);
    if (snap_.current == current) {
      snap_.error = std::string(tr("ui.session.lease_lost")) + current->claim.order.order_no;
      ++snap_.error_serial;
    }
  }
}

bool ReviewSession::renew(store::Store& store, const ReviewItem& item) {
  if (item.training_case_id) return true;  // no lease
  if (item.second_review_id)
    return store.renew_second_review(*config_.reviewer, item.second_review_id, item.claim.lease.token);
  return store.renew_lease(*config_.reviewer, item.claim.attempt.id, item.claim.lease.token);
}

// The oldest waiting second review as a claim the panels can show (its order, attempt and photo);
// never the first decision, and no previous attempt beside it.
std::optional<store::Claim> ReviewSession::claim_second_review(store::Store& store, std::int64_t& id) {
  auto c = store.claim_second_review(*config_.reviewer, config_.workstation);
  if (!c) return std::nullopt;
  id = c->id;
  store::Claim claim;
  claim.order = std::move(c->order);
  claim.attempt = std::move(c->attempt);
  claim.photo = std::move(c->photo);
  claim.lease.attempt_id = claim.attempt.id;
  claim.lease.owner = lease_owner_of(config_);
  claim.lease.token = c->lease_token;
  return claim;
}

bool ReviewSession::refresh_stats(store::Store& store) {
  if (config_.training()) {  // the live queue's figures are not a trainee's business
    std::lock_guard lk(mu_);
    last_stats_ = Clock::now();
    stats_dirty_ = false;
    return false;
  }
  auto stats = store.stats(config_.reviewer->name());
  stats.second_reviews_waiting = store.second_reviews_waiting(config_.reviewer->name());
  auto queue = store.pending_queue();
  auto quarantined = store.quarantined();
  std::lock_guard lk(mu_);
  bool same = same_stats(snap_.stats, stats) && same_queue(snap_.queue, queue) &&
              same_quarantine(snap_.quarantined, quarantined);
  last_stats_ = Clock::now();
  stats_dirty_ = false;
  if (same) return false;  // nothing new on screen: don't wake the UI
  snap_.stats = stats;
  snap_.queue = std::move(queue);
  snap_.quarantined = std::move(quarantined);
  snap_.stats_at = now_ms();
  return true;
}

}  // namespace rs::review
