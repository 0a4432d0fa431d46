// Rule coverage: every rule of every document type's spec has at least one photo that must pass it
// and one that must not (fail, or warn for the rules the spec makes warn-only), and the test fails
// when a rule has neither a row in the table below nor a listed, explained exception. Adding a rule
// to db/spec/ without a passing and a failing photo therefore breaks the unit tests.
//
// Photos are made by the one-defect makers of test_photo_defects.hpp (shared with the rule tests)
// and handed to the engine as encoded files, so the file.* rules are judged like everything else.
// Each photo is made once and analysed once per distinct spec (document types whose merged specs
// hold the same rules share the analyses). Resubmission rules are judged by compare_attempts on a
// pair (the previous attempt, the new one); photo.cannot_assess, the engine's answer for a file it
// cannot read, is covered as well.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/demo/nod_morph.hpp"
#include "core/domain/doc_type.hpp"
#include "test_findings_support.hpp"
#include "test_photo_defects.hpp"

using namespace rs::findings;
using namespace rs::test::defects;
using rs::test::spec_photo;
using rs::test::SpecPose;

namespace {
using Bytes = std::vector<std::uint8_t>;

Bytes png(const cv::Mat& m) { return rs::test::encode(m, ".png"); }
Bytes jpg(const cv::Mat& m, int quality) { return rs::test::encode(m, ".jpg", quality); }

SpecPose pose(double face_width, double eye_y, double centre_x = 179, double roll_deg = 0) {
  SpecPose p;
  p.face_width = face_width;
  p.eye_y = eye_y;
  p.centre_x = centre_x;
  p.roll_deg = roll_deg;
  return p;
}

// Every photo the table names, as the file the engine is given.
const std::map<std::string, std::function<Bytes()>>& photo_makers() {
  static const std::map<std::string, std::function<Bytes()>> makers = {
      // The compliant reference, as a PNG and as JPEGs of several qualities.
      {"reference", [] { return png(ref_photo()); }},
      {"reference.jpg75", [] { return jpg(ref_photo(), 75); }},
      {"reference.jpg80", [] { return jpg(ref_photo(), 80); }},
      {"reference.jpg25", [] { return jpg(ref_photo(), 25); }},
      {"reference.jpg4", [] { return jpg(ref_photo(), 4); }},
      {"reference.rgba",
       [] {
         cv::Mat rgba;
         cv::cvtColor(ref_photo(), rgba, cv::COLOR_BGR2BGRA);
         return png(rgba);
       }},
      {"reference.truncated",
       [] {
         Bytes b = jpg(ref_photo(), 75);
         b.resize(b.size() / 2);
         return b;
       }},
      {"reference.framed_too_tight", [] { return png(framed_too_tight()); }},  // a raw upload, 318x401
      {"reference.wider",
       [] {  // 398x441: not the spec's pixel size
         cv::Mat wide;
         cv::copyMakeBorder(ref_photo(), wide, 0, 0, 20, 20, cv::BORDER_REPLICATE);
         return png(wide);
       }},
      // Geometry: the reference put into other spec poses.
      {"eyes_low", [] { return png(spec_photo(pose(207, 250))); }},      // eye line 191 px up, head top far down
      {"head_cut_off", [] { return png(spec_photo(pose(207, 110))); }},  // brows ~0.45 face widths below the top
      {"off_centre", [] { return png(spec_photo(pose(207, 214, 179 + 25))); }},
      {"face_tiny", [] { return png(spec_photo(pose(120, 214))); }},
      {"head_too_big", [] { return png(spec_photo(pose(260, 200))); }},
      {"tilted", [] { return png(spec_photo(pose(207, 214, 179, 12))); }},
      // Faces.
      {"second_face_small",
       [] {
         return png(with_face_pasted(ref_photo(), 40, {8, 10}));
       }},
      {"second_face_large",
       [] {
         return png(with_face_pasted(ref_photo(), 140, {0, 298}));
       }},
      // Pose.
      {"turned", [] { return png(squeeze_sideways(ref_photo(), 0.45)); }},
      {"nodded_down", [] { return png(rs::demo::morph(ref_photo(), ref_face(), rs::demo::nodded(ref_face(), 36))); }},
      // Exposure and lighting.
      {"dark", [] { return png(scaled(ref_photo(), 0.35, 0)); }},
      {"very_dark", [] { return png(scaled(ref_photo(), 0.12, 0)); }},
      {"bright", [] { return png(scaled(ref_photo(), 1.3, 40)); }},
      {"half_face_dark", [] { return png(half_face_dark()); }},
      {"cheek_shadow", [] { return png(cheek_shadow()); }},
      {"face_glare", [] { return png(face_glare()); }},
      {"flat_contrast", [] { return png(flat_contrast()); }},
      {"green_skin", [] { return png(green_skin()); }},
      {"blue_cast", [] { return png(blue_cast()); }},
      // Eyes, mouth, glasses.
      {"eyes_nearly_shut", [] { return png(eyes_nearly_shut()); }},
      {"dark_lenses", [] { return png(dark_lenses()); }},
      {"red_eyes", [] { return png(red_eyes()); }},
      {"teeth_covered", [] { return png(teeth_covered()); }},
      {"lips_closed", [] { return png(lips_closed()); }},
      {"glasses_frames", [] { return png(glasses_frames()); }},
      {"lens_glare", [] { return png(lens_glare()); }},
      // Hair, accessories, occlusion.
      {"ears_uncovered", [] { return png(ears_uncovered()); }},
      {"ears_covered", [] { return png(ears_covered()); }},
      {"forehead_clear", [] { return png(forehead_clear()); }},
      {"brow_covered", [] { return png(brow_covered()); }},
      {"long_hair", [] { return png(long_hair()); }},
      {"pearl_earrings", [] { return png(pearl_earrings()); }},
      {"red_hair_band", [] { return png(with_hair_band(cv::Scalar(60, 40, 210))); }},
      {"open_neckline", [] { return png(open_neckline()); }},
      {"silver_chain", [] { return png(with_chain(open_neckline(), cv::Scalar(200, 200, 205))); }},
      {"red_cap", [] { return png(red_cap()); }},
      {"navy_cap", [] { return png(navy_cap()); }},
      {"face_mask", [] { return png(face_mask()); }},
      // Background.
      {"blue_backdrop", [] { return png(blue_backdrop()); }},
      {"busy_backdrop", [] { return png(busy_backdrop()); }},
      {"blurred_scene_backdrop", [] { return png(blurred_scene_backdrop()); }},
      {"gradient_backdrop", [] { return png(gradient_backdrop()); }},
      {"backdrop_shadow_deep", [] { return png(backdrop_shadow_deep()); }},
      // Image quality.
      {"blurred", [] { return png(blurred()); }},
      {"noisy", [] { return png(noisy()); }},
      {"pixelated", [] { return png(pixelated()); }},
      {"skin_smoothed_hard", [] { return png(skin_smoothed(6.0)); }},
      // Resubmissions.
      {"retaken", [] { return png(retaken()); }},
      {"mirrored", [] { return png(mirrored()); }},
  };
  return makers;
}

// One row: a photo that must pass the rule and one that must not. For resubmission rules both are
// the new attempt compared with `previous`.
struct Row {
  const char* rule;
  const char* pass;
  const char* not_pass;
  const char* previous = nullptr;
};

const std::vector<Row>& table() {
  static const std::vector<Row> rows = {
      {"faces.count", "reference", "second_face_small"},
      {"faces.second_ratio", "second_face_small", "second_face_large"},  // a 40 px face is below the ratio's pass line
      {"file.pixel_size", "reference", "reference.wider"},
      {"geometry.face_width", "reference", "head_too_big"},  // face 260 px wide
      {"geometry.eye_line", "reference", "eyes_low"},
      {"geometry.head_top", "reference", "eyes_low"},
      {"geometry.centring", "reference", "off_centre"},
      {"pose.roll", "reference", "tilted"},
      {"lighting.face_mean", "reference", "dark"},
      {"lighting.underexposed", "reference", "very_dark"},
      {"lighting.overexposed", "reference", "bright"},
      {"quality.sharpness", "reference", "blurred"},
      {"pose.yaw", "reference", "turned"},
      {"pose.pitch", "reference", "nodded_down"},
      {"eyes.open", "reference", "eyes_nearly_shut"},
      {"eyes.visible", "reference", "dark_lenses"},
      {"eyes.red", "reference", "red_eyes"},
      {"mouth.closed", "lips_closed", "reference"},   // her smile parts the lips
      {"mouth.teeth", "teeth_covered", "reference"},  // and shows her teeth
      {"hair.eyebrows", "forehead_clear", "brow_covered"},
      {"hair.ears", "ears_uncovered", "ears_covered"},
      {"hair.shoulders", "reference", "long_hair"},
      {"accessory.earrings", "reference", "pearl_earrings"},
      {"accessory.hair_band", "reference", "red_hair_band"},
      {"accessory.necklace", "open_neckline", "silver_chain"},  // bare skin below the chin, then a chain on it
      {"accessory.head_covering", "reference", "red_cap"},
      {"accessory.hat_edge", "reference", "navy_cap"},
      {"glasses.present", "reference", "glasses_frames"},
      {"glasses.glare", "reference", "lens_glare"},
      {"face.occlusion", "reference", "face_mask"},
      {"lighting.uniformity", "reference", "half_face_dark"},
      {"lighting.face_shadow", "reference", "cheek_shadow"},
      {"lighting.glare", "reference", "face_glare"},
      {"lighting.dynamic_range", "reference", "flat_contrast"},
      {"colour.skin_natural", "reference", "green_skin"},
      {"colour.cast", "reference", "blue_cast"},
      {"background.uniformity", "reference", "busy_backdrop"},
      {"background.spread", "reference", "gradient_backdrop"},
      {"background.structure", "reference", "blurred_scene_backdrop"},
      {"background.colour", "reference", "blue_backdrop"},
      {"background.shadow", "reference", "backdrop_shadow_deep"},
      {"quality.noise", "reference", "noisy"},
      {"quality.blockiness", "reference", "reference.jpg4"},
      {"quality.pixelation", "reference", "pixelated"},
      {"retouch.skin_texture", "reference", "skin_smoothed_hard"},
      {"geometry.in_frame", "reference", "reference.framed_too_tight"},
      {"geometry.head_cut", "reference", "head_cut_off"},
      {"geometry.inter_eye", "reference", "face_tiny"},
      {"geometry.head_size", "reference", "head_too_big"},
      {"file.format", "reference.jpg75", "reference"},  // PNG
      {"file.jpeg_quality", "reference.jpg75", "reference.jpg25"},
      {"file.size", "reference.jpg75", "reference"},  // a 358x441 PNG is far beyond 60 KB
      {"file.colour_depth", "reference", "reference.rgba"},
      {"photo.cannot_assess", "reference", "reference.truncated"},
      {"resubmission.duplicate", "retaken", "reference.jpg80", "reference"},
      {"resubmission.mirrored", "retaken", "mirrored", "reference"},
  };
  return rows;
}

// Rules whose spec bands leave no failing value: the warn band holds every value the measure can
// give on a photo the engine can assess (other files are refused before any rule runs), so the
// worst an applicant's photo can get is a warning, as with a warn-only rule. Each entry names those
// values; the test checks that the spec still warns on all of them, so a spec change that lets the
// rule fail makes it ask for a failing photo.
struct WarnsAtWorst {
  const char* rule;
  std::vector<double> values;
  const char* why;
};
const std::vector<WarnsAtWorst> kWarnsAtWorst = {
    {"file.format", {0, 1}, "1 for JPEG, 0 for PNG (the only two formats decoded); pass [1,1], warn [0,1]"},
    {"file.colour_depth",
     {24, 32},
     "8 bits x channels: 24 (RGB, palette) or 32 (RGBA); greyscale and 16-bit files cannot be assessed; pass [24,24], "
     "warn [24,32]"},
};

// Rules without a row yet, each with the reason. Keep this list short and explained.
struct Exception {
  const char* rule;
  const char* why;
};
const std::vector<Exception> kExceptions = {};

// Pseudo-rule of the engine: the one finding of a photo it cannot assess (not in rule_ids()).
constexpr const char* kCannotAssess = "photo.cannot_assess";

// The merged spec of a document type, as the engine loaded it.
nlohmann::json spec_json(const std::string& doc) {
  for (const auto& s : rs::test::engine().spec_texts())
    if (s.doc_type == doc) return nlohmann::json::parse(s.text);
  FAIL("no spec text for " << doc);
  return {};
}
// The part of a spec that decides verdicts (not its name or its prose).
std::string judging_part(nlohmann::json j) {
  for (const char* k : {"doc_type", "_about", "extends"}) j.erase(k);
  return j.dump();
}

const nlohmann::json* rule_spec(const nlohmann::json& spec, const std::string& id) {
  for (const char* section : {"rules", "resubmission"})
    if (spec.contains(section) && spec[section].contains(id)) return &spec[section][id];
  return nullptr;
}

bool band_contains(const nlohmann::json& band, double v) {
  return band.is_array() && band.size() == 2 && (band[0].is_null() || v >= band[0].get<double>()) &&
         (band[1].is_null() || v <= band[1].get<double>());
}

// Photos and analyses, each made once. prefetch() makes and analyses them on every core (a spec
// pose costs a GrabCut of most of a second; the engine and the makers are thread-safe and seed
// OpenCV's per-thread random generator themselves where they use it); the checks then only read.
struct Photos {
  std::map<std::string, Bytes> bytes;
  std::map<std::pair<std::string, std::string>, Analysis> analyses;  // (doc type, photo)

