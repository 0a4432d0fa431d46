#include "ui/shell/platform.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "gfx/gl.hpp"
#include "ui/shell/keys.hpp"

namespace rs::ui {
namespace {
std::string g_glfw_error;

// ImGui 1.86 reads keys as "down this frame": a tap whose press and release arrive between two
// frames (xdotool, a fast typist, a busy frame) would be lost. Releases of keys pressed since the
// last frame are held back one frame so every press is seen.
struct KeyTaps {
  std::vector<keys::Tap> queued;      // presses since the last frame began
  std::vector<keys::Tap> this_frame;  // what keys::frame_taps() returns during the frame
  std::vector<int> pressed_since_frame;
  std::vector<std::array<int, 3>> held_releases;  // key, scancode, mods; held during this wait
  std::vector<std::array<int, 3>> due_releases;   // held last time: applied before the next frame
};
KeyTaps g_taps;
std::uint64_t g_input_serial = 0;  // counts the reviewer's input events (not wake-ups)

void on_mouse_button(GLFWwindow* w, int button, int action, int mods) {
  ++g_input_serial;
  ImGui_ImplGlfw_MouseButtonCallback(w, button, action, mods);
}
void on_scroll(GLFWwindow* w, double dx, double dy) {
  ++g_input_serial;
  ImGui_ImplGlfw_ScrollCallback(w, dx, dy);
}
void on_char(GLFWwindow* w, unsigned int c) {
  ++g_input_serial;
  ImGui_ImplGlfw_CharCallback(w, c);
}
void on_cursor(GLFWwindow*, double, double) { ++g_input_serial; }  // ImGui 1.86 polls the position
void on_resize(GLFWwindow*, int, int) { ++g_input_serial; }

void on_key(GLFWwindow* w, int key, int scancode, int action, int mods) {
  ++g_input_serial;
  auto& p = g_taps.pressed_since_frame;
  if (action == GLFW_RELEASE && std::find(p.begin(), p.end(), key) != p.end()) {
    g_taps.held_releases.push_back({key, scancode, mods});
    return;
  }
  if (action == GLFW_PRESS) {
    p.push_back(key);
    g_taps.queued.push_back({key, mods});
  }
  ImGui_ImplGlfw_KeyCallback(w, key, scancode, action, mods);
}
void on_glfw_error(int code, const char* text) {
  g_glfw_error = text ? text : "unknown";
  std::fprintf(stderr, "reviewstation: GLFW error %d: %s\n", code, g_glfw_error.c_str());
}
}  // namespace

namespace keys {
const std::vector<Tap>& frame_taps() { return g_taps.this_frame; }

bool pressed(int key, bool shift_ok) {
  int forbidden = GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER | (shift_ok ? 0 : GLFW_MOD_SHIFT);
  for (const auto& t : g_taps.this_frame)
    if (t.key == key && !(t.mods & forbidden)) return true;
  return false;
}

bool pressed_ctrl(int key) {
  for (const auto& t : g_taps.this_frame)
    if (t.key == key && (t.mods & GLFW_MOD_CONTROL)) return true;
  return false;
}

Digit digit() {
  for (const auto& t : g_taps.this_frame) {
    if (t.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) continue;
    for (int d = 1; d <= 9; ++d)
      if (t.key == GLFW_KEY_0 + d || t.key == GLFW_KEY_KP_0 + d) return {d, (t.mods & GLFW_MOD_SHIFT) != 0};
  }
  return {};
}
}  // namespace keys

Platform::Platform(const PlatformOptions& o) {
  glfwSetErrorCallback(on_glfw_error);
  if (!glfwInit()) throw std::runtime_error("cannot open a window (no display?): " + g_glfw_error);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_MAXIMIZED, o.maximize ? GLFW_TRUE : GLFW_FALSE);
  window_ = glfwCreateWindow(o.width, o.height, o.title.c_str(), nullptr, nullptr);
  if (!window_) {
    glfwTerminate();
    throw std::runtime_error("cannot create an OpenGL 3.3 core window: " + g_glfw_error);
  }
  glfwMakeContextCurrent(window_);
  glfwSwapInterval(o.vsync ? 1 : 0);
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui_ImplGlfw_InitForOpenGL(window_, true);
  // Ours forward to ImGui's own callbacks and count input, so the idle loop can tell the
  // reviewer's input (draw a few frames) from a background wake-up (draw one).
  glfwSetKeyCallback(window_, on_key);
  glfwSetMouseButtonCallback(window_, on_mouse_button);
  glfwSetScrollCallback(window_, on_scroll);
  glfwSetCharCallback(window_, on_char);
  glfwSetCursorPosCallback(window_, on_cursor);
  glfwSetFramebufferSizeCallback(window_, on_resize);
  ImGui_ImplOpenGL3_Init("#version 330 core");
}

Platform::~Platform() {
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

bool Platform::should_close() const { return glfwWindowShouldClose(window_); }
void Platform::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }

void Platform::wait_events(double timeout_s) {
  if (timeout_s <= 0)
    glfwPollEvents();
  else
    glfwWaitEventsTimeout(timeout_s);
}

void Platform::wake() { glfwPostEmptyEvent(); }

void Platform::begin_frame() {
  // Releases held back last frame take effect now (after a frame saw the key down, modifiers
  // included); releases held during this wait wait for the next frame.
  for (const auto& r : g_taps.due_releases) ImGui_ImplGlfw_KeyCallback(window_, r[0], r[1], GLFW_RELEASE, r[2]);
  g_taps.due_releases = std::move(g_taps.held_releases);
  g_taps.held_releases.clear();
  g_taps.pressed_since_frame.clear();
  g_taps.this_frame = std::move(g_taps.queued);
  g_taps.queued.clear();
  ImGui_ImplOpenGL3_NewFrame();  // creates the font texture on the first frame
  sample_font_nearest();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void Platform::end_frame() {
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  // The panels' background colour: the tiled panels are drawn without their own (ui/layout.hpp).
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(window_);
}

// The atlas is drawn 1:1 (glyphs snapped to whole pixels), so nearest sampling gives the same
// pixels as bilinear, at a fraction of a software rasteriser's cost per text pixel. Anti-aliased
// lines then come from geometry, not from the atlas (theme::apply_style).
void Platform::sample_font_nearest() {
  void* tex = ImGui::GetIO().Fonts->TexID;
  if (!tex || tex == font_texture_seen_) return;
  font_texture_seen_ = tex;
  GLint prev = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev);
  glBindTexture(GL_TEXTURE_2D, GLuint(reinterpret_cast<std::intptr_t>(tex)));
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  glBindTexture(GL_TEXTURE_2D, GLuint(prev));
}

std::uint64_t Platform::input_serial() const { return g_input_serial; }

bool Platform::input_pending() const { return !g_taps.held_releases.empty() || !g_taps.due_releases.empty(); }

void Platform::finish_gpu() { glFinish(); }

float Platform::content_scale() const {
  float x = 1, y = 1;
  glfwGetWindowContentScale(window_, &x, &y);
  return x > 0 ? x : 1;
}

void Platform::window_size(int& w, int& h) const { glfwGetWindowSize(window_, &w, &h); }

bool Platform::iconified() const { return glfwGetWindowAttrib(window_, GLFW_ICONIFIED) != 0; }

}  // namespace rs::ui
