#pragma once
// A linked GLSL program that deletes itself (move-only). Building never throws and never leaves
// a half-working program: on failure it is empty and the error text names the file and carries
// the driver's log, so the view can show it and the log can record it.
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

#include "gfx/gl.hpp"

namespace rs::gfx {

class ShaderProgram {
 public:
  ShaderProgram() = default;
  ~ShaderProgram();
  ShaderProgram(ShaderProgram&& other) noexcept;
  ShaderProgram& operator=(ShaderProgram&& other) noexcept;
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;

  // Compiles and links; `vert_name`/`frag_name` only label the error text.
  static ShaderProgram build(std::string_view vert_src, std::string_view frag_src, std::string& error,
                             std::string_view vert_name = "vertex", std::string_view frag_name = "fragment");
  // Reads both files first; a missing file is an error like a compile failure. `defines` (lines
  // such as "#define X 1\n") go right after each file's #version line, so one source file can
  // give several variants.
  static ShaderProgram load(const std::filesystem::path& vert, const std::filesystem::path& frag, std::string& error,
                            std::string_view defines = {});

  void use() const { glUseProgram(id_); }
  GLint uniform(const char* name) const;  // -1 when the driver optimised it away; cached
  GLuint id() const { return id_; }
  explicit operator bool() const { return id_ != 0; }

 private:
  GLuint id_ = 0;
  mutable std::unordered_map<std::string, GLint> uniforms_;
};

}  // namespace rs::gfx
