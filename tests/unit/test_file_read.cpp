// read_regular_file, resolve_photo_path and printable_path: what a hostile name or file gets.
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/util/file_read.hpp"
#include "scratch_folder.hpp"

namespace fs = std::filesystem;
using rs::util::Links;
using rs::util::printable_path;
using rs::util::read_regular_file;
using rs::util::resolve_photo_path;

namespace {
// A scratch folder removed at the end of the test.
struct Scratch : rs::test::ScratchFolder {
  Scratch() : ScratchFolder("rs-file-read") {}
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("read_regular_file: a regular file's bytes, all of them") {
  Scratch s;
  const auto p = s.write("a.jpg", std::string("\xFF\xD8\x00\x01 photo", 10));
  const auto r = read_regular_file(p, 100);
  REQUIRE(r.ok());
  CHECK(r.bytes.size() == 10);
  CHECK(r.bytes[0] == 0xFF);
  CHECK(r.bytes[2] == 0x00);
  // Exactly the cap is allowed; one byte more is refused with the cap in the message.
  CHECK(read_regular_file(p, 10).ok());
  const auto over = read_regular_file(p, 9);
  CHECK_FALSE(over.ok());
  CHECK(over.bytes.empty());
  CHECK(contains(over.error, "'" + p.string() + "' is larger than 9 bytes"));
  const auto big = s.write("big.png", std::string((std::size_t{1} << 20) + 1, 'x'));
  CHECK(read_regular_file(big, std::size_t{1} << 20).error == "'" + big.string() + "' is larger than 1 MB");
  CHECK(read_regular_file(big, rs::util::kMaxPhotoBytes).bytes.size() == (std::size_t{1} << 20) + 1);
  CHECK(read_regular_file(s.write("empty.jpg", ""), 10).ok());
}

TEST_CASE("read_regular_file: the cap counts bytes read, not the size the file reports") {
  // /proc files report st_size 0 and still hold bytes: a cap trusting st_size would let them through.
  struct stat st {};
  REQUIRE(::stat("/proc/self/status", &st) == 0);
  REQUIRE(st.st_size == 0);
  const auto small_cap = read_regular_file("/proc/self/status", 16);
  CHECK_FALSE(small_cap.ok());
  CHECK(contains(small_cap.error, "is larger than 16 bytes"));
  const auto whole = read_regular_file("/proc/self/status", 1 << 20);
  REQUIRE(whole.ok());
  CHECK(whole.bytes.size() > 16);
  CHECK(contains(std::string(whole.bytes.begin(), whole.bytes.end()), "Name:"));
}

TEST_CASE("read_regular_file: /dev/zero, a FIFO, a directory, a missing file are refused at once") {
  Scratch s;
  const auto t0 = std::chrono::steady_clock::now();
  const auto zero = read_regular_file("/dev/zero", 1 << 20);
  CHECK(zero.error == "'/dev/zero' is a character device, not a regular file");
  CHECK(read_regular_file("/dev/null", 1 << 20).error == "'/dev/null' is a character device, not a regular file");
  const fs::path fifo = s.dir / "x.jpg";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Nobody writes to it: a plain open would wait for a writer for ever.
  CHECK(read_regular_file(fifo, 1 << 20).error == "'" + fifo.string() + "' is a FIFO, not a regular file");
  CHECK(read_regular_file(s.dir, 1 << 20).error == "'" + s.dir.string() + "' is a directory, not a regular file");
  CHECK(read_regular_file(s.dir / "none.jpg", 10).error == "'" + (s.dir / "none.jpg").string() + "' does not exist");
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(secs < 1.0);
}

TEST_CASE("read_regular_file: links followed or refused, unreadable and NUL names") {
  Scratch s;
  const auto target = s.write("real.jpg", "bytes");
  const auto link = s.dir / "link.jpg";
  fs::create_symlink(target, link);
  CHECK(read_regular_file(link, 100).ok());
  CHECK(read_regular_file(link, 100, Links::refuse).error ==
        "'" + link.string() + "' is a symbolic link (not followed)");
  CHECK(read_regular_file(target, 100, Links::refuse).ok());
  // A link to a FIFO is judged by the FIFO, not by the link.
  const fs::path fifo = s.dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  fs::create_symlink(fifo, s.dir / "pipe.jpg");
  CHECK(contains(read_regular_file(s.dir / "pipe.jpg", 100).error, "is a FIFO"));
  const auto locked = s.write("locked.jpg", "secret");
  fs::permissions(locked, fs::perms::none);
  const auto r = read_regular_file(locked, 100);
  if (::geteuid() == 0) {
    CHECK(r.ok());  // root reads a mode-000 file: nothing to refuse there
  } else {
    CHECK(r.error == "'" + locked.string() + "' cannot be read: permission denied");
  }
  CHECK(contains(read_regular_file(fs::path(std::string("a\0b", 3)), 10).error, "NUL byte"));
}

TEST_CASE("resolve_photo_path: inside the root only") {
  Scratch s;
  fs::create_directories(s.dir / "photos" / "sub");
  const fs::path root = s.dir / "photos";
  const auto inside = s.write("photos/sub/a.jpg", "x");
  const auto outside = s.write("secret.jpg", "x");
  const fs::path canon_root = fs::canonical(root);

  const auto rel = resolve_photo_path(root, "sub/a.jpg");
  REQUIRE(rel.ok());
  CHECK(rel.path == fs::canonical(inside));
  CHECK(resolve_photo_path(root, "./sub/../sub/a.jpg").path == fs::canonical(inside));
  const auto abs = resolve_photo_path(root, inside.string());
  CHECK(abs.ok());
  CHECK(abs.path == fs::canonical(inside));

  const auto up = resolve_photo_path(root, "../secret.jpg");
  CHECK(up.error == "'../secret.jpg' leaves the photo folder '" + canon_root.string() + "'");
  CHECK(up.path.empty());
  CHECK_FALSE(resolve_photo_path(root, "sub/../../secret.jpg").ok());
  CHECK_FALSE(resolve_photo_path(root, "../../../../../../../../etc/passwd").ok());
  const auto abs_out = resolve_photo_path(root, outside.string());
  CHECK(abs_out.error == "'" + outside.string() + "' is outside the photo folder '" + canon_root.string() + "'");
  // The folder "photos2" is not inside "photos" although its name starts the same.
  fs::create_directories(s.dir / "photos2");
  const auto twin = s.write("photos2/b.jpg", "x");
  CHECK_FALSE(resolve_photo_path(root, twin.string()).ok());
  CHECK(resolve_photo_path(root, "sub/none.jpg").error == "'sub/none.jpg' does not exist");
  CHECK(resolve_photo_path(root, "").error == "the photo reference is empty");
  CHECK(contains(resolve_photo_path(root, std::string_view("a\0b", 3)).error, "NUL byte"));
}

TEST_CASE("resolve_photo_path: links are judged by where they lead") {
  Scratch s;
  fs::create_directories(s.dir / "photos" / "sub");
  const fs::path root = s.dir / "photos";
  const auto inside = s.write("photos/sub/a.jpg", "x");
  const auto outside = s.write("secret.jpg", "x");
  fs::create_symlink(outside, root / "out.jpg");
  fs::create_symlink(inside, root / "in.jpg");
  fs::create_directory_symlink(s.dir, root / "up");  // a folder link leaving the root
  const auto out = resolve_photo_path(root, "out.jpg");
  CHECK(contains(out.error, "'out.jpg' is a link to outside the photo folder"));
  CHECK_FALSE(resolve_photo_path(root, "up/secret.jpg").ok());
  const auto in = resolve_photo_path(root, "in.jpg");
  REQUIRE(in.ok());
  CHECK(in.path == fs::canonical(inside));
  CHECK(read_regular_file(in.path, 10, Links::refuse).ok());  // canonical: nothing left to follow
  // A root given through a link is resolved too, so absolute references in its real folder match.
  fs::create_directory_symlink(root, s.dir / "root-link");
  CHECK(resolve_photo_path(s.dir / "root-link", "sub/a.jpg").path == fs::canonical(inside));
  CHECK(resolve_photo_path(s.dir / "root-link", inside.string()).ok());
}

TEST_CASE("resolve_photo_path: /proc, /sys and /dev are never photos") {
  Scratch s;
  CHECK_FALSE(resolve_photo_path(s.dir, "/proc/self/environ").ok());
  CHECK_FALSE(resolve_photo_path(s.dir, "/dev/null").ok());
  // Even with the whole file system as the root.
  CHECK(resolve_photo_path("/", "/proc/self/environ").error ==
        "'/proc/self/environ' is in /proc, /sys or /dev, not a photo folder");
  CHECK(contains(resolve_photo_path("/", "dev/null").error, "is in /proc, /sys or /dev"));
  CHECK(contains(resolve_photo_path("/", "sys/kernel/mm").error, "is in /proc, /sys or /dev"));
  // A link inside the root leading into /proc is caught after resolution.
  fs::create_symlink("/proc/self/environ", s.dir / "env.jpg");
  CHECK(contains(resolve_photo_path("/", (s.dir / "env.jpg").string()).error, "leads into /proc, /sys or /dev"));
  CHECK_FALSE(resolve_photo_path(s.dir, "env.jpg").ok());
  CHECK_FALSE(resolve_photo_path("/proc/self", "environ").ok());
}

TEST_CASE("printable_path: bytes that are not UTF-8 as \\xNN, UTF-8 as it is") {
  CHECK(printable_path(fs::path("bad\xFF.jpg")) == "bad\\xFF.jpg");
  CHECK(printable_path(fs::path("照片/王小明.jpg")) == "照片/王小明.jpg");
  CHECK(printable_path(fs::path("𪚥.png")) == "𪚥.png");
  CHECK(printable_path(fs::path("a\nb\x1B[2J.jpg")) == "a\\x0Ab\\x1B[2J.jpg");
  CHECK(printable_path(fs::path("\xC0\xAF.jpg")) == "\\xC0\\xAF.jpg");           // overlong '/'
  CHECK(printable_path(fs::path("\xED\xA0\x80.jpg")) == "\\xED\\xA0\\x80.jpg");  // a surrogate
  CHECK(printable_path(fs::path("\xE7\x85")) == "\\xE7\\x85");                   // cut short
  CHECK(printable_path(fs::path("\xC2\x9B")) == "\\xC2\\x9B");                   // C1 CSI
  // The messages use it too, so a bad name in an error is printable as well.
  CHECK(read_regular_file(fs::path("/nonexistent/bad\xFF.jpg"), 10).error ==
        "'/nonexistent/bad\\xFF.jpg' does not exist");
}
