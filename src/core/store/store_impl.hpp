#pragma once
// Private to the store layer: the connection and the helpers the store_*.cpp files share.
#include <limits>
#include <random>
#include <string>

#include "core/store/checkpointer.hpp"
#include "core/store/sqlite.hpp"
#include "core/store/store.hpp"
#include "core/util/json_writer.hpp"

namespace rs::store {

struct Store::Impl {
  Database db;
  StoreOptions options;
  StatementCache sql{db};
  std::unique_ptr<Checkpointer> checkpointer;  // after db: it goes first

  Impl(const std::string& path, StoreOptions o) : db(path), options(o) {}
  // Gold deliveries' draws (StoreOptions::gold_seed). Not a secret, but not predictable by a
  // reviewer either.
  std::mt19937_64 gold_random{options.gold_seed ? *options.gold_seed : std::random_device{}()};

  // PostgreSQL: tells the workstations waiting on an empty queue (Store::wait_for_orders) that an
  // order came in, delivered when the caller's transaction commits; nothing on SQLite
  // (store_listen.cpp).
  void notify_orders();
  bool listening = false;  // this connection has run LISTEN rs_orders

  // Appends to the tamper-evident audit log inside the caller's transaction. On PostgreSQL the row
  // waits until the transaction commits (audit_append_call) and goes through the audit inbox
  // (db/migrations_pg/005): the writer chains it if the chain's lock is free, else the next seal.
  void audit(const std::string& actor, const std::string& action, const std::string& subject,
             const std::string& detail_json);
  struct PendingAudit {
    std::string at, actor, action, subject, detail;
  };
  std::vector<PendingAudit> pending_audit;
  // PostgreSQL, right before COMMIT: the pending rows as one call that chains them on the server,
  // to run in the COMMIT's round trip (Database::commit_with); nullptr when none are pending.
  Statement* audit_append_call();
  std::optional<Statement> audit_append;
  void insert_audit_row(const PendingAudit& p);
  // PostgreSQL, before a read of audit_log outside a transaction: chains what waits in the inbox,
  // waiting for the chain's lock or only if it is free now. Nothing on SQLite, whose inbox is
  // always empty.
  enum class SealWait { No, Yes };
  void seal_audit(SealWait wait);
  // Stores the photo once per sha256; returns its id.
  std::int64_t put_photo(const std::vector<std::uint8_t>& bytes);
  OrderInfo load_order(std::int64_t order_id);
  AttemptInfo load_attempt(std::int64_t attempt_id);
  std::vector<std::uint8_t> load_photo(std::int64_t photo_id);
  // The attempt, its order and its photo into `claim`, in one read.
  void load_attempt_order_photo(std::int64_t attempt_id, Claim& claim);
  // The next fencing token, inside the caller's write transaction (orders' and second reviews'
  // leases draw from the one counter, so a token is never given twice).
  std::int64_t next_fencing_token();
  // A decision's reason codes in the reviewer's order.
  std::vector<std::string> load_reasons(std::int64_t decision_id);
  // An overturn's reason codes in the supervisor's order (store_overturn.cpp).
  std::vector<std::string> load_overturn_reasons(std::int64_t overturn_id);

  // An image number for an attempt (store_decide.cpp): the city's next serial today from the
  // counter row, inside the caller's transaction (a rollback returns it). Refusal
  // (SerialsExhausted, starting with `used_up`) past 99999.
  struct NewNumber {
    std::string number, issue_date, expires_on;
    char group = 0;
  };
  NewNumber draw_image_number(char city_letter, const std::string& city, const std::string& doc_type, Millis now,
                              const std::string& used_up);
  void insert_image_number(const NewNumber& n, std::int64_t decision_id, std::int64_t attempt_id, char city_letter);
  // Withdraws an issued number (store_issuing.cpp), for revoke() and an overturn to a rejection:
  // it verifies as revoked from now and its attempt takes `attempt_status`. Refusal when the
  // number is unknown or revoked already.
  struct RevokedNumber {
    std::int64_t attempt_id = 0, decision_id = 0;
  };
  RevokedNumber revoke_number(const std::string& number, const std::string& by, const std::string& reason,
                              const std::string& at, const char* attempt_status);
  // The applicant's message, with its idempotency key (issuing::idempotency_key) added as its last
  // field, into the outbox (store_issuing.cpp).
  void queue_message(JsonWriter& message, const std::string& order_no, int attempt_no, std::int64_t attempt_id,
                     const std::string& kind, const std::string& at);
};

// ---- periods, shared by the figures and the decision browser (store_figures.cpp) ----
struct Period {
  Millis from = 0, to = std::numeric_limits<Millis>::max();  // [from, to)
};
// FiguresQuery's dates as milliseconds; Refusal BadQuery for a malformed date or an empty period.
Period period_of(const FiguresQuery& q);

// ---- reasons, shared by decisions, second reviews and overturns (store_reasons.cpp) ----
// The reviewer's 其他 text goes into the applicant's notice: a paragraph, not a letter.
inline constexpr std::size_t kMaxOtherTextChars = 500;
// Refusal (NoReason, UnknownReason, OtherNeedsText) naming `subject` when a rejection's reasons
// do not hold; approvals need none.
void check_reasons(Outcome outcome, const std::vector<std::string>& reasons, const std::string& other_text,
                   const std::string& subject);
// The codes once each, in the reviewer's order (none for an approval).
std::vector<std::string> distinct_reasons(Outcome outcome, const std::vector<std::string>& reasons);

// ---- the rule engine's side of a decision, shared by the figures and training (store_figures.cpp) ----
// The reason code a rule suggests when it fails (its measure's), "" for a rule without one.
std::string reason_of_rule(const std::string& rule);
// A decision read as columns (order_no, attempt_no, approved, findings_json, reason codes "A,B").
figures::JudgedDecision judged_decision(Statement& q);

}  // namespace rs::store
