#pragma once
// The queue panel: pending count, the oldest wait, my decisions today, and the pending list.
#include <string>

#include "core/review/review_session.hpp"
#include "ui/review/view_state.hpp"
#include "ui/shell/fonts.hpp"

namespace rs::ui {

class QueueView {
 public:
  QueueView(std::string reviewer, std::string lease_owner)
      : reviewer_(std::move(reviewer)), owner_(std::move(lease_owner)) {}
  void draw(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts);

 private:
  void draw_figures(const review::SessionSnapshot& snap, const Fonts& fonts);
  void draw_list(const review::SessionSnapshot& snap);
  std::string reviewer_, owner_;
};

}  // namespace rs::ui
