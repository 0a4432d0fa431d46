#include "ui/shell/theme.hpp"

namespace rs::ui::theme {
namespace {
ImVec4 shade(ImVec4 c, float k) { return {c.x * k, c.y * k, c.z * k, c.w}; }
}  // namespace

void apply_style(float scale) {
  ImGui::StyleColorsDark();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 0;
  s.FrameRounding = 3;
  s.GrabRounding = 3;
  s.TabRounding = 3;
  s.PopupRounding = 4;
  s.WindowBorderSize = 1;
  s.FramePadding = {7, 4};
  s.ItemSpacing = {8, 6};
  s.CellPadding = {6, 3};
  s.WindowPadding = {10, 8};
  s.ScrollbarSize = 13;
  s.WindowTitleAlign = {0.0f, 0.5f};
  s.AntiAliasedLinesUseTex = false;  // the font atlas is sampled nearest (Platform): lines use geometry
  ImVec4* c = s.Colors;
  c[ImGuiCol_WindowBg] = kPanelBg;
  // Transparent: ImGui then skips the fill, and scrolled lists show the panel's background.
  c[ImGuiCol_ChildBg] = {0, 0, 0, 0};
  c[ImGuiCol_PopupBg] = {0.13f, 0.14f, 0.155f, 0.98f};
  c[ImGuiCol_TitleBg] = {0.085f, 0.09f, 0.10f, 1.0f};
  c[ImGuiCol_TitleBgActive] = {0.13f, 0.19f, 0.27f, 1.0f};
  c[ImGuiCol_MenuBarBg] = {0.085f, 0.09f, 0.10f, 1.0f};
  c[ImGuiCol_Header] = {0.20f, 0.33f, 0.50f, 0.55f};
  c[ImGuiCol_HeaderHovered] = {0.24f, 0.42f, 0.64f, 0.70f};
  c[ImGuiCol_HeaderActive] = {0.26f, 0.47f, 0.72f, 0.85f};
  c[ImGuiCol_FrameBg] = {0.17f, 0.18f, 0.20f, 1.0f};
  c[ImGuiCol_TableHeaderBg] = {0.16f, 0.17f, 0.19f, 1.0f};
  c[ImGuiCol_TableRowBgAlt] = {1, 1, 1, 0.025f};
  c[ImGuiCol_ModalWindowDimBg] = {0, 0, 0, 0.55f};
  s.ScaleAllSizes(scale);
}

ImVec4 verdict_colour(findings::Verdict v) {
  switch (v) {
    case findings::Verdict::Fail: return {0.93f, 0.33f, 0.29f, 1.0f};
    case findings::Verdict::Warn: return {0.96f, 0.72f, 0.22f, 1.0f};
    case findings::Verdict::Pass: return {0.35f, 0.78f, 0.45f, 1.0f};
    case findings::Verdict::CannotAssess: return {0.72f, 0.52f, 0.92f, 1.0f};
  }
  return kMuted;
}

ImU32 verdict_u32(findings::Verdict v, float alpha) {
  ImVec4 c = verdict_colour(v);
  c.w = alpha;
  return ImGui::ColorConvertFloat4ToU32(c);
}

void push_button_colour(ImVec4 c) {
  ImGui::PushStyleColor(ImGuiCol_Button, c);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, shade(c, 1.18f));
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, shade(c, 0.85f));
}

void pop_button_colour() { ImGui::PopStyleColor(3); }

}  // namespace rs::ui::theme
