#pragma once
// Reading files that someone else chose: uploads named in a manifest, photos given to `check`.
// Nothing here trusts the name, the type or the size a file claims; every refusal is one line
// naming the file (in printable form) and the problem.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rs::util {
// The one cap on an uploaded photo's bytes, for intake, resubmission and `check` alike.
// Uploads are ~20 KB; 20 MB (MiB) is clearly not a photo.
inline constexpr std::size_t kMaxPhotoBytes = std::size_t{20} << 20;

// What to do when the last component of the path is a symbolic link.
enum class Links {
  follow,  // operator-given paths (`check a.jpg`) may be links; the target's type is what fstat checks
  refuse,  // O_NOFOLLOW: for a path resolve_photo_path returned, which has no links left in it, so a
           // link there now was put in after the check; links in the folders above are NOT covered
};

// Reads a whole regular file, refusing anything else: FIFOs (opened O_NONBLOCK so open never hangs),
// devices, sockets, directories; the type is checked with fstat on the opened descriptor (no race with
// a stat before open). Reads at most `cap` bytes and refuses a file with more (counted while reading,
// never trusting st_size: /proc files report 0, /dev/zero is endless). `error` is empty on success, else
// one line naming the file and the problem, e.g. "'x.jpg' is a FIFO, not a regular file",
// "'big.png' is larger than 20 MB".
struct FileRead {
  std::vector<std::uint8_t> bytes;
  std::string error;
  bool ok() const { return error.empty(); }
};
FileRead read_regular_file(const std::filesystem::path& path, std::size_t cap, Links links = Links::follow);

// The same checks, for a reader that streams a large file instead of holding it whole (the ~100 MB
// landmark model: whole, it would double the load's memory). The descriptor is open for reading
// and closed with the object; `size` is the opened file's st_size, a bound for what a reader
// expects, not a promise (the reader still stops at end of file).
class RegularFile {
 public:
  RegularFile(int fd, std::uint64_t size, std::string error) : fd_(fd), size_(size), error_(std::move(error)) {}
  RegularFile(RegularFile&& o) noexcept : fd_(o.fd_), size_(o.size_), error_(std::move(o.error_)) { o.fd_ = -1; }
  RegularFile& operator=(RegularFile&&) = delete;
  RegularFile(const RegularFile&) = delete;
  ~RegularFile();
  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }  // as read_regular_file's
  int fd() const { return fd_; }
  std::uint64_t size() const { return size_; }

 private:
  friend RegularFile open_regular_file(const std::filesystem::path& path, Links links);
  int fd_;
  std::uint64_t size_;
  std::string error_;
};
RegularFile open_regular_file(const std::filesystem::path& path, Links links = Links::follow);

// Resolves a photo reference from a manifest: relative references must stay inside `root` (the
// manifest's folder, or the folder given with --photos-root); '..' that leaves the root, absolute
// paths outside the root, symlinks whose target is outside the root (resolved with realpath, so the
// file must exist), /proc, /sys and /dev are refused. Returns the path to open (canonical: no links,
// no '.' or '..'; open it with Links::refuse), or an error naming the reference and the problem.
struct PhotoPath {
  std::filesystem::path path;
  std::string error;
  bool ok() const { return error.empty(); }
};
PhotoPath resolve_photo_path(const std::filesystem::path& root, std::string_view reference);

// File names for messages: valid UTF-8 as is, other bytes as \xNN, so a name that is not UTF-8 can be
// printed and put in JSON. Control characters (newline, tab, ESC, DEL) are also written as \xNN, so a
// name keeps to one line and cannot move a terminal's cursor.
std::string printable_path(const std::filesystem::path& p);
}  // namespace rs::util
