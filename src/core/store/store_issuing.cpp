// Verification of image numbers, revocation, and the applicant outbox.
#include <nlohmann/json.hpp>

#include "core/audit/records.hpp"
#include "core/domain/city.hpp"
#include "core/domain/doc_type.hpp"
#include "core/domain/image_number.hpp"
#include "core/issuing/notice.hpp"
#include "core/store/notice_token.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/sha256.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
using nlohmann::json;

std::string_view verify_answer_code(VerifyAnswer a) {
  switch (a) {
    case VerifyAnswer::Valid: return "valid";
    case VerifyAnswer::Expired: return "expired";
    case VerifyAnswer::WrongCity: return "wrong_city";
    case VerifyAnswer::WrongDocType: return "wrong_doc_type";
    case VerifyAnswer::Revoked: return "revoked";
    case VerifyAnswer::Unknown: return "unknown";
    case VerifyAnswer::Malformed: return "malformed";
  }
  return "unknown";
}

VerifyResult Store::verify(const std::string& number, const std::string& city_text, const std::string& doc_text) {
  auto city = parse_city(city_text);
  if (!city.city) throw Refusal(Refusal::Why::BadQuery, city.error);
  auto doc = parse_doc_type(doc_text);
  if (!doc)
    throw Refusal(Refusal::Why::BadQuery,
                  "doc '" + doc_text + "' is not a document type (身份证 社保卡 居住证 港澳通行证 护照 驾驶证)");
  VerifyResult r;
  auto parsed = parse_image_number(number);
  if (!parsed.parts)
    return {VerifyAnswer::Malformed, "image number '" + number + "' is malformed: " + parsed.error, {}, {}};
  auto q = impl_->sql(
      "SELECT i.expires_on, i.revoked_at, i.revoked_reason, o.city, i.doc_group FROM image_numbers i "
      "JOIN attempts a ON a.id = i.attempt_id JOIN orders o ON o.id = a.order_id WHERE i.number = ?1");
  q->bind(1, number);
  if (!q->step()) return {VerifyAnswer::Unknown, "image number " + number + " was never issued", {}, {}};
  r.expires_on = q->text(0);
  r.city = q->text(3);
  char group = q->text(4)[0];
  if (!q->is_null(1))
    return {VerifyAnswer::Revoked, "revoked at " + q->text(1) + ": " + q->text(2), r.expires_on, r.city};
  if (r.city != city.city->name_zh)
    return {VerifyAnswer::WrongCity,
            "issued in " + r.city + ", valid only there, not in " + std::string(city.city->name_zh), r.expires_on,
            r.city};
  if (!doc_group_serves(group, *doc))
    return {VerifyAnswer::WrongDocType,
            std::string("issued for document group ") + group + ", not for " + std::string(doc_type_name_zh(*doc)),
            r.expires_on, r.city};
  std::string today = date_text(local_date_cst(now_ms()));
  if (today > r.expires_on) return {VerifyAnswer::Expired, "expired after " + r.expires_on, r.expires_on, r.city};
  return {VerifyAnswer::Valid, "valid until " + r.expires_on + " (inclusive)", r.expires_on, r.city};
}

std::string Store::revoke(const accounts::Actor& actor, const std::string& number, const std::string& reason) {
  require_role(actor, accounts::Role::Supervisor, "revoking an image number");
  const std::string& supervisor = actor.name();
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
    throw Refusal(Refusal::Why::BadText, "revoking " + number + " needs a reason");
  if (supervisor.empty()) throw Refusal(Refusal::Why::BadText, "revoking " + number + " needs the supervisor's name");
  for (const auto* text : {&supervisor, &reason})
    if (!utf8::valid(*text) || utf8::first_forbidden(*text, text == &reason))
      throw Refusal(Refusal::Why::BadText, "revoking " + number + ": the " +
                                               (text == &reason ? "reason" : "supervisor's name") +
                                               " is not valid UTF-8 or holds a control character");
  auto& sql = impl_->sql;
  Transaction tx(impl_->db);
  const std::string now = iso8601_cst(now_ms());
  const auto [attempt_id, decision_id] = impl_->revoke_number(number, supervisor, reason, now, "revoked");
  AttemptInfo attempt = impl_->load_attempt(attempt_id);
  std::string order_no;
  {
    auto q = sql("SELECT o.order_no FROM attempts a JOIN orders o ON o.id = a.order_id WHERE a.id = ?1");
    q->bind(1, attempt_id);
    q->step();
    order_no = q->text(0);
  }
  const NoticeToken token = new_notice_token();
  JsonWriter notice;
  issuing::write_revocation_notice(notice, {order_no, attempt.attempt_no, number, reason, token.text, now});
  // The revocation as the tables now hold it, for the audit row (verify rebuilds it from them).
  audit::RevocationFacts kept;
  kept.image_number = number;
  kept.decision_id = decision_id;
  kept.attempt_id = attempt_id;
  kept.revoked_at = now;
  kept.revoked_by = supervisor;
  kept.reason = reason;
  {
    const std::string body = redact_token(notice.str(), token.text);
    auto ins =
        sql("INSERT INTO notices(decision_id, attempt_id, kind, token_sha256, body_json, issued_at) VALUES(NULL, ?1, "
            "'revocation', ?2, ?3, ?4)");
    ins->bind(1, attempt_id).bind(2, token.digest).bind(3, body).bind(4, now).run();
    kept.notice_id = impl_->db.last_insert_id();
    kept.notice_token_sha256 = token.digest;
    kept.notice_body_sha256 = sha256_hex(body);
    kept.notice_issued_at = now;
  }
  impl_->queue_message(notice, order_no, attempt.attempt_no, attempt_id, "revocation", now);
  impl_->audit(supervisor, "revoke", order_no, audit::revocation_detail(kept));
  tx.commit();
  return token.text;
}

