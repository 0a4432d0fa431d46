// open_regular_file: read_regular_file's checks for a reader that streams (the landmark model).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <utility>

#include "core/util/file_read.hpp"
#include "scratch_folder.hpp"

namespace fs = std::filesystem;
using rs::util::open_regular_file;
using rs::util::read_regular_file;

namespace {
bool is_open(int fd) { return ::fcntl(fd, F_GETFD) != -1; }
}  // namespace

TEST_CASE("open_regular_file opens a regular file for reading, with its size, and closes it once") {
  const rs::test::ScratchFolder s("rs-file-open");
  const fs::path file = s.write("model.dat", "twelve bytes");
  int fd = -1;
  {
    auto opened = open_regular_file(file);
    REQUIRE(opened.ok());
    CHECK(opened.error().empty());
    CHECK(opened.size() == 12);
    fd = opened.fd();
    char got[16] = {};
    CHECK(::read(fd, got, sizeof got) == 12);
    CHECK(std::string(got) == "twelve bytes");
    auto moved = std::move(opened);  // the descriptor moves with it
    CHECK(opened.fd() == -1);
    CHECK(moved.fd() == fd);
    CHECK(is_open(fd));
  }
  CHECK_FALSE(is_open(fd));
}

TEST_CASE("open_regular_file refuses what read_regular_file refuses, with the same words") {
  const rs::test::ScratchFolder s("rs-file-open");
  const fs::path fifo = s.dir / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  fs::create_directories(s.dir / "folder");
  for (const fs::path& p : {fifo, s.dir / "folder", s.dir / "missing", fs::path("/dev/zero"), fs::path()}) {
    CAPTURE(p);
    const auto opened = open_regular_file(p);
    CHECK_FALSE(opened.ok());
    CHECK(opened.fd() == -1);
    CHECK(opened.error() == read_regular_file(p, 1024).error);
  }
  CHECK(open_regular_file(fifo).error().find("is a FIFO, not a regular file") != std::string::npos);
  CHECK(open_regular_file(s.dir / "missing").error().find("does not exist") != std::string::npos);
}
