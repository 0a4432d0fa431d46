#pragma once
// The face's own skin as the lighting and exposure measures read it (measures/lighting_*.cpp),
// made once per photo (PhotoContext::face_light).
#include <array>

#include <opencv2/core.hpp>

namespace rs::findings {

class PhotoContext;

// The face's own skin, where light and exposure can be read without what grows on it or sits on
// it. PhotoContext::skin_mask is the whole jaw outline: on real photos it holds beards and
// moustaches, glasses rims, the hair that falls over the face's edge and a hand under the chin,
// all darker than the skin; read as skin they make an evenly lit bearded face "shadowed" and a
// face with black frames "under-exposed". FaceLight reads the levelled face (eyes level, kIed px
// apart), so every region and filter has the same size in face units on every photo:
// - inner: the skin mask between the outer eye corners, from the forehead down to the mouth
//   corners, without the upper lip (a moustache) and a rim along its edge (hair, jaw shade);
// - cheek[0], cheek[1]: its image-left and image-right cheeks under the eyes' outer halves (below
//   a glasses rim, above the smile's fold and the nose's own shadow);
// - closed: the levelled grey with thin dark lines closed over (a grey closing about a tenth of
//   the inter-eye distance wide: rims, wrinkles, stubble, lashes), so a shadow is what is left:
//   a dark area, not a dark line.
struct FaceLight {
  cv::Mat grey, closed;  // CV_8U, LevelledFace::kSide square
  cv::Mat inner;         // CV_8U masks of the same size
  std::array<cv::Mat, 2> cheek;
  cv::Matx23d back;  // levelled -> photo coordinates
  bool empty() const { return inner.empty(); }
};
// Empty without landmarks or when the eyes are too close to level the face. Made once per photo
// by PhotoContext::face_light, which the measures call.
FaceLight make_face_light(const PhotoContext& ctx);

}  // namespace rs::findings