Store::Impl::RevokedNumber Store::Impl::revoke_number(const std::string& number, const std::string& by,
                                                      const std::string& reason, const std::string& at,
                                                      const char* attempt_status) {
  RevokedNumber r;
  {
    auto q = sql("SELECT attempt_id, revoked_at, decision_id FROM image_numbers WHERE number = ?1");
    q->bind(1, number);
    if (!q->step()) throw Refusal(Refusal::Why::UnknownNumber, "image number " + number + " was never issued");
    if (!q->is_null(1))
      throw Refusal(Refusal::Why::AlreadyRevoked, "image number " + number + " was already revoked at " + q->text(1));
    r.attempt_id = q->int64(0);
    r.decision_id = q->int64(2);
  }
  {
    auto up = sql("UPDATE image_numbers SET revoked_at = ?1, revoked_by = ?2, revoked_reason = ?3 WHERE number = ?4");
    up->bind(1, at).bind(2, by).bind(3, reason).bind(4, number).run();
  }
  auto up = sql("UPDATE attempts SET status = ?1 WHERE id = ?2");
  up->bind(1, attempt_status).bind(2, r.attempt_id).run();
  return r;
}

// One message per kind per attempt; the key lets the notification service drop a redelivered copy.
void Store::Impl::queue_message(JsonWriter& message, const std::string& order_no, int attempt_no,
                                std::int64_t attempt_id, const std::string& kind, const std::string& at) {
  const std::string key = issuing::idempotency_key(order_no, attempt_no, kind);
  message.text("idempotency_key", key);
  auto ins =
      sql("INSERT INTO outbox(idempotency_key, attempt_id, kind, payload_json, created_at) VALUES(?1, ?2, ?3, ?4, ?5)");
  ins->bind(1, key).bind(2, attempt_id).bind(3, kind).bind(4, message.str()).bind(5, at).run();
}

std::vector<OutboxMessage> Store::undelivered_messages(int limit) {
  auto q = impl_->sql(
      "SELECT id, idempotency_key, kind, payload_json FROM outbox WHERE delivered_at IS NULL ORDER BY id LIMIT ?1");
  q->bind(1, limit);
  std::vector<OutboxMessage> out;
  while (q->step()) out.push_back({q->int64(0), q->text(1), q->text(2), q->text(3)});
  return out;
}

namespace {
// Commits on this connection are synced to disk while it lives (back to NORMAL after).
class SyncedCommits {
 public:
  // PostgreSQL syncs every commit itself (synchronous_commit, README): nothing to switch there.
  explicit SyncedCommits(Database& db) : db_(db) {
    if (db_.engine() == Engine::Sqlite) db_.exec("PRAGMA synchronous=FULL");
  }
  ~SyncedCommits() {
    if (db_.engine() != Engine::Sqlite) return;
    try {
      db_.exec("PRAGMA synchronous=NORMAL");
    } catch (const SqliteError&) {
      // Staying at FULL is only slower, never less safe.
    }
  }
  SyncedCommits(const SyncedCommits&) = delete;
  SyncedCommits& operator=(const SyncedCommits&) = delete;

 private:
  Database& db_;
};
}  // namespace

void Store::record_outgoing_batch(const std::vector<OutboxMessage>& batch) {
  if (batch.empty()) return;
  SyncedCommits synced(impl_->db);
  Transaction tx(impl_->db);
  impl_->audit("outbox", "deliver", std::to_string(batch.front().id) + ".." + std::to_string(batch.back().id),
               json{{"messages", batch.size()}}.dump());
  tx.commit();
}

void Store::mark_delivered(std::int64_t message_id) {
  // Once the applicant has the message, the database no longer needs its resubmission token.
  std::string payload;
  {
    auto q = impl_->sql("SELECT payload_json FROM outbox WHERE id = ?1 AND delivered_at IS NULL");
    q->bind(1, message_id);
    if (!q->step()) return;
    payload = q->text(0);
  }
  auto up = impl_->sql("UPDATE outbox SET delivered_at = ?1, payload_json = ?2 WHERE id = ?3 AND delivered_at IS NULL");
  up->bind(1, iso8601_cst(now_ms()))
      .bind(2, redact_token(payload, token_in_payload(payload)))
      .bind(3, message_id)
      .run();
}

}  // namespace rs::store