  // Runs job(i) for i in [0, n) on a few threads; the first exception is rethrown here.
  static void parallel(std::size_t n, const std::function<void(std::size_t)>& job) {
    std::atomic<std::size_t> next{0};
    const unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 8u);
    std::vector<std::future<void>> workers;
    for (unsigned t = 0; t < threads; ++t)
      workers.push_back(std::async(std::launch::async, [&] {
        for (std::size_t i; (i = next++) < n;) job(i);
      }));
    for (auto& w : workers) w.get();
  }

  void prefetch(const std::vector<std::string>& docs, const std::set<std::string>& names) {
    std::vector<std::string> todo;
    for (const auto& name : names) {
      REQUIRE_MESSAGE(photo_makers().count(name), "the table names a photo no maker makes: " << name);
      if (!bytes.count(name)) todo.push_back(name);
    }
    std::vector<Bytes> made(todo.size());
    parallel(todo.size(), [&](std::size_t i) { made[i] = photo_makers().at(todo[i])(); });
    for (std::size_t i = 0; i < todo.size(); ++i) bytes.emplace(todo[i], std::move(made[i]));

    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto& doc : docs)
      for (const auto& name : names)
        if (!analyses.count({doc, name})) keys.emplace_back(doc, name);
    std::vector<Analysis> done(keys.size());
    parallel(keys.size(),
             [&](std::size_t i) { done[i] = rs::test::engine().analyse(bytes.at(keys[i].second), keys[i].first); });
    for (std::size_t i = 0; i < keys.size(); ++i) analyses.emplace(keys[i], std::move(done[i]));
  }

  const Analysis& analysis(const std::string& doc, const std::string& name) {
    if (!analyses.count({doc, name})) prefetch({doc}, {name});
    return analyses.at({doc, name});
  }
};

