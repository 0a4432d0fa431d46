#include "ui/shell/app.hpp"

#include <imgui.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/domain/workstation_id.hpp"
#include "core/store/store.hpp"
#include "core/util/paths.hpp"
#include "ui/review/workstation.hpp"
#include "ui/shell/keys.hpp"
#include "ui/shell/layout.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"
#include "ui/shell/view_sign_in.hpp"
#include "ui/supervise/workspace.hpp"
#include "ui/train/workspace.hpp"

namespace rs::ui {
namespace {

// Tracy's idle habit: after any event keep drawing a few frames (popups appear a frame late),
// while background work is under way draw at a calm rate, otherwise sleep until an event or the
// next second (the review timer).
class FramePacer {
 public:
  // Idle: once a second while the review timer runs (an order is on screen), else rarely.
  double timeout(bool animating, bool timer) const {
    return frames_left_ > 0 ? 0.0 : animating ? 0.1 : timer ? 1.0 : 10.0;
  }
  // After each wait: input means a few frames; a wake-up from the session or the timer, one.
  void after_wait(std::uint64_t input_serial) {
    if (input_serial != last_input_)
      frames_left_ = kAfterEvent;
    else if (frames_left_ > 0)
      --frames_left_;
    last_input_ = input_serial;
  }
  void kick() { frames_left_ = kAfterEvent; }

