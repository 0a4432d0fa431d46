#pragma once
// The audit log's hash chain: the exact bytes each row's hash covers, and the walk that checks a
// chain row by row. Pure: no SQL here (the store reads the rows, store_audit.cpp).
//
// Form 2 (from migration 009 on) hashes, for each of the fields
//   form, id, at, actor, action, subject, detail, prev_hash
// its length in bytes in decimal, a colon, the bytes, and a comma: "1:2,3:105,29:2026-...,".
// Every field says where it ends, so no byte inside a name can pass for a field boundary, and the
// row's own id is covered, so a row inserted, deleted or moved breaks the chain.
// Form 1 (rows written before migration 009) joined prev_hash, at, actor, action, subject and
// detail with newlines; those rows are still checked the way they were written.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rs::audit {

inline constexpr int kLegacyForm = 1;
inline constexpr int kForm = 2;
// The prev_hash of the first row.
inline constexpr std::string_view kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";
// The row migration 009 writes after the old-form rows: where form 2 begins.
inline constexpr std::string_view kSwitchAction = "audit_form";

struct Row {
  std::int64_t id = 0;
  int form = kForm;
  std::string at, actor, action, subject, detail, prev_hash;
  std::string hash;  // as stored
};

// Appends "<byte length>:<bytes>," to out.
void append_field(std::string& out, std::string_view bytes);
// The bytes a row's hash covers, in its own form (form 1 or 2; anything else throws).
std::string hashed_bytes(const Row& row);
// SHA-256 of hashed_bytes, lower-case hex.
std::string row_hash(const Row& row);

// What is wrong with a chain, at its first bad row.
struct Break {
  enum class Kind { Edited, Deleted, Inserted, Reordered, BrokenLink, Form, KeptHead };
  Kind kind = Kind::Edited;
  std::int64_t row = 0;  // the first bad row's id (for Deleted: the first missing id)
  std::string what;      // one sentence naming the rows
};
std::string_view kind_name(Break::Kind kind);  // "edited", "deleted", ...

// A head printed earlier by `audit head` and kept outside the database: the hash of the last row
// then, and (when known) that row's id.
struct KeptHead {
  std::optional<std::int64_t> row;
  std::string hash;
};
// "HEX" or "ROWS:HEX"; nothing (and error says why) when it is neither.
std::optional<KeptHead> parse_kept_head(std::string_view text, std::string& error);

// Walks a chain fed row by row in id order and finds its first break. With a kept head (the hash
// of a row printed earlier, `audit head`), the walk also proves that row is still in the chain.
class ChainWalk {
 public:
  explicit ChainWalk(std::optional<KeptHead> kept_head = std::nullopt);
  // Feeds the next row; false once the first break is known (later rows change nothing).
  bool add(const Row& row);
  // Call after the last row: the first break, or nothing when the chain is intact.
  std::optional<Break> finish();

  std::int64_t rows() const { return rows_; }
  std::int64_t legacy_rows() const { return legacy_rows_; }
  const std::string& head() const { return head_; }  // the last row's hash (kGenesis when empty)
  std::optional<std::int64_t> kept_head_row() const { return kept_row_; }

 private:
  // A row that failed its own hash or its link waits for the next row, which tells a moved or
  // swapped row from an edited one.
  struct Suspect {
    Row row;
    bool hash_ok = false;
    std::optional<std::int64_t> written_as;  // the id its hash was computed with, when not its own
  };
  std::optional<std::string> form_problem(const Row& row) const;
  void accept(const Row& row);
  Break classify(const Suspect& s, const Row* next) const;
  std::optional<std::int64_t> written_as(const Row& row) const;

  std::optional<KeptHead> kept_head_;
  std::optional<std::int64_t> kept_row_;
  std::optional<Break> found_;
  std::optional<Suspect> suspect_;
  std::string head_{kGenesis};
  std::string before_head_{kGenesis};  // the hash of the row before the last one
  std::int64_t last_id_ = 0, rows_ = 0, legacy_rows_ = 0;
  bool form2_seen_ = false;
};

}  // namespace rs::audit
