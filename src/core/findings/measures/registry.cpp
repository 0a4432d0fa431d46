// The measure factory: rule id -> measure. Each measure file defines its make_* function; the list
// below is the one place that knows them all (a static library drops self-registering objects).
#include <algorithm>
#include <functional>
#include <map>
#include <stdexcept>

#include "core/findings/measure.hpp"

namespace rs::findings {

// One measure a line, by hand: the formatter packs an X-macro list differently on each run.
// clang-format off
#define RS_MEASURES(X)                                   \
  X("faces.count", make_faces_count)                     \
  X("faces.second_ratio", make_faces_second_ratio)       \
  X("pose.roll", make_pose_roll)                         \
  X("file.pixel_size", make_file_pixel_size)             \
  X("geometry.face_width", make_face_width)              \
  X("geometry.eye_line", make_eye_line)                  \
  X("geometry.head_top", make_head_top)                  \
  X("geometry.centring", make_centring)                  \
  X("lighting.face_mean", make_face_mean)                \
  X("lighting.underexposed", make_underexposed)          \
  X("lighting.overexposed", make_overexposed)            \
  X("quality.sharpness", make_sharpness)                 \
  X("pose.yaw", make_pose_yaw)                           \
  X("pose.pitch", make_pose_pitch)                       \
  X("eyes.open", make_eyes_open)                         \
  X("mouth.closed", make_mouth_closed)                   \
  X("mouth.teeth", make_mouth_teeth)                     \
  X("lighting.uniformity", make_uniformity)              \
  X("lighting.face_shadow", make_face_shadow)            \
  X("lighting.glare", make_glare)                        \
  X("lighting.dynamic_range", make_dynamic_range)        \
  X("colour.skin_natural", make_skin_natural)            \
  X("colour.cast", make_colour_cast)                     \
  X("background.uniformity", make_background_uniformity) \
  X("background.colour", make_background_colour)         \
  X("background.shadow", make_background_shadow)         \
  X("quality.noise", make_noise)                         \
  X("quality.blockiness", make_blockiness)               \
  X("quality.pixelation", make_pixelation)               \
  X("retouch.skin_texture", make_skin_texture)           \
  X("file.format", make_file_format)                     \
  X("file.jpeg_quality", make_jpeg_quality)              \
  X("file.size", make_file_size)                         \
  X("file.colour_depth", make_colour_depth)              \
  X("geometry.in_frame", make_in_frame)                  \
  X("geometry.head_cut", make_head_cut)                  \
  X("geometry.inter_eye", make_inter_eye)                \
  X("geometry.head_size", make_head_size)                \
  X("hair.eyebrows", make_hair_eyebrows)                 \
  X("hair.ears", make_hair_ears)                         \
  X("hair.shoulders", make_hair_shoulders)               \
  X("eyes.visible", make_eyes_visible)                   \
  X("eyes.red", make_eyes_red)                           \
  X("glasses.glare", make_glasses_glare)                 \
  X("glasses.present", make_glasses_present)             \
  X("face.occlusion", make_occlusion)                    \
  X("accessory.earrings", make_earrings)                 \
  X("accessory.head_covering", make_head_covering)       \
  X("accessory.hat_edge", make_hat_edge)                 \
  X("background.spread", make_background_spread)         \
  X("background.structure", make_background_structure)   \
  X("accessory.hair_band", make_hair_band)               \
  X("accessory.necklace", make_necklace)
// clang-format on

#define RS_DECLARE(id, fn) std::unique_ptr<Measure> fn();
RS_MEASURES(RS_DECLARE)
#undef RS_DECLARE

namespace {
const std::map<std::string, std::function<std::unique_ptr<Measure>()>, std::less<>>& factories() {
#define RS_ENTRY(id, fn) {id, fn},
  static const std::map<std::string, std::function<std::unique_ptr<Measure>()>, std::less<>> table = {
      RS_MEASURES(RS_ENTRY)};
#undef RS_ENTRY
  return table;
}
}  // namespace

std::unique_ptr<Measure> make_measure(std::string_view rule_id) {
  auto it = factories().find(rule_id);
  return it == factories().end() ? nullptr : it->second();
}

void check_measures(const Spec& spec) {
  for (const RuleSpec& rule : spec.rules) {
    const std::string where = rule.file.string() + ": rule " + rule.id;
    const auto m = make_measure(rule.id);
    if (!m) throw std::runtime_error(where + " has no measure (unknown rule id)");
    const std::vector<std::string_view> wanted = m->params();
    for (std::string_view key : wanted)
      if (!rule.has_param(key)) throw std::runtime_error(where + " has no parameter '" + std::string(key) + "'");
    if (rule.params.is_object())
      for (const auto& [key, value] : rule.params.items())
        if (std::find(wanted.begin(), wanted.end(), key) == wanted.end())
          throw std::runtime_error(where + " has the parameter '" + key + "', which its measure does not read");
  }
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
