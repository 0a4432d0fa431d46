#include "core/photo/ga461_frame.hpp"

#include <algorithm>

namespace rs::photo {

Ga461Guides ga461_guides(const Ga461Frame& f, int photo_w, int photo_h) {
  Ga461Guides g;
  g.sx = photo_w / double(std::max(1, f.width));
  g.sy = photo_h / double(std::max(1, f.height));
  g.head_top_from = f.head_top_min * g.sy;
  g.head_top_to = f.head_top_max * g.sy;
  g.eye_limit = photo_h - f.eye_line_min * g.sy;
  g.centre = photo_w / 2.0;
  // The face is centred, so its edges lie half its width either side of the centre line.
  g.face_inner = f.face_width_min / 2 * g.sx;
  g.face_outer = f.face_width_max / 2 * g.sx;
  return g;
}

}  // namespace rs::photo
