#include "ui/review/view_connection.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {

std::string connection_banner(int retry) {
  std::string text = T("ui.connection.banner");
  if (auto at = text.find("{retry}"); at != std::string::npos) text.replace(at, 7, std::to_string(retry));
  return text;
}

void ConnectionView::draw(const review::SessionSnapshot& snap, Fonts& fonts) {
  if (snap.reconnect_retry == 0) {
    logged_retry_ = 0;
    return;
  }
  const std::string line = connection_banner(snap.reconnect_retry);
  std::string choice = T("ui.connection.choice");
  choice += !snap.waiting_decision                              ? T("ui.connection.none")
            : *snap.waiting_decision == store::Outcome::Approve ? T("ui.connection.approve")
                                                                : T("ui.connection.reject");
  fonts.want(line);
  fonts.want(choice);
  if (logged_retry_ != snap.reconnect_retry) {
    logged_retry_ = snap.reconnect_retry;
    std::fprintf(stderr, "gui: connection lost, retry %d%s\n", snap.reconnect_retry,
                 snap.waiting_decision ? ", a decision kept" : "");
    std::fflush(stderr);
  }
  // Across the top of the screen under the menu bar, on the foreground draw list so no panel
  // covers it whatever has focus; it leaves the photo's centre free.
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const ImVec2 a = ImGui::CalcTextSize(line.c_str()), b = ImGui::CalcTextSize(choice.c_str());
  const float pad = 10, gap = 4, w = std::max(a.x, b.x) + 2 * pad, h = a.y + b.y + gap + 2 * pad;
  const ImVec2 min(vp->WorkPos.x + (vp->WorkSize.x - w) * 0.5f, vp->WorkPos.y + 6);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  dl->AddRectFilled(min, ImVec2(min.x + w, min.y + h), IM_COL32(78, 30, 26, 245), 4);
  dl->AddRect(min, ImVec2(min.x + w, min.y + h), ImGui::GetColorU32(theme::kError), 4, 0, 2);
  dl->AddText(ImVec2(min.x + pad, min.y + pad), ImGui::GetColorU32(theme::kWarn), line.c_str());
  dl->AddText(ImVec2(min.x + pad, min.y + pad + a.y + gap), IM_COL32(235, 235, 235, 255), choice.c_str());
}

}  // namespace rs::ui
