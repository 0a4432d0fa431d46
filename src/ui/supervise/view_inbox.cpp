#include "ui/supervise/view_inbox.hpp"

#include <imgui.h>

#include "core/domain/reason.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::supervise {
namespace {

// One decision of the pair: who, what, why, when.
void decision_cell(const std::string& reviewer, const std::string& decision, const std::vector<std::string>& reasons,
                   const std::string& at) {
  const bool approved = decision == "approved";
  ImGui::TextColored(approved ? theme::kApprove : theme::kReject, "%s",
                     approved ? T("ui.sup.approved") : T("ui.sup.rejected"));
  ImGui::SameLine();
  std::string when = at.substr(0, std::min<std::size_t>(16, at.size()));  // 2026-12-05 10:32
  if (when.size() > 10) when[10] = ' ';
  ImGui::Text("%s  %s", reviewer.c_str(), when.c_str());
  std::string why;
  for (const auto& c : reasons) why += (why.empty() ? "" : "、") + reason_label(c);
  if (!why.empty()) ImGui::TextWrapped("%s", why.c_str());
}

}  // namespace

InboxView::InboxView(Desk& desk, Fonts& fonts) : desk_(desk), fonts_(fonts) { reload(); }

void InboxView::act_then_reload(std::function<std::string(store::Store&, const accounts::Actor&)> act) {
  loading_ = true;
  desk_.post([act = std::move(act), out = contents_](store::Store& s, const accounts::Actor& sup) {
    Contents c;
    try {
      if (act) c.message = act(s, sup);
      c.disagreements = s.second_review_disagreements(sup, false);
      c.quarantined = s.quarantined();
      c.paused = s.paused_reviewers(sup);
    } catch (const store::Refusal& e) {
      c.message = e.what();
    }
    out->put(std::move(c));
  });
}

void InboxView::reload() { act_then_reload(nullptr); }

void InboxView::poll() {
  auto c = contents_->take();
  if (!c) return;
  loading_ = false;
  disagreements_ = std::move(c->disagreements);
  quarantined_ = std::move(c->quarantined);
  paused_ = std::move(c->paused);
  if (!c->message.empty()) message_ = std::move(c->message);
  fonts_.want(message_);
  for (const auto& d : disagreements_) fonts_.want(d.first_reviewer + d.reviewer);
  for (const auto& p : paused_) fonts_.want(p.reviewer);
}

void InboxView::draw(OverturnDialog& overturn, CaseView& case_view) {
  if (ImGui::Button(T("ui.sup.refresh"))) reload();
  ImGui::SameLine();
  if (loading_)
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.loading"));
  else if (!message_.empty())
    ImGui::TextColored(theme::kMuted, "%s", message_.c_str());
  ImGui::Spacing();
  ImGui::TextColored(theme::kAccent, "%s  %zu", T("ui.sup.inbox.disagreements"), disagreements_.size());
  draw_disagreements(overturn, case_view);
  ImGui::Spacing();
  ImGui::TextColored(theme::kAccent, "%s  %zu", T("ui.sup.inbox.quarantined"), quarantined_.size());
  draw_quarantined();
  // Last, so the sections above keep their place on screen (tests/e2e/supervisor_gui.sh clicks them).
  ImGui::Spacing();
  ImGui::TextColored(theme::kAccent, "%s  %zu", T("ui.sup.inbox.paused"), paused_.size());
  draw_paused();
}

