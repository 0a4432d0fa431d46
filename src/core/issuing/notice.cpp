#include "core/issuing/notice.hpp"

#include "core/domain/reason.hpp"
#include "core/i18n/text.hpp"

namespace rs::issuing {

// The applicant reads the notice in Chinese whatever language the reviewer's screen is in, so
// every word here comes from tr_applicant(), never from tr().
nlohmann::json failure_notice(const NoticeInput& in) {
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& code : in.reasons) {
    nlohmann::json r = {{"code", code},
                        {"title", std::string(tr_applicant("reason." + code + ".label"))},
                        {"what_to_do", reason_applicant(code)}};
    if (code == "OTHER") r["what_to_do"] = in.other_text;
    reasons.push_back(std::move(r));
  }
  return {
      {"kind", "rejection"},
      {"title", std::string(tr_applicant("notice.rejection.title"))},
      {"order_no", in.order_no},
      {"attempt", in.attempt_no},
      {"reasons", std::move(reasons)},
      {"resubmit_token", in.token},
      {"resubmit_link", "/resubmit?token=" + in.token},
      {"free_resubmission", true},
      {"issued_at", in.issued_at},
  };
}

std::string notice_text(const nlohmann::json& n) {
  std::string s = n.value("title", std::string()) + "\n";
  int i = 1;
  for (const auto& r : n["reasons"])
    s += std::to_string(i++) + ". " + r.value("title", std::string()) + "：" + r.value("what_to_do", std::string()) + "\n";
  s += std::string(tr_applicant("notice.rejection.resubmit")) + "\n";
  return s;
}

}  // namespace rs::issuing
