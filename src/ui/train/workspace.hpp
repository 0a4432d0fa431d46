#pragma once
// The trainer's workspace: a menu bar with the signed-in name and four tabs, the training sets
// (cases, assigning), the trainees' progress (charts per session, scores per set), the replay
// of a reviewer's working session, and the decision browser to pick cases for a new set by hand. Every store call runs
// on the workspace's desk (a worker thread with its own connection, supervise/desk.hpp); the panels draw what came
// back.
#include <filesystem>
#include <string>

#include "core/accounts/actor.hpp"
#include "gfx/photo_renderer.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/supervise/desk.hpp"
#include "ui/supervise/view_browser.hpp"
#include "ui/supervise/view_pick_training.hpp"
#include "ui/train/view_progress.hpp"
#include "ui/train/view_replay.hpp"
#include "ui/train/view_sets.hpp"

namespace rs::ui::train {

class Workspace {
 public:
  // `can_supervise` / `can_review`: the account also has that role, and the menu offers it.
  Workspace(std::string db_path, accounts::Actor trainer, Fonts& fonts, const std::filesystem::path& shader_dir,
            bool can_supervise, bool can_review);
  void frame();            // between Platform::begin_frame and end_frame
  bool animating() const;  // a query under way or the replay playing
  bool quit_requested() const { return quit_; }
  bool supervisor_requested() const { return to_supervisor_; }
  bool station_requested() const { return to_station_; }

 private:
  enum class Tab { Sets, Progress, Replay, Pick };
  void draw_menu();
  void handle_keys();

  Fonts& fonts_;
  bool can_supervise_, can_review_;
  supervise::Desk desk_;
  gfx::PhotoRenderer renderer_;
  SetsView sets_;
  ProgressView progress_;
  ReplayView replay_;
  // Cases picked by hand: the supervisors' decision browser (masked rows) with its tick column.
  supervise::TrainingPickDialog pick_;
  supervise::BrowserView browser_;
  std::uint64_t seen_picks_ = 0;
  Tab shown_ = Tab::Sets;
  int select_tab_ = -1;  // a tab chosen with Ctrl+1..3, selected in the next frame
  bool quit_ = false, to_supervisor_ = false, to_station_ = false;
};

}  // namespace rs::ui::train
