#include "gfx/gl_texture.hpp"

#include <utility>

namespace rs::gfx {

GlTexture::~GlTexture() { reset(); }

GlTexture::GlTexture(GlTexture&& o) noexcept
    : id_(std::exchange(o.id_, 0)),
      width_(std::exchange(o.width_, 0)),
      height_(std::exchange(o.height_, 0)),
      mipmaps_(std::exchange(o.mipmaps_, false)) {}

GlTexture& GlTexture::operator=(GlTexture&& o) noexcept {
  if (this != &o) {
    reset();
    id_ = std::exchange(o.id_, 0);
    width_ = std::exchange(o.width_, 0);
    height_ = std::exchange(o.height_, 0);
    mipmaps_ = std::exchange(o.mipmaps_, false);
  }
  return *this;
}

void GlTexture::reset() {
  if (id_) glDeleteTextures(1, &id_);
  id_ = 0;
  width_ = height_ = 0;
  mipmaps_ = false;
}

GlTexture GlTexture::from_rgba(int width, int height, const std::uint8_t* pixels) {
  GlTexture t;
  GLint max_size = 0;
  glGetIntegerv(GL_MAX_TEXTURE_SIZE, &max_size);
  if (width <= 0 || height <= 0 || !pixels || width > max_size || height > max_size) return t;
  GLint prev = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev);
  glGenTextures(1, &t.id_);
  glBindTexture(GL_TEXTURE_2D, t.id_);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glBindTexture(GL_TEXTURE_2D, GLuint(prev));
  t.width_ = width;
  t.height_ = height;
  return t;
}

void GlTexture::ensure_mipmaps() const {
  if (!id_ || mipmaps_) return;
  GLint prev = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &prev);
  glBindTexture(GL_TEXTURE_2D, id_);
  glGenerateMipmap(GL_TEXTURE_2D);
  glBindTexture(GL_TEXTURE_2D, GLuint(prev));
  mipmaps_ = true;
}

void GlTexture::set_magnify_nearest(bool nearest) const {
  if (!id_) return;
  glBindTexture(GL_TEXTURE_2D, id_);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, nearest ? GL_NEAREST : GL_LINEAR);
}

}  // namespace rs::gfx
