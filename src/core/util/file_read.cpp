// Reading files someone else chose (see file_read.hpp for what is refused and why).
#include "core/util/file_read.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <system_error>

namespace rs::util {
namespace fs = std::filesystem;
namespace {

// Built by appending: "'" + std::string trips GCC 12's false -Wrestrict warning.
std::string quoted_text(std::string_view text) {
  std::string out(1, '\'');
  out += text;
  out += '\'';
  return out;
}
std::string quoted(const fs::path& p) { return quoted_text(printable_path(p)); }

std::string errno_text(int err) { return std::error_code(err, std::generic_category()).message(); }

// Why a file of this type is not read, or empty for a regular file.
std::string type_problem(mode_t mode) {
  if (S_ISREG(mode)) return {};
  if (S_ISFIFO(mode)) return "is a FIFO, not a regular file";
  if (S_ISCHR(mode)) return "is a character device, not a regular file";
  if (S_ISBLK(mode)) return "is a block device, not a regular file";
  if (S_ISDIR(mode)) return "is a directory, not a regular file";
  if (S_ISSOCK(mode)) return "is a socket, not a regular file";
  if (S_ISLNK(mode)) return "is a symbolic link (not followed)";
  return "is not a regular file";
}

std::string open_problem(int err, Links links) {
  switch (err) {
    case ENOENT: return "does not exist";
    case EACCES:
    case EPERM: return "cannot be read: permission denied";
    case ELOOP:
      return links == Links::refuse ? "is a symbolic link (not followed)" : "cannot be opened: too many symbolic links";
    case ENXIO: return "is a socket or a device, not a regular file";
    default: return "cannot be opened: " + errno_text(err);
  }
}

std::string size_text(std::size_t cap) {
  constexpr std::size_t mb = std::size_t{1} << 20, kb = std::size_t{1} << 10;
  if (cap >= mb && cap % mb == 0) return std::to_string(cap / mb) + " MB";
  if (cap >= kb && cap % kb == 0) return std::to_string(cap / kb) + " KB";
  return std::to_string(cap) + " bytes";
}

// Reads from `fd` until end of file or until more than `cap` bytes have come (then `too_big`).
// st_size is only a hint for the first allocation, never a limit or a promise.
std::vector<std::uint8_t> read_capped(int fd, std::size_t cap, std::uint64_t size_hint, bool& too_big, int& err) {
  const std::size_t limit = cap == SIZE_MAX ? cap : cap + 1;  // one byte past the cap tells "more"
  constexpr std::size_t chunk = std::size_t{64} << 10;
  std::vector<std::uint8_t> bytes;
  const std::uint64_t hint = size_hint + 1;                      // st_size, at most 2^63 - 1
  constexpr std::uint64_t first_most = std::uint64_t{32} << 20;  // a wild st_size (FUSE) cannot size the first block
  bytes.resize(static_cast<std::size_t>(std::min<std::uint64_t>({hint, limit, first_most})));
  std::size_t n = 0;
  for (;;) {
    if (n == bytes.size()) {
      if (n >= limit) break;
      bytes.resize(std::min(limit, std::max(n * 2, n + chunk)));
    }
    const ssize_t got = ::read(fd, bytes.data() + n, bytes.size() - n);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      err = errno;  // EAGAIN too: a "regular" /proc file with nothing to read yet must not block us
      return {};
    }
    if (got == 0) break;
    n += static_cast<std::size_t>(got);
  }
  too_big = n > cap;
  bytes.resize(std::min(n, cap));
  return bytes;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one (stray continuation
// byte, overlong form, surrogate, above U+10FFFF, cut short).
std::size_t utf8_length(std::string_view s, std::size_t i, char32_t& cp) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned lead = byte(i);
  std::size_t len = 0;
  if (lead < 0x80)
    len = 1, cp = lead;
  else if (lead >= 0xC2 && lead <= 0xDF)
    len = 2, cp = lead & 0x1Fu;
  else if ((lead & 0xF0u) == 0xE0)
    len = 3, cp = lead & 0x0Fu;
  else if (lead >= 0xF0 && lead <= 0xF4)
    len = 4, cp = lead & 0x07u;
  else
    return 0;
  if (s.size() - i < len) return 0;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0u) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  if (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) return 0;
  if (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) return 0;
  return len;
}

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    const std::size_t len = utf8_length(s, i, cp);
    if (len > 0 && !is_control(cp)) {
      out.append(s.substr(i, len));
      i += len;
      continue;
    }
    // A byte that is not UTF-8, or a control character: each of its bytes as \xNN.
    for (std::size_t k = 0; k < std::max<std::size_t>(len, 1); ++k) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", static_cast<unsigned char>(s[i + k]));
      out += hex;
    }
    i += std::max<std::size_t>(len, 1);
  }
  return out;
}

