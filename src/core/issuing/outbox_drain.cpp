#include "core/issuing/outbox_drain.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "core/util/random.hpp"
#include "core/util/utf8.hpp"

namespace rs::issuing {
namespace fs = std::filesystem;

namespace {
constexpr std::size_t kOrderChars = 40;  // the order part of a file name, at most
constexpr std::size_t kKindChars = 24;
constexpr int kBatch = 256;
constexpr const char* kTempPrefix = ".outbox-";  // hidden, and not *.json: readers never pick one up
constexpr const char* kTempSuffix = ".tmp";
// A temporary file this old is left over from a drain that died between writing and publishing.
constexpr auto kStaleTemp = std::chrono::hours(1);

[[noreturn]] void fail(const std::string& what, const fs::path& p, int err = errno) {
  throw std::runtime_error(what + " '" + p.string() + "': " + std::strerror(err));
}

// RAII file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() { reset(); }
  Fd(Fd&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  // Closes now; false (errno set) when close reported a write error.
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  int fd_;
};

// The order number of an idempotency key "order_no/attempt/kind"; order numbers may hold '/'
// themselves, so the last two parts are cut from the right. A key of another form stays whole.
std::string_view order_of_key(std::string_view key) {
  const auto kind_at = key.rfind('/');
  if (kind_at == std::string_view::npos || kind_at == 0) return key;
  const auto attempt_at = key.rfind('/', kind_at - 1);
  return attempt_at == std::string_view::npos ? key : key.substr(0, attempt_at);
}

void write_all(int fd, const std::string& text, const fs::path& shown) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write", shown);
    done += static_cast<std::size_t>(n);
  }
}

