#pragma once
// The decision bar (order, review timer, approve / reject / skip, the outcome of the last
// decision) and the reason picker modal: digits 1-9 toggle the first nine reasons, Shift+1-8 the
// rest, reasons suggested by failing findings start selected, Enter confirms (at least one
// reason; "other" needs its text), Esc cancels.
#include <string>
#include <vector>

#include "core/review/review_session.hpp"
#include "ui/fonts.hpp"
#include "ui/view_state.hpp"

namespace rs::ui {

struct Feedback {
  enum class Kind { Approved, Rejected, Note, Error } kind = Kind::Note;
  std::string text;
};

class DecisionView {
 public:
  DecisionView();
  void draw(const review::SessionSnapshot& snap, ViewState& state, Fonts& fonts, Millis shown_at,
            const Feedback& feedback);
  // Opens the picker for the current order with `suggested` reason codes pre-selected.
  void open_picker(const std::vector<std::string>& suggested);
  bool picker_open() const { return open_ || open_request_; }

  // Reason index a key toggles: digits 1-9 -> 0-8, Shift+1-8 -> 9-16; -1 when out of range.
  static int reason_index_for_key(int digit, bool shift, int reason_count);

 private:
  void draw_bar(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts, Millis shown_at,
                const Feedback& feedback);
  void draw_picker(const review::SessionSnapshot& snap, ViewState& state);
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
