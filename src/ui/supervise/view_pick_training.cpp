#include "ui/supervise/view_pick_training.hpp"

#include <imgui.h>

#include <cstdio>

#include "core/store/store.hpp"
#include "ui/shell/keys.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::supervise {
namespace {
constexpr const char* kPopup = "###pick_training";
}  // namespace

TrainingPickDialog::TrainingPickDialog(Desk& desk, Fonts& fonts) : desk_(desk), fonts_(fonts) {}

void TrainingPickDialog::open(std::vector<std::string> cases) {
  if (busy_ || cases.empty()) return;
  cases_ = std::move(cases);
  refusal_.clear();
  open_requested_ = true;
}

void TrainingPickDialog::submit() {
  if (name_[0] == '\0') {
    refusal_ = T("ui.sup.pick.need_name");
    return;
  }
  busy_ = true;
  refusal_.clear();
  const auto feedback = feedback_ == 0 ? store::Feedback::Immediate : store::Feedback::End;
  desk_.post([name = std::string(name_), feedback, cases = cases_, out = answer_](store::Store& s,
                                                                                  const accounts::Actor& who) {
    try {
      store::TrainingPick pick;
      pick.orders = cases;
      pick.limit = int(cases.size());
      const auto info = s.create_training_set(who, name, feedback, pick);
      std::fprintf(stderr, "gui: training set %s made of %d picked cases\n", info.name.c_str(), info.cases);
      out->put({true, std::string(T("ui.sup.pick.done")) + info.name + " (" + std::to_string(info.cases) + ")"});
    } catch (const store::Refusal& e) {
      std::fprintf(stderr, "gui: training set %s refused: %s\n", name.c_str(), e.what());
      out->put({false, e.what()});
    }
  });
}

void TrainingPickDialog::collect() {
  auto a = answer_->take();
  if (!a) return;
  busy_ = false;
  if (a->ok) {
    message_ = a->message;
    fonts_.want(message_);
    ++done_serial_;
    name_[0] = '\0';
    ImGui::CloseCurrentPopup();
  } else {
    refusal_ = a->message;
    fonts_.want(refusal_);
  }
}

void TrainingPickDialog::draw() {
  const std::string title = std::string(T("ui.sup.pick.title")) + kPopup;
  if (open_requested_) {
    ImGui::OpenPopup(title.c_str());
    open_requested_ = false;
  }
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowSize(ImVec2(em * 32, 0));
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoResize)) {
    if (busy_) collect();  // an answer after the popup closed (Esc) is still taken
    return;
  }
  collect();
  ImGui::Text("%s %zu", T("ui.sup.pick.cases"), cases_.size());
  ImGui::Spacing();
  ImGui::TextUnformatted(T("ui.sup.pick.name"));
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  const bool entered = ImGui::InputText("##set_name", name_, sizeof name_, ImGuiInputTextFlags_EnterReturnsTrue);
  fonts_.want(name_);
  ImGui::RadioButton(T("ui.sup.pick.immediate"), &feedback_, 0);
  ImGui::SameLine();
  ImGui::RadioButton(T("ui.sup.pick.at_end"), &feedback_, 1);
  if (!refusal_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme::kError);
    ImGui::TextWrapped("%s", refusal_.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  ImGui::BeginDisabled(busy_);
  theme::push_button_colour(theme::kAccent);
  if ((ImGui::Button(T("ui.sup.pick.confirm"), ImVec2(em * 8, 0)) || entered) && !busy_) submit();
  theme::pop_button_colour();
  ImGui::SameLine();
  if (ImGui::Button(T("ui.sup.ot.cancel"), ImVec2(em * 6, 0)) || keys::escape()) ImGui::CloseCurrentPopup();
  ImGui::EndDisabled();
  ImGui::EndPopup();
}

}  // namespace rs::ui::supervise
