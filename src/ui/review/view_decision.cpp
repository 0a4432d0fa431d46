#include "ui/review/view_decision.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/review/duration_text.hpp"
#include "ui/review/training_text.hpp"
#include "ui/shell/layout.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {
namespace {
bool big_button(const char* label, const char* key, ImVec4 colour, ImVec2 size) {
  theme::push_button_colour(colour);
  std::string text = std::string(label) + "   " + key;
  bool clicked = ImGui::Button(text.c_str(), size);
  theme::pop_button_colour();
  return clicked;
}
}  // namespace

void DecisionView::draw(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts, Millis shown_at,
                        const Feedback& feedback) {
  ImGuiWindowFlags flags = place_panel(Panel::Decision, state.reset_layout, 1.0f);
  flags |= ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoScrollbar;
  bool open = ImGui::Begin(titled("ui.decision.title", "decision").c_str(), nullptr, flags);
  note_panel_rect(Panel::Decision);
  if (!open) {
    ImGui::End();
    return;
  }
  const review::ReviewItem* item = snap.current.get();
  float h = ImGui::GetContentRegionAvail().y;
  if (ImGui::BeginTable("bar", 3, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("order", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("buttons", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 27);
    ImGui::TableSetupColumn("result", ImGuiTableColumnFlags_WidthStretch, 1.25f);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (item) {
      const auto& o = item->claim.order;
      ImGui::PushFont(fonts.heading);
      ImGui::TextUnformatted(o.order_no.c_str());
      ImGui::PopFont();
      std::string doc = doc_type_label(o.doc_type);
      ImGui::Text("%s  ·  %s  ·  %s%s", o.applicant_name.c_str(), doc.c_str(), o.city.c_str(),
                  T("ui.order.city_suffix"));
      if (item->training_case_id) {  // a training case: its place in the set, no attempt or submission
        const std::string line = training_text::fill(
            T("ui.training.case_line"), std::to_string(item->training_position), std::to_string(item->training_total));
        ImGui::TextColored(theme::kWarn, "%s %s   %s", T("ui.decision.timer"),
                           review::stopwatch_text(now_ms() - shown_at).c_str(), line.c_str());
      } else {
        ImGui::TextColored(theme::kMuted, "%s %s   %s %d   %s %s", T("ui.decision.timer"),
                           review::stopwatch_text(now_ms() - shown_at).c_str(), T("ui.order.attempt"),
                           item->claim.attempt.attempt_no, T("ui.queue.submitted"),
                           item->claim.attempt.submitted_at.c_str());
      }
    } else {
      ImGui::TextColored(theme::kMuted, "%s",
                         T(snap.training_finished ? "ui.training.finished"
                           : snap.queue_empty     ? "ui.photo.queue_empty"
                                                  : "ui.photo.loading"));
    }
    ImGui::TableNextColumn();
    float bw = (ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    ImVec2 size{bw, std::max(40.0f, h - 10)};
    // An answered training case waits for Enter; a training case is never skipped.
    const bool answered = item && item->training_feedback;
    ImGui::BeginDisabled(!item || state.picker_open || answered);
    if (big_button(T("ui.decision.approve"), "A", theme::kApprove, size)) state.pending = Action::Approve;
    ImGui::SameLine();
    if (big_button(T("ui.decision.reject"), "R", theme::kReject, size)) state.pending = Action::OpenReasons;
    ImGui::SameLine();
    ImGui::BeginDisabled(item && item->training_case_id);
    if (big_button(T("ui.decision.skip"), "S", theme::kSkip, size)) state.pending = Action::Skip;
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    ImGui::TableNextColumn();
    ImGui::PushTextWrapPos(0);
    using K = Feedback::Kind;
    ImVec4 colour = feedback.kind == K::Approved   ? theme::verdict_colour(findings::Verdict::Pass)
                    : feedback.kind == K::Rejected ? theme::kWarn
                    : feedback.kind == K::Error    ? theme::kError
                                                   : theme::kMuted;
    if (!feedback.text.empty()) ImGui::TextColored(colour, "%s", feedback.text.c_str());
    ImGui::PopTextWrapPos();
    const bool training = item && item->training_case_id;
    ImGui::TextColored(theme::kMuted, "%s", T(training ? "ui.training.keys_hint" : "ui.decision.keys_hint"));
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace rs::ui
