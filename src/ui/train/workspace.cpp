#include "ui/train/workspace.hpp"

#include <imgui.h>

#include <cstdio>
#include <utility>

#include "ui/shell/keys.hpp"
#include "ui/shell/text.hpp"
#include "ui/shell/theme.hpp"

namespace rs::ui::train {

Workspace::Workspace(std::string db_path, accounts::Actor trainer, Fonts& fonts,
                     const std::filesystem::path& shader_dir, bool can_supervise, bool can_review)
    : fonts_(fonts),
      can_supervise_(can_supervise),
      can_review_(can_review),
      desk_(std::move(db_path), std::move(trainer)),
      renderer_(shader_dir),
      sets_(desk_, fonts),
      progress_(desk_, fonts),
      replay_(desk_, fonts, renderer_),
      pick_(desk_, fonts),
      browser_(desk_, fonts) {
  fonts_.want(signed_in_as(desk_.actor()));
  std::fprintf(stderr, "gui: trainer workspace for %s\n", desk_.actor().name().c_str());
  std::fflush(stderr);
}

bool Workspace::animating() const {
  return desk_.busy() || (shown_ == Tab::Replay && replay_.animating()) || sets_.loading() || progress_.loading() ||
         browser_.loading() || pick_.busy();
}

void Workspace::handle_keys() {
  if (keys::pressed_ctrl(GLFW_KEY_Q)) quit_ = true;
  if (keys::pressed_ctrl(GLFW_KEY_1)) select_tab_ = 0;
  if (keys::pressed_ctrl(GLFW_KEY_2)) select_tab_ = 1;
  if (keys::pressed_ctrl(GLFW_KEY_3)) select_tab_ = 2;
  if (keys::pressed_ctrl(GLFW_KEY_4)) select_tab_ = 3;
}

void Workspace::frame() {
  handle_keys();
  sets_.poll();
  progress_.poll();
  replay_.poll();
  browser_.poll();
  if (pick_.done_serial() != seen_picks_) {  // a new set: the sets tab lists it, the ticks clear
    seen_picks_ = pick_.done_serial();
    browser_.clear_picks();
    sets_.reload();
  }
  draw_menu();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("###train", nullptr, flags);
  const int select = std::exchange(select_tab_, -1);
  auto tab_flags = [&](int i) { return select == i ? ImGuiTabItemFlags_SetSelected : 0; };
  if (ImGui::BeginTabBar("##train_tabs")) {
    if (ImGui::BeginTabItem(titled("ui.train.tab.sets", "sets").c_str(), nullptr, tab_flags(0))) {
      shown_ = Tab::Sets;
      sets_.draw();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(titled("ui.train.tab.progress", "progress").c_str(), nullptr, tab_flags(1))) {
      if (shown_ != Tab::Progress) progress_.reload();  // answers come in while the trainer looks elsewhere
      shown_ = Tab::Progress;
      progress_.draw();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(titled("ui.train.tab.replay", "replay").c_str(), nullptr, tab_flags(2))) {
      shown_ = Tab::Replay;
      replay_.draw();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(titled("ui.train.tab.pick", "pick").c_str(), nullptr, tab_flags(3))) {
      shown_ = Tab::Pick;
      browser_.draw(nullptr, nullptr, pick_);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  pick_.draw();
  ImGui::End();
}

void Workspace::draw_menu() {
  if (!ImGui::BeginMainMenuBar()) return;
  if (ImGui::BeginMenu(T("ui.sup.menu.workspace"))) {
    if (can_supervise_ && ImGui::MenuItem(T("ui.train.menu.to_supervisor"))) to_supervisor_ = true;
    if (can_review_ && ImGui::MenuItem(T("ui.train.menu.to_station"))) to_station_ = true;
    if (ImGui::MenuItem(T("ui.menu.quit"), "Ctrl+Q")) quit_ = true;
    ImGui::EndMenu();
  }
  ImGui::TextColored(theme::kAccent, "%s", T("ui.train.banner"));
  if (!pick_.last_message().empty()) {  // the latest set made from the browser's ticks
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::TextColored(theme::kAccent, "%s", pick_.last_message().c_str());
  }
  const std::string right = std::string(T("ui.train.signed_in")) + signed_in_as(desk_.actor());
  ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(right.c_str()).x - 16);
  ImGui::TextColored(theme::kMuted, "%s", right.c_str());
  ImGui::EndMainMenuBar();
}

}  // namespace rs::ui::train
