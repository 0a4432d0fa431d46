#include "core/audit/chain.hpp"

#include <limits>
#include <stdexcept>

#include "core/util/sha256.hpp"

namespace rs::audit {
namespace {
// How far a renumbered row is looked for (its hash tried with the ids around its own): enough for
// a few rows inserted or deleted at one place; only tried on a row that failed.
constexpr std::int64_t kMoveWindow = 8;

std::string short_hash(std::string_view h) { return std::string(h.substr(0, 16)) + "…"; }
std::string row_name(std::int64_t id) { return "row " + std::to_string(id); }
}  // namespace

void append_field(std::string& out, std::string_view bytes) {
  out += std::to_string(bytes.size());
  out += ':';
  out += bytes;
  out += ',';
}

std::string hashed_bytes(const Row& r) {
  if (r.form == kLegacyForm)
    return r.prev_hash + "\n" + r.at + "\n" + r.actor + "\n" + r.action + "\n" + r.subject + "\n" + r.detail;
  if (r.form != kForm) throw std::invalid_argument("audit row " + std::to_string(r.id) + " has an unknown form");
  std::string out;
  out.reserve(64 + r.at.size() + r.actor.size() + r.action.size() + r.subject.size() + r.detail.size() +
              r.prev_hash.size());
  append_field(out, std::to_string(r.form));
  append_field(out, std::to_string(r.id));
  for (const std::string* field : {&r.at, &r.actor, &r.action, &r.subject, &r.detail, &r.prev_hash})
    append_field(out, *field);
  return out;
}

std::string row_hash(const Row& r) { return sha256_hex(hashed_bytes(r)); }

std::string_view kind_name(Break::Kind kind) {
  switch (kind) {
    case Break::Kind::Edited: return "edited";
    case Break::Kind::Deleted: return "deleted";
    case Break::Kind::Inserted: return "inserted";
    case Break::Kind::Reordered: return "reordered";
    case Break::Kind::BrokenLink: return "broken link";
    case Break::Kind::Form: return "wrong form";
    case Break::Kind::KeptHead: return "kept head missing";
  }
  return "broken";
}

std::optional<KeptHead> parse_kept_head(std::string_view text, std::string& error) {
  KeptHead k;
  std::string_view hex = text;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    std::int64_t rows = 0;
    for (char c : text.substr(0, colon)) {
      if (c < '0' || c > '9' || rows > (std::numeric_limits<std::int64_t>::max() - 9) / 10) {
        error = "the kept head's row count '" + std::string(text.substr(0, colon)) + "' is not a whole number";
        return std::nullopt;
      }
      rows = rows * 10 + (c - '0');
    }
    if (colon == 0 || rows < 1) {
      error = "the kept head's row count must be 1 or more";
      return std::nullopt;
    }
    k.row = rows;
    hex = text.substr(colon + 1);
  }
  bool hex_ok = hex.size() == 64;
  for (char c : hex) hex_ok = hex_ok && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!hex_ok) {
    error = "a kept head is 64 lower-case hex digits (or ROWS:HEX), as `audit head` prints it";
    return std::nullopt;
  }
  k.hash = std::string(hex);
  return k;
}

ChainWalk::ChainWalk(std::optional<KeptHead> kept_head) : kept_head_(std::move(kept_head)) {}

bool ChainWalk::add(const Row& row) {
  if (found_) return false;
  if (suspect_) {
    found_ = classify(*suspect_, &row);
    return false;
  }
  const std::int64_t expected = last_id_ + 1;
  if (row.id < expected) {
    found_ = Break{Break::Kind::Inserted, row.id, row_name(row.id) + " lies before row 1, where the chain starts"};
  } else if (row.id > expected) {
    found_ = Break{Break::Kind::Deleted, expected,
                   "rows " + std::to_string(expected) + ".." + std::to_string(row.id - 1) + " are missing: " +
                       row_name(row.id) + (last_id_ ? " follows " + row_name(last_id_) : " starts the log")};
  } else if (auto problem = form_problem(row)) {
    found_ = Break{Break::Kind::Form, row.id, *problem};
  }
  if (found_) return false;
  const bool hash_ok = row_hash(row) == row.hash;
  if (!hash_ok || row.prev_hash != head_) {
    suspect_ = Suspect{row, hash_ok, hash_ok ? std::nullopt : written_as(row)};
    return true;  // one more row tells what happened
  }
  accept(row);
  if (kept_head_ && kept_head_->row == row.id && row.hash != kept_head_->hash)
    found_ = Break{Break::Kind::KeptHead, row.id,
                   row_name(row.id) + "'s hash is " + short_hash(row.hash) + ", not the kept head " +
                       short_hash(kept_head_->hash) +
                       ": this row or rows before it were rewritten and every later hash recomputed"};
  return !found_;
}

