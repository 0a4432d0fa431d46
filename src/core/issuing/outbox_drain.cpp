#include "core/issuing/outbox_drain.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace rs::issuing {
namespace fs = std::filesystem;

namespace {
[[noreturn]] void fail(const std::string& what, const fs::path& p) {
  throw std::runtime_error(what + " '" + p.string() + "': " + std::strerror(errno));
}

// RAII file descriptor.
class Fd {
 public:
  Fd(const fs::path& p, int flags, mode_t mode = 0644) : fd_(::open(p.c_str(), flags | O_CLOEXEC, mode)) {
    if (fd_ < 0) fail("cannot open", p);
  }
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

void write_atomically(const fs::path& dir, const std::string& name, const std::string& text) {
  fs::path tmp = dir / ("." + name + ".tmp");
  fs::path final_path = dir / name;
  {
    Fd f(tmp, O_WRONLY | O_CREAT | O_TRUNC);
    std::size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::write(f.get(), text.data() + done, text.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        fail("cannot write", tmp);
      }
      done += std::size_t(n);
    }
    if (::fsync(f.get()) != 0) fail("cannot fsync", tmp);
  }
  if (::rename(tmp.c_str(), final_path.c_str()) != 0) fail("cannot rename to", final_path);
  Fd d(dir, O_RDONLY | O_DIRECTORY);
  if (::fsync(d.get()) != 0) fail("cannot fsync folder", dir);
}
}  // namespace

std::string outbox_file_name(const std::string& key) {
  std::string name;
  for (char c : key) name += (c == '/' || c == '\\') ? '_' : c;
  return name + ".json";
}

DrainReport drain_outbox(store::Store& store, const fs::path& dir,
                         const std::function<void(const store::OutboxMessage&)>& after_write) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create outbox folder '" + dir.string() + "': " + ec.message());
  DrainReport report;
  for (;;) {
    auto batch = store.undelivered_messages(256);
    if (batch.empty()) break;
    store.record_outgoing_batch(batch);  // the decisions behind these messages are on disk first
    for (const auto& m : batch) {
      write_atomically(dir, outbox_file_name(m.idempotency_key), m.payload_json + "\n");
      if (after_write) after_write(m);
      store.mark_delivered(m.id);
      ++report.written;
    }
  }
  return report;
}

}  // namespace rs::issuing
