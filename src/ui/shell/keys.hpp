#pragma once
// The reviewer's shortcuts read from the key presses of this frame, each with the modifiers held
// at the moment it was pressed. ImGui 1.86 only knows which keys are down when a frame starts, so
// a quick tap (or xdotool's press+release) between two frames, or a modifier released before the
// frame, would be lost; Platform queues every press and hands this frame's presses over here.
#include <vector>

#ifndef GLFW_INCLUDE_NONE
#define GLFW_INCLUDE_NONE
#endif
#include <GLFW/glfw3.h>

namespace rs::ui::keys {

struct Tap {
  int key = 0;   // GLFW key code (layout-independent position of the key)
  int mods = 0;  // GLFW_MOD_* at the moment of the press
};

// Presses since the previous frame (filled by Platform::begin_frame).
const std::vector<Tap>& frame_taps();

// `key` pressed this frame without Ctrl/Alt/Super (Shift allowed when `shift_ok`).
bool pressed(int key, bool shift_ok = false);
bool pressed_ctrl(int key);
inline bool enter() { return pressed(GLFW_KEY_ENTER) || pressed(GLFW_KEY_KP_ENTER); }
inline bool escape() { return pressed(GLFW_KEY_ESCAPE); }

struct Digit {
  int value = 0;  // 1..9; 0 when no digit was pressed
  bool shift = false;
};
// The first digit 1..9 pressed this frame on the main row or the keypad.
Digit digit();

}  // namespace rs::ui::keys
