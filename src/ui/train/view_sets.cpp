#include "ui/train/view_sets.hpp"

#include <imgui.h>

#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::train {
namespace {
std::string reason_labels(const std::vector<std::string>& codes) {
  std::string s;
  for (const auto& c : codes) s += (s.empty() ? "" : T("ui.train.list_sep")) + std::string(T("reason." + c + ".label"));
  return s;
}

const char* decision_label(const std::string& d) {
  return T(d == "approved" ? "ui.train.approved" : "ui.train.rejected");
}

const ImVec4& decision_colour(const std::string& d) { return d == "approved" ? theme::kApprove : theme::kReject; }
}  // namespace

SetsView::SetsView(supervise::Desk& desk, Fonts& fonts) : desk_(desk), fonts_(fonts) { reload(); }

void SetsView::reload() { open_set(selected_); }

// The list again and, when a set is chosen, its cases, in one job so they agree.
void SetsView::open_set(const std::string& name) {
  loading_ = true;
  selected_ = name;
  desk_.post([name, out = answer_](store::Store& s, const accounts::Actor& me) {
    Answer a;
    try {
      a.sets = s.training_sets(me);
      if (!name.empty()) a.chosen = s.training_set(me, name);
    } catch (const store::Refusal& e) {
      a.error = e.what();
    }
    out->put(std::move(a));
  });
}

void SetsView::assign() {
  const std::string set = selected_, trainee = trainee_;
  loading_ = true;
  desk_.post([set, trainee, out = answer_](store::Store& s, const accounts::Actor& me) {
    Answer a;
    try {
      s.assign_training_set(me, set, trainee);
      a.message = std::string(T("ui.train.assigned")) + set + " → " + trainee;
    } catch (const store::Refusal& e) {
      a.error = e.what();
    }
    try {
      a.sets = s.training_sets(me);
      a.chosen = s.training_set(me, set);
    } catch (const store::Refusal&) {
    }
    out->put(std::move(a));
  });
}

void SetsView::poll() {
  auto a = answer_->take();
  if (!a) return;
  loading_ = false;
  sets_ = std::move(a->sets);
  chosen_ = std::move(a->chosen);
  error_ = std::move(a->error);
  message_ = std::move(a->message);
  for (const auto& s : sets_) {
    fonts_.want(s.name);
    for (const auto& t : s.trainees) fonts_.want(t);
  }
  if (chosen_)
    for (const auto& c : chosen_->cases) fonts_.want(c.note);
  fonts_.want(error_);
  // The first set opens by itself, so its cases are on screen from the start.
  if (selected_.empty() && !sets_.empty()) open_set(sets_.front().name);
}

void SetsView::draw() {
  if (!error_.empty()) ImGui::TextColored(theme::kError, "%s", error_.c_str());
  if (!message_.empty()) ImGui::TextColored(theme::kApprove, "%s", message_.c_str());
  const float list_w = ImGui::GetFontSize() * 22;
  ImGui::BeginChild("##set_list", {list_w, 0}, true);
  draw_list();
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##set_cases", {0, 0}, true);
  draw_cases();
  ImGui::EndChild();
}

void SetsView::draw_list() {
  ImGui::TextColored(theme::kMuted, "%s", T("ui.train.sets"));
  if (sets_.empty()) ImGui::TextDisabled("%s", T(loading_ ? "ui.train.loading" : "ui.train.no_sets"));
  for (const auto& s : sets_) {
    std::string trainees;
    for (const auto& t : s.trainees) trainees += (trainees.empty() ? "" : T("ui.train.list_sep")) + t;
    const std::string line = s.name + "  (" + std::to_string(s.cases) + T("ui.train.cases_suffix") + ")";
    if (ImGui::Selectable((line + "##" + s.name).c_str(), s.name == selected_)) open_set(s.name);
    ImGui::Indent();
    ImGui::TextColored(
        theme::kMuted, "%s%s  %s%s", T("ui.train.feedback"),
        T(s.feedback == store::Feedback::Immediate ? "ui.train.feedback_immediate" : "ui.train.feedback_end"),
        T("ui.train.trainees"), trainees.empty() ? "—" : trainees.c_str());
    ImGui::Unindent();
  }
}

void SetsView::draw_cases() {
  if (!chosen_) {
    ImGui::TextDisabled("%s", T("ui.train.pick_set"));
    return;
  }
  ImGui::Text("%s", chosen_->info.name.c_str());
  ImGui::SameLine(0, 24);
  ImGui::TextColored(theme::kMuted, "%s%s  %s", T("ui.train.created_by"), chosen_->info.created_by.c_str(),
                     (chosen_->info.created_at.substr(0, 10) + " " + chosen_->info.created_at.substr(11, 5)).c_str());
  // Assigning: any reviewer account by name (the store refuses an unknown one, naming it).
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  const bool enter = ImGui::InputTextWithHint("##trainee", T("ui.train.trainee_hint"), trainee_, sizeof trainee_,
                                              ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::SameLine();
  ImGui::BeginDisabled(trainee_[0] == 0);
  if ((ImGui::Button(T("ui.train.assign")) || enter) && trainee_[0]) assign();
  ImGui::EndDisabled();
  const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##cases", 7, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const char* key : {"ui.train.col.n", "ui.train.col.order", "ui.train.col.doc", "ui.train.col.reference",
                          "ui.train.col.reasons", "ui.train.col.original", "ui.train.col.note"})
    ImGui::TableSetupColumn(T(key));
  ImGui::TableHeadersRow();
  for (const auto& c : chosen_->cases) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::Text("%d", c.position);
    ImGui::TableNextColumn();
    ImGui::Text("%s", c.order_no.c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%s · %s", T("doc_type." + c.doc_type), c.city.c_str());
    ImGui::TableNextColumn();
    ImGui::TextColored(decision_colour(c.reference), "%s", decision_label(c.reference));
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", reason_labels(c.reference_reasons).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("%s %s%s", c.original_reviewer.c_str(), decision_label(c.original_decision),
                c.overturned ? T("ui.train.overturned") : "");
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", c.note.c_str());
  }
  ImGui::EndTable();
}

}  // namespace rs::ui::train
