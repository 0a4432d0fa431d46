#include "ui/supervise/view_agreement.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::supervise {
namespace {

// Red at half agreement or less (chance, for two outcomes), through amber, to green at full
// agreement: second reviews mostly agree, so the scale spends its range where rates differ.
ImU32 rate_colour(double rate) {
  const float r = float(std::clamp((rate - 0.5) * 2, 0.0, 1.0));
  const float red = r < 0.5f ? 0.70f : 0.70f * (1 - r) * 2;
  const float green = r < 0.5f ? 0.55f * r * 2 : 0.55f;
  return ImGui::ColorConvertFloat4ToU32({red + 0.08f, green + 0.10f, 0.16f, 1.0f});
}

const figures::PairAgreement* find_pair(const std::vector<figures::PairAgreement>& pairs, const std::string& first,
                                        const std::string& second) {
  for (const auto& p : pairs)
    if (p.first == first && p.second == second) return &p;
  return nullptr;
}

// One cell: the colour, "agreements/reviews" and the rate; true when clicked.
bool cell(const figures::PairAgreement& p, ImVec2 size) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  const bool clicked = ImGui::InvisibleButton((p.first + "|" + p.second).c_str(), size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const double rate = p.reviews > 0 ? double(p.agreements) / double(p.reviews) : 0;
  dl->AddRectFilled(at, {at.x + size.x, at.y + size.y}, rate_colour(rate), 3);
  if (ImGui::IsItemHovered()) dl->AddRect(at, {at.x + size.x, at.y + size.y}, IM_COL32(255, 255, 255, 200), 3, 0, 2);
  char text[64];
  std::snprintf(text, sizeof text, "%lld/%lld  %.0f%%", p.agreements, p.reviews, rate * 100);
  const ImVec2 t = ImGui::CalcTextSize(text);
  dl->AddText({at.x + (size.x - t.x) / 2, at.y + (size.y - t.y) / 2}, IM_COL32(255, 255, 255, 255), text);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", T("ui.sup.fig.pairs_hint"));
  return clicked;
}

}  // namespace

std::optional<std::string> draw_agreement_matrix(const std::vector<figures::PairAgreement>& pairs) {
  ImGui::TextColored(theme::kAccent, "%s", T("ui.sup.fig.pairs"));
  if (pairs.empty()) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.fig.pairs_none"));
    return std::nullopt;
  }
  std::set<std::string> firsts, seconds;
  for (const auto& p : pairs) {
    firsts.insert(p.first);
    seconds.insert(p.second);
  }
  const float em = ImGui::GetFontSize();
  const ImVec2 size{em * 7, em * 1.8f};
  std::optional<std::string> clicked;
  if (!ImGui::BeginTable("##pairs", int(seconds.size()) + 1, ImGuiTableFlags_SizingFixedFit)) return clicked;
  ImGui::TableSetupColumn(T("ui.sup.fig.pairs_corner"));
  for (const auto& s : seconds) ImGui::TableSetupColumn(s.c_str());
  ImGui::TableHeadersRow();
  for (const auto& f : firsts) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(f.c_str());
    for (const auto& s : seconds) {
      ImGui::TableNextColumn();
      const auto* p = find_pair(pairs, f, s);
      if (!p) {
        ImGui::Dummy(size);
        continue;
      }
      if (cell(*p, size)) clicked = f;
    }
  }
  ImGui::EndTable();
  return clicked;
}

}  // namespace rs::ui::supervise
