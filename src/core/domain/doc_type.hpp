#pragma once
// Document types an applicant can order a photo receipt for, and the document group letter
// printed as the 3rd character of the image number (../shared/reference/receipts.md).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rs {

enum class DocType { IdCard, SocialSecurity, ResidencePermit, HkMacauPermit, Passport, DrivingLicence };

// Stable ASCII code used in the database, specs and JSON ("id_card", ...).
std::string_view doc_type_code(DocType t);
// The Chinese name applicants and manifests use (身份证, 社保卡, 居住证, 港澳通行证, 护照, 驾驶证).
std::string_view doc_type_name_zh(DocType t);
// Accepts either the Chinese name or the ASCII code.
std::optional<DocType> parse_doc_type(std::string_view s);
const std::vector<DocType>& all_doc_types();

// Document group letter for an image number. Shenzhen issues one shared receipt (group X)
// for the ID card, the social security card and the residence permit.
char doc_group_letter(DocType t, std::string_view city_name_zh);
// True when a receipt of group `group` serves document type `t`.
bool doc_group_serves(char group, DocType t);

}  // namespace rs
