#include "core/domain/doc_type.hpp"

#include <array>

namespace rs {
namespace {
struct DocTypeRow {
  DocType type;
  std::string_view code;
  std::string_view name_zh;
  char group;
};
constexpr std::array<DocTypeRow, 6> kDocTypes{{
    {DocType::IdCard, "id_card", "身份证", 'I'},
    {DocType::SocialSecurity, "social_security", "社保卡", 'S'},
    {DocType::ResidencePermit, "residence_permit", "居住证", 'R'},
    {DocType::HkMacauPermit, "hk_macau_permit", "港澳通行证", 'H'},
    {DocType::Passport, "passport", "护照", 'P'},
    {DocType::DrivingLicence, "driving_licence", "驾驶证", 'D'},
}};
const DocTypeRow& row(DocType t) {
  for (const auto& r : kDocTypes)
    if (r.type == t) return r;
  return kDocTypes[0];
}
bool shenzhen_shared(DocType t) {
  return t == DocType::IdCard || t == DocType::SocialSecurity || t == DocType::ResidencePermit;
}
}  // namespace

std::string_view doc_type_code(DocType t) { return row(t).code; }
std::string_view doc_type_name_zh(DocType t) { return row(t).name_zh; }

std::optional<DocType> parse_doc_type(std::string_view s) {
  for (const auto& r : kDocTypes)
    if (s == r.code || s == r.name_zh) return r.type;
  return std::nullopt;
}

const std::vector<DocType>& all_doc_types() {
  static const std::vector<DocType> all = [] {
    std::vector<DocType> v;
    for (const auto& r : kDocTypes) v.push_back(r.type);
    return v;
  }();
  return all;
}

char doc_group_letter(DocType t, std::string_view city_name_zh) {
  if (city_name_zh == "深圳" && shenzhen_shared(t)) return 'X';
  return row(t).group;
}

bool doc_group_serves(char group, DocType t) {
  if (group == 'X') return shenzhen_shared(t);
  return row(t).group == group;
}

}  // namespace rs