// Is `p` (absolute, normalised) `base` or below it? Compared by whole components ("/a/bc" is not in "/a/b").
bool within(const fs::path& p, const fs::path& base) {
  auto b = base.begin();
  for (auto q = p.begin(); b != base.end(); ++b, ++q) {
    if (b->empty()) continue;  // a trailing separator of base
    if (q == p.end() || *q != *b) return false;
  }
  return true;
}

// Kernel file systems whose "files" are processes' memory, environment, devices: never photos.
bool in_system_tree(const fs::path& p) {
  for (const char* tree : {"/proc", "/sys", "/dev"})
    if (within(p, tree)) return true;
  return false;
}
}  // namespace

// close is not retried on EINTR: on Linux the descriptor is gone either way, and retrying could
// close a descriptor another thread just opened.
RegularFile::~RegularFile() {
  if (fd_ >= 0) ::close(fd_);
}

RegularFile open_regular_file(const fs::path& path, Links links) {
  const auto refused = [](std::string error) { return RegularFile(-1, 0, std::move(error)); };
  const std::string& name = path.native();
  if (name.empty()) return refused("the file name is empty");
  if (name.find('\0') != std::string::npos) return refused(quoted(path) + " has a NUL byte in its name");
  // A first look without opening: opening some devices does something (a tape rewinds, a watchdog
  // arms), so they are refused before open. fstat below is what decides; this only spares the open.
  struct stat before {};
  const int looked = links == Links::refuse ? ::lstat(name.c_str(), &before) : ::stat(name.c_str(), &before);
  if (looked == 0 && !type_problem(before.st_mode).empty())
    return refused(quoted(path) + " " + type_problem(before.st_mode));
  // O_NONBLOCK: a FIFO swapped in after the look opens at once instead of waiting for a writer.
  // O_NOCTTY: a terminal device never becomes our controlling terminal. O_CLOEXEC: no leak into children.
  int flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
  if (links == Links::refuse) flags |= O_NOFOLLOW;
  int fd;
  do fd = ::open(name.c_str(), flags);
  while (fd < 0 && errno == EINTR);
  if (fd < 0) return refused(quoted(path) + " " + open_problem(errno, links));
  RegularFile file(fd, 0, {});  // closed on every refusal below
  struct stat st {};
  if (::fstat(fd, &st) != 0) return refused(quoted(path) + " cannot be examined: " + errno_text(errno));
  if (auto problem = type_problem(st.st_mode); !problem.empty()) return refused(quoted(path) + " " + problem);
  file.size_ = static_cast<std::uint64_t>(std::max<off_t>(st.st_size, 0));
  return file;
}

FileRead read_regular_file(const fs::path& path, std::size_t cap, Links links) {
  const RegularFile file = open_regular_file(path, links);
  if (!file.ok()) return {{}, file.error()};
  FileRead result;
  bool too_big = false;
  int err = 0;
  result.bytes = read_capped(file.fd(), cap, file.size(), too_big, err);
  if (err != 0) return {{}, quoted(path) + " cannot be read: " + errno_text(err)};
  if (too_big) return {{}, quoted(path) + " is larger than " + size_text(cap)};
  return result;
}

PhotoPath resolve_photo_path(const fs::path& root, std::string_view reference) {
  const std::string shown = quoted_text(printable(reference));
  if (reference.empty()) return {{}, "the photo reference is empty"};
  if (reference.find('\0') != std::string_view::npos) return {{}, shown + " has a NUL byte in it"};
  std::error_code ec;
  const fs::path base = fs::canonical(root.empty() ? fs::path(".") : root, ec);
  if (ec) return {{}, "the photo folder " + quoted(root) + " cannot be resolved: " + ec.message()};
  const fs::path ref{std::string(reference)};
  const fs::path joined = ref.is_absolute() ? ref : base / ref;
  // The lexical look names the usual problems plainly; the canonical look below is the one that counts.
  const fs::path lexical = joined.lexically_normal();
  if (in_system_tree(lexical)) return {{}, shown + " is in /proc, /sys or /dev, not a photo folder"};
  if (ref.is_relative() && !within(lexical, base)) return {{}, shown + " leaves the photo folder " + quoted(base)};
  const fs::path real = fs::canonical(joined, ec);  // realpath: every link resolved, so the file must exist
  if (ec == std::errc::no_such_file_or_directory) return {{}, shown + " does not exist"};
  if (ec) return {{}, shown + " cannot be resolved: " + ec.message()};
  if (in_system_tree(real)) return {{}, shown + " leads into /proc, /sys or /dev, not a photo folder"};
  if (!within(real, base)) {
    const bool linked = ref.is_relative() || within(lexical, base);
    return {
        {},
        shown + (linked ? " is a link to outside the photo folder " : " is outside the photo folder ") + quoted(base)};
  }
  return {real, {}};
}

std::string printable_path(const fs::path& p) { return printable(p.native()); }
}  // namespace rs::util