std::optional<std::string> ChainWalk::form_problem(const Row& row) const {
  if (row.form != kLegacyForm && row.form != kForm)
    return row_name(row.id) + " claims form " + std::to_string(row.form) + ", which no version wrote";
  if (row.form == kLegacyForm && form2_seen_)
    return row_name(row.id) + " is in the old form 1 after form 2 began (written by an old build, or rewritten)";
  if (row.form == kForm && !form2_seen_ && legacy_rows_ > 0 && row.action != kSwitchAction)
    return row_name(row.id) + " is the first row of form 2 but not the switch row that migration 009 writes";
  return std::nullopt;
}

void ChainWalk::accept(const Row& row) {
  before_head_ = head_;
  head_ = row.hash;
  last_id_ = row.id;
  ++rows_;
  if (row.form == kLegacyForm) ++legacy_rows_;
  if (row.form == kForm) form2_seen_ = true;
  if (kept_head_ && !kept_head_->row && row.hash == kept_head_->hash && !kept_row_) kept_row_ = row.id;
  if (kept_head_ && kept_head_->row == row.id && row.hash == kept_head_->hash) kept_row_ = row.id;
}

// A form-2 row that fails its hash but passes it under a nearby id was moved there.
std::optional<std::int64_t> ChainWalk::written_as(const Row& row) const {
  if (row.form != kForm) return std::nullopt;
  Row moved = row;
  for (std::int64_t d = 1; d <= kMoveWindow; ++d)
    for (std::int64_t id : {row.id + d, row.id - d}) {
      if (id < 1) continue;
      moved.id = id;
      if (row_hash(moved) == row.hash) return id;
    }
  return std::nullopt;
}

Break ChainWalk::classify(const Suspect& s, const Row* next) const {
  const std::int64_t id = s.row.id;
  const std::string name = row_name(id);
  if (!s.hash_ok) {
    if (!s.written_as) return {Break::Kind::Edited, id, name + " was edited: its fields no longer give its hash"};
    const std::int64_t was = *s.written_as;
    const bool next_was_here = next && next->id == id + 1 && row_hash(*next) != next->hash && written_as(*next) == id;
    if (was == id + 1 && next_was_here)
      return {Break::Kind::Reordered, id,
              "rows " + std::to_string(id) + " and " + std::to_string(id + 1) +
                  " were swapped (each was written as the other)"};
    if (was > id)
      return {Break::Kind::Deleted, id,
              std::to_string(was - id) + " row(s) were deleted before " + name + " and the later rows renumbered (" +
                  name + " was written as row " + std::to_string(was) + ")"};
    return {Break::Kind::Inserted, was,
            std::to_string(id - was) + " row(s) were inserted at row " + std::to_string(was) +
                " and the later rows renumbered (" + name + " was written as row " + std::to_string(was) + ")"};
  }
  // Its own hash holds, but it does not link to the row before it.
  if (next && next->hash == s.row.prev_hash && next->prev_hash == head_)
    return {Break::Kind::Reordered, id,
            "rows " + std::to_string(id) + " and " + std::to_string(next->id) +
                " were swapped (each links to the other's place)"};
  if (last_id_ == 0)
    return {Break::Kind::Deleted, id,
            name +
                " does not start the chain (its prev_hash is not the genesis hash): "
                "the rows before it were deleted"};
  const std::string prev = row_name(last_id_);
  if (s.row.prev_hash == before_head_)
    return {Break::Kind::Inserted, last_id_, prev + " was inserted: " + name + " links to the row before it"};
  if (s.row.form == kForm)  // its id is covered: it was written right here, after another row
    return {Break::Kind::Edited, last_id_,
            prev + " was rewritten and its hash recomputed: " + name + " still links to its old hash"};
  return {Break::Kind::BrokenLink, id,
          name + " does not link to " + prev + ": " + prev +
              " was rewritten with its hash recomputed, or rows were deleted or moved between them"};
}

std::optional<Break> ChainWalk::finish() {
  if (found_) return found_;
  if (suspect_) return found_ = classify(*suspect_, nullptr);
  if (kept_head_ && !kept_row_) {
    if (kept_head_->row && *kept_head_->row > last_id_)
      return found_ = Break{Break::Kind::KeptHead, last_id_ + 1,
                            "the kept head is row " + std::to_string(*kept_head_->row) + " but the log ends at row " +
                                std::to_string(last_id_) + ": rows " + std::to_string(last_id_ + 1) + ".." +
                                std::to_string(*kept_head_->row) + " were deleted"};
    return found_ = Break{Break::Kind::KeptHead, 0,
                          "the kept head " + short_hash(kept_head_->hash) + " is not in the chain of " +
                              std::to_string(rows_) +
                              " rows: the rows up to it were rewritten (every later hash recomputed) or deleted"};
  }
  return std::nullopt;
}

}  // namespace rs::audit
