// Intake: manifests, single orders and free resubmissions. Everything here comes from outside and
// is checked field by field before it is stored: a bad item is refused with one line, the rest of
// the manifest still goes in.
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/audit/records.hpp"
#include "core/domain/city.hpp"
#include "core/domain/doc_type.hpp"
#include "core/domain/id_number.hpp"
#include "core/findings/decode.hpp"
#include "core/store/notice_token.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/file_read.hpp"
#include "core/util/utf8.hpp"

namespace rs::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
constexpr std::size_t kMaxManifestBytes = std::size_t{64} << 20;  // ~100,000 orders
constexpr std::size_t kMaxOrderNoChars = 64, kMaxNameChars = 50, kMaxChannelChars = 32;
// Submissions before the product existed or more than a day ahead of this clock are typos.
constexpr int kEarliestYear = 2020;
constexpr Millis kFutureSlackMs = 24LL * 3600 * 1000;

bool order_no_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

std::string text_problem(const char* field, const std::string& v, std::size_t max_chars) {
  return utf8::text_problem(field, v, {.max_chars = max_chars});
}

std::string order_no_problem(const std::string& no) {
  if (no.empty()) return "order_no is empty";
  if (auto p = text_problem("order_no", no, kMaxOrderNoChars); !p.empty()) return p;
  for (char c : no)
    if (!order_no_char(c)) return "order_no '" + no + "' may hold only letters A-Z a-z, digits, '-' and '_'";
  return {};
}

std::string submitted_at_problem(const std::string& at) {
  const auto t = parse_iso8601(at);
  if (!t) return "submitted_at '" + at + "' is not an ISO 8601 time on a real calendar date";
  if (local_date_cst(*t).year < kEarliestYear || *t > now_ms() + kFutureSlackMs)
    return "submitted_at '" + at + "' is outside " + std::to_string(kEarliestYear) + "-01-01 .. tomorrow";
  return {};
}

std::string order_problem(const NewOrder& o) {
  if (auto p = order_no_problem(o.order_no); !p.empty()) return p;
  if (o.applicant_name.empty()) return "applicant_name is empty";
  if (auto p = text_problem("applicant_name", o.applicant_name, kMaxNameChars); !p.empty()) return p;
  if (auto p = text_problem("channel", o.channel, kMaxChannelChars); !p.empty()) return p;
  for (const auto& [field, v] : {std::pair{"id_number", &o.id_number}, {"doc_type", &o.doc_type}, {"city", &o.city}})
    if (auto p = text_problem(field, *v, 64); !p.empty()) return p;
  if (auto p = id_number_problem(o.id_number); !p.empty()) return p;
  if (!parse_doc_type(o.doc_type))
    return "doc_type '" + o.doc_type + "' is not one of 身份证, 社保卡, 居住证, 港澳通行证, 护照, 驾驶证";
  if (auto c = parse_city(o.city); !c.city) return c.error;
  if (auto p = submitted_at_problem(o.submitted_at); !p.empty()) return p;
  // An empty photo is a failed upload of a good order: decoding names it and the applicant is told.
  if (o.photo.size() > util::kMaxPhotoBytes) return "photo is larger than 20 MB";
  return {};
}

std::string string_field(const json& item, const char* key, bool required, std::string& error) {
  auto it = item.find(key);
  if (it == item.end() || it->is_null()) {
    if (required && error.empty()) error = std::string("missing '") + key + "'";
    return {};
  }
  if (!it->is_string()) {
    if (error.empty()) error = std::string("'") + key + "' must be a string";
    return {};
  }
  return it->get<std::string>();
}

// A parsed manifest, with the items (by position) that repeat a key: JSON readers disagree on
// which copy wins, so such an item is refused rather than guessed at.
struct Manifest {
  json doc;
  std::map<std::size_t, std::string> repeated_key;
};

