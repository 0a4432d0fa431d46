#pragma once
// One reviewer's working session on the queue, without any UI: a background worker (its own Store
// connection, the shared rule engine) claims the current order and PREFETCHES the next one (claim,
// decode, analyse), renews both leases and refreshes the queue figures. Decisions and skips run
// synchronously on the caller's (UI) thread through a second connection, so a decision is recorded
// before the session moves on and the prefetched order becomes current in the same call. With
// prefetch on, a decision's transaction also claims the order after next (one write transaction
// per order instead of two); the worker then only reads, decodes and analyses it.
//
// The UI reads immutable snapshots (shared_ptr to const items) and uploads the decoded pixels to
// the GPU itself; nothing here touches GL.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/findings/engine.hpp"
#include "core/review/display_image.hpp"
#include "core/store/store.hpp"

namespace rs::review {

// One claimed order, decoded and (once the engine is ready) analysed. Immutable once published;
// when its analysis arrives a new ReviewItem with the same serial replaces it.
struct ReviewItem {
  std::uint64_t serial = 0;           // increases with every claim
  store::Claim claim;                 // for a second review: its order, attempt and photo, and its lease
  std::int64_t second_review_id = 0;  // a blind second review (0: an order of the queue)
  DisplayImage photo;                 // RGBA pixels for the texture, or why not
  DisplayImage previous_photo;        // the rejected attempt, for resubmissions
  std::shared_ptr<const findings::Analysis> analysis;  // null until the engine has run
  float face_luma = -1;                                // mean luminance 0..1 inside the face box (-1: no face)
  Millis claimed_at = 0;
  // A training case (SessionConfig::training_set): no lease, nothing issued. `claim` holds its
  // order (applicant masked), document type and photo. Once answered under immediate feedback, or
  // opened again from the end-of-set list, `training_feedback` holds the answer and the reference.
  std::int64_t training_case_id = 0;
  int training_position = 0, training_total = 0;
  std::shared_ptr<const store::TrainingFeedbackRow> training_feedback;
};

enum class EngineState { Loading, Ready, Failed };

struct SessionSnapshot {
  std::shared_ptr<const ReviewItem> current;  // null: nothing claimed (queue empty or loading)
  // The prefetched order behind the current one (null: none yet). The UI readies it before it is
  // shown: its photo goes to the GPU and its text into the font atlas while the reviewer works.
  std::shared_ptr<const ReviewItem> next;
  bool next_ready = false;   // a prefetched order waits behind the current one
  bool queue_empty = false;  // the last claim found nothing to review
  bool working = false;      // the worker is claiming/decoding/analysing now
  EngineState engine = EngineState::Loading;
  std::string engine_error;
  store::QueueStats stats;
  std::vector<store::QueueRow> queue;             // pending orders, oldest first
  std::vector<store::QuarantineRow> quarantined;  // orders taken out of the queue (their photo killed a workstation)
  Millis stats_at = 0;                            // when stats/queue were read
  std::string error;                              // the latest problem to show (empty: none)
  std::uint64_t error_serial = 0;                 // increases with every new error
  std::optional<store::DecisionResult> last_result;
  // Training: every case of the set is answered; `training_rows` are the answers with their
  // references once the trainee may see them (read when the set is finished).
  bool training_finished = false;
  std::vector<store::TrainingFeedbackRow> training_rows;
  int training_answered = 0, training_total = 0;  // progress, from the latest case or answer
  bool training_end_feedback = false;             // an answer came back without its reference
  // The queue server went away (PostgreSQL): the session is on retry `reconnect_retry` (0: connected)
  // and, when a decision was being sent, holds it (its outcome here) to send again with its key.
  int reconnect_retry = 0;
  std::optional<store::Outcome> waiting_decision;
  // A decision sent again after the connection came back: the result, once per resumed_serial.
  std::optional<store::DecisionResult> resumed_result;
  std::uint64_t resumed_serial = 0;
  bool resumed_from_disk = false;  // kept on disk by an earlier session, sent when this one began
  std::uint64_t empty_claims = 0;  // claims that found the queue empty (an idle PostgreSQL one waits)
};

struct SessionConfig {
  std::string db_path;
  std::optional<accounts::Actor> reviewer;  // signed in, with the reviewer role (required)
  std::string workstation = "workstation";
  store::StoreOptions store_options;
  bool prefetch = true;
  // Blind second reviews instead of the queue: the same photo, findings and keys, never the first
  // decision; nothing is issued (store_second_review.cpp).
  bool second_review = false;
  // A training set instead of the queue (empty: none): its cases one by one with the same photo
  // view, findings and keys, blind to the reference; the answers go to the training tables only
  // (no lease, decision, quarantine mark or kept spec is written: store_training_session.cpp).
  std::string training_set;
  bool training() const { return !training_set.empty(); }
  std::uint64_t first_serial = 1;  // a workstation changing mode keeps its serials unique
  Millis renew_every_ms = 60'000;  // lease renewal period (leases last minutes)
  Millis stats_every_ms = 2'000;   // queue panel refresh
  // Where a decision the queue server has not confirmed is kept on disk while it waits, so that
  // quitting meanwhile loses nothing: the next session of this reviewer on this queue sends it
  // first (pending_decision.hpp). Empty: kept in memory only (tests, the bench).
  std::filesystem::path pending_dir;
  // Builds the rule engine on a background thread; default: findings::Engine::load().
  std::function<std::shared_ptr<const findings::Engine>()> engine_loader;
};

// What a decision or skip did; `message` is for the reviewer when ok is false.
struct ActionOutcome {
  bool ok = false;
  bool moved_on = false;  // the session advanced to the next order
  bool waiting = false;   // the connection was lost: the decision is kept and will be sent again
  std::string message;
  std::optional<store::DecisionResult> result;
  std::optional<store::TrainingAnswerResult> training;  // a training answer (result stays empty)
};

class ReviewSession {
 public:
  // Opens the caller-thread connection at once (throws naming the file if it cannot) and starts
  // the worker and the engine loader.
  explicit ReviewSession(SessionConfig config);
  // Stops the worker and releases the leases still held, so those orders go straight back.
  ~ReviewSession();
  ReviewSession(const ReviewSession&) = delete;
  ReviewSession& operator=(const ReviewSession&) = delete;

