#include "core/domain/reason.hpp"

#include "core/i18n/text.hpp"

namespace rs {

const std::vector<Reason>& all_reasons() {
  static const std::vector<Reason> all = {
      {"SIZE_POSITION", false}, {"HEAD_POSE", false},      {"LIGHTING", false},   {"BLURRED", false},
      {"FACE_SHADOW", false},   {"BACKGROUND", false},     {"EXPRESSION", false}, {"HAIR_EYEBROWS", false},
      {"HAIR_EARS", false},     {"HAIR_SHOULDERS", false}, {"ACCESSORY", false},  {"FEATURES_HIDDEN", false},
      {"FACE_GLARE", false},    {"RETOUCHED", false},      {"MIRRORED", false},   {"WRONG_CITY", false},
      {"OTHER", true},
  };
  return all;
}

const std::vector<Reason>& system_reasons() {
  static const std::vector<Reason> all = {{"PHOTO_UNREADABLE", false}};
  return all;
}

std::optional<Reason> reason_by_code(std::string_view code) {
  for (const auto* list : {&all_reasons(), &system_reasons()})
    for (const auto& r : *list)
      if (r.code == code) return r;
  return std::nullopt;
}

std::string reason_label(std::string_view code) { return std::string(tr("reason." + std::string(code) + ".label")); }
std::string reason_applicant(std::string_view code) {
  return std::string(tr_applicant("reason." + std::string(code) + ".applicant"));
}

}  // namespace rs
