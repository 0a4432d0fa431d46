// Intake: manifests, single orders and free resubmissions.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/domain/city.hpp"
#include "core/domain/doc_type.hpp"
#include "core/domain/id_number.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"

namespace rs::store {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
constexpr std::size_t kMaxPhotoBytes = 20u << 20;  // uploads are ~20 KB; 20 MB is clearly not a photo

std::string order_problem(const NewOrder& o) {
  if (o.order_no.empty()) return "order_no is empty";
  if (o.order_no.size() > 64) return "order_no is longer than 64 characters";
  if (o.applicant_name.empty()) return "applicant_name is empty";
  if (auto p = id_number_problem(o.id_number); !p.empty()) return p;
  if (!parse_doc_type(o.doc_type))
    return "doc_type '" + o.doc_type + "' is not one of 身份证, 社保卡, 居住证, 港澳通行证, 护照, 驾驶证";
  if (auto c = parse_city(o.city); !c.city) return c.error;
  if (!parse_iso8601(o.submitted_at)) return "submitted_at '" + o.submitted_at + "' is not an ISO 8601 time";
  if (o.photo.empty()) return "photo is empty (0 bytes)";
  if (o.photo.size() > kMaxPhotoBytes) return "photo is larger than 20 MB";
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

std::vector<std::uint8_t> read_file_bytes(const fs::path& p, std::string& error) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) {
    error = "photo '" + p.string() + "' does not exist or is not a file";
    return {};
  }
  auto size = fs::file_size(p, ec);
  if (ec || size > kMaxPhotoBytes) {
    error = ec ? "photo '" + p.string() + "' cannot be read" : "photo '" + p.string() + "' is larger than 20 MB";
    return {};
  }
  std::ifstream in(p, std::ios::binary);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) error = "photo '" + p.string() + "' cannot be read";
  return bytes;
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
  {
    auto ins = sql("INSERT INTO orders(order_no, applicant_name, id_number, doc_type, city, city_letter, channel, created_at) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    ins->bind(1, o.order_no).bind(2, o.applicant_name).bind(3, o.id_number).bind(4, doc_type_code(doc));
    ins->bind(5, city.name_zh).bind(6, std::string(1, city.letter)).bind(7, o.channel).bind(8, iso8601_cst(now_ms()));
    ins->run();
  }
  std::int64_t order_id = impl_->db.last_insert_id();
  {
    auto ins = sql("INSERT INTO attempts(order_id, attempt_no, photo_id, submitted_at, submitted_ms) "
                   "VALUES(?1, 1, ?2, ?3, ?4)");
    ins->bind(1, order_id).bind(2, photo_id).bind(3, iso8601_cst(submitted)).bind(4, submitted).run();
  }
  impl_->audit("intake", "enqueue", o.order_no, json{{"attempt", 1}, {"channel", o.channel}}.dump());
  tx.commit();
  item.status = IngestItem::Status::Enqueued;
  return item;
}

IngestReport Store::ingest_manifest(const fs::path& manifest) {
  std::ifstream in(manifest);
  if (!in) throw std::runtime_error("cannot read manifest '" + manifest.string() + "'");
  json doc;
  try {
    doc = json::parse(in);
  } catch (const json::parse_error& e) {
    throw std::runtime_error("manifest '" + manifest.string() + "' is not valid JSON (at byte " +
                             std::to_string(e.byte) + "): nothing was enqueued");
  }
  if (!doc.is_array())
    throw std::runtime_error("manifest '" + manifest.string() + "' must be a JSON array of orders: nothing was enqueued");

  IngestReport report;
  fs::path base = manifest.parent_path();
  for (std::size_t i = 0; i < doc.size(); ++i) {
    const json& item = doc[i];
    IngestItem result;
    result.index = i;
    std::string error;
    NewOrder o;
    if (!item.is_object()) {
      error = "item is not an object";
    } else {
      o.order_no = string_field(item, "order_no", true, error);
      o.applicant_name = string_field(item, "applicant_name", true, error);
      o.id_number = string_field(item, "id_number", true, error);
      o.doc_type = string_field(item, "doc_type", true, error);
      o.city = string_field(item, "city", true, error);
      o.channel = string_field(item, "channel", false, error);
      o.submitted_at = string_field(item, "submitted_at", true, error);
      std::string photo = string_field(item, "photo", true, error);
      if (error.empty()) {
        fs::path p = fs::path(photo).is_absolute() ? fs::path(photo) : base / photo;
        o.photo = read_file_bytes(p, error);
      }
    }
    if (error.empty()) {
      result = enqueue(o);
      result.index = i;
    } else {
      result.order_no = o.order_no;
      result.error = error;
    }
    switch (result.status) {
      case IngestItem::Status::Enqueued: ++report.enqueued; break;
      case IngestItem::Status::AlreadyPresent: ++report.already_present; break;
      case IngestItem::Status::Refused: ++report.refused; break;
    }
    report.items.push_back(std::move(result));
  }
  return report;
}

ResubmitResult Store::resubmit(const std::string& token, const std::vector<std::uint8_t>& photo) {
  if (photo.empty()) throw ResubmitRefused("the new photo is empty (0 bytes)");
  if (photo.size() > kMaxPhotoBytes) throw ResubmitRefused("the new photo is larger than 20 MB");
  auto& sql = impl_->sql;
  Transaction tx(impl_->db);
  std::int64_t notice_id = 0, rejected_attempt_id = 0;
  {
    auto q = sql("SELECT id, attempt_id, used_at FROM notices WHERE token = ?1");
    q->bind(1, token);
    if (!q->step()) throw ResubmitRefused("unknown resubmission token: check the link in the failure notice");
    if (!q->is_null(2))
      throw ResubmitRefused("this resubmission token was already used at " + q->text(2) + "; each notice allows one resubmission");
    notice_id = q->int64(0);
    rejected_attempt_id = q->int64(1);
  }
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
    auto ins = sql("INSERT INTO attempts(order_id, attempt_no, photo_id, previous_attempt_id, submitted_at, submitted_ms, priority) "
                   "VALUES(?1, ?2, ?3, ?4, ?5, ?6, 1)");
    ins->bind(1, order_id).bind(2, next_no).bind(3, photo_id).bind(4, rejected.id).bind(5, iso8601_cst(now)).bind(6, now);
    ins->run();
  }
  std::int64_t attempt_id = impl_->db.last_insert_id();
  {
    auto up = sql("UPDATE notices SET used_at = ?1, used_by_attempt_id = ?2 WHERE id = ?3");
    up->bind(1, iso8601_cst(now)).bind(2, attempt_id).bind(3, notice_id).run();
  }
  impl_->audit("applicant", "resubmit", order.order_no,
               json{{"attempt", next_no}, {"previous_attempt", rejected.attempt_no}}.dump());
  tx.commit();
  return {order.order_no, next_no, attempt_id};
}

}  // namespace rs::store
