#pragma once
// "Picked by hand in the decision browser": the cases ticked in the browser become a training set.
// The dialog asks for the set's name and when its trainees see each reference, then calls
// Store::create_training_set on the desk with the cases as "ORDER#N" lines; the store checks the
// role (trainer or supervisor), the name and every case, and its refusal is shown as it is.
#include <memory>
#include <string>
#include <vector>

#include "ui/shell/fonts.hpp"
#include "ui/supervise/desk.hpp"

namespace rs::ui::supervise {

class TrainingPickDialog {
 public:
  TrainingPickDialog(Desk& desk, Fonts& fonts);
  void open(std::vector<std::string> cases);  // "ORDER_NO#N", in the browser's order
  void draw();
  bool busy() const { return busy_; }
  // Grows with every set made: the browser clears its ticks.
  std::uint64_t done_serial() const { return done_serial_; }
  const std::string& last_message() const { return message_; }

 private:
  struct Answer {
    bool ok = false;
    std::string message;
  };
  void submit();
  void collect();

  Desk& desk_;
  Fonts& fonts_;
  std::vector<std::string> cases_;
  bool open_requested_ = false, busy_ = false;
  char name_[128] = {};
  int feedback_ = 0;  // 0: after each case, 1: at the end
  std::string refusal_, message_;
  std::uint64_t done_serial_ = 0;
  std::shared_ptr<Handover<Answer>> answer_ = std::make_shared<Handover<Answer>>();
};

}  // namespace rs::ui::supervise
