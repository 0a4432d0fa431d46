#include "ui/train/progress_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/util/clock.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::train {
namespace {
constexpr ImU32 kAccuracy = IM_COL32(80, 170, 255, 255);
constexpr ImU32 kKappa = IM_COL32(255, 170, 60, 255);
constexpr ImU32 kGrid = IM_COL32(255, 255, 255, 40);
constexpr ImU32 kAxis = IM_COL32(200, 200, 200, 160);
constexpr ImU32 kLabel = IM_COL32(190, 195, 200, 255);

// "12-05 09:30": the session's first answer in China Standard Time.
std::string short_time(std::int64_t ms) {
  const std::string iso = iso8601_cst(ms);  // 2026-12-05T09:30:00.000+08:00
  return iso.substr(5, 5) + " " + iso.substr(11, 5);
}

struct Frame {
  ImVec2 min, max;  // the plot area (inside the axes)
  float inset = 0;  // the first and last points stand this far inside, so their labels fit
  double lo = 0, hi = 1;
  std::size_t n = 1;
  float x(std::size_t i) const {
    const float from = min.x + inset, to = max.x - inset;
    return n <= 1 ? (min.x + max.x) / 2 : from + (to - from) * float(i) / float(n - 1);
  }
  float y(double v) const { return max.y - (max.y - min.y) * float((v - lo) / (hi - lo)); }
};

void draw_axes(ImDrawList* dl, const Frame& f) {
  // Grid every 0.25 from the lowest quarter to 1, each line labelled at the left.
  for (double v = std::floor(f.lo * 4) / 4; v <= f.hi + 1e-9; v += 0.25) {
    const float y = f.y(v);
    dl->AddLine({f.min.x, y}, {f.max.x, y}, std::abs(v) < 1e-9 ? kAxis : kGrid);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText({f.min.x - ts.x - 6, y - ts.y / 2}, kLabel, buf);
  }
  dl->AddLine({f.min.x, f.min.y}, {f.min.x, f.max.y}, kAxis);
}

void draw_series(ImDrawList* dl, const Frame& f, const std::vector<figures::ProgressPoint>& s, bool kappa, ImU32 c) {
  bool have_prev = false;
  ImVec2 prev;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (kappa && !s[i].kappa) {  // chance explains everything: no point, and the line breaks
      have_prev = false;
      continue;
    }
    const ImVec2 p{f.x(i), f.y(kappa ? *s[i].kappa : s[i].accuracy)};
    if (have_prev) dl->AddLine(prev, p, c, 2.5f);
    dl->AddCircleFilled(p, 4.5f, c);
    prev = p;
    have_prev = true;
  }
}

void draw_x_labels(ImDrawList* dl, const Frame& f, const std::vector<figures::ProgressPoint>& s) {
  // Every session is labelled when there is room, otherwise every k-th (always the last).
  const float room = ImGui::CalcTextSize("00-00 00:00").x + 12;
  const std::size_t every =
      std::max<std::size_t>(1, std::size_t(std::ceil(room * float(s.size()) / std::max(1.0f, f.max.x - f.min.x))));
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i % every != 0 && i + 1 != s.size()) continue;
    const std::string top = std::string(T("ui.train.session_no")) + std::to_string(i + 1) +
                            T("ui.train.session_suffix") + " · " + std::to_string(s[i].cases) +
                            T("ui.train.cases_suffix");
    const std::string bottom = short_time(s[i].first_ms);
    for (int line = 0; line < 2; ++line) {
      const std::string& t = line == 0 ? top : bottom;
      const ImVec2 ts = ImGui::CalcTextSize(t.c_str());
      dl->AddText({f.x(i) - ts.x / 2, f.max.y + 6 + float(line) * ts.y}, kLabel, t.c_str());
    }
  }
}

void draw_legend(ImDrawList* dl, ImVec2 at) {
  float x = at.x;
  for (auto [colour, key] : {std::pair{kAccuracy, "ui.train.accuracy"}, std::pair{kKappa, "ui.train.kappa"}}) {
    const float h = ImGui::GetTextLineHeight();
    dl->AddLine({x, at.y + h / 2}, {x + 22, at.y + h / 2}, colour, 2.5f);
    dl->AddCircleFilled({x + 11, at.y + h / 2}, 4.5f, colour);
    dl->AddText({x + 28, at.y}, kLabel, T(key));
    x += 28 + ImGui::CalcTextSize(T(key)).x + 24;
  }
}
}  // namespace

void draw_progress_chart(const std::vector<figures::ProgressPoint>& sessions, ImVec2 size) {
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::Dummy(size);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(at, {at.x + size.x, at.y + size.y}, IM_COL32(20, 24, 30, 255), 4);
  const float line = ImGui::GetTextLineHeight();
  Frame f;
  f.min = {at.x + ImGui::CalcTextSize("-0.00").x + 16, at.y + line + 14};
  f.max = {at.x + size.x - 16, at.y + size.y - 2 * line - 14};
  f.inset = ImGui::CalcTextSize("第00次 · 000 例").x / 2 + 4;
  f.n = sessions.size();
  for (const auto& s : sessions)
    if (s.kappa) f.lo = std::min(f.lo, std::floor(*s.kappa * 4) / 4);
  draw_legend(dl, {f.min.x, at.y + 6});
  if (f.max.x <= f.min.x + 10 || f.max.y <= f.min.y + 10) return;  // too small to say anything
  draw_axes(dl, f);
  draw_series(dl, f, sessions, false, kAccuracy);
  draw_series(dl, f, sessions, true, kKappa);
  draw_x_labels(dl, f, sessions);
  // The figures of the point under the mouse.
  const ImVec2 m = ImGui::GetIO().MousePos;
  if (ImGui::IsItemHovered())
    for (std::size_t i = 0; i < sessions.size(); ++i)
      if (std::abs(m.x - f.x(i)) < 10) {
        const auto& s = sessions[i];
        char kappa[16] = "—";
        if (s.kappa) std::snprintf(kappa, sizeof kappa, "%.2f", *s.kappa);
        ImGui::SetTooltip("%s%zu%s  %s\n%s %.0f%%  %s %s\n%lld%s  %.1f s/%s", T("ui.train.session_no"), i + 1,
                          T("ui.train.session_suffix"), short_time(s.first_ms).c_str(), T("ui.train.accuracy"),
                          s.accuracy * 100, T("ui.train.kappa"), kappa, s.cases, T("ui.train.cases_suffix"),
                          s.ms_per_case / 1000.0, T("ui.train.per_case"));
      }
}

}  // namespace rs::ui::train
