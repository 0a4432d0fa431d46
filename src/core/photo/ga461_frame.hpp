#pragma once
// The GA 461 frame of a document type's adjusted photo, as its spec gives it: the pixel size
// ("frame"), the bands of its geometry rules and the JPEG quality the adjusted photo is written at.
// The crop aims at it (crop.hpp), the photo view draws it as guide lines and as the shader's
// template, and the rules judge by the same bands, so a document type that overrides
// geometry.face_width moves the judgement and the guides on screen together. No number of it lives
// in code: findings::load_spec fills it from db/spec (findings names it findings::Ga461Frame).
//
// Layering: photo/ is the lower layer and includes nothing from findings/ (face_geometry.hpp).
namespace rs::photo {

struct Ga461Frame {
  int width = 0, height = 0;                  // the adjusted photo, px ("frame")
  double head_top_min = 0, head_top_max = 0;  // geometry.head_top "pass": top edge to the top of the hair, px
  double head_top_ideal = 0;                  // geometry.head_top "ideal": where the crop puts the hair top
  double eye_line_min = 0;  // geometry.eye_line "pass" low: the eye line's least height above the bottom, px
  double face_width_min = 0, face_width_max = 0;  // geometry.face_width "pass", px (landmarks 0-16)
  double face_width_ideal = 0;                    // geometry.face_width "ideal": the crop scales the face to it
  int jpeg_quality = 0;  // file.jpeg_quality "ideal": the quality the adjusted photo is encoded at
};

// The frame's guides on a photo of photo_w x photo_h px (the frame scaled to the photo, as the
// reviewer may be shown a photo of another size), in photo pixels.
struct Ga461Guides {
  double sx = 1, sy = 1;                      // photo px per frame px
  double head_top_from = 0, head_top_to = 0;  // rows: the top of the hair must fall between them
  double eye_limit = 0;                       // row: the eye line must be above it
  double centre = 0;                          // column: the vertical centre line
  double face_inner = 0, face_outer = 0;      // offsets from the centre: each face edge falls between them
};

Ga461Guides ga461_guides(const Ga461Frame& frame, int photo_w, int photo_h);

}  // namespace rs::photo
