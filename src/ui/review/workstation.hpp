#pragma once
// The reviewer's workstation: one ReviewSession (queue, prefetch, decisions) and the four panels, the reason picker
// and the F1 help.
// Each frame: apply the reviewer's action (keys act in the same frame), take the session's newest
// snapshot, upload the photos of the current and the prefetched order to the GPU if they are new
// (the prefetched one is uploaded before it is shown), then draw the panels.
#include <filesystem>
#include <memory>
#include <string>

#include "core/review/review_session.hpp"
#include "gfx/photo_renderer.hpp"
#include "ui/photo/photo_textures.hpp"
#include "ui/review/view_connection.hpp"
#include "ui/review/view_decision.hpp"
#include "ui/review/view_findings.hpp"
#include "ui/review/view_help.hpp"
#include "ui/review/view_photo.hpp"
#include "ui/review/view_queue.hpp"
#include "ui/review/view_reason_picker.hpp"
#include "ui/review/view_state.hpp"
#include "ui/review/view_training_feedback.hpp"
#include "ui/review/view_training_progress.hpp"
#include "ui/shell/fonts.hpp"

namespace rs::ui {

class Workstation {
 public:
  // `can_switch`: the account is also a supervisor, and the menu offers the supervisor's workspace.
  // An account without the reviewer role works second reviews only (config.second_review).
  Workstation(review::SessionConfig config, Fonts& fonts, const std::filesystem::path& shader_dir,
              bool can_switch = false);

  void frame();  // between Platform::begin_frame and end_frame
  // After the frame is on screen (swapped): a new order's review time starts now, and the
  // session may start the next prefetch.
  void presented();

  // True while something changes on screen without input (background work, timers).
  bool animating() const;
  bool timer_running() const { return snap_.current != nullptr; }  // the review timer ticks
  review::ReviewSession& session() { return *session_; }
  // The order whose photo the last frame drew (0: none), for the next-order measurement.
  std::uint64_t drawn_serial() const { return drawn_serial_; }
  const review::SessionSnapshot& snapshot() const { return snap_; }
  // Programmatic actions (bench, tests) go through the same path as keys.
  void request(Action a, std::vector<std::string> reasons = {}, std::string other = {});
  bool quit_requested() const { return quit_; }
  bool switch_requested() const { return switch_; }
  void reset_layout() { state_.reset_layout = true; }
  // The training sets assigned to the account (the station menu offers each; training mode is
  // config.training_set).
  void set_training_sets(std::vector<std::string> sets) { training_sets_ = std::move(sets); }

 private:
  void change_mode_if_asked();
  void handle_keys();
  void apply_pending();
  void sync();
  void draw_menu();
  void want_glyphs(const review::ReviewItem* item);
  void log_training(const store::TrainingAnswerResult& r);
  void show_decision(const store::DecisionResult& r, bool resumed, bool from_disk = false);
  std::string banner() const;

  review::SessionConfig config_;
  std::unique_ptr<review::ReviewSession> session_;
  Fonts& fonts_;  // owned by the runtime; rebuilt in place when new characters appear
  gfx::PhotoRenderer renderer_;
  review::SessionSnapshot snap_;
  std::uint64_t snap_version_ = 0;
  PhotoTextureSet textures_;
  // The photo on screen last frame (held: a freed image's address is never mistaken for it).
  std::shared_ptr<const review::RgbaImage> current_img_;
  std::uint64_t drawn_serial_ = 0;
  Millis shown_at_ = 0;
  std::uint64_t shown_pending_ = 0;  // serial of an order first drawn this frame, for presented()
  ViewState state_;
  QueueView queue_view_;
  PhotoView photo_view_;
  FindingsView findings_view_;
  DecisionView decision_view_;
  ReasonPicker reason_picker_;
  HelpView help_view_;
  ConnectionView connection_view_;
  TrainingProgressView training_progress_view_;
  TrainingFeedbackView training_feedback_view_;
  std::vector<std::string> training_sets_;
  std::string training_switch_to_;  // the menu asked for this training set
  Feedback feedback_;
  std::uint64_t seen_error_serial_ = 0;
  std::uint64_t seen_resumed_serial_ = 0;  // decisions sent again after a lost connection
  std::uint64_t logged_findings_ = 0;
  bool quit_ = false;
  bool mode_change_ = false;  // the menu asked for the other mode (queue / blind second review)
  bool can_switch_ = false, switch_ = false;
};

}  // namespace rs::ui