Manifest parse_manifest(const std::string& text, const fs::path& name) {
  Manifest m;
  std::vector<std::set<std::string>> open_objects;
  std::size_t item = 0;
  bool in_item = false;
  auto watch = [&](int depth, json::parse_event_t e, json& parsed) {
    using E = json::parse_event_t;
    if (depth == 1 && (e == E::object_start || e == E::array_start || e == E::value)) {
      if (in_item) ++item;
      in_item = true;
    }
    if (e == E::object_start) open_objects.emplace_back();
    if (e == E::object_end && !open_objects.empty()) open_objects.pop_back();
    if (e == E::key && !open_objects.empty() && !open_objects.back().insert(parsed.get<std::string>()).second &&
        !m.repeated_key.count(item))
      m.repeated_key[item] = parsed.get<std::string>();
    return true;
  };
  try {
    m.doc = json::parse(text, watch);
  } catch (const json::parse_error& e) {
    throw Refusal(Refusal::Why::BadManifest, "manifest '" + util::printable_path(name) +
                                                 "' is not valid JSON (at byte " + std::to_string(e.byte) +
                                                 "): nothing was enqueued");
  }
  if (!m.doc.is_array())
    throw Refusal(Refusal::Why::BadManifest,
                  "manifest '" + util::printable_path(name) + "' must be a JSON array of orders: nothing was enqueued");
  return m;
}

// The notice whose token a resubmission used.
struct UsedNotice {
  std::int64_t id = 0, previous_attempt_no = 0;
  std::string used_at;
};

// The audit detail of an attempt coming in (audit/records.hpp), read back from the rows just
// written, as verify reads them.
std::string submission_detail(const OrderInfo& o, const AttemptInfo& a, std::int64_t priority,
                              const std::optional<UsedNotice>& used) {
  audit::SubmissionFacts f;
  f.order_id = o.id;
  f.attempt_id = a.id;
  f.order_no = o.order_no;
  f.attempt_no = a.attempt_no;
  f.photo_sha256 = a.photo_sha256;
  f.submitted_at = a.submitted_at;
  f.submitted_ms = a.submitted_ms;
  f.priority = priority;
  f.applicant_sha256 = audit::applicant_digest(o.applicant_name, o.id_number);
  f.doc_type = o.doc_type;
  f.city = o.city;
  f.city_letter = std::string(1, o.city_letter);
  f.channel = o.channel;
  f.previous_attempt_id = a.previous_attempt_id;
  if (used) {
    f.previous_attempt_no = used->previous_attempt_no;
    f.notice_id = used->id;
    f.notice_used_at = used->used_at;
  }
  return audit::submission_detail(f);
}

// The manifest item at `i` as an order, or the first problem with it.
NewOrder order_from_item(const json& item, const fs::path& photos_root, std::string& error) {
  NewOrder o;
  if (!item.is_object()) {
    error = "item is not an object";
    return o;
  }
  o.order_no = string_field(item, "order_no", true, error);
  o.applicant_name = string_field(item, "applicant_name", true, error);
  o.id_number = string_field(item, "id_number", true, error);
  o.doc_type = string_field(item, "doc_type", true, error);
  o.city = string_field(item, "city", true, error);
  o.channel = string_field(item, "channel", false, error);
  o.submitted_at = string_field(item, "submitted_at", true, error);
  const std::string photo = string_field(item, "photo", true, error);
  if (!error.empty()) return o;
  if (auto p = order_no_problem(o.order_no); !p.empty()) {
    error = p;
    return o;
  }
  const util::PhotoPath where = util::resolve_photo_path(photos_root, photo);
  if (!where.ok()) {
    error = where.error;
    return o;
  }
  util::FileRead read = util::read_regular_file(where.path, util::kMaxPhotoBytes, util::Links::refuse);
  if (!read.ok()) error = read.error;
  o.photo = std::move(read.bytes);
  return o;
}
}  // namespace