std::string verdicts_text(const std::vector<Finding>& fs) {
  std::string s;
  for (const auto& f : fs) s += f.rule_id + "=" + std::string(verdict_code(f.verdict)) + " ";
  return s;
}

}  // namespace

TEST_CASE("rule coverage: every rule of every document type has a photo that passes it and one that does not") {
  const auto started = std::chrono::steady_clock::now();
  const auto& eng = rs::test::engine();

  std::map<std::string, const Row*> rows;
  for (const Row& r : table()) {
    CAPTURE(r.rule);
    CHECK_MESSAGE(rows.emplace(r.rule, &r).second, "two rows for one rule");
  }
  std::set<std::string> excepted;
  for (const auto& e : kExceptions) {
    excepted.insert(e.rule);
    CHECK_MESSAGE(!rows.count(e.rule), e.rule << " has a row and an exception: remove the exception");
  }

  // Document types with the same judging spec share one set of analyses: every photo of the table is
  // made once and analysed once for each distinct spec, all up front.
  std::map<std::string, std::string> group_of_spec;  // judging part -> the document type analysed for it
  std::set<std::string> all_rules;                   // every rule id some spec runs or compares
  Photos photos;
  {
    std::vector<std::string> judged_docs;
    std::set<std::string> seen, names;
    for (const rs::DocType type : rs::all_doc_types()) {
      const std::string doc(rs::doc_type_code(type));
      if (seen.insert(judging_part(spec_json(doc))).second) judged_docs.push_back(doc);
    }
    for (const Row& r : table())
      for (const char* n : {r.pass, r.not_pass, r.previous})
        if (n) names.insert(n);
    photos.prefetch(judged_docs, names);
  }
  const double prefetch_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (const rs::DocType type : rs::all_doc_types()) {
    const std::string doc(rs::doc_type_code(type));
    CAPTURE(doc);
    const nlohmann::json spec = spec_json(doc);
    std::vector<std::string> ids = eng.rule_ids(doc);
    REQUIRE_MESSAGE(!ids.empty(), "no rules for " << doc);
    std::set<std::string> resubmission;
    const nlohmann::json resubmission_rules = spec.value("resubmission", nlohmann::json::object());
    for (const auto& [id, _] : resubmission_rules.items()) {
      ids.push_back(id);
      resubmission.insert(id);
    }
    ids.push_back(kCannotAssess);
    all_rules.insert(ids.begin(), ids.end());
    const auto [group, first] = group_of_spec.emplace(judging_part(spec), doc);
    if (!first) {
      MESSAGE(doc << " judges with the same spec as " << group->second << ": its analyses are shared");
      continue;
    }

    for (const std::string& id : ids) {
      CAPTURE(id);
      const auto row_it = rows.find(id);
      if (row_it == rows.end()) {
        if (excepted.count(id)) {
          MESSAGE("not covered (listed exception): " << id);
          continue;
        }
        FAIL_CHECK(id << " (" << doc
                      << ") has no photo that passes it and no photo that fails it: add a row to this table");
        continue;
      }
      const Row& row = *row_it->second;
      const std::string pass_photo = row.pass, bad_photo = row.not_pass;
      CAPTURE(pass_photo);
      CAPTURE(bad_photo);

      if (id == kCannotAssess) {
        const Analysis& good = photos.analysis(doc, pass_photo);
        CHECK(good.assessable);
        CHECK(rs::test::finding(good, id) == nullptr);
        const Analysis& bad = photos.analysis(doc, bad_photo);
        CHECK_FALSE(bad.assessable);
        const Finding* f = rs::test::finding(bad, id);
        CHECK(f != nullptr);
        if (f) CHECK(f->verdict == Verdict::CannotAssess);
        continue;
      }

      const nlohmann::json* rs_json = rule_spec(spec, id);
      REQUIRE_MESSAGE(rs_json != nullptr, id << " is not in " << doc << "'s spec");
      // What "does not pass" must be: a warning for warn-only rules and for those that cannot fail.
      Verdict expected_bad = rs_json->value("warn_only", false) ? Verdict::Warn : Verdict::Fail;
      for (const auto& w : kWarnsAtWorst)
        if (id == w.rule) {
          CHECK_MESSAGE(!rs_json->value("warn_only", false), id << " is warn-only now: drop it from kWarnsAtWorst");
          for (double v : w.values) {
            CAPTURE(v);
            const bool judged_pass_or_warn = band_contains(rs_json->value("warn", nlohmann::json()), v) ||
                                             band_contains(rs_json->value("pass", nlohmann::json()), v);
            CHECK_MESSAGE(judged_pass_or_warn, id << " can fail now (value " << v
                                                  << "): give it a failing photo and drop it from kWarnsAtWorst ("
                                                  << w.why << ")");
          }
          expected_bad = Verdict::Warn;
        }

      if (resubmission.count(id)) {
        REQUIRE_MESSAGE(row.previous != nullptr, id << " is a resubmission rule: its row needs the previous attempt");
        const Analysis& previous = photos.analysis(doc, row.previous);
        const auto good = eng.compare_attempts(previous, photos.analysis(doc, pass_photo), doc);
        const auto bad = eng.compare_attempts(previous, photos.analysis(doc, bad_photo), doc);
        auto verdict_in = [&](const std::vector<Finding>& fs) {
          for (const auto& f : fs)
            if (f.rule_id == id) return f.verdict;
          FAIL_CHECK("compare_attempts gave no " << id << ": " << verdicts_text(fs));
          return Verdict::CannotAssess;
        };
        CHECK(verdict_in(good) == Verdict::Pass);
        CHECK(verdict_in(bad) == expected_bad);
        continue;
      }

      const Analysis& good = photos.analysis(doc, pass_photo);
      const Analysis& bad = photos.analysis(doc, bad_photo);
      const Finding* g = rs::test::finding(good, id);
      const Finding* b = rs::test::finding(bad, id);
      CHECK_MESSAGE(g != nullptr, pass_photo << " has no finding for " << id);
      CHECK_MESSAGE(b != nullptr, bad_photo << " has no finding for " << id << " (faces: " << bad.face_count << ")");
      if (g)
        CHECK_MESSAGE(g->verdict == Verdict::Pass,
                      pass_photo << ": " << verdict_code(g->verdict) << ", value " << g->value);
      if (b)
        CHECK_MESSAGE(b->verdict == expected_bad, bad_photo << ": " << verdict_code(b->verdict) << ", value "
                                                            << b->value << ", expected " << verdict_code(expected_bad));
    }
  }

  // Rows and exceptions for rules no spec has any more are stale.
  for (const Row& r : table())
    CHECK_MESSAGE(all_rules.count(r.rule), "row for " << r.rule << ", which no spec runs: remove it");
  for (const auto& e : kExceptions)
    CHECK_MESSAGE(all_rules.count(e.rule), "exception for " << e.rule << ", which no spec runs: remove it");
  for (const auto& w : kWarnsAtWorst)
    CHECK_MESSAGE(rows.count(w.rule), w.rule << " in kWarnsAtWorst needs a row with a warning photo");

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  MESSAGE("rule coverage: " << rows.size() << " rows, " << kExceptions.size() << " exceptions, " << photos.bytes.size()
                            << " photos, " << photos.analyses.size() << " analyses, " << seconds << " s ("
                            << prefetch_seconds << " s making and analysing)");
}
