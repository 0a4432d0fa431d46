#include "ui/review/workstation.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/review/training_text.hpp"
#include "ui/shell/keys.hpp"
#include "ui/shell/platform.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {
namespace {

// One line per event on stderr: what was on screen and what the reviewer did (scripts and the
// GUI end-to-end test follow the workstation through these lines).
void log_line(const std::string& text) {
  std::fprintf(stderr, "gui: %s\n", text.c_str());
  std::fflush(stderr);
}

std::string joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s.empty() ? "-" : s;
}

}  // namespace

Workstation::Workstation(review::SessionConfig config, Fonts& fonts, const std::filesystem::path& shader_dir,
                         bool can_switch)
    : config_(config),
      session_(std::make_unique<review::ReviewSession>(std::move(config))),
      fonts_(fonts),
      renderer_(shader_dir),
      queue_view_(config_.reviewer->name(), review::lease_owner_of(config_)),
      photo_view_(renderer_),
      training_progress_view_(config_.training_set),
      can_switch_(can_switch) {
  fonts_.want(signed_in_as(*config_.reviewer));
  fonts_.want(config_.training_set);
}

void Workstation::request(Action a, std::vector<std::string> reasons, std::string other) {
  state_.pending = a;
  if (a == Action::ConfirmReject) {
    state_.reject_reasons = std::move(reasons);
    state_.reject_other_text = std::move(other);
  }
}

bool Workstation::animating() const { return session_->busy(); }

void Workstation::frame() {
  change_mode_if_asked();
  handle_keys();
  apply_pending();
  sync();
  draw_menu();
  if (config_.training())
    training_progress_view_.draw(snap_, state_, fonts_);
  else
    queue_view_.draw(snap_, state_, fonts_);
  // Before the photo: the findings' hover and the feedback's findings are drawn on it this frame.
  if (training_feedback_view_.draw(snap_, state_, fonts_))
    state_.hovered_finding = -1;
  else
    findings_view_.draw(snap_, state_, fonts_);
  const review::ReviewItem* item = snap_.current.get();
  const gfx::GlTexture& current_tex = textures_.of(item ? item->photo.image : nullptr);
  photo_view_.draw(snap_, {&current_tex, &textures_.of(item ? item->previous_photo.image : nullptr)}, state_);
  state_.picker_open = reason_picker_.is_open();  // the bar's buttons wait while it is up
  decision_view_.draw(snap_, state_, fonts_, shown_at_, feedback_);
  reason_picker_.draw(snap_, state_, fonts_);
  help_view_.draw();
  connection_view_.draw(snap_, fonts_);
  state_.reset_layout = false;
  drawn_serial_ = item && current_tex ? item->serial : 0;
}

void Workstation::presented() {
  if (!shown_pending_) return;
  session_->mark_shown(std::exchange(shown_pending_, 0), shown_at_);
}

void Workstation::handle_keys() {
  ImGuiIO& io = ImGui::GetIO();
  if (keys::pressed(GLFW_KEY_F1)) help_view_.toggle();
  if (keys::pressed(GLFW_KEY_F5)) renderer_.reload();  // after editing shaders/photo.frag
  // Never while typing (the "other" reason text) or while the picker owns the keys.
  if (keys::pressed_ctrl(GLFW_KEY_Q)) quit_ = true;
  if (io.WantTextInput || reason_picker_.is_open()) return;
  if (keys::pressed(GLFW_KEY_A))
    state_.pending = Action::Approve;
  else if (keys::pressed(GLFW_KEY_R))
    state_.pending = Action::OpenReasons;
  else if (keys::pressed(GLFW_KEY_S))
    state_.pending = Action::Skip;
  else if (keys::pressed(GLFW_KEY_F))
    state_.pending = Action::FitPhoto;
  else if (keys::pressed(GLFW_KEY_M))
    state_.mirror = !state_.mirror;
  else if (keys::pressed(GLFW_KEY_L))
    state_.loupe = !state_.loupe;
}

