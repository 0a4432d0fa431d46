#include "ui/supervise/view_overruled.hpp"

#include <imgui.h>

#include "core/store/store.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"
#include "ui/supervise/view_case.hpp"

namespace rs::ui::supervise {
namespace {
constexpr int kColumns = 7;

// "ORDER#2" -> "ORDER": the case view opens an order with every attempt.
std::string order_of(const std::string& item) { return item.substr(0, item.find('#')); }
}  // namespace

OverruledView::OverruledView(Desk& desk, Fonts& fonts) : desk_(desk), fonts_(fonts) {}

void OverruledView::reload() {
  loading_ = true;
  desk_.post(
      [q = store::FiguresQuery{period_.from, period_.to}, out = answer_](store::Store& s, const accounts::Actor& sup) {
        Answer a;
        try {
          a.rules = s.overruled_rules(sup, q);
        } catch (const store::Refusal& e) {
          a.error = e.what();
        }
        out->put(std::move(a));
      });
}

void OverruledView::poll() {
  auto a = answer_->take();
  if (!a) return;
  loading_ = false;
  rules_ = std::move(a->rules);
  error_ = std::move(a->error);
  fonts_.want(error_);
}

void OverruledView::draw(CaseView& case_view) {
  draw_period();
  ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.rules.explain"));
  if (rules_.empty()) {
    ImGui::TextColored(theme::kMuted, "%s", T(loading_ ? "ui.sup.loading" : "ui.sup.rules.none"));
    return;
  }
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
  if (!ImGui::BeginTable("##overruled", kColumns, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const char* columns[kColumns] = {
      "ui.sup.rules.rule",   "ui.sup.rules.reason",          "ui.sup.rules.failed", "ui.sup.rules.approved_anyway",
      "ui.sup.rules.passed", "ui.sup.rules.rejected_anyway", "ui.sup.rules.rate"};
  for (int c = 0; c < kColumns; ++c)
    ImGui::TableSetupColumn(T(columns[c]),
                            c == 0 ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableHeadersRow();
  for (const auto& r : rules_) draw_rule(r, case_view);
  ImGui::EndTable();
}

void OverruledView::draw_period() {
  if (period_.draw("overruled", loading_)) reload();
  if (!error_.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(theme::kError, "%s", error_.c_str());
  }
}

// One row per rule; its cases open under the rule's name, each a link to the case view.
void OverruledView::draw_rule(const figures::OverruledRule& r, CaseView& case_view) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::PushID(r.rule.c_str());
  const std::string title = std::string(T("rule." + r.rule)) + "  (" + r.rule + ")";
  const bool open = ImGui::TreeNodeEx(title.c_str(), ImGuiTreeNodeFlags_SpanFullWidth);
  ImGui::TableNextColumn();
  if (!r.reason.empty()) ImGui::TextUnformatted(T("reason." + r.reason + ".label"));
  ImGui::TableNextColumn();
  ImGui::Text("%lld", r.failed);
  ImGui::TableNextColumn();
  ImGui::TextColored(r.approved_anyway ? theme::kWarn : theme::kMuted, "%lld", r.approved_anyway);
  ImGui::TableNextColumn();
  ImGui::Text("%lld", r.passed);
  ImGui::TableNextColumn();
  ImGui::TextColored(r.rejected_anyway ? theme::kWarn : theme::kMuted, "%lld", r.rejected_anyway);
  ImGui::TableNextColumn();
  ImGui::Text("%.1f%%", r.overrule_rate() * 100.0);
  if (open) {
    for (const auto& item : r.cases) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (ImGui::Selectable(item.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) case_view.open(order_of(item));
    }
    ImGui::TreePop();
  }
  ImGui::PopID();
}

}  // namespace rs::ui::supervise
