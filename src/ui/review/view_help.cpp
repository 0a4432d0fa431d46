#include "ui/review/view_help.hpp"

#include <imgui.h>

#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {
namespace {

struct KeyRow {
  const char* key;
  const char* text_key;
};

// In the order a reviewer meets them: decide, pick reasons, look at the photo, the rest.
constexpr KeyRow kRows[] = {
    {"A", "ui.help.approve"},
    {"R", "ui.help.reject"},
    {"S", "ui.help.skip"},
    {"1-9", "ui.help.digits"},
    {"Shift+1-8", "ui.help.shift_digits"},
    {"Enter", "ui.help.enter"},
    {"Esc", "ui.help.esc"},
    {"F", "ui.help.fit"},
    {"M", "ui.help.mirror"},
    {"L", "ui.help.loupe"},
    {"Enter", "ui.help.training_continue"},
    {"← / →", "ui.help.training_steps"},
    {"F5", "ui.help.reload_shaders"},
    {"F1", "ui.help.help"},
};

}  // namespace

void HelpView::draw() {
  if (!open_) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos({vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2}, ImGuiCond_Appearing,
                          {0.5f, 0.5f});
  ImGui::SetNextWindowSize({ImGui::GetFontSize() * 24, 0}, ImGuiCond_Appearing);
  if (ImGui::Begin(titled("ui.help.title", "help").c_str(), &open_, ImGuiWindowFlags_NoSavedSettings) &&
      ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
    ImGui::TableSetupColumn("what", ImGuiTableColumnFlags_WidthStretch);
    for (const KeyRow& r : kRows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(theme::kAccent, "%s", r.key);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(T(r.text_key));
    }
    ImGui::EndTable();
  }
  ImGui::End();
}

}  // namespace rs::ui
