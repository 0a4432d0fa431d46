#include "ui/platform.hpp"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cstdio>
#include <stdexcept>

#include "gfx/gl.hpp"

namespace rs::ui {
namespace {
std::string g_glfw_error;
void on_glfw_error(int code, const char* text) {
  g_glfw_error = text ? text : "unknown";
  std::fprintf(stderr, "reviewstation: GLFW error %d: %s\n", code, g_glfw_error.c_str());
}
}  // namespace

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
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
}

void Platform::end_frame() {
  ImGui::Render();
  int w = 0, h = 0;
  glfwGetFramebufferSize(window_, &w, &h);
  glViewport(0, 0, w, h);
  glClearColor(0.09f, 0.10f, 0.11f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(window_);
}

void Platform::finish_gpu() { glFinish(); }

float Platform::content_scale() const {
  float x = 1, y = 1;
  glfwGetWindowContentScale(window_, &x, &y);
  return x > 0 ? x : 1;
}

void Platform::window_size(int& w, int& h) const { glfwGetWindowSize(window_, &w, &h); }

bool Platform::iconified() const { return glfwGetWindowAttrib(window_, GLFW_ICONIFIED) != 0; }

}  // namespace rs::ui
