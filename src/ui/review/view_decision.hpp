#pragma once
// The decision bar: the order, the review timer, approve / reject / skip, and the outcome of the
// last decision. Reject opens the reason picker (view_reason_picker.hpp) through Action::OpenReasons.
#include <string>

#include "core/review/review_session.hpp"
#include "ui/review/view_state.hpp"
#include "ui/shell/fonts.hpp"

namespace rs::ui {

struct Feedback {
  enum class Kind { Approved, Rejected, Note, Error } kind = Kind::Note;
  std::string text;
};

class DecisionView {
 public:
  // The buttons are disabled while ViewState::picker_open.
  void draw(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts, Millis shown_at,
            const Feedback& feedback);
};

}  // namespace rs::ui