IngestItem Store::enqueue(const NewOrder& o) {
  IngestItem item;
  item.order_no = o.order_no;
  if (auto problem = order_problem(o); !problem.empty()) {
    item.error = problem;
    return item;
  }
  auto& sql = impl_->sql;
  Transaction tx(impl_->db);
  {
    auto exists = sql("SELECT 1 FROM orders WHERE order_no = ?1");
    exists->bind(1, o.order_no);
    if (exists->step()) {
      item.status = IngestItem::Status::AlreadyPresent;
      return item;
    }
  }
  auto city = *parse_city(o.city).city;
  auto doc = *parse_doc_type(o.doc_type);
  Millis submitted = *parse_iso8601(o.submitted_at);
  std::int64_t photo_id = impl_->put_photo(o.photo);
  // Decoded before anything is enqueued: an upload no reviewer could look at never reaches one.
  const findings::DecodedPhoto decoded = findings::decode_photo(o.photo);
  {
    auto ins =
        sql("INSERT INTO orders(order_no, applicant_name, id_number, doc_type, city, city_letter, channel, created_at) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    ins->bind(1, o.order_no).bind(2, o.applicant_name).bind(3, o.id_number).bind(4, doc_type_code(doc));
    ins->bind(5, city.name_zh).bind(6, std::string(1, city.letter)).bind(7, o.channel).bind(8, iso8601_cst(now_ms()));
    ins->run();
  }
  std::int64_t order_id = impl_->db.last_insert_id();
  {
    auto ins =
        sql("INSERT INTO attempts(order_id, attempt_no, photo_id, submitted_at, submitted_ms) "
            "VALUES(?1, 1, ?2, ?3, ?4)");
    ins->bind(1, order_id).bind(2, photo_id).bind(3, iso8601_cst(submitted)).bind(4, submitted).run();
  }
  const std::int64_t attempt_id = impl_->db.last_insert_id();
  impl_->audit("intake", "enqueue", o.order_no,
               submission_detail(impl_->load_order(order_id), impl_->load_attempt(attempt_id), 0, {}));
  if (!decoded.readable) {
    // The order is kept and the applicant told at once (notice, token, message), as if a reviewer
    // had rejected it: nothing is lost and nobody waits for a review that cannot happen.
    const std::string cause = decoded.cannot_assess.value_or("the photo cannot be read");
    reject_unreadable_upload(attempt_id, cause);
    item.status = IngestItem::Status::PhotoRefused;
    item.error = "the photo cannot be read: " + cause +
                 "; the applicant was sent a failure notice with a free resubmission token";
  } else {
    item.status = IngestItem::Status::Enqueued;
    impl_->notify_orders();  // wakes idle workstations (PostgreSQL) once this commits
  }
  tx.commit();
  return item;
}

IngestReport Store::ingest_manifest(const fs::path& manifest, const std::optional<fs::path>& photos_root) {
  util::FileRead file = util::read_regular_file(manifest, kMaxManifestBytes);
  if (!file.ok()) throw Refusal(Refusal::Why::BadManifest, "cannot read manifest: " + file.error);
  // Bytes that are not UTF-8 become U+FFFD before parsing, so they spoil only their own item
  // (text_problem refuses a field holding U+FFFD) instead of the whole manifest.
  const std::string text =
      utf8::sanitised(std::string_view(reinterpret_cast<const char*>(file.bytes.data()), file.bytes.size()));
  const Manifest m = parse_manifest(text, manifest);
  const fs::path root =
      photos_root ? *photos_root : (manifest.has_parent_path() ? manifest.parent_path() : fs::path("."));

  IngestReport report;
  for (std::size_t i = 0; i < m.doc.size(); ++i) {
    IngestItem result;
    std::string error;
    NewOrder o;
    if (auto dup = m.repeated_key.find(i); dup != m.repeated_key.end())
      error = "the key '" + dup->second + "' appears twice";
    else
      o = order_from_item(m.doc[i], root, error);
    try {
      if (error.empty()) result = enqueue(o);
    } catch (const std::exception& e) {  // one item's surprise must not stop the manifest
      error = std::string("could not be enqueued: ") + e.what();
    }
    if (!error.empty()) {
      result.status = IngestItem::Status::Refused;
      result.order_no = order_no_problem(o.order_no).empty() ? o.order_no : "";
      result.error = error;
    }
    result.index = i;
    switch (result.status) {
      case IngestItem::Status::Enqueued: ++report.enqueued; break;
      case IngestItem::Status::AlreadyPresent: ++report.already_present; break;
      case IngestItem::Status::PhotoRefused: ++report.photo_refused; break;
      case IngestItem::Status::Refused: ++report.refused; break;
    }
    report.items.push_back(std::move(result));
  }
  return report;
}

namespace {
// A rejection that a supervisor overturned into an approval leaves its notice's token void: the
// applicant has the image number now (store_overturn.cpp).
void refuse_voided_token(StatementCache& sql, std::int64_t notice_id) {
  auto q =
      sql("SELECT o.overturned_at, r.order_no, a.attempt_no FROM overturns o JOIN attempts a ON a.id = o.attempt_id "
          "JOIN orders r ON r.id = a.order_id WHERE o.voided_notice_id = ?1");
  q->bind(1, notice_id);
  if (q->step())
    throw Refusal(Refusal::Why::TokenVoided, "this resubmission token no longer works: the rejection of order " +
                                                 q->text(1) + " attempt " + std::to_string(q->int64(2)) +
                                                 " was overturned into an approval at " + q->text(0) +
                                                 " (the receipt is on the order page); nothing was recorded");
}
}  // namespace

ResubmitResult Store::resubmit(const std::string& token, const std::vector<std::uint8_t>& photo) {
  static const std::string kUnknown = "unknown resubmission token: check the link in the failure notice";
  if (!well_formed_token(token)) throw Refusal(Refusal::Why::UnknownToken, kUnknown);
  if (photo.empty()) throw Refusal(Refusal::Why::BadPhoto, "the new photo is empty (0 bytes)");
  if (photo.size() > util::kMaxPhotoBytes) throw Refusal(Refusal::Why::BadPhoto, "the new photo is larger than 20 MB");
  auto& sql = impl_->sql;
  Transaction tx(impl_->db);
  std::int64_t notice_id = 0, rejected_attempt_id = 0;
  {
    // Looked up by digest (the index compares digests, which tell an attacker nothing about a
    // token), then compared again in constant time.
    const std::string digest = token_digest(token);
    auto q = sql("SELECT id, attempt_id, used_at, token_sha256 FROM notices WHERE token_sha256 = ?1");
    q->bind(1, digest);
    if (!q->step() || !digests_equal(q->text(3), digest)) throw Refusal(Refusal::Why::UnknownToken, kUnknown);
    if (!q->is_null(2))
      throw Refusal(Refusal::Why::TokenUsed, "this resubmission token was already used at " + q->text(2) +
                                                 "; each notice allows one resubmission");
    notice_id = q->int64(0);
    rejected_attempt_id = q->int64(1);
  }
  refuse_voided_token(impl_->sql, notice_id);
  // The applicant is waiting at the upload page: an unreadable photo is refused there and then,
  // and the token stays unused for the next try.
  if (const auto decoded = findings::decode_photo(photo); !decoded.readable)
    throw Refusal(Refusal::Why::BadPhoto,
                  "the new photo cannot be read: " + decoded.cannot_assess.value_or("unknown cause") +
                      "; the token is still valid");
  AttemptInfo rejected = impl_->load_attempt(rejected_attempt_id);
  std::int64_t order_id = 0;
  {
    auto q = sql("SELECT order_id FROM attempts WHERE id = ?1");
    q->bind(1, rejected_attempt_id);
    q->step();
    order_id = q->int64(0);
  }
  OrderInfo order = impl_->load_order(order_id);
  int next_no = 0;
  {
    auto q = sql("SELECT MAX(attempt_no) FROM attempts WHERE order_id = ?1");
    q->bind(1, order_id);
    q->step();
    next_no = int(q->int64(0)) + 1;
  }
  std::int64_t photo_id = impl_->put_photo(photo);
  Millis now = now_ms();
  {
    // Priority 1 puts the free resubmission at the front of the queue.
    auto ins =
        sql("INSERT INTO attempts(order_id, attempt_no, photo_id, previous_attempt_id, submitted_at, submitted_ms, "
            "priority) "
            "VALUES(?1, ?2, ?3, ?4, ?5, ?6, 1)");
    ins->bind(1, order_id)
        .bind(2, next_no)
        .bind(3, photo_id)
        .bind(4, rejected.id)
        .bind(5, iso8601_cst(now))
        .bind(6, now);
    ins->run();
  }
  std::int64_t attempt_id = impl_->db.last_insert_id();
  const UsedNotice used{notice_id, rejected.attempt_no, iso8601_cst(now)};
  {
    auto up = sql("UPDATE notices SET used_at = ?1, used_by_attempt_id = ?2 WHERE id = ?3");
    up->bind(1, used.used_at).bind(2, attempt_id).bind(3, notice_id).run();
  }
  impl_->audit("applicant", "resubmit", order.order_no,
               submission_detail(order, impl_->load_attempt(attempt_id), 1, used));
  impl_->notify_orders();
  tx.commit();
  return {order.order_no, next_no, attempt_id};
}

}  // namespace rs::store
