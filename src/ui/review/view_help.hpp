#pragma once
// The F1 window: every key of the workstation with what it does, from the text table.
namespace rs::ui {

class HelpView {
 public:
  void toggle() { open_ = !open_; }
  bool* open_flag() { return &open_; }  // for the Help menu's check mark
  void draw();

 private:
  bool open_ = false;
};

}  // namespace rs::ui
