#pragma once
// Delivers the applicant outbox as JSON files: each written atomically (temporary file, fsync,
// rename, fsync of the folder), then marked delivered. A crash between the write and the mark
// means the same file is written again next time (same name, same idempotency key): a message
// may be delivered twice, never lost.
#include <filesystem>
#include <functional>

#include "core/store/store.hpp"

namespace rs::issuing {

struct DrainReport {
  int written = 0;
};

// after_write is called between a file's rename and its mark (tests kill the process there).
DrainReport drain_outbox(store::Store& store, const std::filesystem::path& dir,
                         const std::function<void(const store::OutboxMessage&)>& after_write = {});

// File name for a message: its idempotency key with '/' replaced, plus .json.
std::string outbox_file_name(const std::string& idempotency_key);

}  // namespace rs::issuing
