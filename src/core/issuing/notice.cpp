#include "core/issuing/notice.hpp"

#include "core/domain/reason.hpp"
#include "core/i18n/text.hpp"

namespace rs::issuing {

// The applicant reads the notice in Chinese whatever language the reviewer's screen is in, so
// every word here comes from tr_applicant(), never from tr().
namespace {
// Each reason's title and what to do, as a JSON array (a failure notice's and an overturn's).
std::string reasons_json(const std::vector<std::string>& codes, const std::string& other_text) {
  std::string reasons = "[";
  for (const auto& code : codes) {
    if (reasons.size() > 1) reasons.push_back(',');
    JsonWriter r;
    r.text("code", code).text("title", tr_applicant("reason." + code + ".label"));
    r.text("what_to_do", code == "OTHER" ? other_text : reason_applicant(code));
    reasons += r.str();
  }
  reasons.push_back(']');
  return reasons;
}
// The fields every applicant message opens with.
void write_head(JsonWriter& out, const char* kind, const std::string& title_key, const std::string& order_no,
                int attempt_no) {
  out.text("kind", kind)
      .text("title", tr_applicant(title_key))
      .text("order_no", order_no)
      .number("attempt", attempt_no);
}

// What an approval (a decision's or an overturn's) says of its number.
void write_number(JsonWriter& out, const ApprovalInput& in) {
  out.text("image_number", in.image_number)
      .text("doc_type", in.doc_type)
      .text("city", in.city)
      .text("expires_on", in.expires_on)
      .text("receipt_link", "/receipt/" + in.image_number);
}

// The free resubmission a rejection, a revocation or an overturn into a rejection offers.
void write_resubmission(JsonWriter& out, const std::string& token) {
  out.text("resubmit_token", token)
      .text("resubmit_link", "/resubmit?token=" + token)
      .boolean("free_resubmission", true);
}
}  // namespace

void write_failure_notice(JsonWriter& out, const NoticeInput& in) {
  write_head(out, "rejection", "notice.rejection.title", in.order_no, in.attempt_no);
  out.raw("reasons", reasons_json(in.reasons, in.other_text));
  write_resubmission(out, in.token);
  out.text("issued_at", in.issued_at);
}

void write_approval_message(JsonWriter& out, const ApprovalInput& in) {
  write_head(out, "approval", "notice.approval.title", in.order_no, in.attempt_no);
  write_number(out, in);
  out.text("issued_at", in.issued_at);
}

void write_revocation_notice(JsonWriter& out, const RevocationInput& in) {
  write_head(out, "revocation", "notice.revocation.title", in.order_no, in.attempt_no);
  out.text("image_number", in.image_number).text("reason", in.reason);
  write_resubmission(out, in.token);
  out.text("issued_at", in.issued_at);
}

void write_overturn_rejection_notice(JsonWriter& out, const OverturnRejectionInput& in) {
  write_head(out, "overturn_rejection", "notice.overturn_rejection.title", in.order_no, in.attempt_no);
  out.text("revoked_image_number", in.revoked_number).raw("reasons", reasons_json(in.reasons, in.other_text));
  write_resubmission(out, in.token);
  out.text("issued_at", in.issued_at);
}

void write_overturn_approval_message(JsonWriter& out, const ApprovalInput& in) {
  write_head(out, "overturn_approval", "notice.overturn_approval.title", in.order_no, in.attempt_no);
  write_number(out, in);
  out.text("resubmit_link_void", tr_applicant("notice.overturn_approval.token_void")).text("issued_at", in.issued_at);
}

std::string idempotency_key(const std::string& order_no, int attempt_no, const std::string& kind) {
  return order_no + "/" + std::to_string(attempt_no) + "/" + kind;
}

nlohmann::json failure_notice(const NoticeInput& in) {
  JsonWriter w;
  write_failure_notice(w, in);
  return nlohmann::json::parse(w.str());
}

std::string notice_text(const nlohmann::json& n) {
  std::string s = n.value("title", std::string()) + "\n";
  int i = 1;
  for (const auto& r : n["reasons"])
    s += std::to_string(i++) + ". " + r.value("title", std::string()) + "：" + r.value("what_to_do", std::string()) +
         "\n";
  s += std::string(tr_applicant("notice.rejection.resubmit")) + "\n";
  return s;
}

}  // namespace rs::issuing
