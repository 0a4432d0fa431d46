#include "gfx/photo_renderer.hpp"

#include <cstdio>

namespace rs::gfx {

PhotoRenderer::PhotoRenderer(std::filesystem::path shader_dir) : dir_(std::move(shader_dir)) {
  vao_ = GlVertexArray::create();
  vbo_ = GlBuffer::create();
  // One unit quad as a triangle strip; the vertex shader scales it to the photo.
  const float unit[8] = {0, 0, 1, 0, 0, 1, 1, 1};
  GLint prev_vao = 0, prev_buf = 0;
  glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &prev_vao);
  glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &prev_buf);
  glBindVertexArray(vao_.id());
  glBindBuffer(GL_ARRAY_BUFFER, vbo_.id());
  glBufferData(GL_ARRAY_BUFFER, sizeof unit, unit, GL_STATIC_DRAW);
  glEnableVertexAttribArray(0);
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 2 * sizeof(float), nullptr);
  glBindVertexArray(GLuint(prev_vao));
  glBindBuffer(GL_ARRAY_BUFFER, GLuint(prev_buf));
  reload();
}

bool PhotoRenderer::reload() {
  std::string error;
  ShaderProgram plain = ShaderProgram::load(dir_ / "photo.vert", dir_ / "photo.frag", error, "#define RS_LAYERS 0\n");
  ShaderProgram layered;
  if (plain) layered = ShaderProgram::load(dir_ / "photo.vert", dir_ / "photo.frag", error, "#define RS_LAYERS 1\n");
  if (!plain || !layered) {
    error_ = error;
    std::fprintf(stderr, "reviewstation: photo shader unavailable, drawing without layers: %s\n", error.c_str());
    return false;
  }
  plain_ = std::move(plain);
  layered_ = std::move(layered);
  error_.clear();
  return true;
}

void PhotoRenderer::draw(const PhotoDrawParams& p) const {
  if (!ok() || !p.texture) return;
  const ShaderProgram& s = p.layers.any() || p.pixel_grid_alpha > 0 ? layered_ : plain_;
  s.use();
  glEnable(GL_SCISSOR_TEST);
  // The photo is opaque (the layers are mixed in the shader): no blending with what is under it,
  // which saves a software rasteriser a framebuffer read per pixel. ImGui's state is restored by
  // the ImDrawCallback_ResetRenderState that follows every photo draw (PhotoCanvas).
  glDisable(GL_BLEND);
  glScissor(p.scissor[0], p.scissor[1], p.scissor[2], p.scissor[3]);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, p.texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, p.pixelated ? GL_NEAREST : GL_LINEAR);
  // Mipmaps only when drawn smaller than 1:1; magnified, a plain bilinear fetch is cheaper.
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, p.minified ? GL_LINEAR_MIPMAP_LINEAR : GL_LINEAR);
  glUniform1i(s.uniform("u_photo"), 0);
  glUniformMatrix3fv(s.uniform("u_screen_from_photo"), 1, GL_FALSE, p.screen_from_photo.data());
  glUniform2f(s.uniform("u_display_pos"), p.display_pos[0], p.display_pos[1]);
  glUniform2f(s.uniform("u_display_size"), p.display_size[0], p.display_size[1]);
  glUniform2f(s.uniform("u_photo_size"), float(p.photo_w), float(p.photo_h));
  glUniform1f(s.uniform("u_grid_alpha"), p.pixel_grid_alpha);
  glUniform1i(s.uniform("u_zebra"), p.layers.zebra);
  glUniform1i(s.uniform("u_background"), p.layers.background);
  glUniform1i(s.uniform("u_face_light"), p.layers.face_light);
  glUniform1i(s.uniform("u_ga461"), p.layers.ga461);
  glUniform3fv(s.uniform("u_bg_ref"), 1, p.background_rgb);
  glUniform1i(s.uniform("u_has_face"), p.has_face);
  glUniform4fv(s.uniform("u_face_box"), 1, p.face_box);
  glUniform1f(s.uniform("u_face_luma"), p.face_luma);
  glUniform1f(s.uniform("u_dim"), p.dim);
  glUniform2fv(s.uniform("u_frame_scale"), 1, p.frame_scale);
  glUniform2fv(s.uniform("u_head_top_band"), 1, p.head_top_band);
  glUniform2fv(s.uniform("u_face_edges"), 1, p.face_edges);
  glUniform1f(s.uniform("u_eye_limit"), p.eye_limit);
  glBindVertexArray(vao_.id());
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace rs::gfx
