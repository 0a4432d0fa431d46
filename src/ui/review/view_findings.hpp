#pragma once
// The findings panel: failures first, each with its measured value, the threshold and a 0-100
// score. Hovering a row highlights the finding's geometry on the photo; clicking pins it.
#include "core/review/review_session.hpp"
#include "ui/review/view_state.hpp"
#include "ui/shell/fonts.hpp"

namespace rs::ui {

class FindingsView {
 public:
  void draw(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts);

 private:
  void draw_summary(const findings::Analysis& a, const Fonts& fonts);
  void draw_table(const findings::Analysis& a, ViewState& state);
  void draw_order(const review::ReviewItem& item);
};

// The rule's name from the text table ("rule.<id>.name" or "rule.<id>"), else the id itself.
std::string rule_name(const std::string& rule_id);
std::string value_text(const findings::Finding& f);
std::string detail_text(const findings::Finding& f);

}  // namespace rs::ui
