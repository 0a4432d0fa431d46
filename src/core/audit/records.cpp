#include "core/audit/records.hpp"

#include <charconv>
#include <nlohmann/json.hpp>

#include "core/audit/chain.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/sha256.hpp"

namespace rs::audit {
namespace {
JsonWriter& optional_text(JsonWriter& w, std::string_view key, const std::optional<std::string>& v) {
  return v ? w.text(key, *v) : w.raw(key, "null");
}
JsonWriter& optional_number(JsonWriter& w, std::string_view key, const std::optional<std::int64_t>& v) {
  return v ? w.number(key, *v) : w.raw(key, "null");
}
}  // namespace

std::string decision_detail(const DecisionFacts& f) {
  JsonWriter w;
  w.number("decision_id", f.decision_id).number("attempt_id", f.attempt_id).text("order_no", f.order_no);
  w.number("attempt", f.attempt_no).text("decision", f.decision).text("reviewer", f.reviewer);
  w.text("workstation", f.workstation).number("lease_token", f.lease_token);
  optional_text(w, "shown_at", f.shown_at).text("decided_at", f.decided_at).number("decided_ms", f.decided_ms);
  w.number("review_ms", f.review_ms).text("findings_sha256", f.findings_sha256);
  optional_text(w, "other_text", f.other_text).texts("reasons", f.reasons);
  // An approval's number, a rejection's notice; either one where the other outcome has it is
  // written too, so that it shows as a difference.
  if (f.decision == "approved" || !f.image_number.empty()) {
    w.text("image_number", f.image_number).text("doc_group", f.doc_group).text("city_letter", f.city_letter);
    w.text("issue_date", f.issue_date).text("expires_on", f.expires_on);
  }
  if (f.decision != "approved" || f.notice_id) {
    optional_number(w, "notice_id", f.notice_id).text("notice_token_sha256", f.notice_token_sha256);
    w.text("notice_body_sha256", f.notice_body_sha256).text("notice_issued_at", f.notice_issued_at);
  }
  if (f.screen) w.text("screen", *f.screen);
  return w.str();
}

std::string legacy_decision_detail(const DecisionFacts& f) {
  JsonWriter w;
  w.text("decision", f.decision).number("attempt", f.attempt_no).texts("reasons", f.reasons);
  w.number("review_ms", f.review_ms).number("lease_token", f.lease_token).text("workstation", f.workstation);
  if (!f.image_number.empty()) w.text("image_number", f.image_number);
  return w.str();
}

std::string revocation_detail(const RevocationFacts& f) {
  JsonWriter w;
  w.text("image_number", f.image_number).number("decision_id", f.decision_id).number("attempt_id", f.attempt_id);
  w.text("revoked_at", f.revoked_at).text("revoked_by", f.revoked_by).text("reason", f.reason);
  w.number("notice_id", f.notice_id).text("notice_token_sha256", f.notice_token_sha256);
  w.text("notice_body_sha256", f.notice_body_sha256).text("notice_issued_at", f.notice_issued_at);
  return w.str();
}

std::string legacy_revocation_detail(const RevocationFacts& f) {
  return JsonWriter().text("image_number", f.image_number).text("reason", f.reason).str();
}

std::string overturn_detail(const OverturnFacts& f) {
  JsonWriter w;
  w.number("overturn_id", f.overturn_id).number("decision_id", f.decision_id).number("attempt_id", f.attempt_id);
  w.text("order_no", f.order_no).number("attempt", f.attempt_no);
  w.text("from", f.from_decision).text("to", f.to_decision).text("supervisor", f.supervisor);
  w.text("justification", f.justification).texts("reasons", f.reasons);
  optional_text(w, "other_text", f.other_text);
  w.text("overturned_at", f.overturned_at).number("overturned_ms", f.overturned_ms);
  // Each direction's block; one found where the other direction has it is written too, so that
  // it shows as a difference.
  if (f.to_decision == "rejected" || !f.revoked_number.empty() || f.notice_id) {
    w.text("revoked_number", f.revoked_number).text("revoked_at", f.revoked_at).text("revoked_by", f.revoked_by);
    w.text("revoked_reason", f.revoked_reason);
    optional_number(w, "notice_id", f.notice_id).text("notice_token_sha256", f.notice_token_sha256);
    w.text("notice_body_sha256", f.notice_body_sha256).text("notice_issued_at", f.notice_issued_at);
  }
  if (f.to_decision == "approved" || !f.image_number.empty() || f.voided_notice_id) {
    w.text("image_number", f.image_number).text("doc_group", f.doc_group).text("city_letter", f.city_letter);
    w.text("issue_date", f.issue_date).text("expires_on", f.expires_on);
    optional_number(w, "voided_notice_id", f.voided_notice_id);
  }
  return w.str();
}

std::string submission_detail(const SubmissionFacts& f) {
  JsonWriter w;
  w.number("attempt_id", f.attempt_id).number("order_id", f.order_id).text("order_no", f.order_no);
  w.number("attempt", f.attempt_no).text("photo_sha256", f.photo_sha256).text("submitted_at", f.submitted_at);
  w.number("submitted_ms", f.submitted_ms).number("priority", f.priority);
  if (!f.previous_attempt_id) {
    w.text("applicant_sha256", f.applicant_sha256).text("doc_type", f.doc_type).text("city", f.city);
    w.text("city_letter", f.city_letter).text("channel", f.channel);
  } else {
    w.number("previous_attempt_id", *f.previous_attempt_id);
    optional_number(w, "previous_attempt", f.previous_attempt_no);
    optional_number(w, "notice_id", f.notice_id).text("notice_used_at", f.notice_used_at);
  }
  return w.str();
}

std::string legacy_submission_detail(const SubmissionFacts& f) {
  JsonWriter w;
  w.number("attempt", f.attempt_no);
  if (f.previous_attempt_id)
    optional_number(w, "previous_attempt", f.previous_attempt_no);
  else
    w.text("channel", f.channel);
  return w.str();
}

std::string applicant_digest(std::string_view applicant_name, std::string_view id_number) {
  std::string fields;
  append_field(fields, applicant_name);
  append_field(fields, id_number);
  return sha256_hex(fields);
}

std::optional<std::int64_t> leading_id(std::string_view detail, std::string_view key) {
  const std::string prefix = "{\"" + std::string(key) + "\":";
  if (detail.substr(0, prefix.size()) != prefix) return std::nullopt;
  const char* begin = detail.data() + prefix.size();
  const char* end = detail.data() + detail.size();
  std::int64_t id = 0;
  const auto [next, ec] = std::from_chars(begin, end, id);
  if (ec != std::errc() || next == begin || next == end || (*next != ',' && *next != '}')) return std::nullopt;
  return id;
}

std::optional<std::string> detail_difference(std::string_view logged, std::string_view rebuilt) {
  using json = nlohmann::ordered_json;  // the rebuilt detail's order names the first difference
  const json log = json::parse(logged, nullptr, false);
  const json now = json::parse(rebuilt, nullptr, false);
  if (!log.is_object()) return "the logged detail is not a JSON object";
  auto show = [](const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); };
  for (const auto& [key, value] : now.items()) {
    auto it = log.find(key);
    if (it == log.end()) return key + ": " + show(value) + " in the tables, absent from the log";
    if (*it != value) return key + ": " + show(value) + " in the tables, " + show(*it) + " in the log";
  }
  for (const auto& [key, value] : log.items())
    if (!now.contains(key)) return key + ": absent from the tables, " + show(value) + " in the log";
  return std::nullopt;
}

}  // namespace rs::audit
