#pragma once
// The trainees' progress: per trainee, accuracy and kappa per training session as a chart
// (progress_chart), and the scores per trainee and set as `training scores` prints them
// (accuracy, kappa, time per case, precision and recall per reason). Store calls on the desk.
#include <memory>
#include <string>
#include <vector>

#include "core/store/store.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/supervise/desk.hpp"

namespace rs::ui::train {

class ProgressView {
 public:
  ProgressView(supervise::Desk& desk, Fonts& fonts);
  void reload();
  void poll();
  void draw();
  bool loading() const { return loading_; }

 private:
  struct Answer {
    std::vector<store::TraineeProgress> progress;
    std::vector<figures::TrainingScore> scores;
    std::string error;
  };
  void draw_charts();
  void draw_scores();

  supervise::Desk& desk_;
  Fonts& fonts_;
  std::shared_ptr<supervise::Handover<Answer>> answer_ = std::make_shared<supervise::Handover<Answer>>();
  Answer shown_;
  std::string trainee_;  // whose chart shows ("" the first with answers)
  bool loading_ = false;
};

}  // namespace rs::ui::train
