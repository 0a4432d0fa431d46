#pragma once
// The window and the ImGui context (Tracy's "Backend"): GLFW + OpenGL 3.3 core + ImGui backends,
// created in the constructor and torn down in the destructor. Nothing else touches GLFW directly.
#include <cstdint>
#include <string>

struct GLFWwindow;

namespace rs::ui {

struct PlatformOptions {
  std::string title = "ReviewStation 审核工作站";
  int width = 1600, height = 900;
  bool vsync = true;
  bool maximize = true;
};

class Platform {
 public:
  // Throws std::runtime_error with GLFW's words when there is no display or no GL 3.3.
  explicit Platform(const PlatformOptions& options);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  bool should_close() const;
  void request_close();
  // Sleeps until input arrives or `timeout_s` passes (a negative timeout only polls).
  void wait_events(double timeout_s);
  // Thread-safe: wakes wait_events() from a worker thread.
  static void wake();

  void begin_frame();
  // The font atlas was rebuilt: its new texture (which may reuse the old GL name) gets its
  // sampling set again at the next begin_frame.
  void font_texture_replaced() { font_texture_seen_ = nullptr; }
  void end_frame();  // renders ImGui and swaps
  bool input_pending() const;
  std::uint64_t input_serial() const;  // changes with every key, mouse, scroll or resize event  // a key release is
                                       // held back: draw another frame
  void finish_gpu();                   // glFinish: the frame is really on screen (measurements)

  float content_scale() const;
  void window_size(int& w, int& h) const;
  bool iconified() const;
  GLFWwindow* window() const { return window_; }

 private:
  void sample_font_nearest();  // once per font texture (it is recreated when the atlas grows)
  GLFWwindow* window_ = nullptr;
  void* font_texture_seen_ = nullptr;
};

}  // namespace rs::ui
