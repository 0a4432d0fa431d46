#include "ui/review/view_queue.hpp"

#include <imgui.h>

#include "core/review/duration_text.hpp"
#include "ui/shell/layout.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {
namespace {

// One figure: small caption above a big number.
void figure(const char* caption, const std::string& value, const Fonts& fonts, ImVec4 colour, float width) {
  ImGui::BeginGroup();
  ImGui::TextColored(theme::kMuted, "%s", caption);
  ImGui::PushFont(fonts.heading);
  ImGui::TextColored(colour, "%s", value.c_str());
  ImGui::PopFont();
  ImGui::EndGroup();
  ImGui::SameLine(0, 0);
  ImGui::Dummy({std::max(0.0f, width - ImGui::GetItemRectSize().x), 1});
}

// Orders taken out of the queue because their photo stopped a workstation (store_quarantine.cpp):
// a count that stands out when it is not zero, and which orders and why on hover.
void quarantine_line(const review::SessionSnapshot& snap) {
  const auto& rows = snap.quarantined;
  ImGui::TextColored(rows.empty() ? theme::kMuted : theme::kWarn, "%s %zu", T("ui.queue.quarantined"), rows.size());
  if (!ImGui::IsItemHovered()) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
  ImGui::TextUnformatted(rows.empty() ? T("ui.queue.quarantined_none") : T("ui.queue.quarantined_tip"));
  ImGui::PopTextWrapPos();
  for (const auto& r : rows) {
    std::string when = r.quarantined_at.substr(0, 16);  // 2026-11-21 08:30
    if (when.size() > 10) when[10] = ' ';
    ImGui::Text("%s %s%d  %s %s  %s %d", r.order_no.c_str(), T("ui.queue.attempt_tag"), r.attempt_no,
                T("ui.queue.quarantined_since"), when.c_str(), T("ui.queue.quarantined_starts"), r.starts);
  }
  ImGui::EndTooltip();
}

}  // namespace

void QueueView::draw(const review::SessionSnapshot& snap, ViewState& state, const Fonts& fonts) {
  ImGuiWindowFlags flags = place_panel(Panel::Queue, state.reset_layout, 1.0f) | ImGuiWindowFlags_NoCollapse;
  bool open = ImGui::Begin(titled("ui.queue.title", "queue").c_str(), nullptr, flags);
  note_panel_rect(Panel::Queue);
  if (open) {
    draw_figures(snap, fonts);
    ImGui::Separator();
    draw_list(snap);
  }
  ImGui::End();
}

void QueueView::draw_figures(const review::SessionSnapshot& snap, const Fonts& fonts) {
  const auto& s = snap.stats;
  float col = ImGui::GetContentRegionAvail().x / 2;
  figure(T("ui.queue.pending"), std::to_string(s.pending), fonts, theme::kAccent, col);
  ImGui::SameLine();
  // The oldest wait keeps growing between refreshes (which only happen when something changed).
  Millis oldest = s.oldest_wait_ms + std::max<Millis>(0, now_ms() - snap.stats_at);
  ImVec4 wait_colour = oldest > 24LL * 3600 * 1000 ? theme::kError : ImVec4(0.9f, 0.9f, 0.92f, 1);
  figure(T("ui.queue.oldest_wait"), s.pending ? review::duration_text(oldest) : "—", fonts, wait_colour, col);
  figure(T("ui.queue.mine_today"), std::to_string(s.mine_today), fonts, ImVec4(0.9f, 0.9f, 0.92f, 1), col);
  ImGui::SameLine();
  ImGui::BeginGroup();
  ImGui::TextColored(theme::kMuted, "%s", T("ui.queue.split"));
  ImGui::TextColored(theme::kApprove, "%s %d", T("ui.queue.approved"), s.mine_approved_today);
  ImGui::SameLine();
  ImGui::TextColored(theme::kReject, "%s %d", T("ui.queue.rejected"), s.mine_rejected_today);
  ImGui::EndGroup();
  quarantine_line(snap);
  // Drawn decisions of colleagues waiting for a blind second look (station menu: 二次复核).
  ImGui::TextColored(s.second_reviews_waiting ? theme::kWarn : theme::kMuted, "%s %d", T("ui.queue.second_reviews"),
                     s.second_reviews_waiting);
  if (snap.queue_empty && !snap.current) ImGui::TextColored(theme::kApprove, "%s", T("ui.queue.empty"));
}

void QueueView::draw_list(const review::SessionSnapshot& snap) {
  const std::string current_no = snap.current ? snap.current->claim.order.order_no : "";
  // Lines between rows instead of alternating fills (see the findings table).
  ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_BordersInnerH |
                          ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
  if (!ImGui::BeginTable("queue_list", 4, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(T("ui.queue.col.order"), ImGuiTableColumnFlags_WidthStretch, 2.2f);
  ImGui::TableSetupColumn(T("ui.queue.col.doc"), ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn(T("ui.queue.col.city"), ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn(T("ui.queue.col.wait"), ImGuiTableColumnFlags_WidthStretch, 1.4f);
  ImGui::TableHeadersRow();
  Millis now = now_ms();
  ImGuiListClipper clipper;
  clipper.Begin(int(snap.queue.size()));
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const auto& row = snap.queue[std::size_t(i)];
      ImGui::TableNextRow();
      bool is_current = row.order_no == current_no;
      bool leased_by_other = row.lease_owner && *row.lease_owner != owner_;
      if (is_current) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, IM_COL32(40, 90, 150, 120));
      ImGui::TableNextColumn();
      ImVec4 c = leased_by_other ? theme::kMuted : ImVec4(0.92f, 0.92f, 0.94f, 1);
      ImGui::TextColored(c, "%s", row.order_no.c_str());
      if (row.attempt_no > 1) {
        ImGui::SameLine();
        ImGui::TextColored(theme::kWarn, "%s%d", T("ui.queue.attempt_tag"), row.attempt_no);
      }
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::Text("%s %s", T("ui.queue.submitted"), row.submitted_at.c_str());
        ImGui::Text("%s %d", T("ui.order.attempt"), row.attempt_no);
        if (row.lease_owner) ImGui::Text("%s %s", T("ui.queue.leased_by"), row.lease_owner->c_str());
        ImGui::EndTooltip();
      }
      ImGui::TableNextColumn();
      std::string doc = doc_type_label(row.doc_type, true);
      ImGui::TextUnformatted(doc.c_str());
      if (ImGui::IsItemHovered()) {
        std::string full = doc_type_label(row.doc_type);
        if (full != doc) ImGui::SetTooltip("%s", full.c_str());
      }
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(row.city.c_str());
      ImGui::TableNextColumn();
      if (is_current)
        ImGui::TextColored(theme::kAccent, "%s", T("ui.queue.reviewing"));
      else if (leased_by_other)
        ImGui::TextColored(theme::kMuted, "%s", T("ui.queue.taken"));
      else
        ImGui::TextUnformatted(review::duration_text(now - row.submitted_ms).c_str());
    }
  }
  ImGui::EndTable();
}

}  // namespace rs::ui
