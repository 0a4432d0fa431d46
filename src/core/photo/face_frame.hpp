#pragma once
// Lengths and points derived from the 68 landmarks that the crop and many measures share. Pure
// functions. findings/face_frame.hpp adds the measures' regions and names these for findings/.
//
// Layering: photo/ is the lower layer and includes nothing from findings/ (face_geometry.hpp).
#include "core/photo/face_geometry.hpp"

namespace rs::photo {

struct FaceFrame {
  Point eye_mid;                  // midpoint of the two eye centres
  double ied = 0;                 // inter-eye distance (eye centres), px
  Point chin;                     // landmark 8
  double eye_to_chin = 0;         // eye midpoint to chin, px
  double face_width = 0;          // landmark 0 to 16 (the face's width at the ears' roots), px
  double centre_x = 0;            // midpoint of landmarks 0 and 16
  double brow_top = 0;            // highest eyebrow landmark (smallest y)
  Point right_cheek, left_cheek;  // cheek centres; right = the applicant's right = image left
};

FaceFrame face_frame(const FaceGeometry& face);

double distance(const Point& a, const Point& b);

}  // namespace rs::photo