void InboxView::draw_disagreements(OverturnDialog& overturn, CaseView& case_view) {
  if (disagreements_.empty()) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.inbox.none"));
    return;
  }
  const float em = ImGui::GetFontSize();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY;
  const float height = std::min(ImGui::GetContentRegionAvail().y * 0.6f, em * 3.2f * float(disagreements_.size() + 1));
  if (!ImGui::BeginTable("##disagreements", 4, flags, ImVec2(0, height))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(T("ui.sup.col.order"), ImGuiTableColumnFlags_WidthFixed, em * 8);
  ImGui::TableSetupColumn(T("ui.sup.inbox.first"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(T("ui.sup.inbox.second"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(T("ui.sup.inbox.action"), ImGuiTableColumnFlags_WidthFixed, em * 12);
  ImGui::TableHeadersRow();
  for (const auto& d : disagreements_) {
    ImGui::PushID(int(d.id));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const std::string order = d.order_no + " #" + std::to_string(d.attempt_no);
    if (ImGui::Selectable(order.c_str(), false, ImGuiSelectableFlags_AllowDoubleClick) &&
        ImGui::IsMouseDoubleClicked(0))
      case_view.open(d.order_no);
    ImGui::TableNextColumn();
    decision_cell(d.first_reviewer, d.first_decision, d.first_reasons, d.first_decided_at);
    ImGui::TableNextColumn();
    decision_cell(d.reviewer, d.decision, d.reasons, d.decided_at);
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(loading_ || overturn.busy());
    if (ImGui::Button(T("ui.sup.inbox.keep"))) {
      const std::int64_t id = d.id;
      const std::string order = d.order_no;
      act_then_reload([id, order](store::Store& s, const accounts::Actor& sup) {
        s.resolve_disagreement(sup, id, "kept");
        return std::string(T("ui.sup.inbox.kept")) + order;
      });
    }
    ImGui::SameLine();
    if (ImGui::Button(T("ui.sup.inbox.overturn"))) overturn.open({d.order_no, d.first_decision, d.id});
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void InboxView::draw_quarantined() {
  if (quarantined_.empty()) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.inbox.quarantined_none"));
    return;
  }
  const float em = ImGui::GetFontSize();
  if (!ImGui::BeginTable("##quarantined", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) return;
  ImGui::TableSetupColumn(T("ui.sup.col.order"), ImGuiTableColumnFlags_WidthFixed, em * 8);
  ImGui::TableSetupColumn(T("ui.sup.inbox.cause"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(T("ui.sup.inbox.since"), ImGuiTableColumnFlags_WidthFixed, em * 8);
  ImGui::TableSetupColumn(T("ui.sup.inbox.starts"), ImGuiTableColumnFlags_WidthFixed, em * 6);
  ImGui::TableSetupColumn(T("ui.sup.inbox.action"), ImGuiTableColumnFlags_WidthFixed, em * 12);
  ImGui::TableHeadersRow();
  for (const auto& q : quarantined_) {
    ImGui::PushID(q.order_no.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%s #%d", q.order_no.c_str(), q.attempt_no);
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", q.cause.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(q.quarantined_at.substr(0, std::min<std::size_t>(16, q.quarantined_at.size())).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%d", q.starts);
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(loading_);
    if (ImGui::Button(T("ui.sup.inbox.release"))) {
      const std::string order = q.order_no;
      act_then_reload([order](store::Store& s, const accounts::Actor& sup) {
        s.release_quarantined(sup, order);
        return std::string(T("ui.sup.inbox.released")) + order;
      });
    }
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// Who is paused and why: the gold record that paused them against the threshold then.
void InboxView::draw_paused() {
  if (paused_.empty()) {
    ImGui::TextColored(theme::kMuted, "%s", T("ui.sup.inbox.paused_none"));
    return;
  }
  const float em = ImGui::GetFontSize();
  if (!ImGui::BeginTable("##paused", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) return;
  ImGui::TableSetupColumn(T("ui.sup.col.reviewer"), ImGuiTableColumnFlags_WidthFixed, em * 8);
  ImGui::TableSetupColumn(T("ui.sup.inbox.cause"), ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn(T("ui.sup.inbox.paused_since"), ImGuiTableColumnFlags_WidthFixed, em * 8);
  ImGui::TableSetupColumn(T("ui.sup.inbox.action"), ImGuiTableColumnFlags_WidthFixed, em * 12);
  ImGui::TableHeadersRow();
  for (const auto& p : paused_) {
    ImGui::PushID(p.reviewer.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(p.reviewer.c_str());
    ImGui::TableNextColumn();
    const int pct = p.answered ? int(100.0 * p.correct / p.answered) : 0;
    ImGui::Text("%s %d/%d (%d %%), %s %d %%", T("ui.sup.inbox.paused_record"), p.correct, p.answered, pct,
                T("ui.sup.inbox.paused_below"), int(p.pause_below * 100 + 0.5));
    ImGui::TableNextColumn();
    std::string when = p.paused_at.substr(0, std::min<std::size_t>(16, p.paused_at.size()));  // 2026-12-05 10:32
    if (when.size() > 10) when[10] = ' ';
    ImGui::TextUnformatted(when.c_str());
    ImGui::TableNextColumn();
    ImGui::BeginDisabled(loading_);
    if (ImGui::Button(T("ui.sup.inbox.unpause"))) {
      const std::string name = p.reviewer;
      act_then_reload([name](store::Store& s, const accounts::Actor& sup) {
        s.unpause(sup, name);
        return std::string(T("ui.sup.inbox.unpaused")) + name;
      });
    }
    ImGui::EndDisabled();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace rs::ui::supervise
