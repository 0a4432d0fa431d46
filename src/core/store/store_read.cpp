// Reading decisions back: the export for scripts and supervisors, and receipt data.
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/domain/doc_type.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
using nlohmann::json;

namespace {
// A stored JSON text as JSON (text from an older database that is not JSON: as sanitised text).
json stored_json(const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::exception&) {
    return utf8::sanitised(text);
  }
}

// A decision's overturn as export shows it beside the decision: who, when, what it became, why,
// and what it issued (the new number, or the revoked number, the reasons and the notice).
json overturn_json(StatementCache& sql, const std::vector<std::string>& reasons, std::int64_t overturn_id) {
  auto q =
      sql("SELECT v.supervisor, v.overturned_at, v.to_decision, v.justification, v.other_text, v.revoked_number, "
          "n.body_json, v.image_number, i.expires_on, i.revoked_at, v.voided_notice_id FROM overturns v "
          "LEFT JOIN notices n ON n.id = v.notice_id LEFT JOIN image_numbers i ON i.number = v.image_number "
          "WHERE v.id = ?1");
  q->bind(1, overturn_id);
  if (!q->step()) return nullptr;
  json j = {{"by", q->text(0)}, {"at", q->text(1)}, {"to", q->text(2)}, {"justification", q->text(3)}};
  if (!q->is_null(5)) {
    j["revoked_image_number"] = q->text(5);
    j["reasons"] = reasons;
    if (!q->is_null(4)) j["other_text"] = q->text(4);
    if (!q->is_null(6)) j["notice"] = stored_json(q->text(6));
  }
  if (!q->is_null(7)) {
    j["image_number"] = q->text(7);
    j["expires_on"] = q->text(8);
    if (!q->is_null(9)) j["revoked_at"] = q->text(9);
    if (!q->is_null(10)) j["voided_notice_id"] = q->int64(10);
  }
  return j;
}
}  // namespace

std::int64_t Store::decision_count() {
  auto q = impl_->sql("SELECT COUNT(*) FROM decisions");
  q->step();
  return q->int64(0);
}

void Store::export_decisions(std::ostream& out) {
  auto& sql = impl_->sql;
  auto q =
      sql("SELECT d.id, o.order_no, a.attempt_no, o.doc_type, o.city, d.decision, d.reviewer, d.workstation, "
          "d.decided_at, d.review_ms, d.other_text, i.number, i.expires_on, i.revoked_at, n.body_json, "
          "d.shown_at, d.findings_json, p.sha256, a.previous_attempt_id, v.id "
          "FROM decisions d JOIN attempts a ON a.id = d.attempt_id JOIN orders o ON o.id = a.order_id "
          "JOIN photos p ON p.id = a.photo_id "
          "LEFT JOIN image_numbers i ON i.number = d.image_number "
          "LEFT JOIN notices n ON n.decision_id = d.id AND n.kind = 'rejection' "
          "LEFT JOIN overturns v ON v.decision_id = d.id ORDER BY d.id");
  while (q->step()) {
    json reasons = impl_->load_reasons(q->int64(0));
    auto doc = parse_doc_type(q->text(3));
    json j = {{"order_no", q->text(1)},
              {"attempt", q->int64(2)},
              {"doc_type", doc ? std::string(doc_type_name_zh(*doc)) : q->text(3)},
              {"doc_type_code", q->text(3)},
              {"city", q->text(4)},
              {"decision", q->text(5)},
              {"reasons", reasons},
              {"reviewer", q->text(6)},
              {"workstation", q->text(7)},
              {"decided_at", q->text(8)},
              {"review_ms", q->int64(9)},
              {"photo_sha256", q->text(17)}};
    if (!q->is_null(15)) j["shown_at"] = q->text(15);
    if (!q->is_null(10)) j["other_text"] = q->text(10);
    if (!q->is_null(18)) j["resubmission_of_attempt"] = q->int64(2) - 1;
    if (!q->is_null(11)) {
      j["image_number"] = q->text(11);
      j["expires_on"] = q->text(12);
      if (!q->is_null(13)) j["revoked_at"] = q->text(13);
    }
    if (!q->is_null(14)) {
      try {
        j["notice"] = json::parse(q->text(14));
      } catch (const json::exception&) {  // a row from before intake checked UTF-8: still exported
        j["notice"] = utf8::sanitised(q->text(14));
      }
    }
    if (!q->is_null(19))
      j["overturned"] = overturn_json(impl_->sql, impl_->load_overturn_reasons(q->int64(19)), q->int64(19));
    try {
      j["findings"] = json::parse(q->text(16));
    } catch (const json::exception&) {
      j["findings"] = json::array();
    }
    // Text stored before intake and decisions checked UTF-8 may hold invalid bytes: replaced by
    // U+FFFD, so one old record never stops the export.
    out << j.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
  }
}

std::optional<issuing::ReceiptData> Store::receipt_data(const std::string& number) {
  auto& sql = impl_->sql;
  auto q =
      sql("SELECT i.number, o.doc_type, i.doc_group, o.city, o.applicant_name, o.id_number, i.issue_date, "
          "i.expires_on, o.order_no, a.photo_id FROM image_numbers i JOIN attempts a ON a.id = i.attempt_id "
          "JOIN orders o ON o.id = a.order_id WHERE i.number = ?1");
  q->bind(1, number);
  if (!q->step()) return std::nullopt;
  issuing::ReceiptData d;
  d.image_number = q->text(0);
  d.doc_type_code = q->text(1);
  d.doc_group = q->text(2)[0];
  d.city_zh = q->text(3);
  d.applicant_name = q->text(4);
  d.id_number = q->text(5);
  d.issue_date = q->text(6);
  d.expiry_date = q->text(7);
  d.order_no = q->text(8);
  std::int64_t photo_id = q->int64(9);
  d.photo = impl_->load_photo(photo_id);
  return d;
}

}  // namespace rs::store
