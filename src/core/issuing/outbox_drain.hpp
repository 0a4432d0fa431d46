#pragma once
// Delivers the applicant outbox as JSON files, one per message, named by the message's own
// database id (so two messages never share a name, whatever their order numbers hold) plus a
// readable form of the order number for people: 000000123-A_2F1-rejection.json.
//
// Each file is written under a unique temporary name in the same folder (O_EXCL), synced, then
// published with link(2), which never replaces an existing file: when two drains run at once,
// exactly one publishes a message and the other finds the file there and counts it as delivered.
// A crash between publishing and marking the message delivered writes the same name again next
// time, which also finds the file there: a message is delivered at least once, never lost, and
// never under two names.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/issuing/outbox.hpp"

namespace rs::issuing {

struct DrainReport {
  int written = 0;                 // files this drain published
  int already_there = 0;           // same file already published (another drain at once, or a run that crashed)
  int repaired = 0;                // payloads whose invalid UTF-8 was replaced by U+FFFD (rows from before the checks)
  std::vector<std::string> notes;  // one line per repaired message
  std::vector<std::string> problems;  // one line per message left undelivered (it is retried next time)
};

// after_write is called between a file's publication and its mark (tests kill the process there).
DrainReport drain_outbox(OutboxSource& store, const std::filesystem::path& dir,
                         const std::function<void(const OutboxMessage&)>& after_write = {});

// The file name of a message: its id zero-padded to 9 digits, the order number from its
// idempotency key (order_no/attempt/kind) in safe form, and its kind: "000000123-A_2F1-rejection.json".
std::string outbox_file_name(const OutboxMessage& message);

// For people only, never for uniqueness: [A-Za-z0-9_-] kept, every other byte as _XX (hex), cut to
// at most max_chars on an escape boundary. NUL, newline, '/', "..": all become plain characters.
std::string safe_name_part(std::string_view text, std::size_t max_chars);

}  // namespace rs::issuing
