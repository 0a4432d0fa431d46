// Hand-written formatting on the decision path: digits, hex, ISO 8601 times and flat JSON objects.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/util/clock.hpp"
#include "core/util/digits.hpp"
#include "core/util/json_writer.hpp"
#include "core/util/random.hpp"
#include "core/util/sha256.hpp"

using namespace rs;

namespace {
std::string digits(std::int64_t v, int width) {
  std::string s;
  append_digits(s, v, width);
  return s;
}
}  // namespace

TEST_CASE("decimal digits: zero padding, wider values, negatives, the extremes") {
  CHECK(digits(7, 2) == "07");
  CHECK(digits(0, 3) == "000");
  CHECK(digits(0, 1) == "0");
  CHECK(digits(123456, 2) == "123456");
  CHECK(digits(-5, 3) == "-005");
  CHECK(digits(std::numeric_limits<std::int64_t>::max(), 1) == "9223372036854775807");
  CHECK(digits(std::numeric_limits<std::int64_t>::min(), 1) == "-9223372036854775808");
  std::string h;
  append_hex(h, 0xdeadbeef, 8);
  append_hex(h, 0x0a, 2);
  CHECK(h == "deadbeef0a");
}

TEST_CASE("ISO 8601 in China Standard Time, and dates, as before") {
  // 2026-11-21T00:00:00Z is 08:00 in Guangdong.
  const Millis t = 1795219200000LL;
  CHECK(iso8601_cst(t) == "2026-11-21T08:00:00.000+08:00");
  CHECK(iso8601_cst(t + 16 * 3600000LL + 59 * 60000 + 59999) == "2026-11-22T00:59:59.999+08:00");
  CHECK(date_text({2026, 1, 5}) == "2026-01-05");
  CHECK(parse_iso8601(iso8601_cst(t + 1234)) == t + 1234);
  CHECK(random_hex(16).size() == 32);
  CHECK(sha256_hex(std::string_view("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("sha256: FIPS 180-4 examples and every padding edge (one or two tail blocks)") {
  CHECK(sha256_hex(std::string_view("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex(std::string_view("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Lengths around the 56-byte point where the length field no longer fits the last block.
  const std::pair<int, const char*> edges[] = {
      {55, "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072"},
      {56, "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e"},
      {63, "75220b47218278e656f2013bb8f0c455a25eaf01e86c64924e9d48d89776d6f2"},
      {64, "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c"},
      {119, "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c"},
      {120, "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98"}};
  for (const auto& edge : edges) {
    const int n = edge.first;  // not a structured binding: clang 14 cannot capture one in CAPTURE
    const char* want = edge.second;
    CAPTURE(n);
    CHECK(sha256_hex(std::string(std::size_t(n), 'x')) == want);
  }
}

TEST_CASE("JsonWriter writes what nlohmann reads back, escapes like JSON, refuses broken UTF-8") {
  std::vector<std::string> codes = {"BLURRED", "其他"};
  std::string s = JsonWriter()
                      .text("kind", "approval")
                      .number("attempt", 2)
                      .number("neg", -40)
                      .boolean("free", true)
                      .texts("reasons", codes)
                      .text("odd", "q\"b\\n\nt\t\x01 深圳")
                      .raw("nested", R"({"a":[1,2]})")
                      .str();
  auto j = nlohmann::json::parse(s);
  CHECK(j["kind"] == "approval");
  CHECK(j["attempt"] == 2);
  CHECK(j["neg"] == -40);
  CHECK(j["free"] == true);
  CHECK(j["reasons"] == nlohmann::json({"BLURRED", "其他"}));
  CHECK(j["odd"] == "q\"b\\n\nt\t\x01 深圳");
  CHECK(j["nested"]["a"][1] == 2);
  CHECK(s.find("\\u0001") != std::string::npos);
  CHECK(JsonWriter().str() == "{}");
  CHECK_THROWS_AS(JsonWriter().text("bad", "abc\xff"), std::invalid_argument);
  CHECK_THROWS_AS(JsonWriter().text("cut", "\xe6\xb7"), std::invalid_argument);  // half of 深
}
