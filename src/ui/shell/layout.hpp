#pragma once
// Where the panels go. There is no docking in ImGui 1.86, so the default layout is a tiling of
// the main viewport; imgui.ini (shipped at the top of the repository) holds it for 1600x900 and
// the reviewer's own arrangement is kept in the user's config folder.
#include <filesystem>
#include <string>

#include <imgui.h>

namespace rs::ui {

enum class Panel { Queue, Photo, Findings, Decision };

struct PanelRect {
  ImVec2 pos, size;
};

// The tiling for a viewport work area (below the menu bar).
PanelRect default_panel_rect(Panel p, ImVec2 work_pos, ImVec2 work_size, float scale);

// Before ImGui::Begin of a panel: its default place when the ini has none, or always after a reset.
// Returns the window flags for its background: ImGuiWindowFlags_NoBackground while the panel
// overlapped no other panel last frame. The tiled panels then show the frame's clear colour, which
// is the panel background colour, instead of each filling its whole rectangle again: under a
// software rasteriser (llvmpipe) those fills were half of every frame's pixels.
ImGuiWindowFlags place_panel(Panel p, bool force, float scale);
// Right after ImGui::Begin of a panel: where it is now, for the next frame's overlap test.
void note_panel_rect(Panel p);

// A button width of at least `ems` font sizes (Chinese labels look right there), wider when the
// label needs it.
float button_width(const char* label, float ems);

// The per-user layout file; copied from the shipped default on first run. Sets io.IniFilename.
// Returns true when the default was just installed (first run).
bool install_layout_file(const std::filesystem::path& config_dir, const std::filesystem::path& data_dir);

}  // namespace rs::ui
