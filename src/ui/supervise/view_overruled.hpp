#pragma once
// Rules that reviewers overrule (Store::overruled_rules on the desk): per rule, how often a
// reviewer approved a photo it failed or rejected for its reason one it passed, over a period,
// with the cases behind each count; a click on a case opens it. Where the engine needs tuning.
#include <memory>
#include <string>
#include <vector>

#include "core/figures/overruled_rules.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/supervise/desk.hpp"
#include "ui/supervise/period_input.hpp"

namespace rs::ui::supervise {

class CaseView;

class OverruledView {
 public:
  OverruledView(Desk& desk, Fonts& fonts);
  void poll();
  void draw(CaseView& case_view);
  void reload();

 private:
  struct Answer {
    std::vector<figures::OverruledRule> rules;
    std::string error;
  };
  void draw_period();
  void draw_rule(const figures::OverruledRule& r, CaseView& case_view);

  Desk& desk_;
  Fonts& fonts_;
  std::shared_ptr<Handover<Answer>> answer_ = std::make_shared<Handover<Answer>>();
  std::vector<figures::OverruledRule> rules_;
  std::string error_;
  bool loading_ = false;
  PeriodInput period_;
};

}  // namespace rs::ui::supervise
