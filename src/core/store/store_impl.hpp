#pragma once
// Private to the store layer: the connection and the helpers the store_*.cpp files share.
#include <string>

#include "core/store/checkpointer.hpp"
#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"

namespace rs::store {

struct Store::Impl {
  Database db;
  StoreOptions options;
  StatementCache sql{db};
  std::unique_ptr<Checkpointer> checkpointer;  // after db: it goes first

  Impl(const std::string& path, StoreOptions o) : db(path), options(o) {}

  // Appends to the tamper-evident audit log inside the caller's transaction.
  void audit(const std::string& actor, const std::string& action, const std::string& subject,
             const std::string& detail_json);
  // Stores the photo once per sha256; returns its id.
  std::int64_t put_photo(const std::vector<std::uint8_t>& bytes);
  OrderInfo load_order(std::int64_t order_id);
  AttemptInfo load_attempt(std::int64_t attempt_id);
  std::vector<std::uint8_t> load_photo(std::int64_t photo_id);
  // A decision's reason codes in the reviewer's order.
  std::vector<std::string> load_reasons(std::int64_t decision_id);
};

}  // namespace rs::store
