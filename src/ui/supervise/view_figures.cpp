#include "ui/supervise/view_figures.hpp"

#include "ui/supervise/view_agreement.hpp"

#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

#include "core/store/store.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::supervise {
namespace {

// Decisions and approvals per day of one reviewer, or of every reviewer ("" selected), in date order.
std::map<std::string, std::pair<long long, long long>> per_day(const figures::FiguresReport& r,
                                                               const std::string& selected) {
  std::map<std::string, std::pair<long long, long long>> days;
  for (const auto& f : r.reviewers)
    if (selected.empty() || f.reviewer == selected)
      for (const auto& d : f.days) {
        days[d.date].first += d.decisions;
        days[d.date].second += d.approvals;
      }
  return days;
}

// Rejections per reason code of one reviewer, or of every reviewer, most first.
std::vector<std::pair<std::string, long long>> reason_mix(const figures::FiguresReport& r,
                                                          const std::string& selected) {
  std::map<std::string, long long> sum;
  for (const auto& f : r.reviewers)
    if (selected.empty() || f.reviewer == selected)
      for (const auto& [code, n] : f.reasons) sum[code] += n;
  std::vector<std::pair<std::string, long long>> mix(sum.begin(), sum.end());
  std::stable_sort(mix.begin(), mix.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return mix;
}

// figures-2026-12-05T103207.csv beside the database: a supervisor finds it where the data lives.
std::filesystem::path csv_path(const std::string& db_path) {
  std::string stamp = iso8601_cst(now_ms()).substr(0, 19);
  stamp.erase(std::remove(stamp.begin(), stamp.end(), ':'), stamp.end());
  return std::filesystem::absolute(db_path).parent_path() / ("figures-" + stamp + ".csv");
}

}  // namespace

FiguresView::FiguresView(Desk& desk, Fonts& fonts) : desk_(desk), fonts_(fonts) { reload(); }

void FiguresView::reload() {
  loading_ = true;
  desk_.post(
      [q = store::FiguresQuery{period_.from, period_.to}, out = answer_](store::Store& s, const accounts::Actor& sup) {
        Answer a;
        try {
          a.report = s.figures(sup, q);
        } catch (const store::Refusal& e) {
          a.error = e.what();
        }
        out->put(std::move(a));
      });
}

// The figures of the period as `reviewstation figures --csv` prints them, read again so the file
// matches the period on screen even when decisions came in since.
void FiguresView::export_csv() {
  loading_ = true;
  const auto path = csv_path(desk_.db_path());
  desk_.post([q = store::FiguresQuery{period_.from, period_.to}, path, out = answer_](store::Store& s,
                                                                                      const accounts::Actor& sup) {
    Answer a;
    try {
      a.report = s.figures(sup, q);
      std::ofstream f(path);
      f << figures::csv_header() << "\n";
      for (const auto& r : a.report.reviewers) f << figures::csv_row(r) << "\n";
      a.exported = f ? path.string() : std::string();
      if (!f) a.error = "cannot write " + path.string();
    } catch (const store::Refusal& e) {
      a.error = e.what();
    }
    out->put(std::move(a));
  });
}

void FiguresView::poll() {
  auto a = answer_->take();
  if (!a) return;
  loading_ = false;
  report_ = std::move(a->report);
  error_ = std::move(a->error);
  if (!a->exported.empty()) exported_ = std::move(a->exported);
  fonts_.want(error_ + exported_);
  for (const auto& r : report_.reviewers) fonts_.want(r.reviewer);
}

void FiguresView::draw() {
  draw_period();
  draw_table();
  ImGui::Spacing();
  if (auto first = draw_agreement_matrix(report_.pairs)) pair_clicked_ = std::move(first);
  ImGui::Spacing();
  // Below the table: the chosen reviewer's days and reason mix (a click on a row), or everyone's.
  const std::string whose = selected_.empty() ? std::string(T("ui.sup.fig.everyone")) : selected_;
  ImGui::TextColored(theme::kAccent, "%s%s", T("ui.sup.fig.showing"), whose.c_str());
  if (ImGui::BeginTable("##fig_charts", 2, ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("days", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("reasons", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextColumn();
    draw_chart();
    ImGui::TableNextColumn();
    draw_reason_mix();
    ImGui::EndTable();
  }
}

// One bar per reason code, its share of the rejections beside it.
void FiguresView::draw_reason_mix() {
  const auto mix = reason_mix(report_, selected_);
  ImGui::TextColored(theme::kAccent, "%s", T("ui.sup.fig.reason_mix"));
  if (mix.empty()) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.fig.no_rejections"));
    return;
  }
  long long total = 0;
  for (const auto& [code, n] : mix) total += n;
  const float em = ImGui::GetFontSize();
  const float label_w = em * 9, bar_w = std::max(em * 4, ImGui::GetContentRegionAvail().x - label_w - em * 6);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (const auto& [code, n] : mix) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::TextUnformatted(T("reason." + code + ".label"));
    const float share = float(n) / float(total);
    // The most frequent reason fills the bar's width; the others in proportion to it.
    const float end_x = at.x + label_w + bar_w * float(n) / float(mix.front().second);
    dl->AddRectFilled(ImVec2(at.x + label_w, at.y + em * 0.2f), ImVec2(end_x, at.y + em * 1.0f),
                      ImGui::GetColorU32(theme::kReject));
    ImGui::SameLine();
    ImGui::SetCursorScreenPos(ImVec2(end_x + em * 0.4f, at.y));
    ImGui::TextColored(theme::kMuted, "%lld (%.0f%%)", n, share * 100.0);
  }
}

void FiguresView::draw_period() {
  const bool go = period_.draw("figures", loading_);
  ImGui::SameLine();
  ImGui::BeginDisabled(loading_);
  if (ImGui::Button(T("ui.sup.fig.export"))) export_csv();
  ImGui::EndDisabled();
  if (go) reload();
  ImGui::SameLine();
  if (loading_)
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.loading"));
  else if (!error_.empty())
    ImGui::TextColored(theme::kError, "%s", error_.c_str());
  else if (!exported_.empty())
    ImGui::TextColored(theme::kMuted, "%s%s", T("ui.sup.fig.exported"), exported_.c_str());
  else
    ImGui::NewLine();  // the table starts below, not beside, the buttons
}

void FiguresView::draw_table() {
  if (report_.reviewers.empty()) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.fig.none"));
    return;
  }
  const char* columns[] = {"ui.sup.col.reviewer", "ui.sup.fig.decisions", "ui.sup.fig.per_hour", "ui.sup.fig.p50",
                           "ui.sup.fig.p90",      "ui.sup.fig.approval",  "ui.sup.fig.engine",   "ui.sup.fig.overturn",
                           "ui.sup.fig.second",   "ui.sup.fig.kappa"};
  if (!ImGui::BeginTable("##figures", 10, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) return;
  for (const char* c : columns) ImGui::TableSetupColumn(T(c), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  auto percent = [](double v) { ImGui::Text("%.1f%%", v * 100.0); };
  for (const auto& f : report_.reviewers) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    // A click chooses the reviewer whose days and reasons show below; a second click everyone's.
    if (ImGui::Selectable(f.reviewer.c_str(), selected_ == f.reviewer, ImGuiSelectableFlags_SpanAllColumns))
      selected_ = selected_ == f.reviewer ? std::string() : f.reviewer;
    ImGui::TableNextColumn();
    ImGui::Text("%lld", f.decisions);
    ImGui::TableNextColumn();
    ImGui::Text("%.1f", f.per_hour);
    ImGui::TableNextColumn();
    ImGui::Text("%.1f", f.review_ms_p50 / 1000.0);
    ImGui::TableNextColumn();
    ImGui::Text("%.1f", f.review_ms_p90 / 1000.0);
    ImGui::TableNextColumn();
    percent(f.approval_rate);
    ImGui::TableNextColumn();
    if (f.engine_agreement) percent(*f.engine_agreement);
    ImGui::TableNextColumn();
    percent(f.overturn_rate);
    ImGui::TableNextColumn();
    ImGui::Text("%lld", f.second_reviews);
    ImGui::TableNextColumn();
    if (f.kappa)
      ImGui::Text("%.2f", *f.kappa);
    else
      ImGui::TextColored(theme::kMuted, "-");
  }
  ImGui::EndTable();
}

// Stacked bars per day: approvals in green under rejections in red, the count above each bar and
// the date (MM-DD) under it; at most the last 31 days of the period.
void FiguresView::draw_chart() {
  auto days = per_day(report_, selected_);
  ImGui::TextColored(theme::kAccent, "%s", T("ui.sup.fig.per_day"));
  if (days.empty()) return;
  while (days.size() > 31) days.erase(days.begin());
  const float em = ImGui::GetFontSize();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float height = std::clamp(ImGui::GetContentRegionAvail().y - em * 0.5f, em * 8, em * 16);
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::Dummy(ImVec2(width, height));
  long long top = 1;
  for (const auto& [date, n] : days) top = std::max(top, n.first);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float label_h = em * 1.3f, plot_h = height - 2 * label_h;
  const float slot = std::min(em * 4, width / float(days.size()));
  const float bar = slot * 0.6f;
  const ImU32 approve = ImGui::GetColorU32(theme::kApprove), reject = ImGui::GetColorU32(theme::kReject);
  const ImU32 text = ImGui::GetColorU32(theme::kMuted);
  float x = origin.x;
  for (const auto& [date, n] : days) {
    const float base = origin.y + label_h + plot_h;
    const float h_all = plot_h * float(n.first) / float(top), h_ok = plot_h * float(n.second) / float(top);
    dl->AddRectFilled(ImVec2(x, base - h_ok), ImVec2(x + bar, base), approve);
    dl->AddRectFilled(ImVec2(x, base - h_all), ImVec2(x + bar, base - h_ok), reject);
    const std::string count = std::to_string(n.first);
    dl->AddText(ImVec2(x + (bar - ImGui::CalcTextSize(count.c_str()).x) / 2, base - h_all - label_h), text,
                count.c_str());
    const std::string md = date.size() >= 10 ? date.substr(5) : date;
    dl->AddText(ImVec2(x + (bar - ImGui::CalcTextSize(md.c_str()).x) / 2, base + em * 0.2f), text, md.c_str());
    x += slot;
  }
}

}  // namespace rs::ui::supervise
