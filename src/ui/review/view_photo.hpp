#pragma once
// The photo panel: the current photo drawn by the shader with zoom (wheel, around the cursor),
// pan (drag), mirror, loupe and switchable layers; vector overlays on top; the rejected previous
// attempt side by side with linked zoom when the order is a resubmission.
#include <cstdint>

#include <imgui.h>

#include "core/review/review_session.hpp"
#include "core/review/view_transform.hpp"
#include "gfx/gl_texture.hpp"
#include "ui/photo/photo_canvas.hpp"
#include "ui/review/view_state.hpp"

namespace rs::ui {

struct PhotoTextures {
  const gfx::GlTexture* current = nullptr;
  const gfx::GlTexture* previous = nullptr;
};

class PhotoView {
 public:
  explicit PhotoView(const gfx::PhotoRenderer& renderer) : canvas_(renderer), renderer_(renderer) {}
  void draw(const review::SessionSnapshot& snap, const PhotoTextures& tex, ViewState& state);
  void request_fit() { fit_mode_ = true; }

 private:
  void draw_toolbar(ViewState& state, bool resubmission);
  void draw_photo_area(const review::ReviewItem& item, const PhotoTextures& tex, ViewState& state);
  void draw_one(const review::ReviewItem& item, const gfx::GlTexture& tex, ImVec2 pos, ImVec2 size, bool is_previous,
                const ViewState& state);
  void draw_overlays(const review::ReviewItem& item, ImVec2 origin, const ViewState& state);
  void draw_loupe(const review::ReviewItem& item, const gfx::GlTexture& tex, ImVec2 origin, const ViewState& state);
  void note_zoom(ImVec2 photo_size, ImVec2 view, ViewState& state) const;
  void handle_input(ImVec2 origin, ImVec2 size, ImVec2 photo_size, ViewState& state);
  void draw_status(const review::ReviewItem* item);
  void draw_placeholder(const review::SessionSnapshot& snap);
  gfx::PhotoDrawParams layer_params(const review::ReviewItem& item, const ViewState& state, bool is_previous) const;

  PhotoCanvas canvas_;
  const gfx::PhotoRenderer& renderer_;
  review::ViewTransform xf_;
  bool fit_mode_ = true;    // refit whenever the panel size changes until the reviewer zooms or pans
  ImVec2 view_size_{0, 0};  // size of one photo area (half the canvas when comparing)
  std::uint64_t serial_ = 0;
  bool hovered_ = false;
  review::Vec2 cursor_photo_{-1, -1};  // photo pixel under the cursor (current photo)
};

}  // namespace rs::ui
