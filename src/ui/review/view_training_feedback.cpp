#include "ui/review/view_training_feedback.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/review/training_text.hpp"
#include "ui/review/view_findings.hpp"
#include "ui/shell/keys.hpp"
#include "ui/shell/layout.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {
namespace tt = training_text;

std::vector<int> findings_for_reasons(const findings::Analysis* analysis, const std::vector<std::string>& reasons) {
  std::vector<int> out;
  if (!analysis) return out;
  for (std::size_t i = 0; i < analysis->findings.size(); ++i) {
    const auto& code = analysis->findings[i].reason_code;
    if (!code.empty() && std::find(reasons.begin(), reasons.end(), code) != reasons.end()) out.push_back(int(i));
  }
  return out;
}

bool TrainingFeedbackView::draw(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts) {
  const review::ReviewItem* item = snap.current.get();
  if (!item || !item->training_feedback) {
    state.mattered_findings.clear();
    return false;
  }
  const auto& row = *item->training_feedback;
  state.mattered_findings = findings_for_reasons(item->analysis.get(), row.reference.reference_reasons);
  ImGuiWindowFlags flags = place_panel(Panel::Findings, state.reset_layout, 1.0f) | ImGuiWindowFlags_NoCollapse;
  bool open = ImGui::Begin(titled("ui.training.feedback_title", "findings").c_str(), nullptr, flags);
  note_panel_rect(Panel::Findings);
  if (open) {
    ImGui::PushTextWrapPos(0);
    draw_verdict(row, std::max(item->training_total, snap.training_total), fonts);
    ImGui::Separator();
    draw_answers(row);
    ImGui::Separator();
    draw_mattered(*item, state);
    ImGui::PopTextWrapPos();
    draw_buttons(snap, row, state);
  }
  ImGui::End();
  return true;
}

void TrainingFeedbackView::draw_verdict(const store::TrainingFeedbackRow& row, int total, const Fonts& fonts) {
  const auto& ref = row.reference;
  const bool right = tt::right_outcome(row.decision, ref.reference);
  std::vector<std::string> mine = row.reasons, theirs = ref.reference_reasons;
  std::sort(mine.begin(), mine.end());
  std::sort(theirs.begin(), theirs.end());
  const char* verdict = !right           ? "ui.training.wrong"
                        : mine == theirs ? "ui.training.right"
                                         : "ui.training.right_other_reasons";
  ImGui::PushFont(fonts.heading);
  ImGui::TextColored(!right ? theme::kError : mine == theirs ? theme::kApprove : theme::kWarn, "%s", T(verdict));
  ImGui::PopFont();
  const std::string line = tt::fill(T("ui.training.case_line"), std::to_string(ref.position), std::to_string(total));
  ImGui::TextColored(theme::kMuted, "%s  ·  %s", line.c_str(), ref.order_no.c_str());
}

void TrainingFeedbackView::draw_answers(const store::TrainingFeedbackRow& row) {
  const auto& ref = row.reference;
  ImGui::TextColored(theme::kMuted, "%s", T("ui.training.your_answer"));
  ImGui::SameLine(0, 0);
  ImGui::TextUnformatted(tt::answer_text(row.decision, row.reasons).c_str());
  ImGui::TextColored(theme::kMuted, "%s", T("ui.training.reference"));
  ImGui::SameLine(0, 0);
  ImGui::TextColored(theme::kAccent, "%s", tt::answer_text(ref.reference, ref.reference_reasons).c_str());
  ImGui::TextColored(theme::kMuted, "%s", T("ui.training.note"));
  ImGui::SameLine(0, 0);
  if (ref.note.empty())
    ImGui::TextColored(theme::kMuted, "%s", T("ui.training.no_note"));
  else
    ImGui::TextColored(theme::kWarn, "%s", ref.note.c_str());
  std::string original = tt::fill(T("ui.training.original"), ref.original_reviewer) +
                         tt::answer_text(ref.original_decision, ref.original_reasons);
  if (ref.overturned) original += T("ui.training.overturned");
  ImGui::TextColored(theme::kMuted, "%s", original.c_str());
  char secs[32];
  std::snprintf(secs, sizeof secs, "%.1f", double(row.ms_spent) / 1000.0);
  ImGui::TextColored(theme::kMuted, "%s%s %s", T("ui.training.time"), secs, T("ui.unit.second"));
}

void TrainingFeedbackView::draw_mattered(const review::ReviewItem& item, const ViewState& state) {
  if (item.training_feedback->reference.reference != "rejected") return;
  if (state.mattered_findings.empty()) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.training.mattered_none"));
    return;
  }
  ImGui::TextColored(theme::kMuted, "%s", T("ui.training.mattered"));
  const auto& all = item.analysis->findings;
  if (std::all_of(state.mattered_findings.begin(), state.mattered_findings.end(),
                  [&](int i) { return all[std::size_t(i)].verdict == findings::Verdict::Pass; }))
    ImGui::TextColored(theme::kWarn, "%s", T("ui.training.mattered_passed"));
  for (int i : state.mattered_findings) {
    const auto& f = item.analysis->findings[std::size_t(i)];
    ImGui::Bullet();
    ImGui::TextColored(theme::verdict_colour(f.verdict), "%s  %s", rule_name(f.rule_id).c_str(), value_text(f).c_str());
  }
}

void TrainingFeedbackView::draw_buttons(const review::SessionSnapshot& snap, const store::TrainingFeedbackRow& row,
                                        ViewState& state) {
  ImGui::Spacing();
  const bool reviewing = snap.training_finished;  // stepping through the finished set's list
  const char* go_on = T(reviewing ? "ui.training.back_to_list" : "ui.training.continue");
  theme::push_button_colour(theme::kAccent);
  if (ImGui::Button(go_on, {button_width(go_on, 10), ImGui::GetFrameHeight() * 1.6f}) || keys::enter() ||
      keys::pressed(GLFW_KEY_SPACE))
    state.pending = Action::Continue;
  theme::pop_button_colour();
  if (!reviewing) return;
  const int at = row.reference.position, last = int(snap.training_rows.size());
  auto step = [&](const char* key, int to, int glfw_key, bool same_line) {
    if (same_line) ImGui::SameLine();
    ImGui::BeginDisabled(to < 1 || to > last);
    if ((ImGui::Button(T(key), {button_width(T(key), 7), ImGui::GetFrameHeight() * 1.6f}) || keys::pressed(glfw_key)) &&
        to >= 1 && to <= last) {
      state.pending = Action::ShowCase;
      state.show_case = snap.training_rows[std::size_t(to - 1)].reference.position;
    }
    ImGui::EndDisabled();
  };
  // Positions in the list, not in the set: a trainee who answered every case has them all.
  int index = 0;
  for (int i = 0; i < last; ++i)
    if (snap.training_rows[std::size_t(i)].reference.position == at) index = i + 1;
  // On their own line: the panel may be narrower than three Chinese buttons.
  step("ui.training.prev", index - 1, GLFW_KEY_LEFT, false);
  step("ui.training.next", index + 1, GLFW_KEY_RIGHT, true);
}

}  // namespace rs::ui
