#pragma once
// The applicant outbox as issuing sees it: a message waiting for delivery, and what a drain needs
// from wherever messages are kept (the store implements it). Issuing does not include the store,
// so the dependency runs one way: store -> issuing.
#include <cstdint>
#include <string>
#include <vector>

namespace rs::issuing {

struct OutboxMessage {
  std::int64_t id = 0;
  std::string idempotency_key;  // idempotency_key(order_no, attempt, kind), see notice.hpp
  std::string kind;             // approval, rejection, revocation
  std::string payload_json;
};

class OutboxSource {
 public:
  virtual ~OutboxSource() = default;
  // Oldest first, at most `limit`.
  virtual std::vector<OutboxMessage> undelivered_messages(int limit) = 0;
  // Before a batch leaves the building: everything it reports on must be durable first.
  virtual void record_outgoing_batch(const std::vector<OutboxMessage>& batch) = 0;
  virtual void mark_delivered(std::int64_t message_id) = 0;
};

}  // namespace rs::issuing
