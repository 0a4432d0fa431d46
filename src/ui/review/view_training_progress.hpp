#pragma once
// The training set's progress in the queue panel's place: the set, the case on screen (3 / 12),
// the keys, when the references come; once every case is answered, the score and the list of
// answers against the references, each opening its case again with the photo.
#include <string>

#include "core/review/review_session.hpp"
#include "ui/review/view_state.hpp"
#include "ui/shell/fonts.hpp"

namespace rs::ui {

class TrainingProgressView {
 public:
  explicit TrainingProgressView(std::string set) : set_(std::move(set)) {}
  void draw(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts);

 private:
  void draw_list(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts);
  std::string set_;
};

// "3/12" for the banner and the panel: the case on screen, or every case once finished.
std::string training_progress(const review::SessionSnapshot& snap);

}  // namespace rs::ui
