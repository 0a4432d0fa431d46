#include "ui/review/view_findings.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/i18n/text.hpp"
#include "ui/shell/layout.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {
namespace {

void verdict_chip(findings::Verdict v) {
  std::string key = "verdict." + std::string(findings::verdict_code(v));
  ImVec4 c = theme::verdict_colour(v);
  ImGui::PushStyleColor(ImGuiCol_Text, c);
  ImGui::TextUnformatted(T(key));
  ImGui::PopStyleColor();
}

void score_bar(int score, findings::Verdict v) {
  if (score < 0) {
    ImGui::TextDisabled("—");
    return;
  }
  ImVec2 p = ImGui::GetCursorScreenPos();
  float w = ImGui::GetContentRegionAvail().x, h = ImGui::GetTextLineHeight();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled({p.x, p.y + 3}, {p.x + w, p.y + h - 3}, IM_COL32(255, 255, 255, 25), 2);
  dl->AddRectFilled({p.x, p.y + 3}, {p.x + w * float(score) / 100.0f, p.y + h - 3}, theme::verdict_u32(v, 0.55f), 2);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d", score);
  ImVec2 ts = ImGui::CalcTextSize(buf);
  dl->AddText({p.x + (w - ts.x) / 2, p.y}, IM_COL32(240, 240, 240, 255), buf);
  ImGui::Dummy({w, h});
}

}  // namespace

std::string rule_name(const std::string& id) {
  for (const std::string& key : {"rule." + id + ".name", "rule." + id}) {
    std::string_view v = rs::tr(key);
    if (v != key) return std::string(v);
  }
  return id;
}

std::string detail_text(const findings::Finding& f) {
  // A cannot-assess cause has a key in the text table (findings/cause.hpp); other details are notes.
  if (f.detail_key.empty()) return f.detail;
  std::string_view v = rs::tr(f.detail_key);
  return v == f.detail_key ? f.detail : std::string(v);
}

std::string value_text(const findings::Finding& f) {
  if (f.verdict == findings::Verdict::CannotAssess) return "—";
  char buf[64];
  double v = f.value;
  if (std::fabs(v - std::round(v)) < 1e-9 && std::fabs(v) < 1e9)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else if (std::fabs(v) >= 100)
    std::snprintf(buf, sizeof buf, "%.1f", v);
  else
    std::snprintf(buf, sizeof buf, "%.2f", v);
  std::string s = buf;
  if (f.unit.empty()) return s;
  std::string key = "ui.unit." + f.unit;
  std::string_view u = rs::tr(key);
  if (u == key) u = f.unit;                        // a unit the table does not know: as the engine says it
  if (u.empty()) return s;                         // unitless ratios and shares
  if (f.unit == "deg") return s + std::string(u);  // 2.3°
  return s + " " + std::string(u);
}

void FindingsView::draw(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts) {
  ImGuiWindowFlags flags = place_panel(Panel::Findings, state.reset_layout, 1.0f) | ImGuiWindowFlags_NoCollapse;
  state.hovered_finding = -1;
  bool open = ImGui::Begin(titled("ui.findings.title", "findings").c_str(), nullptr, flags);
  note_panel_rect(Panel::Findings);
  if (open) {
    const review::ReviewItem* item = snap.current.get();
    if (item) draw_order(*item);
    if (!item) {
      ImGui::TextDisabled("%s", T("ui.findings.no_order"));
    } else if (item->analysis) {
      draw_summary(*item->analysis, fonts);
      draw_table(*item->analysis, state);
    } else if (snap.engine == review::EngineState::Failed) {
      ImGui::TextColored(theme::kError, "%s", T("ui.findings.engine_failed"));
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(theme::kMuted, "%s", snap.engine_error.c_str());
      ImGui::PopTextWrapPos();
    } else {
      const char spin[] = "|/-\\";
      ImGui::TextColored(
          theme::kMuted, "%s %c",
          T(snap.engine == review::EngineState::Loading ? "ui.findings.engine_loading" : "ui.findings.analysing"),
          spin[int(ImGui::GetTime() * 8) % 4]);
    }
  }
  ImGui::End();
}

void FindingsView::draw_order(const review::ReviewItem& item) {
  const auto& o = item.claim.order;
  std::string doc = doc_type_label(o.doc_type);
  if (ImGui::BeginTable("order_facts", 2, ImGuiTableFlags_SizingFixedFit)) {
    ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);  // wraps in a narrow panel
    auto row = [](const char* k, const std::string& v, ImVec4 c = ImVec4(0.92f, 0.92f, 0.94f, 1)) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextColored(theme::kMuted, "%s", k);
      ImGui::TableNextColumn();
      ImGui::PushTextWrapPos(0.0f);
      ImGui::TextColored(c, "%s", v.c_str());
      ImGui::PopTextWrapPos();
    };
    row(T("ui.order.applicant"), o.applicant_name);
    row(T("ui.order.doc_type"), doc + "  ·  " + o.city + T("ui.order.city_suffix"));
    if (item.claim.attempt.attempt_no > 1)
      row(T("ui.order.attempt"), std::to_string(item.claim.attempt.attempt_no) + T("ui.order.resubmission"),
          theme::kWarn);
    ImGui::EndTable();
  }
  ImGui::Separator();
}

