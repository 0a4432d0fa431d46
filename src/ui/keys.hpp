#pragma once
// Key codes for ImGui::IsKeyPressed. ImGui 1.86's GLFW backend indexes io.KeysDown by GLFW key
// code, so the GLFW constants are the ImGui key indices.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>

namespace rs::ui::keys {

inline bool pressed(int glfw_key) { return ImGui::IsKeyPressed(glfw_key, false); }
inline bool enter() { return pressed(GLFW_KEY_ENTER) || pressed(GLFW_KEY_KP_ENTER); }
inline bool escape() { return pressed(GLFW_KEY_ESCAPE); }
// Digit 1..9 pressed this frame on the main row or the keypad; 0 when none.
inline int digit() {
  for (int d = 1; d <= 9; ++d)
    if (pressed(GLFW_KEY_0 + d) || pressed(GLFW_KEY_KP_0 + d)) return d;
  return 0;
}

}  // namespace rs::ui::keys