 private:
  static constexpr int kAfterEvent = 3;
  int frames_left_ = kAfterEvent;
  std::uint64_t last_input_ = 0;
};

// A trainee (a reviewer not yet certified) works the training sets assigned to it: their names,
// the first with a case left first; none for a certified account (it works the live queue).
std::vector<std::string> trainee_sets(const std::string& db, const accounts::Actor& actor) {
  std::vector<std::string> sets;
  try {
    store::Store store(db);
    if (store.certified(actor.name())) return sets;
    std::vector<std::string> done;
    for (const auto& info : store.training_sets(actor))
      (store.next_training_case(actor, info.name) ? sets : done).push_back(info.name);
    sets.insert(sets.end(), done.begin(), done.end());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gui: could not read %s's training sets: %s\n", actor.name().c_str(), e.what());
  }
  return sets;
}

}  // namespace

bool has_workspace(const accounts::Actor& actor) {
  return actor.has(accounts::Role::Reviewer) || actor.has(accounts::Role::Supervisor) ||
         actor.has(accounts::Role::Trainer);
}

StationRuntime::StationRuntime(const std::string& db, const std::string& name_hint,
                               std::optional<accounts::Actor> signed_in, const PlatformOptions& options)
    : db_(db), platform_(options) {
  first_run_ = install_layout_file(user_config_dir(), data_dir());
  float scale = platform_.content_scale();
  theme::apply_style(scale);
  fonts_.build(scale);
  if (signed_in)
    open_workspace(*signed_in);
  else
    sign_in_ = std::make_unique<SignInView>(db, name_hint);
}

void StationRuntime::open_workspace(const accounts::Actor& actor, bool supervising, bool second_review) {
  actor_ = actor;
  const bool reviewer = actor.has(accounts::Role::Reviewer), supervisor = actor.has(accounts::Role::Supervisor);
  // One workspace at a time: the other is closed first (the workstation hands its orders back).
  if (station_) station_->session().set_on_change(nullptr);
  station_.reset();
  supervisor_.reset();
  trainer_.reset();
  fonts_.want(actor.display_name());
  if (supervising) {
    supervisor_ = std::make_unique<supervise::Workspace>(db_, actor, fonts_, reviewer);
  } else {
    review::SessionConfig config;
    config.db_path = db_;
    config.reviewer = actor;
    config.workstation = this_workstation();
    config.pending_dir = user_state_dir();              // a decision waiting for the server survives a quit
    config.second_review = second_review || !reviewer;  // a supervisor's only work at the queue
    const auto sets = reviewer && !second_review ? trainee_sets(db_, actor) : std::vector<std::string>{};
    if (!sets.empty()) config.training_set = sets.front();
    station_ = std::make_unique<Workstation>(std::move(config), fonts_, data_dir() / "shaders", supervisor);
    station_->set_training_sets(sets);
    station_->session().set_on_change([] { Platform::wake(); });
    // The shipped layout is for 1600x900; on another screen size start from the tiling instead.
    if (first_run_) {
      int w = 0, h = 0;
      platform_.window_size(w, h);
      if (w != 1600 || h != 900) station_->reset_layout();
    }
  }
  std::fprintf(stderr, "gui: signed in as %s (%s)\n", actor.name().c_str(), actor.roles().to_string().c_str());
}

void StationRuntime::open_workspace(const accounts::Actor& actor) {
  if (actor.has(accounts::Role::Trainer) && !actor.has(accounts::Role::Supervisor))
    open_trainer(actor);
  else
    open_workspace(actor, !actor.has(accounts::Role::Reviewer));
}

void StationRuntime::open_trainer(const accounts::Actor& actor) {
  actor_ = actor;
  if (station_) station_->session().set_on_change(nullptr);
  station_.reset();
  supervisor_.reset();
  fonts_.want(actor.display_name());
  trainer_ =
      std::make_unique<train::Workspace>(db_, actor, fonts_, data_dir() / "shaders",
                                         actor.has(accounts::Role::Supervisor), actor.has(accounts::Role::Reviewer));
  std::fprintf(stderr, "gui: signed in as %s (%s)\n", actor.name().c_str(), actor.roles().to_string().c_str());
}

// Between frames: the menu's "切换工作区" closes one workspace and opens the other.
void StationRuntime::switch_if_asked() {
  if (trainer_ && (trainer_->supervisor_requested() || trainer_->station_requested())) {
    const bool supervising = trainer_->supervisor_requested();
    trainer_.reset();
    open_workspace(*actor_, supervising);
  } else if (supervisor_ && supervisor_->trainer_requested())
    open_trainer(*actor_);
  else if (station_ && station_->switch_requested())
    open_workspace(*actor_, true);
  else if (supervisor_ && supervisor_->switch_requested())
    open_workspace(*actor_, false);
  else if (supervisor_ && supervisor_->second_review_requested())
    open_workspace(*actor_, false, true);
  else
    return;
  Platform::wake();
}

StationRuntime::~StationRuntime() {
  if (station_) station_->session().set_on_change(nullptr);
  station_.reset();
  supervisor_.reset();
  trainer_.reset();
}

bool StationRuntime::quit_requested() const {
  return quit_ || (station_ && station_->quit_requested()) || (supervisor_ && supervisor_->quit_requested()) ||
         (trainer_ && trainer_->quit_requested());
}
bool StationRuntime::animating() const {
  if (station_) return station_->animating();
  if (supervisor_) return supervisor_->animating();
  if (trainer_) return trainer_->animating();
  return sign_in_ && sign_in_->animating();
}
bool StationRuntime::timer_running() const { return station_ && station_->timer_running(); }

void StationRuntime::render_frame() {
  if (fonts_.rebuild_if_needed()) platform_.font_texture_replaced();
  platform_.begin_frame();
  if (station_) {
    station_->frame();
  } else if (supervisor_) {
    supervisor_->frame();
  } else if (trainer_) {
    trainer_->frame();
  } else if (auto actor = sign_in_->frame()) {
    if (has_workspace(*actor))
      open_workspace(*actor);
    else {
      std::fprintf(stderr, "gui: %s signed in but has no workspace (roles %s)\n", actor->name().c_str(),
                   actor->roles().to_string().c_str());
      sign_in_->refuse(T("ui.signin.no_workspace"));
    }
  }
  if (!signed_in() && keys::pressed_ctrl(GLFW_KEY_Q)) quit_ = true;
  platform_.end_frame();
  if (signed_in() && sign_in_) {
    sign_in_.reset();  // the dialog's last frame is drawn; its password buffer goes with it
    Platform::wake();  // the workspace draws its first frame without waiting for input
  }
  if (station_) station_->presented();
  switch_if_asked();
}

namespace {
// The language run_workstation uses: `lang`, else RS_LANG (an unknown value is reported on stderr
// and ignored), else Chinese.
Language screen_language(std::optional<Language> lang) {
  if (lang) return *lang;
  const char* env = std::getenv("RS_LANG");
  if (!env || !*env) return Language::Chinese;
  if (auto parsed = parse_language(env)) return *parsed;
  std::fprintf(stderr, "reviewstation gui: RS_LANG=%s is neither zh nor en; using zh\n", env);
  return Language::Chinese;
}
}  // namespace

int run_workstation(const std::string& db, const std::string& user, const std::optional<std::string>& password,
                    std::optional<Language> lang) {
  set_language(screen_language(lang));
  if (password && user.empty()) {
    std::fprintf(stderr, "reviewstation gui: a password was given (RS_PASSWORD or --password-file) but no --user\n");
    return 2;
  }
  // A postgresql:// URL names a server's database, not a file (issue 18).
  const bool server = db.starts_with("postgresql://") || db.starts_with("postgres://");
  if (!server && !std::filesystem::exists(db)) {
    std::fprintf(stderr,
                 "reviewstation gui: no database at %s (fill one with `reviewstation demo --db %s` or `ingest`)\n",
                 db.c_str(), db.c_str());
    return 1;
  }
  std::optional<accounts::Actor> actor;
  if (password) {
    try {
      actor = store::Store(db).sign_in(user, *password);
    } catch (const store::Refusal& e) {
      std::fprintf(stderr, "reviewstation gui: sign-in refused: %s\n", e.what());
      return kGuiExitSignInRefused;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "reviewstation gui: %s\n", e.what());
      return 1;
    }
    if (!has_workspace(*actor)) {
      std::fprintf(stderr,
                   "reviewstation gui: %s has the roles %s; the workstation needs the reviewer role (the "
                   "supervisor's workspace, the supervisor role; the trainer's, the trainer role)\n",
                   user.c_str(), actor->roles().to_string().c_str());
      return kGuiExitNotPermitted;
    }
  }
  try {
    StationRuntime rt(db, user, actor, PlatformOptions{});
    FramePacer pacer;
    while (!rt.platform().should_close() && !rt.quit_requested()) {
      if (rt.platform().input_pending()) pacer.kick();
      double asked = rt.platform().iconified() ? 1.0 : pacer.timeout(rt.animating(), rt.timer_running());
      rt.platform().wait_events(asked);
      pacer.after_wait(rt.platform().input_serial());
      if (rt.platform().iconified()) continue;
      rt.render_frame();
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "reviewstation gui: %s\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace rs::ui