void FindingsView::draw_summary(const findings::Analysis& a, const Fonts& fonts) {
  using V = findings::Verdict;
  int fails = a.count(V::Fail) + a.count(V::CannotAssess), warns = a.count(V::Warn), passes = a.count(V::Pass);
  ImGui::PushFont(fonts.heading);
  ImGui::TextColored(theme::verdict_colour(V::Fail), "%s %d", T("verdict.fail"), fails);
  ImGui::SameLine(0, 18);
  ImGui::TextColored(theme::verdict_colour(V::Warn), "%s %d", T("verdict.warn"), warns);
  ImGui::SameLine(0, 18);
  ImGui::TextColored(theme::verdict_colour(V::Pass), "%s %d", T("verdict.pass"), passes);
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::TextDisabled("  %.0f ms", a.elapsed_ms);
  if (!a.assessable) ImGui::TextColored(theme::verdict_colour(V::CannotAssess), "%s", T("ui.findings.not_assessable"));
}

void FindingsView::draw_table(const findings::Analysis& a, ViewState& state) {
  // A finding per row: the rule's name, then the measured value against its threshold, wrapped
  // to the column (long thresholds with their warn band never run past the panel's edge).
  // Rows are told apart by lines, not by alternating fills: those were a barely visible 2.5% tint
  // over half the list that a software rasteriser filled again every frame.
  ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("findings", 3, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  // As wide as the widest verdict ("Cannot assess" is three times 无法评估's width in English).
  float verdict_w = ImGui::CalcTextSize(T("ui.findings.col.verdict")).x;
  for (auto v :
       {findings::Verdict::Pass, findings::Verdict::Warn, findings::Verdict::Fail, findings::Verdict::CannotAssess})
    verdict_w = std::max(verdict_w, ImGui::CalcTextSize(T("verdict." + std::string(findings::verdict_code(v)))).x);
  ImGui::TableSetupColumn(T("ui.findings.col.verdict"), ImGuiTableColumnFlags_WidthFixed,
                          std::max(ImGui::GetFontSize() * 4.2f, verdict_w));
  ImGui::TableSetupColumn(T("ui.findings.col.rule"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(T("ui.findings.col.score"), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3.4f);
  ImGui::TableHeadersRow();
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    const auto& f = a.findings[i];
    ImGui::PushID(int(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    verdict_chip(f.verdict);
    // A verdict the engine is not sure of says so under it, where the reviewer's eye already is.
    if (f.confidence == findings::Confidence::Low) ImGui::TextColored(theme::kMuted, "%s", T("ui.findings.unsure"));
    ImGui::TableNextColumn();
    // The row's selectable spans every column (drawn behind them), as tall as this cell's text.
    std::string name = rule_name(f.rule_id);
    std::string measure = value_text(f) + "  ·  " + T("ui.findings.col.threshold") + " " +
                          (f.threshold.empty() ? std::string("—") : f.threshold);
    float wrap = std::max(1.0f, ImGui::GetContentRegionAvail().x);
    float row_h = ImGui::CalcTextSize(name.c_str(), nullptr, false, wrap).y + ImGui::GetStyle().ItemSpacing.y +
                  ImGui::CalcTextSize(measure.c_str(), nullptr, false, wrap).y;
    ImVec2 cell = ImGui::GetCursorScreenPos();
    bool pinned = state.pinned_finding == int(i);
    if (ImGui::Selectable("##row", pinned, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                          {0, row_h}))
      state.pinned_finding = pinned ? -1 : int(i);
    bool hovered = ImGui::IsItemHovered();
    ImGui::SetCursorScreenPos(cell);
    ImGui::PushTextWrapPos(0.0f);  // the column's right edge
    ImGui::TextUnformatted(name.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kMuted);
    ImGui::TextUnformatted(measure.c_str());
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    ImGui::TableNextColumn();
    score_bar(f.score, f.verdict);
    if (hovered) {
      state.hovered_finding = int(i);
      ImGui::BeginTooltip();
      ImGui::TextUnformatted(f.rule_id.c_str());
      ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
      ImGui::TextUnformatted(measure.c_str());
      ImGui::PopTextWrapPos();
      if (!f.reason_code.empty())
        ImGui::Text("%s %s", T("ui.findings.suggests"), T("reason." + f.reason_code + ".label"));
      if (f.verdict != findings::Verdict::CannotAssess)
        ImGui::Text("%s %s", T("ui.findings.confidence"),
                    T(f.confidence == findings::Confidence::Low ? "ui.findings.confidence.low"
                                                                : "ui.findings.confidence.high"));
      if (!f.detail.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
        ImGui::TextUnformatted(detail_text(f).c_str());
        ImGui::PopTextWrapPos();
      }
      ImGui::EndTooltip();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace rs::ui
