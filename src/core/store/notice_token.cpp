#include "core/store/notice_token.hpp"

#include <nlohmann/json.hpp>

#include "core/util/random.hpp"
#include "core/util/sha256.hpp"

namespace rs::store {

NoticeToken new_notice_token() {
  NoticeToken t;
  t.text = random_hex(16);
  t.digest = token_digest(t.text);
  return t;
}

std::string token_digest(std::string_view token) { return sha256_hex(token); }

bool well_formed_token(std::string_view token) {
  if (token.size() != 32) return false;
  for (char c : token)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

std::string redact_token(std::string text, std::string_view token) {
  if (token.empty()) return text;
  for (std::size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + 8))
    text.replace(at, token.size(), "redacted");
  return text;
}

std::string token_in_payload(std::string_view payload_json) {
  const auto j = nlohmann::json::parse(payload_json, nullptr, false);
  if (!j.is_object()) return {};
  const auto it = j.find("resubmit_token");
  if (it == j.end() || !it->is_string()) return {};
  std::string token = it->get<std::string>();
  return well_formed_token(token) ? token : std::string();
}

bool digests_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

}  // namespace rs::store
