#include "core/demo/spec_portrait.hpp"

#include <algorithm>
#include <cmath>
#include <future>
#include <map>
#include <mutex>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

#include "core/demo/demo_photos.hpp"
#include "core/findings/face_frame.hpp"
#include "core/findings/face_locator.hpp"
#include "core/findings/spec.hpp"
#include "core/photo/crop.hpp"
#include "core/photo/segment.hpp"
#include "core/util/paths.hpp"

namespace rs::demo {

const findings::Ga461Frame& demo_frame() {
  static const findings::Ga461Frame frame = findings::load_spec(data_dir() / "db" / "spec", "id_card").frame;
  return frame;
}

namespace {

SpecPortrait build(const FaceSource& source) {
  cv::Mat img = cv::imread(source.file.string(), cv::IMREAD_COLOR);
  if (img.empty()) throw std::runtime_error("demo face photo '" + source.file.string() + "' cannot be read");
  if (source.w > 0) {
    cv::Rect tile = cv::Rect(source.x, source.y, source.w, source.h) & cv::Rect(0, 0, img.cols, img.rows);
    if (tile.area() == 0) throw std::runtime_error("demo face tile lies outside '" + source.file.string() + "'");
    img = img(tile).clone();
  }
  static const findings::FaceLocator locator(landmark_model_path());
  auto faces = locator.locate(img);
  if (faces.empty())
    throw std::runtime_error("no face found in demo photo '" + source.file.string() + "' (" + source.stem + ")");
  auto nearest = faces.begin();  // largest first; a tile holds one face
  SpecPortrait p;
  const findings::Ga461Frame& frame = demo_frame();
  auto t = photo::measured_spec_transform(img, *nearest, frame);
  cv::warpAffine(img, p.original, cv::Mat(t.matrix), cv::Size(frame.width, frame.height), cv::INTER_CUBIC,
                 cv::BORDER_REPLICATE);
  // Landmarks in the cropped frame, for the seeds.
  findings::FaceGeometry face = photo::transformed(*nearest, t.matrix);
  p.eye_mid = {(face.left_eye.x + face.right_eye.x) / 2, (face.left_eye.y + face.right_eye.y) / 2};
  p.person_alpha = photo::person_alpha(p.original, face);
  p.face = face;
  p.on_white = p.compose(cv::Mat(p.original.size(), CV_8UC3, cv::Scalar(250, 250, 250)));
  return p;
}
}  // namespace

cv::Mat SpecPortrait::compose(const cv::Mat& background) const {
  cv::Mat fg, bg, a3;
  original.convertTo(fg, CV_32FC3);
  background.convertTo(bg, CV_32FC3);
  cv::cvtColor(person_alpha, a3, cv::COLOR_GRAY2BGR);
  cv::Mat out = fg.mul(a3) + bg.mul(cv::Scalar::all(1) - a3);
  out.convertTo(out, CV_8UC3);
  return out;
}

namespace {
std::mutex cache_mutex;
std::map<std::string, std::shared_future<SpecPortrait>> cache;

std::shared_future<SpecPortrait> cached(const FaceSource& source) {
  std::lock_guard lock(cache_mutex);
  std::string key = source.file.string() + "#" + source.stem;
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(key, std::async(std::launch::async, build, source).share()).first;
  return it->second;
}
}  // namespace

void prefetch_spec_portrait(const FaceSource& source) { cached(source); }

const SpecPortrait& spec_portrait(const FaceSource& source) {
  // The future lives in the cache for the whole process, so the reference stays valid.
  return cached(source).get();
}

}  // namespace rs::demo
