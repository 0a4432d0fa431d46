// The load test's side of intake (`reviewstation loadtest`): what a database holds before the run,
// and generated orders put in the queue in bulk. An order goes in as enqueue() puts it (photo once
// per sha256, order, attempt 1, the intake audit row), so `audit verify` holds after a load test;
// what is left out is what a generated order does not need: decoding its photo (the generator made
// it) and a commit per order (tens of thousands are filled before the clock starts).
#include "core/audit/records.hpp"
#include "core/domain/city.hpp"
#include "core/domain/doc_type.hpp"
#include "core/store/store.hpp"
#include "core/store/store_impl.hpp"
#include "core/util/sha256.hpp"

namespace rs::store {
namespace {
std::int64_t count_rows(StatementCache& sql, const char* query) {
  auto q = sql(query);
  q->step();
  return q->int64(0);
}
}  // namespace

LoadTestHoldings Store::load_test_holdings() {
  LoadTestHoldings h;
  h.orders = count_rows(impl_->sql, "SELECT COUNT(*) FROM orders");
  h.accounts = count_rows(impl_->sql, "SELECT COUNT(*) FROM users");
  return h;
}

void Store::enqueue_generated(const std::vector<NewOrder>& orders) {
  auto& sql = impl_->sql;
  Transaction tx(impl_->db);
  const std::string created_at = iso8601_cst(now_ms());
  for (const NewOrder& o : orders) {
    const auto city = parse_city(o.city).city;
    const auto doc = parse_doc_type(o.doc_type);
    const auto submitted = parse_iso8601(o.submitted_at);
    if (!city || !doc || !submitted)
      throw Refusal(Refusal::Why::BadManifest,
                    "generated order " + o.order_no + ": unknown city, document type or time; nothing was enqueued");
    {
      auto exists = sql("SELECT 1 FROM orders WHERE order_no = ?1");
      exists->bind(1, o.order_no);
      if (exists->step())
        throw Refusal(Refusal::Why::BadManifest,
                      "generated order " + o.order_no + " is in the queue already; nothing was enqueued");
    }
    const std::int64_t photo_id = impl_->put_photo(o.photo);
    {
      auto ins = sql(
          "INSERT INTO orders(order_no, applicant_name, id_number, doc_type, city, city_letter, channel, created_at) "
          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      ins->bind(1, o.order_no).bind(2, o.applicant_name).bind(3, o.id_number).bind(4, doc_type_code(*doc));
      ins->bind(5, city->name_zh).bind(6, std::string(1, city->letter)).bind(7, o.channel).bind(8, created_at);
      ins->run();
    }
    audit::SubmissionFacts f;
    f.order_id = impl_->db.last_insert_id();
    {
      auto ins =
          sql("INSERT INTO attempts(order_id, attempt_no, photo_id, submitted_at, submitted_ms) "
              "VALUES(?1, 1, ?2, ?3, ?4)");
      ins->bind(1, f.order_id).bind(2, photo_id).bind(3, iso8601_cst(*submitted)).bind(4, *submitted).run();
    }
    // The intake row as enqueue() writes it, from the values just stored (verify rebuilds it from
    // the tables and compares).
    f.attempt_id = impl_->db.last_insert_id();
    f.order_no = o.order_no;
    f.photo_sha256 = sha256_hex(o.photo);
    f.submitted_at = iso8601_cst(*submitted);
    f.submitted_ms = *submitted;
    f.applicant_sha256 = audit::applicant_digest(o.applicant_name, o.id_number);
    f.doc_type = std::string(doc_type_code(*doc));
    f.city = std::string(city->name_zh);
    f.city_letter = std::string(1, city->letter);
    f.channel = o.channel;
    impl_->audit("intake", "enqueue", o.order_no, audit::submission_detail(f));
  }
  tx.commit();
}

}  // namespace rs::store
