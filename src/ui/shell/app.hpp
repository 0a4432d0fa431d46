#pragma once
// Entry points of the GUI for the command line: the workstation itself, and the pieces the
// benchmark reuses (window + fonts + workstation, one frame at a time).
#include <memory>
#include <optional>
#include <string>

#include "core/accounts/actor.hpp"
#include "core/i18n/text.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/shell/platform.hpp"

namespace rs::ui {

class Workstation;
class SignInView;
namespace supervise {
class Workspace;
}
namespace train {
class Workspace;
}

// Exit codes of the GUI beside 0 and 1: the same as the commands' (cli/sign_in.hpp).
inline constexpr int kGuiExitSignInRefused = 6;
inline constexpr int kGuiExitNotPermitted = 7;

// Opens the window on `db` and runs until the window closes. With `password` the account `user`
// signs in before the window opens (kiosks, tests; exit 6 when refused, 7 when it has no
// workspace); without it the window starts with the sign-in dialog, `user` filled in. Returns the
// exit code; prints one clear line and returns 1 when there is no display or the database won't
// open. The screen's language is `lang`, else the RS_LANG environment variable ("zh", "en"), else
// Chinese. Only the reviewer's screen changes: what the applicant receives stays Chinese.
int run_workstation(const std::string& db, const std::string& user, const std::optional<std::string>& password,
                    std::optional<Language> lang = std::nullopt);

// True when the account can open a workspace: the reviewer's queue, the supervisor's or the trainer's workspace.
bool has_workspace(const accounts::Actor& actor);

// Window, fonts, layout file, the sign-in dialog and then the workspace of the signed-in account,
// torn down in the right order (workspace first: its textures need the GL context).
class StationRuntime {
 public:
  // `signed_in`: open the workspace at once; otherwise the dialog, with `name_hint` filled in.
  StationRuntime(const std::string& db, const std::string& name_hint, std::optional<accounts::Actor> signed_in,
                 const PlatformOptions& options);
  ~StationRuntime();
  Platform& platform() { return platform_; }
  bool signed_in() const { return station_ != nullptr || supervisor_ != nullptr || trainer_ != nullptr; }
  Workstation& station() { return *station_; }  // only once signed_in() as a reviewer
  void render_frame();                          // one frame: input already polled
  bool quit_requested() const;
  bool animating() const;      // something changes on screen without input
  bool timer_running() const;  // the review timer ticks

 private:
  // The reviewer's workstation for a reviewer, the supervisor's workspace for a supervisor who is
  // not one; `supervising` chooses for an account with both roles (the menu's switch).
  // `second_review`: the workstation opens in blind second-review mode (always so for an account
  // without the reviewer role).
  void open_workspace(const accounts::Actor& actor, bool supervising, bool second_review = false);
  // At sign-in: a trainer who is not a supervisor gets the trainer's workspace.
  void open_workspace(const accounts::Actor& actor);
  void switch_if_asked();
  // The trainer's workspace (ui/train): for a trainer who is not a supervisor at sign-in, and from
  // the supervisor's menu for one who is.
  void open_trainer(const accounts::Actor& actor);

  std::string db_;
  Platform platform_;
  Fonts fonts_;
  bool first_run_ = false;
  bool quit_ = false;
  std::unique_ptr<SignInView> sign_in_;
  std::optional<accounts::Actor> actor_;  // who signed in, for switching workspaces
  std::unique_ptr<Workstation> station_;
  std::unique_ptr<supervise::Workspace> supervisor_;
  std::unique_ptr<train::Workspace> trainer_;
};

}  // namespace rs::ui
