#pragma once
// Training feedback for one answered case, in the findings panel's place: right or wrong, the
// trainee's answer beside the reference and its reasons, the trainer's note, the original
// reviewer's decision, the time taken, and the findings behind the reference's reasons (which the
// photo view draws emphasised: ViewState::mattered_findings). Enter goes on; in the finished set's
// list ← / → step through the cases.
#include "core/review/review_session.hpp"
#include "ui/review/view_state.hpp"
#include "ui/shell/fonts.hpp"

namespace rs::ui {

class TrainingFeedbackView {
 public:
  // Draws when the case on screen carries its feedback; true when it did.
  bool draw(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts);

 private:
  void draw_verdict(const store::TrainingFeedbackRow& row, int total, const Fonts& fonts);
  void draw_answers(const store::TrainingFeedbackRow& row);
  void draw_mattered(const review::ReviewItem& item, const ViewState& state);
  void draw_buttons(const review::SessionSnapshot& snap, const store::TrainingFeedbackRow& row, ViewState& state);
};

// The indices of `analysis`' findings whose reason is one of `reasons` (the findings that
// mattered for a rejection; none for an approval).
std::vector<int> findings_for_reasons(const findings::Analysis* analysis, const std::vector<std::string>& reasons);

}  // namespace rs::ui