// Writes `text` to a new, uniquely named file in the folder (never one another drain is writing:
// O_EXCL) and syncs it; returns its name. The mode is 0644 less the umask, as before.
std::string write_temp(int dir_fd, const fs::path& dir, std::int64_t id, const std::string& text) {
  for (int tries = 0; tries < 8; ++tries) {
    const std::string name = kTempPrefix + std::to_string(id) + "-" + random_hex(6) + kTempSuffix;
    Fd f(::openat(dir_fd, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
    if (f.get() < 0 && errno == EEXIST) continue;
    if (f.get() < 0) fail("cannot create", dir / name);
    try {
      write_all(f.get(), text, dir / name);
      if (::fsync(f.get()) != 0) fail("cannot fsync", dir / name);
      if (!f.close()) fail("cannot close", dir / name);
    } catch (...) {
      ::unlinkat(dir_fd, name.c_str(), 0);
      throw;
    }
    return name;
  }
  throw std::runtime_error("cannot create a temporary file in '" + dir.string() + "': 8 random names taken");
}

// Whether the published file `name` holds exactly `text` (read no further than one byte past it).
bool holds(int dir_fd, const std::string& name, const std::string& text) {
  Fd f(::openat(dir_fd, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (f.get() < 0) return false;  // a symlink or a file we cannot read is not our message
  std::string got(text.size() + 1, '\0');
  std::size_t have = 0;
  while (have < got.size()) {
    const ssize_t n = ::read(f.get(), got.data() + have, got.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    have += static_cast<std::size_t>(n);
  }
  return have == text.size() && got.compare(0, have, text) == 0;
}

enum class Published { New, AlreadyThere, OtherContent };

// Gives the temporary file its final name without ever replacing a file: link(2) fails with
// EEXIST when the name exists (rename(2) would replace it silently). A folder on a file system
// without hard links (FAT: EPERM) is an error that names it.
Published publish(int dir_fd, const fs::path& dir, const std::string& tmp, const std::string& final_name,
                  const std::string& text) {
  const int rc = ::linkat(dir_fd, tmp.c_str(), dir_fd, final_name.c_str(), 0);
  const int err = errno;
  ::unlinkat(dir_fd, tmp.c_str(), 0);
  if (rc != 0 && err != EEXIST) fail("cannot publish (hard link)", dir / final_name, err);
  if (::fsync(dir_fd) != 0) fail("cannot fsync folder", dir);
  if (rc == 0) return Published::New;
  return holds(dir_fd, final_name, text) ? Published::AlreadyThere : Published::OtherContent;
}

// Temporary files of drains that died before publishing them; young ones may be another
// drain's work in progress and are left alone.
void remove_stale_temps(int dir_fd, const fs::path& dir) {
  std::error_code ec;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(kTempPrefix, 0) != 0 || !name.ends_with(kTempSuffix)) continue;
    std::error_code time_ec;
    const auto modified = it->last_write_time(time_ec);
    if (!time_ec && now - modified > kStaleTemp) ::unlinkat(dir_fd, name.c_str(), 0);
  }
}

Fd open_folder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw std::runtime_error("cannot create outbox folder '" + dir.string() + "': " + ec.message());
  Fd d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (d.get() < 0) fail("cannot open outbox folder", dir);
  return d;
}

std::string describe(const OutboxMessage& m) {
  return "message " + std::to_string(m.id) + " (" + utf8::sanitised(m.idempotency_key) + ")";
}

// The bytes the file gets: the payload as valid UTF-8 JSON. A row stored before intake checked
// UTF-8 may hold invalid bytes; they become U+FFFD (only inside strings: JSON's own syntax is
// ASCII), and the report says so. Returns false when the payload is not JSON at all.
bool file_text(const OutboxMessage& m, std::string& text, DrainReport& report) {
  text = m.payload_json;
  if (!utf8::valid(text)) {
    text = utf8::sanitised(text);
    ++report.repaired;
    report.notes.push_back(describe(m) + ": invalid UTF-8 in the stored payload, written with U+FFFD in its place");
  }
  if (!nlohmann::json::accept(text)) {
    report.problems.push_back(describe(m) + ": the stored payload is not JSON; left undelivered");
    return false;
  }
  text += '\n';
  return true;
}

// The messages still to deliver, without those this run already had to leave undelivered
// (the store hands the oldest first, so the limit grows past them).
std::vector<OutboxMessage> next_batch(OutboxSource& store, const std::set<std::int64_t>& left) {
  auto batch = store.undelivered_messages(kBatch + static_cast<int>(left.size()));
  std::erase_if(batch, [&](const OutboxMessage& m) { return left.count(m.id) > 0; });
  return batch;
}
}  // namespace

std::string safe_name_part(std::string_view text, std::size_t max_chars) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    const bool keep =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    const std::size_t need = keep ? 1 : 3;
    if (out.size() + need > max_chars) break;
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '_';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string outbox_file_name(const OutboxMessage& m) {
  char id[32];
  std::snprintf(id, sizeof id, "%09lld", static_cast<long long>(m.id));
  std::string order = safe_name_part(order_of_key(m.idempotency_key), kOrderChars);
  std::string kind = safe_name_part(m.kind, kKindChars);
  return std::string(id) + "-" + (order.empty() ? "_" : order) + "-" + (kind.empty() ? "message" : kind) + ".json";
}

DrainReport drain_outbox(OutboxSource& store, const fs::path& dir,
                         const std::function<void(const OutboxMessage&)>& after_write) {
  Fd folder = open_folder(dir);
  remove_stale_temps(folder.get(), dir);
  DrainReport report;
  std::set<std::int64_t> left;  // left undelivered by this run (reported)
  for (auto batch = next_batch(store, left); !batch.empty(); batch = next_batch(store, left)) {
    store.record_outgoing_batch(batch);  // the decisions behind these messages are on disk first
    for (const auto& m : batch) {
      std::string text;
      if (!file_text(m, text, report)) {
        left.insert(m.id);
        continue;
      }
      const std::string name = outbox_file_name(m);
      const std::string tmp = write_temp(folder.get(), dir, m.id, text);
      switch (publish(folder.get(), dir, tmp, name, text)) {
        case Published::New: ++report.written; break;
        case Published::AlreadyThere: ++report.already_there; break;
        case Published::OtherContent:
          report.problems.push_back(describe(m) + ": " + (dir / name).string() +
                                    " already exists with other content (a folder drained from another "
                                    "database?); left undelivered");
          left.insert(m.id);
          continue;
      }
      if (after_write) after_write(m);
      store.mark_delivered(m.id);
    }
  }
  return report;
}

}  // namespace rs::issuing
