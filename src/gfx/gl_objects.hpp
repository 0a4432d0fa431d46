#pragma once
// Move-only owners of a vertex array and a buffer object (GL thread only).
#include <utility>

#include "gfx/gl.hpp"

namespace rs::gfx {

// Shared body: Gen/Delete differ per object kind, ownership rules do not.
template <void (*Gen)(GLsizei, GLuint*), void (*Del)(GLsizei, const GLuint*)>
class GlName {
 public:
  GlName() = default;
  static GlName create() {
    GlName n;
    Gen(1, &n.id_);
    return n;
  }
  ~GlName() {
    if (id_) Del(1, &id_);
  }
  GlName(GlName&& o) noexcept : id_(std::exchange(o.id_, 0)) {}
  GlName& operator=(GlName&& o) noexcept {
    if (this != &o) {
      if (id_) Del(1, &id_);
      id_ = std::exchange(o.id_, 0);
    }
    return *this;
  }
  GlName(const GlName&) = delete;
  GlName& operator=(const GlName&) = delete;
  GLuint id() const { return id_; }
  explicit operator bool() const { return id_ != 0; }

 private:
  GLuint id_ = 0;
};

using GlVertexArray = GlName<&glGenVertexArrays, &glDeleteVertexArrays>;
using GlBuffer = GlName<&glGenBuffers, &glDeleteBuffers>;

}  // namespace rs::gfx