  SessionSnapshot snapshot() const;
  std::uint64_t version() const { return version_.load(); }  // changes whenever the snapshot does

  // Called from the worker thread after every change (the UI wakes its event loop with it).
  void set_on_change(std::function<void()> callback);

  // The moment the current order's photo was first on screen: review time starts here. Also lets
  // the worker start the next prefetch, which waits after a decision or skip until the new order
  // has been on screen (or kPrefetchHold passed): its claim, decode and analysis would otherwise
  // take the CPU from the very frame that shows the new photo.
  void mark_shown(std::uint64_t serial, Millis when);
  static constexpr std::chrono::milliseconds kPrefetchHold{250};

  // What the workstation shows of order `serial` (overlays, layers, zoom): kept with its decision
  // for the trainers' session replay. Caller's thread, like the decisions.
  void note_screen(std::uint64_t serial, const ScreenRecord& screen) { screen_ = {serial, screen}; }

  // Synchronous on the calling thread; must be the thread that constructed the session.
  ActionOutcome approve();
  ActionOutcome reject(const std::vector<std::string>& reasons, const std::string& other_text);
  ActionOutcome skip();
  // Training: leaves the feedback of an answered case for the next case (or, after the last one,
  // the end-of-set list); false when the case on screen is not answered yet.
  bool continue_training();
  // Training, once the set is finished: the answered case at `position` with its photo, findings
  // and reference (the worker loads it; it becomes `current`).
  void show_training_case(int position);

  void refresh_stats_soon();
  // True while the worker has claiming/decoding/analysing left to do (tests and the bench wait).
  bool busy() const;

 private:
  using Clock = std::chrono::steady_clock;
  ActionOutcome decide(store::Outcome outcome, const std::vector<std::string>& reasons, const std::string& other);
  store::DecisionResult send_decision(store::Store& store, const ReviewItem& item, const store::DecisionRequest& req);
  // ---- connection loss (review_session_reconnect.cpp) ----
  store::Store& caller_store();  // the caller thread's connection, opened again after a loss
  void keep_for_retry(std::shared_ptr<const ReviewItem> item, store::DecisionRequest req);
  void reconnect(std::optional<store::Store>& store);
  bool resend_waiting(store::Store& store);                    // false: the connection went away again
  void send_kept_decisions();                                  // earlier sessions', from pending_dir_ (constructor)
  bool send_kept_decision(const std::filesystem::path& file);  // false: the connection went away
  void keep_on_disk(const ReviewItem& item, const store::DecisionRequest& req);
  std::filesystem::path pending_file(const store::DecisionRequest& req) const;
  void idle(store::Store& store);
  void wait_for_orders(store::Store& store, Clock::time_point until);
  void advance_locked();
  void set_error(const std::string& message);
  void changed();

