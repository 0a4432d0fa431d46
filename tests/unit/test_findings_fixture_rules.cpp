// Single rules on single real raw uploads (../shared/fixtures/photos), where a photo shows a case
// the synthesised edits cannot: a photo that must pass beside one that must warn or fail. Each
// case is skipped, with a message, when the fixture folder is absent.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include "test_findings_support.hpp"

using namespace rs::findings;
using rs::test::value_of;
using rs::test::verdict_of;

namespace {
std::optional<Analysis> fixture(const char* name) { return rs::test::fixture_analysis(name); }
}  // namespace

TEST_CASE("hair.shoulders on real photos: long hair hangs past the jaw, a bob and a jacket do not" *
          doctest::skip(!rs::test::fixtures_present())) {
  // ppp_003: long brown hair with highlights down both sides past the chin (the hair colour is
  // the median of the non-skin pixels above the forehead, not a mean lifted by the parting).
  const auto long_hair = fixture("ppp_003.jpg");
  // ppp_011: grey chin-length bob that ends above the zone, and a thin necklace.
  const auto bob = fixture("ppp_011.jpg");
  // hv_test0: short hair; a dark jacket's shoulder rises into the zone from below.
  const auto jacket = fixture("hv_test0.jpg");
  if (!long_hair || !bob || !jacket) return;
  CHECK(verdict_of(*long_hair, "hair.shoulders") != Verdict::Pass);
  CHECK(verdict_of(*bob, "hair.shoulders") == Verdict::Pass);
  CHECK(verdict_of(*jacket, "hair.shoulders") == Verdict::Pass);
  CHECK(value_of(*long_hair, "hair.shoulders") > value_of(*bob, "hair.shoulders") + 0.1);
}

TEST_CASE("hair.eyebrows on real photos: the hairline at one temple passes, bangs do not" *
          doctest::skip(!rs::test::fixtures_present())) {
  // ppp_007: the hair comes down at the image-left temple over the outer end of that brow's band;
  // both brows are in plain view.
  const auto temple = fixture("ppp_007.jpg");
  // hv_test4: bangs over both brows (small face in a full-length shot).
  const auto bangs = fixture("hv_test4.jpg");
  if (!temple || !bangs) return;
  CHECK(verdict_of(*temple, "hair.eyebrows") == Verdict::Pass);
  CHECK(verdict_of(*bangs, "hair.eyebrows") == Verdict::Fail);
}

TEST_CASE("geometry.in_frame on real photos: too tight a frame for the GA 461 crop fails" *
          doctest::skip(!rs::test::fixtures_present())) {
  // ppp_003: the head top has room, but the crop runs past both sides and the bottom.
  const auto tight = fixture("ppp_003.jpg");
  // ppp_013: a tight head-and-shoulders shot the crop still fits into.
  const auto fits = fixture("ppp_013.jpg");
  if (!tight || !fits) return;
  CHECK(verdict_of(*tight, "geometry.in_frame") == Verdict::Fail);
  CHECK(rs::test::finding(*tight, "geometry.in_frame")->detail.find("framed too tight") != std::string::npos);
  CHECK(verdict_of(*fits, "geometry.in_frame") == Verdict::Pass);
}