void Workstation::apply_pending() {
  Action a = std::exchange(state_.pending, Action::None);
  if (a == Action::None) return;
  std::string order = snap_.current ? snap_.current->claim.order.order_no : "";
  review::ActionOutcome out;
  if (snap_.current) session_->note_screen(snap_.current->serial, screen_record(state_));
  switch (a) {
    case Action::Approve: out = session_->approve(); break;
    case Action::ConfirmReject: out = session_->reject(state_.reject_reasons, state_.reject_other_text); break;
    case Action::Skip:
      out = session_->skip();
      if (!out.ok && !out.moved_on) break;  // refused (a training case): said below, the case stays
      if (out.ok) feedback_ = {Feedback::Kind::Note, std::string(T("ui.feedback.skipped")) + order};
      log_line("skipped " + order);
      return;
    case Action::OpenReasons:
      if (snap_.current && !snap_.current->training_feedback) {
        const auto* an = snap_.current->analysis.get();
        auto suggested = an ? an->suggested_reasons() : std::vector<std::string>{};
        reason_picker_.open(suggested);
        log_line("reason picker for " + order + " preselected " + joined(suggested));
      }
      return;
    case Action::FitPhoto: photo_view_.request_fit(); return;
    case Action::Continue:
      if (session_->continue_training()) log_line("training continue after " + order);
      return;
    case Action::ShowCase:
      session_->show_training_case(state_.show_case);
      log_line("training shows case " + std::to_string(state_.show_case));
      return;
    case Action::None: return;
  }
  if (out.waiting) {
    feedback_ = {Feedback::Kind::Error, out.message};
    log_line("kept " + order + " for the server: " + (a == Action::Approve ? "approve" : "reject"));
    return;
  }
  if (!out.ok) {
    feedback_ = {Feedback::Kind::Error, out.message};
    log_line("refused " + order + ": " + out.message);
    return;
  }
  if (out.training) {
    log_training(*out.training);
    return;
  }
  show_decision(*out.result, false);
}

// What a decision gave, on the feedback line and in the log; `resumed`: sent again once the
// connection was back (a replayed rejection cannot show its one-time token again).
// `from_disk`: kept on disk by an earlier session and sent when this one began.
void Workstation::show_decision(const store::DecisionResult& r, bool resumed, bool from_disk) {
  const std::string after = !resumed ? "" : from_disk ? T("ui.feedback.resumed_saved") : T("ui.feedback.resumed");
  const std::string how =
      !resumed ? "" : std::string(from_disk ? " (resumed from disk" : " (resumed") + (r.replayed ? ", replayed)" : ")");
  if (config_.second_review) {  // nothing issued: no number, no token
    const bool approved = r.outcome == store::Outcome::Approve;
    feedback_ = {approved ? Feedback::Kind::Approved : Feedback::Kind::Rejected,
                 std::string(T("ui.feedback.second_review")) + r.order_no + after};
    log_line("second review of " + r.order_no + (approved ? " approved" : " rejected") + how);
  } else if (r.outcome == store::Outcome::Approve) {
    feedback_ = {Feedback::Kind::Approved, std::string(T("ui.feedback.approved")) + r.order_no + "   " +
                                               T("ui.feedback.image_number") + r.image_number + after};
    log_line("approved " + r.order_no + " image number " + r.image_number + how);
  } else {
    const std::string token = r.notice_token.empty() ? std::string(T("ui.feedback.token_not_again"))
                                                     : std::string(T("ui.feedback.token")) + r.notice_token;
    feedback_ = {Feedback::Kind::Rejected, std::string(T("ui.feedback.rejected")) + r.order_no + "   " + token + after};
    log_line("rejected " + r.order_no + " reasons " + joined(state_.reject_reasons) + how);
  }
  fonts_.want(feedback_.text);
}

