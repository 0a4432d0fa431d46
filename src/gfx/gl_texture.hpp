#pragma once
// A GL texture that deletes itself: move-only RAII, created and used on the GL (main) thread only.
#include <cstdint>

#include "gfx/gl.hpp"

namespace rs::gfx {

class GlTexture {
 public:
  GlTexture() = default;
  ~GlTexture();
  GlTexture(GlTexture&& other) noexcept;
  GlTexture& operator=(GlTexture&& other) noexcept;
  GlTexture(const GlTexture&) = delete;
  GlTexture& operator=(const GlTexture&) = delete;

  // A width x height RGBA8 texture from tightly packed rows (top row first). Returns an empty
  // texture when the size is not usable. No mipmaps yet: see ensure_mipmaps().
  static GlTexture from_rgba(int width, int height, const std::uint8_t* pixels);

  // Before drawing it smaller than 1:1: builds the mipmaps once, so a zoomed-out photo stays
  // smooth. Photos are mostly shown magnified, and under a software rasteriser building them
  // cost a new order's first frame a blit per level.
  void ensure_mipmaps() const;
  bool has_mipmaps() const { return mipmaps_; }

  // Sampling when drawn magnified: nearest shows the pixels a reviewer zooms in to inspect.
  void set_magnify_nearest(bool nearest) const;

  GLuint id() const { return id_; }
  int width() const { return width_; }
  int height() const { return height_; }
  explicit operator bool() const { return id_ != 0; }

 private:
  void reset();
  GLuint id_ = 0;
  int width_ = 0, height_ = 0;
  mutable bool mipmaps_ = false;
};

}  // namespace rs::gfx