  bool work_left_locked(bool ignore_hold = false) const;
  bool wants_item_locked(bool ignore_hold) const;
  bool prefetch_held_locked() const { return Clock::now() < prefetch_hold_until_; }
  Clock::time_point next_wakeup_locked() const;
  void load_engine();
  void keep_specs(const findings::Engine& engine);
  void worker_main();
  bool worker_step(store::Store& store);
  // `dropped`: the claimed order was quarantined (or is no longer ours) and is not shown.
  std::shared_ptr<const ReviewItem> build_item(store::Store& store, bool& empty, bool& dropped);
  std::shared_ptr<const ReviewItem> with_analysis(store::Store& store, const ReviewItem& item, bool& dropped);
  std::shared_ptr<const ReviewItem> analysed(const ReviewItem& item, const findings::Engine& engine) const;
  // ---- quarantine: a photo that kills the process must not come back to every workstation ----
  bool analysis_may_start(store::Store& store, const store::Claim& claim);
  void drop_item(std::uint64_t serial);
  void publish(std::shared_ptr<const ReviewItem> item, bool fresh);
  void renew_leases(store::Store& store);
  bool renew(store::Store& store, const ReviewItem& item);
  std::optional<store::Claim> claim_second_review(store::Store& store, std::int64_t& id);
  // ---- training (review_session_training.cpp) ----
  std::shared_ptr<const ReviewItem> training_item(store::Store& store, bool& empty);
  std::shared_ptr<const ReviewItem> review_item(store::Store& store, int position);
  std::shared_ptr<const ReviewItem> training_case_item(store::TrainingTask task);
  void load_training_rows(store::Store& store);
  ActionOutcome answer_training(const std::shared_ptr<const ReviewItem>& item, store::Outcome outcome,
                                const std::vector<std::string>& reasons, Millis shown_ms);
  bool training_step(store::Store& store);
  void hand_back(const ReviewItem& item);
  bool refresh_stats(store::Store& store);  // true when something the panels show changed

  SessionConfig config_;
  std::optional<store::Store> caller_store_;
  bool caller_lost_ = false;  // caller thread only: open caller_store_ again before using it
  std::thread::id caller_thread_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::shared_ptr<const findings::Engine> engine_;
  SessionSnapshot snap_;                      // current, stats, errors (guarded by mu_)
  std::shared_ptr<const ReviewItem> next_;    // the prefetched order
  std::optional<store::Lease> handed_lease_;  // claimed by a decision, not yet read by the worker
  // A decision whose commit the lost connection cut off: sent again, same key, by the worker.
  struct WaitingDecision {
    std::shared_ptr<const ReviewItem> item;
    store::DecisionRequest request;
  };
  std::optional<WaitingDecision> waiting_;
  std::filesystem::path pending_dir_;  // where waiting_ is kept on disk (empty: not kept)
  // How long an empty queue is left before it is asked again: a second on SQLite; on PostgreSQL
  // a notification wakes the worker, and this is only the fallback (a lease that ran out sends none).
  std::chrono::milliseconds empty_retry_{1000};
  bool stats_dirty_ = true;
  bool working_ = false;
  bool engine_done_ = false;
  Clock::time_point last_renew_{}, last_stats_{}, last_empty_claim_{};
  Clock::time_point prefetch_hold_until_{};  // no new prefetch before this (see mark_shown)
  std::uint64_t next_serial_ = 1;
  Millis shown_ms_ = 0;
  std::uint64_t shown_serial_ = 0;
  int review_position_ = 0;                               // training: an answered case asked for again (0: none)
  std::pair<std::uint64_t, ScreenRecord> screen_{0, {}};  // note_screen: the serial it is for
  std::function<void()> on_change_;
  std::atomic<std::uint64_t> version_{1};

  std::thread engine_thread_;
  std::thread worker_;
};

// The findings that were on screen, as recorded with the decision.
std::string findings_json(const findings::Analysis* analysis);

// The owner a session's leases carry: "reviewer@workstation" (the workstation id is "host:pid").
std::string lease_owner_of(const SessionConfig& config);

}  // namespace rs::review
