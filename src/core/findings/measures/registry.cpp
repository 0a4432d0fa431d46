// The measure factory: rule id -> measure. Each measure file defines its make_* function; the list
// below is the one place that knows them all (a static library drops self-registering objects).
#include <functional>
#include <map>

#include "core/findings/measure.hpp"

namespace rs::findings {

#define RS_MEASURES(X)                                                                                \
  X("faces.count", make_faces_count) X("faces.second_ratio", make_faces_second_ratio)                 \
  X("pose.roll", make_pose_roll) X("file.pixel_size", make_file_pixel_size)                           \
  X("geometry.face_width", make_face_width) X("geometry.eye_line", make_eye_line)                     \
  X("geometry.head_top", make_head_top) X("geometry.centring", make_centring)                         \
  X("lighting.face_mean", make_face_mean) X("lighting.underexposed", make_underexposed)               \
  X("lighting.overexposed", make_overexposed) X("quality.sharpness", make_sharpness)

#define RS_DECLARE(id, fn) std::unique_ptr<Measure> fn();
RS_MEASURES(RS_DECLARE)
#undef RS_DECLARE

namespace {
const std::map<std::string, std::function<std::unique_ptr<Measure>()>, std::less<>>& factories() {
#define RS_ENTRY(id, fn) {id, fn},
  static const std::map<std::string, std::function<std::unique_ptr<Measure>()>, std::less<>> table = {RS_MEASURES(RS_ENTRY)};
#undef RS_ENTRY
  return table;
}
}  // namespace

std::unique_ptr<Measure> make_measure(std::string_view rule_id) {
  auto it = factories().find(rule_id);
  return it == factories().end() ? nullptr : it->second();
}

const std::vector<std::string>& known_rule_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> v;
    for (const auto& [id, fn] : factories()) v.push_back(id);
    return v;
  }();
  return ids;
}

}  // namespace rs::findings
