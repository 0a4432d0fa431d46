#pragma once
// Resubmission tokens. The applicant reads a token's text once, in the failure or revocation
// notice; the store keeps only its SHA-256, so a copy of the database cannot resubmit for anyone.
// Private to the store layer.
#include <string>
#include <string_view>

namespace rs::store {

struct NoticeToken {
  std::string text;    // 32 hex digits (128 random bits): goes to the applicant only
  std::string digest;  // SHA-256 of the text, hex: what notices.token_sha256 keeps
};
NoticeToken new_notice_token();

std::string token_digest(std::string_view token);
// A token as applicants receive it: 32 lower-case hex digits.
bool well_formed_token(std::string_view token);
// `text` with every copy of `token` replaced by "redacted" (the notice kept for the record, and a
// message once it has been delivered).
std::string redact_token(std::string text, std::string_view token);
// The token a message payload carries ("resubmit_token"), or "" when it has none.
std::string token_in_payload(std::string_view payload_json);
// Equal digests, compared in time that does not depend on where they differ.
bool digests_equal(std::string_view a, std::string_view b);

}  // namespace rs::store