void Workstation::sync() {
  if (session_->version() != snap_version_) {
    snap_version_ = session_->version();
    snap_ = session_->snapshot();
    if (snap_.error.size()) fonts_.want(snap_.error);
    if (snap_.engine_error.size()) fonts_.want(snap_.engine_error);
    want_glyphs(snap_.current.get());
    want_glyphs(snap_.next.get());  // a rebuild of the atlas, if any, happens before it is shown
  }
  const review::ReviewItem* item = snap_.current.get();
  const review::ReviewItem* next = snap_.next.get();
  textures_.keep({item ? item->photo.image : nullptr, item ? item->previous_photo.image : nullptr,
                  next ? next->photo.image : nullptr, next ? next->previous_photo.image : nullptr});
  auto old = std::exchange(current_img_, item ? item->photo.image : nullptr);
  if (item && current_img_ != old) {
    shown_at_ = now_ms();
    shown_pending_ = item->serial;
    if (item->training_case_id)
      log_line("showing " + item->claim.order.order_no + " training case " + std::to_string(item->training_position) +
               "/" + std::to_string(item->training_total) + (item->training_feedback ? " with feedback" : ""));
    else
      log_line("showing " + item->claim.order.order_no + " attempt " + std::to_string(item->claim.attempt.attempt_no));
  }
  if (item && item->analysis && logged_findings_ != item->serial) {
    logged_findings_ = item->serial;
    const auto& a = *item->analysis;
    log_line("findings for " + item->claim.order.order_no + ": " + std::to_string(a.count(findings::Verdict::Fail)) +
             " fail, " + std::to_string(a.count(findings::Verdict::Warn)) + " warn, " +
             std::to_string(a.count(findings::Verdict::Pass)) + " pass; suggested " + joined(a.suggested_reasons()));
  }
  if (snap_.error_serial != seen_error_serial_) {
    seen_error_serial_ = snap_.error_serial;
    if (!snap_.error.empty()) feedback_ = {Feedback::Kind::Error, snap_.error};
    if (!snap_.error.empty()) log_line("error: " + snap_.error);
  }
  if (snap_.resumed_serial != seen_resumed_serial_) {
    seen_resumed_serial_ = snap_.resumed_serial;
    if (snap_.resumed_result) show_decision(*snap_.resumed_result, true, snap_.resumed_from_disk);
  }
}

// Training: nothing is issued; the line names the case, the answer and (immediate feedback) the
// reference, for the end-to-end test.
void Workstation::log_training(const store::TrainingAnswerResult& r) {
  const bool approved = r.decision == "approved";
  feedback_ = {approved ? Feedback::Kind::Approved : Feedback::Kind::Rejected,
               training_text::answer_text(r.decision, r.reasons) + "   " + r.order_no};
  std::string line = "training answer " + r.order_no + " case " + std::to_string(r.position) + "/" +
                     std::to_string(r.total) + " " + r.decision + " reasons " + joined(r.reasons) + " ms " +
                     std::to_string(r.ms_spent);
  if (r.reference) line += " reference " + r.reference->reference + " " + joined(r.reference->reference_reasons);
  if (r.finished) line += " finished";
  log_line(line);
}

// Text from the database may hold characters outside the font's built-in ranges.
void Workstation::want_glyphs(const review::ReviewItem* item) {
  if (!item) return;
  fonts_.want(item->claim.order.applicant_name);
  fonts_.want(item->claim.order.city);
  if (item->claim.previous) fonts_.want(item->claim.previous->other_text);
  if (item->training_feedback) {
    const auto& ref = item->training_feedback->reference;
    fonts_.want(ref.note);
    fonts_.want(ref.original_reviewer);
  }
  if (item->analysis)
    for (const auto& f : item->analysis->findings) {
      fonts_.want(f.detail);
      fonts_.want(f.threshold);
      for (const auto& g : f.geometry) fonts_.want(g.label);
    }
}

