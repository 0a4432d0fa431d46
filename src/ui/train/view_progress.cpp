#include "ui/train/view_progress.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"
#include "ui/train/progress_chart.hpp"

namespace rs::ui::train {
namespace {
std::string percent(double v) {
  char b[16];
  std::snprintf(b, sizeof b, "%.0f%%", v * 100);
  return b;
}
std::string figure(const std::optional<double>& v) {
  if (!v) return "—";
  char b[16];
  std::snprintf(b, sizeof b, "%.2f", *v);
  return b;
}
}  // namespace

ProgressView::ProgressView(supervise::Desk& desk, Fonts& fonts) : desk_(desk), fonts_(fonts) {}

void ProgressView::reload() {
  loading_ = true;
  desk_.post([out = answer_](store::Store& s, const accounts::Actor& me) {
    Answer a;
    try {
      a.progress = s.training_progress(me, "");
      a.scores = s.training_scores(me, "");
    } catch (const store::Refusal& e) {
      a.error = e.what();
    }
    out->put(std::move(a));
  });
}

void ProgressView::poll() {
  auto a = answer_->take();
  if (!a) return;
  loading_ = false;
  shown_ = std::move(*a);
  std::fprintf(stderr, "gui: progress of %zu trainees, %zu scores\n", shown_.progress.size(), shown_.scores.size());
  std::fflush(stderr);
  for (const auto& s : shown_.scores) fonts_.want(s.set + s.trainee);
  fonts_.want(shown_.error);
}

void ProgressView::draw() {
  if (!shown_.error.empty()) ImGui::TextColored(theme::kError, "%s", shown_.error.c_str());
  if (ImGui::Button(T("ui.train.refresh"))) reload();
  ImGui::SameLine();
  ImGui::TextColored(theme::kMuted, "%s", T("ui.train.progress_hint"));
  draw_charts();
  ImGui::Spacing();
  draw_scores();
}

void ProgressView::draw_charts() {
  if (shown_.progress.empty()) {
    ImGui::TextDisabled("%s", T(loading_ ? "ui.train.loading" : "ui.train.no_answers"));
    return;
  }
  // One trainee's chart at a time, chosen with the buttons above it.
  const store::TraineeProgress* chosen = &shown_.progress.front();
  for (const auto& p : shown_.progress)
    if (p.trainee == trainee_) chosen = &p;
  ImGui::TextColored(theme::kMuted, "%s", T("ui.train.trainee"));
  for (const auto& p : shown_.progress) {
    ImGui::SameLine();
    const bool on = &p == chosen;
    if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(p.trainee.c_str())) trainee_ = p.trainee;
    if (on) ImGui::PopStyleColor();
  }
  const float h = std::max(220.0f, ImGui::GetContentRegionAvail().y * 0.55f);
  draw_progress_chart(chosen->sessions, {ImGui::GetContentRegionAvail().x, h});
}

void ProgressView::draw_scores() {
  ImGui::TextColored(theme::kMuted, "%s", T("ui.train.scores"));
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("##scores", 7, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const char* keys[] = {"ui.train.trainee_col", "ui.train.set_col",     "ui.train.answered",  "ui.train.accuracy",
                        "ui.train.kappa",       "ui.train.ms_per_case", "ui.train.per_reason"};
  // Fixed columns as wide as their header or a set name, whichever is wider (the table is made
  // before the rows arrive, so ImGui cannot fit them to the rows); the reasons take the rest.
  const float em = ImGui::GetFontSize();
  const float least[] = {6 * em, 9 * em, 6 * em, 4 * em, 4 * em, 5 * em, 0};
  for (int i = 0; i < 7; ++i) {
    const float w = std::max(least[i], ImGui::CalcTextSize(T(keys[i])).x + em);
    if (i == 6)
      ImGui::TableSetupColumn(T(keys[i]), ImGuiTableColumnFlags_WidthStretch);
    else
      ImGui::TableSetupColumn(T(keys[i]), ImGuiTableColumnFlags_WidthFixed, w);
  }
  ImGui::TableHeadersRow();
  for (const auto& s : shown_.scores) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%s", s.trainee.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%s", s.set.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%lld / %lld", s.cases, s.set_cases);
    ImGui::TableNextColumn();
    ImGui::Text("%s", s.cases ? percent(s.accuracy).c_str() : "—");
    ImGui::TableNextColumn();
    ImGui::Text("%s", figure(s.kappa).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%.1f s", s.ms_per_case / 1000.0);
    ImGui::TableNextColumn();
    std::string reasons;
    for (const auto& [code, r] : s.per_reason)
      reasons += (reasons.empty() ? "" : T("ui.train.item_sep")) + std::string(T("reason." + code + ".label")) + " " +
                 T("ui.train.precision") + figure(r.precision()) + " " + T("ui.train.recall") + figure(r.recall());
    ImGui::TextWrapped("%s", reasons.empty() ? "—" : reasons.c_str());
  }
  ImGui::EndTable();
}

}  // namespace rs::ui::train
