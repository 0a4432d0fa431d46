#include "ui/review/view_training_progress.hpp"

#include <imgui.h>

#include "ui/review/training_text.hpp"
#include "ui/shell/keys.hpp"
#include "ui/shell/layout.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {
namespace tt = training_text;

std::string training_progress(const review::SessionSnapshot& snap) {
  const auto* item = snap.current.get();
  const int total = std::max(snap.training_total, item ? item->training_total : 0);
  if (snap.training_finished) return std::to_string(snap.training_answered) + "/" + std::to_string(total);
  if (item && item->training_position > 0) return std::to_string(item->training_position) + "/" + std::to_string(total);
  return "…/" + (total ? std::to_string(total) : std::string("…"));
}

void TrainingProgressView::draw(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts) {
  ImGuiWindowFlags flags = place_panel(Panel::Queue, state.reset_layout, 1.0f) | ImGuiWindowFlags_NoCollapse;
  bool open = ImGui::Begin(titled("ui.training.progress_title", "queue").c_str(), nullptr, flags);
  note_panel_rect(Panel::Queue);
  if (open) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.training.set"));
    ImGui::TextColored(theme::kWarn, "%s", set_.c_str());  // the body font has every wanted glyph
    ImGui::TextColored(theme::kMuted, "%s", T("ui.training.case"));
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted(training_progress(snap).c_str());
    ImGui::PopFont();
    ImGui::Separator();
    ImGui::PushTextWrapPos(0);
    if (snap.training_finished) {
      draw_list(snap, state, fonts);
    } else {
      ImGui::TextColored(theme::kMuted, "%s", T("ui.training.hint"));
      // Under end feedback an answer moves straight on; the references wait for the last case.
      const auto* item = snap.current.get();
      if (snap.training_end_feedback && !(item && item->training_feedback))
        ImGui::TextColored(theme::kMuted, "%s", T("ui.training.feedback_after"));
    }
    ImGui::PopTextWrapPos();
  }
  ImGui::End();
}

void TrainingProgressView::draw_list(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts) {
  const auto& rows = snap.training_rows;
  int right = 0;
  for (const auto& r : rows) right += tt::right_outcome(r.decision, r.reference.reference);
  ImGui::TextColored(theme::kApprove, "%s", T("ui.training.finished"));
  ImGui::PushFont(fonts.heading);
  ImGui::TextUnformatted(
      tt::fill(T("ui.training.score"), std::to_string(right), std::to_string(int(rows.size()))).c_str());
  ImGui::PopFont();
  ImGui::TextColored(theme::kMuted, "%s", T("ui.training.list_hint"));
  const auto* item = snap.current.get();
  const int open_at = item && item->training_feedback ? item->training_feedback->reference.position : 0;
  // → with nothing open starts at the first case (with a case open, its feedback panel steps).
  if (!open_at && !rows.empty() && (keys::pressed(GLFW_KEY_RIGHT) || keys::enter())) {
    state.pending = Action::ShowCase;
    state.show_case = rows.front().reference.position;
  }
  if (!ImGui::BeginTable("training_rows", 4,
                         ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(T("ui.training.col_case"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 2.5f);
  ImGui::TableSetupColumn(T("ui.training.col_answer"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(T("ui.training.col_reference"), ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn(T("ui.training.col_result"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3);
  ImGui::TableHeadersRow();
  for (const auto& r : rows) {
    const int pos = r.reference.position;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string id = std::to_string(pos) + "##case" + std::to_string(pos);
    if (ImGui::Selectable(id.c_str(), pos == open_at, ImGuiSelectableFlags_SpanAllColumns)) {
      state.pending = Action::ShowCase;
      state.show_case = pos;
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(T(r.decision == "approved" ? "ui.training.approve" : "ui.training.reject"));
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(T(r.reference.reference == "approved" ? "ui.training.approve" : "ui.training.reject"));
    ImGui::TableNextColumn();
    const bool ok = tt::right_outcome(r.decision, r.reference.reference);
    ImGui::TextColored(ok ? theme::kApprove : theme::kError, "%s",
                       T(ok ? "ui.training.result_right" : "ui.training.result_wrong"));
  }
  ImGui::EndTable();
}

}  // namespace rs::ui
