#include "ui/supervise/workspace.hpp"

#include <imgui.h>

#include <cstdio>
#include <utility>

#include "ui/shell/keys.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::supervise {

Workspace::Workspace(std::string db_path, accounts::Actor supervisor, Fonts& fonts, bool can_switch)
    : fonts_(fonts),
      can_switch_(can_switch),
      desk_(std::move(db_path), std::move(supervisor)),
      overturn_(desk_, fonts),
      pick_(desk_, fonts),
      browser_(desk_, fonts),
      inbox_(desk_, fonts),
      figures_(desk_, fonts),
      overruled_(desk_, fonts),
      case_(desk_, fonts) {
  fonts_.want(signed_in_as(desk_.actor()));
  std::fprintf(stderr, "gui: supervisor workspace for %s\n", desk_.actor().name().c_str());
  std::fflush(stderr);
}

bool Workspace::animating() const { return desk_.busy() || overturn_.busy() || browser_.loading() || case_.loading(); }

void Workspace::frame() {
  if (keys::pressed_ctrl(GLFW_KEY_Q)) quit_ = true;
  browser_.poll();
  inbox_.poll();
  figures_.poll();
  overruled_.poll();
  case_.poll();
  // An overturn changes what the browser, the inbox and the figures show.
  if (overturn_.done_serial() != seen_overturns_) {
    seen_overturns_ = overturn_.done_serial();
    last_done_ = overturn_.last_message();
    browser_.reload();
    inbox_.reload();
    figures_.reload();
    case_.reload();
  }
  draw_menu();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("###supervise", nullptr, flags);
  if (ImGui::BeginTabBar("##tabs")) {
    const ImGuiTabItemFlags to_browser = std::exchange(select_browser_, false) ? ImGuiTabItemFlags_SetSelected : 0;
    if (ImGui::BeginTabItem(titled("ui.sup.tab.browser", "browser").c_str(), nullptr, to_browser)) {
      browser_.draw(&overturn_, &case_, pick_);
      ImGui::EndTabItem();
    }
    const std::string inbox =
        std::string(T("ui.sup.tab.inbox")) + " (" + std::to_string(inbox_.open_items()) + ")###inbox";
    if (ImGui::BeginTabItem(inbox.c_str())) {
      inbox_.draw(overturn_, case_);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(titled("ui.sup.tab.figures", "figures").c_str())) {
      figures_.draw();
      if (auto first = figures_.take_pair_click()) {
        browser_.show_second_disagreements(*first);
        select_browser_ = true;
      }
      ImGui::EndTabItem();
    }
    // Read when first shown, not at sign-in: it reads every decision's findings record.
    if (ImGui::BeginTabItem(titled("ui.sup.tab.rules", "rules").c_str())) {
      if (!std::exchange(overruled_shown_, true)) overruled_.reload();
      overruled_.draw(case_);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  overturn_.draw();
  pick_.draw();
  if (pick_.done_serial() != seen_picks_) {
    seen_picks_ = pick_.done_serial();
    last_done_ = pick_.last_message();
    browser_.clear_picks();
  }
  ImGui::End();
  case_.draw(overturn_);  // a window of its own over the tabs
}

void Workspace::draw_menu() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu(T("ui.sup.menu.workspace"))) {
    if (can_switch_ && ImGui::MenuItem(T("ui.menu.switch_workspace"))) switch_ = true;
    // Supervisors second-review too (the store lets either role): the workstation's panels and
    // keys in second-review mode, and "切换工作区" comes back here.
    if (ImGui::MenuItem(T("ui.menu.second_review"))) second_review_ = true;
    // A supervisor who also trains opens the trainer's workspace (sets, progress, replay).
    if (desk_.actor().has(accounts::Role::Trainer) && ImGui::MenuItem(T("ui.train.menu.open"))) trainer_ = true;
    if (ImGui::MenuItem(T("ui.menu.quit"), "Ctrl+Q")) quit_ = true;
    ImGui::EndMenu();
  }
  // The last overturn's or training set's outcome in the bar, where it moves nothing below it.
  if (!last_done_.empty()) {
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::TextColored(theme::kAccent, "%s", last_done_.c_str());
  }
  const std::string right = std::string(T("ui.sup.signed_in")) + signed_in_as(desk_.actor());
  ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(right.c_str()).x - 16);
  ImGui::TextColored(theme::kMuted, "%s", right.c_str());
  ImGui::EndMainMenuBar();
}

}  // namespace rs::ui::supervise
