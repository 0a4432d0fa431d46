#include "gfx/shader_program.hpp"

#include <utility>

#include "core/util/file_read.hpp"

namespace rs::gfx {
namespace {

std::string shader_log(GLuint shader) {
  GLint len = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &len);
  std::string log(std::size_t(len > 1 ? len : 1), '\0');
  glGetShaderInfoLog(shader, len, nullptr, log.data());
  while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
  return log;
}

std::string program_log(GLuint program) {
  GLint len = 0;
  glGetProgramiv(program, GL_INFO_LOG_LENGTH, &len);
  std::string log(std::size_t(len > 1 ? len : 1), '\0');
  glGetProgramInfoLog(program, len, nullptr, log.data());
  while (!log.empty() && (log.back() == '\0' || log.back() == '\n')) log.pop_back();
  return log;
}

// Returns 0 and fills `error` when the stage does not compile.
GLuint compile(GLenum type, std::string_view src, std::string_view name, std::string& error) {
  GLuint s = glCreateShader(type);
  const char* text = src.data();
  GLint len = GLint(src.size());
  glShaderSource(s, 1, &text, &len);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    error = std::string(name) + ": compile failed: " + shader_log(s);
    glDeleteShader(s);
    return 0;
  }
  return s;
}

// After the first line (#version must stay first); the source unchanged when there is nothing to add.
std::string with_defines(std::string src, std::string_view defines) {
  if (defines.empty()) return src;
  std::size_t eol = src.find('\n');
  std::size_t at = eol == std::string::npos ? src.size() : eol + 1;
  std::string block(defines);
  if (block.back() != '\n') block += '\n';
  block += "#line 2\n";  // the driver's error lines still count the file's own lines (GLSL >= 3.30)
  if (eol == std::string::npos) block.insert(0, "\n");
  src.insert(at, block);
  return src;
}

// Shader sources are a few KB; 1 MB is no shader.
constexpr std::size_t kMaxShaderBytes = std::size_t{1} << 20;

bool read_file(const std::filesystem::path& p, std::string& out, std::string& error) {
  const util::FileRead read = util::read_regular_file(p, kMaxShaderBytes);
  if (!read.ok()) {
    error = "cannot read the shader file: " + read.error;  // names the file
    return false;
  }
  out.assign(read.bytes.begin(), read.bytes.end());
  return true;
}

}  // namespace

ShaderProgram::~ShaderProgram() {
  if (id_) glDeleteProgram(id_);
}

ShaderProgram::ShaderProgram(ShaderProgram&& o) noexcept
    : id_(std::exchange(o.id_, 0)), uniforms_(std::move(o.uniforms_)) {}

ShaderProgram& ShaderProgram::operator=(ShaderProgram&& o) noexcept {
  if (this != &o) {
    if (id_) glDeleteProgram(id_);
    id_ = std::exchange(o.id_, 0);
    uniforms_ = std::move(o.uniforms_);
  }
  return *this;
}

ShaderProgram ShaderProgram::build(std::string_view vsrc, std::string_view fsrc, std::string& error,
                                   std::string_view vname, std::string_view fname) {
  ShaderProgram p;
  error.clear();
  GLuint vs = compile(GL_VERTEX_SHADER, vsrc, vname, error);
  if (!vs) return p;
  GLuint fs = compile(GL_FRAGMENT_SHADER, fsrc, fname, error);
  if (!fs) {
    glDeleteShader(vs);
    return p;
  }
  GLuint prog = glCreateProgram();
  glAttachShader(prog, vs);
  glAttachShader(prog, fs);
  glBindAttribLocation(prog, 0, "a_unit");
  glLinkProgram(prog);
  glDeleteShader(vs);  // the program keeps them alive while linked
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(prog, GL_LINK_STATUS, &ok);
  if (!ok) {
    error = std::string(vname) + " + " + std::string(fname) + ": link failed: " + program_log(prog);
    glDeleteProgram(prog);
    return p;
  }
  p.id_ = prog;
  return p;
}

ShaderProgram ShaderProgram::load(const std::filesystem::path& vert, const std::filesystem::path& frag,
                                  std::string& error, std::string_view defines) {
  std::string vsrc, fsrc;
  if (!read_file(vert, vsrc, error) || !read_file(frag, fsrc, error)) return {};
  return build(with_defines(std::move(vsrc), defines), with_defines(std::move(fsrc), defines), error,
               vert.filename().string(), frag.filename().string());
}

GLint ShaderProgram::uniform(const char* name) const {
  auto it = uniforms_.find(name);
  if (it != uniforms_.end()) return it->second;
  GLint loc = glGetUniformLocation(id_, name);
  uniforms_.emplace(name, loc);
  return loc;
}

}  // namespace rs::gfx
