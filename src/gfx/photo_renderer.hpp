#pragma once
// Draws a photo texture through shaders/photo.{vert,frag}: the view matrix does zoom, pan and
// mirror; uniform switches add the analysis layers (zebra on clipped pixels, background deviation
// heat map, face shadow/glare map, GA 461 template). Pure GL: the UI calls draw() from an ImGui
// draw callback with the clip rectangle already converted to framebuffer pixels.
//
// Two programs come from the one pair of files: the plain photo (RS_LAYERS 0: one texture fetch
// per pixel) and the photo with its layers and pixel grid (RS_LAYERS 1). The plain one is used
// whenever no layer is on, which is most of the time: under a software rasteriser (llvmpipe) the
// layer code cost three times the plain photo's time per pixel even with every layer off.
#include <array>
#include <filesystem>
#include <string>

#include "gfx/gl_objects.hpp"
#include "gfx/shader_program.hpp"

namespace rs::gfx {

struct PhotoLayers {
  bool any() const { return zebra || background || face_light || ga461; }
  bool zebra = false;       // stripes on clipped (near black / near white) pixels
  bool background = false;  // heat map of the background's deviation from its reference colour
  bool face_light = false;  // blue = shadow, red = glare, relative to the face's mean luminance
  bool ga461 = false;       // the GA 461 template: head-top band, face-width bands, eye-line limit
};

struct PhotoDrawParams {
  GLuint texture = 0;
  int photo_w = 0, photo_h = 0;
  std::array<float, 9> screen_from_photo{};  // column-major, ImGui display coordinates
  float display_pos[2] = {0, 0}, display_size[2] = {1, 1};
  int scissor[4] = {0, 0, 0, 0};  // framebuffer x, y (bottom-left), w, h
  bool pixelated = false;         // nearest sampling + pixel grid when zoomed far in
  bool minified = false;          // drawn smaller than 1:1: sample the mipmaps
  float pixel_grid_alpha = 0;     // 0: no grid
  PhotoLayers layers;
  float background_rgb[3] = {1, 1, 1};
  bool has_face = false;
  float face_box[4] = {0, 0, 0, 0};  // min x, min y, max x, max y in photo pixels
  float face_luma = 0.5f;
  float dim = 0;  // 0..1 darkening (behind a highlighted finding)
  // The GA 461 template (layers.ga461) in photo pixels: the document's frame from its spec, scaled
  // to the photo (findings::ga461_guides), so the shader holds no figure of its own.
  float frame_scale[2] = {1, 1};    // photo px per frame px
  float head_top_band[2] = {0, 0};  // rows: the top of the hair falls between them
  float face_edges[2] = {0, 0};     // offsets from the centre line: each face edge falls between them
  float eye_limit = 0;              // row: the eye line must be above it
};

class PhotoRenderer {
 public:
  // Loads the shaders from `shader_dir`; check ok()/error() afterwards.
  explicit PhotoRenderer(std::filesystem::path shader_dir);
  bool ok() const { return plain_ && layered_; }
  const std::string& error() const { return error_; }
  bool reload();  // re-reads the shader files (F5); keeps the error text on failure

  void draw(const PhotoDrawParams& p) const;

 private:
  std::filesystem::path dir_;
  ShaderProgram plain_, layered_;
  std::string error_;
  GlVertexArray vao_;
  GlBuffer vbo_;
};

}  // namespace rs::gfx
