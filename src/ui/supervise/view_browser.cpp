#include "ui/supervise/view_browser.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "core/domain/city.hpp"
#include "core/domain/doc_type.hpp"
#include "core/domain/reason.hpp"
#include "ui/shell/keys.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::supervise {
namespace {

// A combo over "all" and `count` named items; returns true when the choice changed.
template <class NameOf>
bool filter_combo(const char* label, int& index, int count, NameOf name_of, float width) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);  // before the box: ImGui would put it after
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  const std::string shown = index == 0 ? std::string(T("ui.sup.filter.any")) : name_of(index - 1);
  bool changed = false;
  if (ImGui::BeginCombo((std::string("##") + label).c_str(), shown.c_str())) {
    for (int i = 0; i <= count; ++i) {
      const std::string item = i == 0 ? std::string(T("ui.sup.filter.any")) : name_of(i - 1);
      if (ImGui::Selectable((item + "##" + std::to_string(i)).c_str(), i == index)) {
        changed = i != index;
        index = i;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

std::string joined_reasons(const std::vector<std::string>& codes) {
  std::string s;
  for (const auto& c : codes) s += (s.empty() ? "" : "、") + reason_label(c);
  return s;
}

// "12-05 10:32" from "2026-12-05T10:32:07.123+08:00": the year is in the period filter.
std::string short_time(const std::string& iso) {
  if (iso.size() < 16) return iso;
  return iso.substr(5, 5) + " " + iso.substr(11, 5);
}

// A column's value as a sortable key: numbers first, then text (columns hold one or the other).
struct SortKey {
  std::int64_t number = 0;
  std::string text;
  bool operator<(const SortKey& o) const { return number != o.number ? number < o.number : text < o.text; }
};

SortKey sort_key(const store::DecisionRow& r, int column) {
  switch (column) {
    case 0: return {r.decided_ms, {}};
    case 1: return {0, r.order_no + "#" + std::to_string(1000 + r.attempt_no)};
    case 2: return {0, r.reviewer};
    case 3: return {0, r.decision};
    case 4: return {0, joined_reasons(r.reasons)};
    case 5: return {r.review_ms, {}};
    case 6: return {0, r.doc_type};
    case 7: return {0, r.city};
    case 8: return {0, r.applicant_masked};
    case 9: return {0, r.id_number_masked};
    case 10: return {0, r.engine_verdict.value_or("")};
    case 11: return {r.second_review_agrees ? (*r.second_review_agrees ? 2 : 1) : 0, {}};
    default: return {r.overturned ? 1 : 0, {}};
  }
}

void label_cell(const char* text, ImVec4 colour) { ImGui::TextColored(colour, "%s", text); }

}  // namespace

BrowserView::BrowserView(Desk& desk, Fonts& fonts) : desk_(desk), fonts_(fonts) { reload(); }

store::BrowseFilter BrowserView::filter_from_inputs() const {
  store::BrowseFilter f;
  f.reviewer = reviewer_;
  f.from = from_;
  f.to = to_;
  if (outcome_ == 1) f.outcome = store::Outcome::Approve;
  if (outcome_ == 2) f.outcome = store::Outcome::Reject;
  if (reason_ > 0) f.reason = std::string(all_reasons()[reason_ - 1].code);
  if (doc_type_ > 0) f.doc_type = std::string(doc_type_code(all_doc_types()[doc_type_ - 1]));
  if (city_ > 0) f.city = std::string(guangdong_cities()[city_ - 1].name_zh);
  f.engine_disagreed = engine_disagreed_;
  f.second_review_disagreed = second_disagreed_;
  f.overturned = overturned_;
  return f;
}

void BrowserView::reload() {
  ++generation_;
  rows_.clear();
  view_.clear();
  selected_ = -1;
  at_end_ = false;
  error_.clear();
  loading_ = false;
  request_page();
}

void BrowserView::show_second_disagreements(const std::string& first_reviewer) {
  std::snprintf(reviewer_, sizeof reviewer_, "%s", first_reviewer.c_str());
  from_[0] = to_[0] = '\0';
  outcome_ = reason_ = doc_type_ = city_ = 0;
  engine_disagreed_ = overturned_ = false;
  second_disagreed_ = true;
  reload();
}

void BrowserView::request_page() {
  if (loading_ || at_end_) return;
  loading_ = true;
  std::optional<store::BrowseKey> after;
  if (!rows_.empty()) after = rows_.back().key();
  desk_.post(
      [f = filter_from_inputs(), after, gen = generation_, out = pages_](store::Store& s, const accounts::Actor& sup) {
        Page page{gen, {}, {}};
        try {
          page.rows = s.browse_decisions(sup, f, after, kPageRows);
        } catch (const store::Refusal& e) {
          page.error = e.what();
        }
        out->put(std::move(page));
      });
}

void BrowserView::sort_loaded() {
  view_.resize(rows_.size());
  for (std::size_t i = 0; i < view_.size(); ++i) view_[i] = int(i);
  if (sort_column_ < 0) return;  // the paging order
  std::stable_sort(view_.begin(), view_.end(), [&](int a, int b) {
    const SortKey ka = sort_key(rows_[std::size_t(a)], sort_column_),
                  kb = sort_key(rows_[std::size_t(b)], sort_column_);
    return sort_ascending_ ? ka < kb : kb < ka;
  });
}

void BrowserView::poll() {
  auto page = pages_->take();
  if (!page || page->generation != generation_) return;
  loading_ = false;
  error_ = page->error;
  at_end_ = !error_.empty() || int(page->rows.size()) < kPageRows;
  for (auto& r : page->rows) {
    fonts_.want(r.applicant_masked);
    fonts_.want(r.reviewer);
    rows_.push_back(std::move(r));
  }
  sort_loaded();
  std::fprintf(stderr, "gui: browser shows %zu decisions\n", rows_.size());
  std::fflush(stderr);
}

bool BrowserView::draw_filters() {
  const float em = ImGui::GetFontSize();
  bool changed = false, typed = false;
  ImGui::SetNextItemWidth(em * 7);
  typed |= ImGui::InputTextWithHint("##reviewer", T("ui.sup.filter.reviewer"), reviewer_, sizeof reviewer_,
                                    ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(em * 8);
  typed |= ImGui::InputTextWithHint("##from", T("ui.sup.filter.from"), from_, sizeof from_,
                                    ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine(0, em * 0.3f);
  ImGui::TextUnformatted("-");
  ImGui::SameLine(0, em * 0.3f);
  ImGui::SetNextItemWidth(em * 7);
  typed |=
      ImGui::InputTextWithHint("##to", T("ui.sup.filter.to"), to_, sizeof to_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  const char* outcomes[] = {"ui.sup.approved", "ui.sup.rejected"};
  changed |= filter_combo(
      T("ui.sup.filter.outcome"), outcome_, 2, [&](int i) { return std::string(T(outcomes[i])); }, em * 5);
  ImGui::SameLine();
  changed |= filter_combo(
      T("ui.sup.filter.reason"), reason_, int(all_reasons().size()),
      [](int i) { return reason_label(all_reasons()[i].code); }, em * 9);
  ImGui::SameLine();
  changed |= filter_combo(
      T("ui.sup.filter.doc"), doc_type_, int(all_doc_types().size()),
      [](int i) { return doc_type_label(std::string(doc_type_code(all_doc_types()[i]))); }, em * 7);
  ImGui::SameLine();
  changed |= filter_combo(
      T("ui.sup.filter.city"), city_, int(guangdong_cities().size()),
      [](int i) { return std::string(guangdong_cities()[i].name_zh); }, em * 5);
  changed |= ImGui::Checkbox(T("ui.sup.filter.engine"), &engine_disagreed_);
  ImGui::SameLine();
  changed |= ImGui::Checkbox(T("ui.sup.filter.second"), &second_disagreed_);
  ImGui::SameLine();
  changed |= ImGui::Checkbox(T("ui.sup.filter.overturned"), &overturned_);
  ImGui::SameLine(0, em * 2);
  changed |= ImGui::Button(T("ui.sup.filter.apply"));
  ImGui::SameLine();
  if (ImGui::Button(T("ui.sup.filter.clear"))) {
    reviewer_[0] = from_[0] = to_[0] = '\0';
    outcome_ = reason_ = doc_type_ = city_ = 0;
    engine_disagreed_ = second_disagreed_ = overturned_ = false;
    changed = true;
  }
  return changed || typed;
}

bool BrowserView::is_picked(const std::string& key) const {
  return std::find(picked_.begin(), picked_.end(), key) != picked_.end();
}

void BrowserView::toggle_pick(const std::string& key) {
  if (auto it = std::find(picked_.begin(), picked_.end(), key); it != picked_.end())
    picked_.erase(it);
  else
    picked_.push_back(key);
}

void BrowserView::draw(OverturnDialog* overturn, CaseView* case_view, TrainingPickDialog& pick) {
  if (draw_filters()) reload();
  const float em = ImGui::GetFontSize();
  // The status line: how many rows, whether more are coming, the store's refusal of a filter.
  ImGui::TextColored(theme::kMuted, "%s %zu %s   %s", T("ui.sup.browser.loaded"), rows_.size(),
                     T("ui.sup.browser.rows"),
                     loading_  ? T("ui.sup.loading")
                     : at_end_ ? T("ui.sup.browser.end")
                               : T("ui.sup.browser.more"));
  if (!error_.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(theme::kError, "%s", error_.c_str());
  }
  if (sort_column_ >= 0) {
    ImGui::SameLine(0, em * 2);
    ImGui::TextColored(theme::kWarn, "%s", T("ui.sup.browser.sorted_loaded"));
  }
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - em * (overturn ? 26 : 15));
  const std::string make_set = std::string(T("ui.sup.pick.make")) + " (" + std::to_string(picked_.size()) + ")###pick";
  ImGui::BeginDisabled(picked_.empty() || pick.busy());
  if (ImGui::Button(make_set.c_str(), ImVec2(em * 10, 0))) pick.open(picked_);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(picked_.empty());
  if (ImGui::Button(T("ui.sup.pick.clear"), ImVec2(em * 4, 0))) picked_.clear();
  ImGui::EndDisabled();
  if (overturn) {
    ImGui::SameLine();
    // An overturned decision is not overturned again (the store refuses it too).
    const bool can_overturn = selected_ >= 0 && selected_ < int(rows_.size()) && !rows_[selected_].overturned;
    ImGui::BeginDisabled(!can_overturn || overturn->busy());
    if (ImGui::Button(T("ui.sup.browser.overturn"), ImVec2(em * 10, 0)) && can_overturn)
      overturn->open({rows_[selected_].order_no, rows_[selected_].decision, std::nullopt});
    ImGui::EndDisabled();
  }
  draw_table(case_view);
}

void BrowserView::draw_table(CaseView* case_view) {
  const float em = ImGui::GetFontSize();
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Sortable |
                                ImGuiTableFlags_SortTristate;
  if (!ImGui::BeginTable("##decisions", 14, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  const std::pair<const char*, float> columns[] = {
      {"ui.sup.col.pick", 2},        {"ui.sup.col.time", 6.5f},      {"ui.sup.col.order", 7.5f},
      {"ui.sup.col.reviewer", 4.5f}, {"ui.sup.col.decision", 3.5f},  {"ui.sup.col.reasons", 0},
      {"ui.sup.col.review_s", 4},    {"ui.sup.col.doc", 5},          {"ui.sup.col.city", 3},
      {"ui.sup.col.applicant", 4},   {"ui.sup.col.id_number", 10},   {"ui.sup.col.engine", 3.5f},
      {"ui.sup.col.second", 4.5f},   {"ui.sup.col.overturned", 4.5f}};
  for (const auto& [key, ems] : columns)
    ImGui::TableSetupColumn(T(key), ems > 0 ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch,
                            ems * em);
  ImGui::TableHeadersRow();
  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    // Column 0 is the tick: sorting by it keeps the paging order.
    sort_column_ = specs->SpecsCount > 0 ? specs->Specs[0].ColumnIndex - 1 : -1;
    sort_ascending_ = specs->SpecsCount > 0 && specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
    specs->SpecsDirty = false;
    sort_loaded();
  }
  ImGuiListClipper clipper;
  clipper.Begin(int(rows_.size()));
  int last_drawn = -1;
  while (clipper.Step()) {
    for (int shown = clipper.DisplayStart; shown < clipper.DisplayEnd; ++shown) {
      const int i = view_[std::size_t(shown)];
      const auto& r = rows_[std::size_t(i)];
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      const std::string key = r.order_no + "#" + std::to_string(r.attempt_no);
      bool ticked = is_picked(key);
      if (ImGui::Checkbox(("##pick" + std::to_string(i)).c_str(), &ticked)) toggle_pick(key);
      ImGui::TableNextColumn();
      const std::string when = short_time(r.decided_at) + "##row" + std::to_string(i);
      if (ImGui::Selectable(when.c_str(), selected_ == i,
                            ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
        selected_ = i;
        if (case_view && ImGui::IsMouseDoubleClicked(0)) case_view->open(r.order_no);
      }
      ImGui::TableNextColumn();
      ImGui::Text("%s #%d", r.order_no.c_str(), r.attempt_no);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.reviewer.c_str());
      ImGui::TableNextColumn();
      const bool approved = r.decision == "approved";
      label_cell(approved ? T("ui.sup.approved") : T("ui.sup.rejected"), approved ? theme::kApprove : theme::kReject);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(joined_reasons(r.reasons).c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%.1f", double(r.review_ms) / 1000.0);
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(doc_type_label(r.doc_type, true).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.city.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.applicant_masked.c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.id_number_masked.c_str());
      ImGui::TableNextColumn();
      if (r.engine_verdict) {
        const bool pass = *r.engine_verdict == "pass";
        label_cell(pass ? T("ui.sup.engine.pass") : T("ui.sup.engine.fail"),
                   pass == approved ? theme::kMuted : theme::kWarn);
      }
      ImGui::TableNextColumn();
      if (r.second_review_agrees)
        label_cell(*r.second_review_agrees ? T("ui.sup.agrees") : T("ui.sup.disagrees"),
                   *r.second_review_agrees ? theme::kMuted : theme::kWarn);
      ImGui::TableNextColumn();
      if (r.overturned) label_cell(T("ui.sup.yes"), theme::kWarn);
      last_drawn = shown;
    }
  }
  ImGui::EndTable();
  // The clipper reached the last row loaded: the next page, before the reviewer scrolls into it.
  // Not while sorted: a new page would reshuffle the rows under the supervisor's eyes.
  if (sort_column_ < 0 && last_drawn + 1 >= int(rows_.size()) && !rows_.empty()) request_page();
}

}  // namespace rs::ui::supervise
