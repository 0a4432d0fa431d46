#pragma once
// The sign-in dialog every workstation starts with (unless the command line signed in already):
// name and password, Enter signs in. The password check (argon2id, ~0.1 s) runs off the UI thread
// on its own Store, so the window keeps drawing; the store's refusal becomes one Chinese line.
#include <future>
#include <optional>
#include <string>

#include "core/accounts/actor.hpp"

namespace rs::ui {

class SignInView {
 public:
  SignInView(std::string db_path, std::string name_hint);

  // Draws the dialog; returns the actor on the frame its sign-in succeeded.
  std::optional<accounts::Actor> frame();
  bool busy() const { return pending_.valid(); }
  // True while the dialog needs frames without input: a sign-in under way, or the few frames after
  // its answer in which the password field takes the focus back (keys typed before it has the
  // focus would be lost).
  bool animating() const { return busy() || settle_frames_ > 0; }
  // A signed-in account that cannot open any workspace comes back here with this message.
  void refuse(std::string message);

 private:
  struct Outcome {
    std::optional<accounts::Actor> actor;
    std::string message;  // why not, for the screen
    std::string log;      // why not, for the log (the store's English line)
  };
  void submit();
  std::optional<accounts::Actor> collect();

  std::string db_path_;
  char name_[128] = {};
  char password_[260] = {};
  std::string message_;
  bool focus_password_ = false;
  std::string refusal_log_;  // the last refusal, for the log
  bool first_frame_ = true;
  int settle_frames_ = 0;
  std::future<Outcome> pending_;
};

}  // namespace rs::ui
