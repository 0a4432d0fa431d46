#pragma once
// Puts a GL photo texture into an ImGui window: an ImDrawList callback runs the PhotoRenderer
// (shader with zoom/pan/mirror and layers) inside the window's clip rectangle. When the shader is
// unavailable it falls back to ImGui's own image drawing, so the photo is never a black box.
#include <array>

#include <imgui.h>

#include "core/review/view_transform.hpp"
#include "gfx/gl_texture.hpp"
#include "gfx/photo_renderer.hpp"

namespace rs::ui {

class PhotoCanvas {
 public:
  explicit PhotoCanvas(const gfx::PhotoRenderer& renderer) : renderer_(renderer) {}

  // Frees last frame's callback slots; call once per frame before draw().
  void begin_frame() { used_ = 0; }

  // Draws `tex` with transform `xf` relative to `origin`, clipped to [clip_min, clip_max].
  // `params` carries the layers and analysis uniforms; geometry fields are filled here.
  void draw(ImDrawList* dl, const gfx::GlTexture& tex, const review::ViewTransform& xf, ImVec2 origin, ImVec2 clip_min,
            ImVec2 clip_max, gfx::PhotoDrawParams params);

  bool shader_ok() const { return renderer_.ok(); }

 private:
  struct Slot {
    const gfx::PhotoRenderer* renderer;
    gfx::PhotoDrawParams params;
  };
  static void callback(const ImDrawList* list, const ImDrawCmd* cmd);

  const gfx::PhotoRenderer& renderer_;
  // Slots must stay put until the frame is rendered: a fixed array, reused every frame.
  std::array<Slot, 8> slots_{};
  int used_ = 0;
};

}  // namespace rs::ui
