#pragma once
// The reason picker, a modal over the workstation: digits 1-9 toggle the first nine reasons,
// Shift+1-8 the rest, reasons suggested by failing findings start selected, Enter confirms (at
// least one reason; "other" needs its text), Esc cancels. On confirm it fills
// ViewState::reject_reasons and sets Action::ConfirmReject; the workstation does the rest.
#include <string>
#include <vector>

#include "core/review/review_session.hpp"
#include "ui/review/view_state.hpp"
#include "ui/shell/fonts.hpp"

namespace rs::ui {

class ReasonPicker {
 public:
  ReasonPicker();
  // Opens the picker for the current order with `suggested` reason codes pre-selected.
  void open(const std::vector<std::string>& suggested);
  bool is_open() const { return open_ || open_request_; }
  void draw(const review::SessionSnapshot& snap, ViewState& state, Fonts& fonts);

  // Reason index a key toggles: digits 1-9 -> 0-8, Shift+1-8 -> 9-16; -1 when out of range.
  static int reason_index_for_key(int digit, bool shift, int reason_count);

 private:
  void draw_reason_rows();
  void confirm(ViewState& state);
  void toggle(int index);

  std::vector<bool> selected_;
  std::vector<bool> suggested_;
  std::string other_text_;
  std::string error_;
  bool open_ = false, open_request_ = false, focus_text_ = false;
};

}  // namespace rs::ui
