#pragma once
// What the parts of FaceLocator share: face_locator.cpp (loading, overlaps_any) and its three
// finders, face_locator_frontal.cpp (dlib's HOG detector and the landmarks: locate),
// face_locator_profile.cpp (OpenCV's profile cascade: locate_turned) and face_locator_beside.cpp
// (small faces beside the applicant's head: locate_beside). Internal to those files. No dlib
// header here: they compile slowly and stay in face_locator_frontal.cpp, which runs the detector.
#include <vector>

#include <opencv2/core.hpp>

#include "core/findings/face_locator.hpp"
#include "core/findings/landmark_model.hpp"

namespace rs::findings {

struct FaceLocator::Model {
  LandmarkModel landmarks;  // fit() is const: shared by all threads
};

// dlib's HOG window is 80x80 px: a face must be at least that wide where it is looked for.
constexpr int kHogWindow = 80;

// Builds dlib's frontal detectors once per process: dlib decompresses the weights compiled into
// its header, about 0.6 s (the constructor does it while the landmark model loads). Later calls
// return at once; every thread then copies the result.
void load_face_detectors();

// dlib's detector limited to five pyramid levels (boxes of about 80-166 px) on an 8-bit grey image:
// the boxes of the faces it finds, in the image's pixels, in dlib's order. For a small face
// enlarged to about 125 px (locate_beside).
std::vector<cv::Rect> detect_faces_near(const cv::Mat& grey);

}  // namespace rs::findings
