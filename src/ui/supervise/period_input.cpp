#include "ui/supervise/period_input.hpp"

#include <imgui.h>

#include "ui/shell/text.hpp"

namespace rs::ui::supervise {

bool PeriodInput::draw(const char* id, bool loading) {
  const float em = ImGui::GetFontSize();
  ImGui::PushID(id);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(T("ui.sup.fig.period"));
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 8);
  bool go = ImGui::InputTextWithHint("##from", T("ui.sup.filter.from"), from, sizeof from,
                                     ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine(0, em * 0.3f);
  ImGui::TextUnformatted("-");
  ImGui::SameLine(0, em * 0.3f);
  ImGui::SetNextItemWidth(em * 8);
  go |= ImGui::InputTextWithHint("##to", T("ui.sup.filter.to"), to, sizeof to, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::BeginDisabled(loading);
  go |= ImGui::Button(T("ui.sup.refresh"));
  ImGui::EndDisabled();
  ImGui::PopID();
  return go && !loading;
}

}  // namespace rs::ui::supervise
