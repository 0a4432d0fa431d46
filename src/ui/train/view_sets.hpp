#pragma once
// The training sets: every set with its trainees; the chosen set's cases with their reference
// answers and the trainer's notes; assigning the set to a trainee. Store calls on the desk.
#include <memory>
#include <string>
#include <vector>

#include "core/store/store.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/supervise/desk.hpp"

namespace rs::ui::train {

class SetsView {
 public:
  SetsView(supervise::Desk& desk, Fonts& fonts);
  void reload();
  void poll();
  void draw();
  bool loading() const { return loading_; }

 private:
  struct Answer {
    std::vector<store::TrainingSetInfo> sets;
    std::optional<store::TrainingSet> chosen;  // the set whose cases show
    std::string error, message;
  };
  void open_set(const std::string& name);
  void assign();
  void draw_list();
  void draw_cases();

  supervise::Desk& desk_;
  Fonts& fonts_;
  std::shared_ptr<supervise::Handover<Answer>> answer_ = std::make_shared<supervise::Handover<Answer>>();
  std::vector<store::TrainingSetInfo> sets_;
  std::optional<store::TrainingSet> chosen_;
  std::string selected_;  // the set's name
  std::string error_, message_;
  char trainee_[64] = "";
  bool loading_ = false;
};

}  // namespace rs::ui::train
