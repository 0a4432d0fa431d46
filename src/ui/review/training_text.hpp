#pragma once
// Words the training panels share: an answer as the trainee reads it, and the text table's
// templates ("%s", "%d") filled in without printf (the templates come from the table, not code).
#include <string>
#include <vector>

#include "core/domain/reason.hpp"
#include "ui/shell/text.hpp"

namespace rs::ui::training_text {

// The first "%s" or "%d" of `tmpl` replaced by `value`.
inline std::string fill(std::string tmpl, const std::string& value) {
  for (const char* mark : {"%s", "%d"})
    if (auto at = tmpl.find(mark); at != std::string::npos) return tmpl.replace(at, 2, value);
  return tmpl;
}
inline std::string fill(const std::string& tmpl, const std::string& a, const std::string& b) {
  return fill(fill(tmpl, a), b);
}

// "通过", or "不通过：背景不合格、头发遮挡耳朵".
inline std::string answer_text(const std::string& decision, const std::vector<std::string>& reasons) {
  std::string s = T(decision == "approved" ? "ui.training.approve" : "ui.training.reject");
  for (std::size_t i = 0; i < reasons.size(); ++i)
    s += T(i == 0 ? "ui.training.reasons_lead" : "ui.training.reasons_sep") + reason_label(reasons[i]);
  return s;
}

// Right when the outcome is the reference's (the store's scores count it so); the reasons are
// compared apart.
inline bool right_outcome(const std::string& decision, const std::string& reference) { return decision == reference; }

}  // namespace rs::ui::training_text
