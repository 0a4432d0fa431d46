#pragma once
// The supervisor's workspace: a menu bar with the signed-in name and three tabs, the decision
// browser, the inbox (second-review disagreements, quarantined orders) and the figures. Every
// store call runs on the workspace's desk (desk.hpp); the panels only draw what came back.
#include <string>

#include "core/accounts/actor.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/supervise/desk.hpp"
#include "ui/supervise/view_browser.hpp"
#include "ui/supervise/view_case.hpp"
#include "ui/supervise/view_figures.hpp"
#include "ui/supervise/view_inbox.hpp"
#include "ui/supervise/view_overruled.hpp"
#include "ui/supervise/view_overturn.hpp"

namespace rs::ui::supervise {

class Workspace {
 public:
  // `can_switch`: the account also has the reviewer role, and the menu offers the workstation.
  Workspace(std::string db_path, accounts::Actor supervisor, Fonts& fonts, bool can_switch);
  void frame();            // between Platform::begin_frame and end_frame
  bool animating() const;  // a query or an action under way: its answer is drawn when it comes
  bool quit_requested() const { return quit_; }
  bool switch_requested() const { return switch_; }
  bool second_review_requested() const { return second_review_; }
  bool trainer_requested() const { return trainer_; }

 private:
  void draw_menu();

  Fonts& fonts_;
  bool can_switch_;
  Desk desk_;
  OverturnDialog overturn_;
  TrainingPickDialog pick_;
  BrowserView browser_;
  InboxView inbox_;
  FiguresView figures_;
  OverruledView overruled_;
  CaseView case_;  // over the tabs, opened from the browser and the inbox
  std::uint64_t seen_overturns_ = 0, seen_picks_ = 0;
  std::string last_done_;  // the latest overturn's or training set's outcome, for the menu bar
  bool quit_ = false, switch_ = false, second_review_ = false, trainer_ = false;
  bool select_browser_ = false;
  bool overruled_shown_ = false;  // the overruled rules are read when their tab is first opened  // the next frame
                                  // brings the browser tab up
};

}  // namespace rs::ui::supervise