void Workstation::draw_menu() {
  // The menu bar paints its own colour (MenuBarBg); its window background under it would be a
  // second fill of the same strip.
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0));
  bool open = ImGui::BeginMainMenuBar();
  ImGui::PopStyleColor();
  if (!open) return;
  if (ImGui::BeginMenu(T("ui.menu.station"))) {
    if (can_switch_ && ImGui::MenuItem(T("ui.menu.switch_workspace"))) switch_ = true;
    // Blind second reviews instead of the queue: the same panels and keys, a new session.
    bool second = config_.second_review;
    // An account without the reviewer role (a supervisor) has no queue to go back to.
    const bool has_queue = config_.reviewer && config_.reviewer->has(accounts::Role::Reviewer);
    if (ImGui::MenuItem(T("ui.menu.second_review"), nullptr, &second, has_queue && !config_.training()))
      mode_change_ = true;
    // A trainee with several assigned sets chooses here; the set on screen is ticked.
    if (!training_sets_.empty() && ImGui::BeginMenu(T("ui.menu.training_sets"))) {
      for (const auto& set : training_sets_)
        if (ImGui::MenuItem(set.c_str(), nullptr, set == config_.training_set) && set != config_.training_set) {
          training_switch_to_ = set;
          mode_change_ = true;
        }
      ImGui::EndMenu();
    }
    if (ImGui::MenuItem(T("ui.menu.quit"), "Ctrl+Q")) quit_ = true;
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(T("ui.menu.view"))) {
    if (ImGui::MenuItem(T("ui.menu.reset_layout"))) state_.reset_layout = true;
    ImGui::Separator();
    ImGui::MenuItem(T("ui.photo.face_box"), nullptr, &state_.overlays.face_box);
    ImGui::MenuItem(T("ui.photo.landmarks"), nullptr, &state_.overlays.landmarks);
    ImGui::MenuItem(T("ui.photo.eye_line"), nullptr, &state_.overlays.eye_line);
    ImGui::MenuItem(T("ui.photo.ga461_lines"), nullptr, &state_.overlays.ga461_lines);
    ImGui::MenuItem(T("ui.photo.head_top"), nullptr, &state_.overlays.head_top);
    ImGui::MenuItem(T("ui.photo.pose_axes"), nullptr, &state_.overlays.pose_axes);
    ImGui::MenuItem(T("ui.photo.finding_shapes"), nullptr, &state_.overlays.finding_shapes);
    ImGui::Separator();
    ImGui::MenuItem(T("ui.photo.zebra"), nullptr, &state_.layers.zebra);
    ImGui::MenuItem(T("ui.photo.background"), nullptr, &state_.layers.background);
    ImGui::MenuItem(T("ui.photo.face_light"), nullptr, &state_.layers.face_light);
    ImGui::MenuItem(T("ui.photo.ga461_template"), nullptr, &state_.layers.ga461);
    ImGui::Separator();
    ImGui::MenuItem(T("ui.photo.mirror"), "M", &state_.mirror);
    ImGui::MenuItem(T("ui.photo.loupe"), "L", &state_.loupe);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu(T("ui.menu.help"))) {
    ImGui::MenuItem(T("ui.menu.shortcuts"), "F1", help_view_.open_flag());
    ImGui::EndMenu();
  }
  // Right side: who is working, and the rule engine's state.
  const char* engine = snap_.engine == review::EngineState::Ready     ? T("ui.engine.ready")
                       : snap_.engine == review::EngineState::Loading ? T("ui.engine.loading")
                                                                      : T("ui.engine.failed");
  std::string right =
      std::string(T("ui.menu.reviewer")) + signed_in_as(*config_.reviewer) + "    " + T("ui.menu.engine") + engine;
  if (config_.second_review) right = std::string(T("ui.menu.second_review_banner")) + "    " + right;
  if (config_.training()) right = banner() + "    " + right;
  float w = ImGui::CalcTextSize(right.c_str()).x;
  ImGui::SameLine(ImGui::GetWindowWidth() - w - 16);
  const ImVec4 colour = snap_.engine == review::EngineState::Failed   ? theme::kError
                        : config_.second_review || config_.training() ? theme::kWarn
                                                                      : theme::kMuted;
  ImGui::TextColored(colour, "%s", right.c_str());
  ImGui::EndMainMenuBar();
}

// 【培训：入门练习  3/12 · …】 in the menu bar, like the second review's banner.
std::string Workstation::banner() const {
  std::string progress = training_progress(snap_);
  if (snap_.training_finished) progress += std::string(" ") + T("ui.training.banner_done");
  return training_text::fill(T("ui.training.banner"), config_.training_set, progress);
}

// Between frames: the other mode's session replaces this one (which hands back what it held).
void Workstation::change_mode_if_asked() {
  if (!mode_change_) return;
  mode_change_ = false;
  if (!training_switch_to_.empty()) {
    config_.training_set = std::exchange(training_switch_to_, {});
    config_.second_review = false;
    training_progress_view_ = TrainingProgressView(config_.training_set);
    fonts_.want(config_.training_set);
  } else {
    config_.second_review = !config_.second_review;
  }
  // Serials go on from the old session's, so nothing taken for shown or logged is reused.
  config_.first_serial = std::max(snap_.current ? snap_.current->serial : 0, drawn_serial_) + 1000;
  session_.reset();
  session_ = std::make_unique<review::ReviewSession>(config_);
  session_->set_on_change([] { Platform::wake(); });
  snap_ = {};
  seen_resumed_serial_ = 0;
  snap_version_ = 0;
  current_img_.reset();
  feedback_ = {};
  log_line(config_.training()      ? "mode training " + config_.training_set
           : config_.second_review ? "mode second review"
                                   : "mode queue");
}

}  // namespace rs::ui
