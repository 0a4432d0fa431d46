#include "ui/shell/view_sign_in.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "core/store/store.hpp"
#include "ui/shell/keys.hpp"
#include "ui/shell/platform.hpp"
#include "ui/shell/text.hpp"

namespace rs::ui {
namespace {
using Why = store::Refusal::Why;

// The store's refusals name the problem in English for logs; the dialog says it in the screen's
// language, without telling a stranger which of name or password was wrong.
std::string screen_text(const store::Refusal& e) {
  switch (e.why()) {
    case Why::SignInFailed: return T("ui.signin.failed");
    case Why::AccountLocked: return T("ui.signin.locked");
    case Why::AccountDisabled: return T("ui.signin.disabled");
    default: return e.what();
  }
}

void copy_into(char* dst, std::size_t size, const std::string& src) {
  const std::size_t n = std::min(size - 1, src.size());
  std::memcpy(dst, src.data(), n);
  dst[n] = '\0';
}
}  // namespace

SignInView::SignInView(std::string db_path, std::string name_hint) : db_path_(std::move(db_path)) {
  copy_into(name_, sizeof name_, name_hint);
  focus_password_ = !name_hint.empty();
}

void SignInView::refuse(std::string message) { message_ = std::move(message); }

void SignInView::submit() {
  if (busy() || name_[0] == '\0') return;
  message_.clear();
  std::string name = name_, password = password_;
  std::memset(password_, 0, sizeof password_);  // the text is not kept on screen or in memory
  pending_ = std::async(std::launch::async, [db = db_path_, name, password]() -> Outcome {
    Outcome out;
    try {
      store::Store s(db);
      out.actor = s.sign_in(name, password);
    } catch (const store::Refusal& e) {
      out = {std::nullopt, screen_text(e), e.what()};
    } catch (const std::exception& e) {
      out = {std::nullopt, std::string(T("ui.session.db_failed")) + e.what(), e.what()};
    }
    Platform::wake();  // the answer is drawn now, not at the next key press
    return out;
  });
}

std::optional<accounts::Actor> SignInView::collect() {
  if (!busy() || pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return std::nullopt;
  Outcome out = pending_.get();
  message_ = out.message;
  refusal_log_ = out.log;  // logged once the password field takes keys again (frame())
  focus_password_ = true;
  settle_frames_ = 3;
  return out.actor;
}

std::optional<accounts::Actor> SignInView::frame() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float em = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(em * 24, 0));
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                 ImGuiWindowFlags_NoSavedSettings;
  ImGui::Begin(T("ui.signin.title"), nullptr, flags);
  ImGui::TextUnformatted(T("ui.signin.intro"));
  ImGui::Spacing();
  ImGui::BeginDisabled(busy());
  const float field = em * 15;
  if (first_frame_ && !focus_password_) ImGui::SetKeyboardFocusHere();
  ImGui::TextUnformatted(T("ui.signin.name"));
  ImGui::SameLine(em * 6);
  ImGui::SetNextItemWidth(field);
  bool go = ImGui::InputText("##name", name_, sizeof name_, ImGuiInputTextFlags_EnterReturnsTrue);
  if (focus_password_) {
    ImGui::SetKeyboardFocusHere();
    focus_password_ = false;
  }
  ImGui::TextUnformatted(T("ui.signin.password"));
  ImGui::SameLine(em * 6);
  ImGui::SetNextItemWidth(field);
  go |= ImGui::InputText("##password", password_, sizeof password_,
                         ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
  // The refusal goes to the log when the emptied field is active again: a script (or a fast hand)
  // that types on seeing it loses no key to the frame that moves the focus.
  if (!refusal_log_.empty() && ImGui::IsItemActive()) {
    std::fprintf(stderr, "gui: sign-in refused: %s\n", refusal_log_.c_str());
    refusal_log_.clear();
  }
  ImGui::Spacing();
  go |= ImGui::Button(T("ui.signin.submit"), ImVec2(em * 6, 0));
  ImGui::EndDisabled();
  if (busy()) {
    ImGui::SameLine();
    ImGui::TextUnformatted(T("ui.signin.busy"));
  }
  if (!message_.empty()) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.95f, 0.45f, 0.4f, 1.0f));
    ImGui::TextWrapped("%s", message_.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::End();
  first_frame_ = false;
  if (settle_frames_ > 0 && !busy()) --settle_frames_;
  if (go) submit();
  return collect();
}

}  // namespace rs::ui
