#include "ui/review/view_reason_picker.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/domain/reason.hpp"
#include "ui/shell/keys.hpp"
#include "ui/shell/layout.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui {
namespace {
constexpr const char* kPickerId = "###reason_picker";

std::string trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Picker key hint for reason `i`: "1".."9", then "Shift+1".."Shift+8".
std::string key_hint(int i) {
  if (i < 9) return std::to_string(i + 1);
  if (i < 17) return "Shift+" + std::to_string(i - 8);
  return "";
}
}  // namespace

ReasonPicker::ReasonPicker() : selected_(all_reasons().size()), suggested_(all_reasons().size()) {}

int ReasonPicker::reason_index_for_key(int digit, bool shift, int count) {
  if (digit < 1 || digit > 9) return -1;
  int i = shift ? 8 + digit : digit - 1;
  return i < count ? i : -1;
}

void ReasonPicker::open(const std::vector<std::string>& suggested) {
  const auto& all = all_reasons();
  std::fill(selected_.begin(), selected_.end(), false);
  std::fill(suggested_.begin(), suggested_.end(), false);
  for (std::size_t i = 0; i < all.size(); ++i)
    if (std::find(suggested.begin(), suggested.end(), all[i].code) != suggested.end())
      selected_[i] = suggested_[i] = true;
  other_text_.clear();
  error_.clear();
  open_request_ = true;
}

void ReasonPicker::toggle(int i) {
  if (i < 0 || i >= int(selected_.size())) return;
  selected_[std::size_t(i)] = !selected_[std::size_t(i)];
  if (selected_[std::size_t(i)] && all_reasons()[std::size_t(i)].needs_text) focus_text_ = true;
  error_.clear();
}

void ReasonPicker::draw_reason_rows() {
  const auto& all = all_reasons();
  if (!ImGui::BeginTable("reasons", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) return;
  ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 3.6f);
  ImGui::TableSetupColumn("reason", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("hint", ImGuiTableColumnFlags_WidthFixed);
  for (std::size_t i = 0; i < all.size(); ++i) {
    ImGui::PushID(int(i));
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(theme::kAccent, "%s", key_hint(int(i)).c_str());
    ImGui::TableNextColumn();
    bool v = selected_[i];
    std::string label = std::string(T("reason." + std::string(all[i].code) + ".label"));
    if (ImGui::Checkbox(label.c_str(), &v)) toggle(int(i));
    ImGui::TableNextColumn();
    if (suggested_[i]) ImGui::TextColored(theme::kWarn, "%s", T("ui.picker.suggested"));
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void ReasonPicker::draw(const review::SessionSnapshot& snap, ViewState& state, Fonts& fonts) {
  fonts.want(other_text_);  // typed Chinese beyond the common ranges renders from the next frame
  std::string title = std::string(T("ui.picker.title")) + kPickerId;
  if (open_request_) {
    ImGui::OpenPopup(title.c_str());
    open_request_ = false;
  }
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos({vp->WorkPos.x + vp->WorkSize.x / 2, vp->WorkPos.y + vp->WorkSize.y / 2}, ImGuiCond_Appearing,
                          {0.5f, 0.5f});
  ImGui::SetNextWindowSize({ImGui::GetFontSize() * 34, 0}, ImGuiCond_Appearing);
  open_ = ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings);
  state.picker_open = is_open();
  if (!open_) return;
  if (snap.current)
    ImGui::TextColored(theme::kMuted, "%s %s", T("ui.picker.order"), snap.current->claim.order.order_no.c_str());
  ImGui::TextColored(theme::kMuted, "%s", T("ui.picker.hint"));
  ImGui::Separator();
  ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput) {
    // Keys act only while no text field has the keyboard (digits are text in the "other" field).
    if (auto d = keys::digit(); d.value) toggle(reason_index_for_key(d.value, d.shift, int(selected_.size())));
  }
  draw_reason_rows();
  const auto& all = all_reasons();
  bool other_needed = false;
  for (std::size_t i = 0; i < all.size(); ++i) other_needed |= selected_[i] && all[i].needs_text;
  ImGui::BeginDisabled(!other_needed);
  ImGui::TextUnformatted(T("ui.picker.other_text"));
  if (focus_text_ && other_needed) {
    ImGui::SetKeyboardFocusHere();
    focus_text_ = false;
  }
  ImGui::SetNextItemWidth(-1);
  bool enter_in_text = ImGui::InputText("##other", &other_text_, ImGuiInputTextFlags_EnterReturnsTrue);
  ImGui::EndDisabled();
  if (!error_.empty()) ImGui::TextColored(theme::kError, "%s", error_.c_str());
  ImGui::Separator();
  bool confirm_now = enter_in_text || (!io.WantTextInput && keys::enter());
  theme::push_button_colour(theme::kReject);
  confirm_now |= ImGui::Button(T("ui.picker.confirm"), {button_width(T("ui.picker.confirm"), 10), 0});
  theme::pop_button_colour();
  ImGui::SameLine();
  bool cancel = ImGui::Button(T("ui.picker.cancel"), {button_width(T("ui.picker.cancel"), 6), 0}) ||
                (!io.WantTextInput && keys::escape());
  if (confirm_now) confirm(state);
  if (cancel || state.pending == Action::ConfirmReject) {
    ImGui::CloseCurrentPopup();
    open_ = false;
  }
  ImGui::EndPopup();
  state.picker_open = is_open();
}

void ReasonPicker::confirm(ViewState& state) {
  const auto& all = all_reasons();
  std::vector<std::string> codes;
  bool other = false;
  for (std::size_t i = 0; i < all.size(); ++i)
    if (selected_[i]) {
      codes.emplace_back(all[i].code);
      other |= all[i].needs_text;
    }
  if (codes.empty()) {
    error_ = T("ui.picker.need_reason");
    return;
  }
  std::string text = trimmed(other_text_);
  if (other && text.empty()) {
    error_ = T("ui.picker.need_text");
    focus_text_ = true;
    return;
  }
  state.reject_reasons = std::move(codes);
  state.reject_other_text = other ? text : "";
  state.pending = Action::ConfirmReject;
}

}  // namespace rs::ui
