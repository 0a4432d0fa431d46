// faces.count: exactly one face must be found. Carries the face boxes and the 68 landmarks.
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
class FacesCount final : public Measure {
 public:
  std::string_view id() const override { return "faces.count"; }
  std::string_view unit() const override { return "faces"; }
  std::string_view reason() const override { return "FEATURES_HIDDEN"; }
  bool needs_face() const override { return false; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    Finding f = judged(rule, static_cast<double>(ctx.faces().size()));
    if (ctx.faces().size() > 1) f.reason_code = "BACKGROUND";  // another face near the applicant
    if (ctx.faces().empty()) f.detail = "no face found; face-dependent rules were not run";
    if (ctx.has_turned_face())
      f.detail = "the face is in profile: rules that need the eyes, nose and mouth were not run";
    for (std::size_t i = 0; i < ctx.faces().size(); ++i) {
      const auto& face = ctx.faces()[i];
      f.geometry.push_back({ShapeKind::Rect, {face.box[0], face.box[1]}, i == 0 ? "" : "#" + std::to_string(i + 1)});
    }
    if (ctx.has_face()) f.geometry.push_back(points_shape(ctx.face().landmarks));
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_faces_count() { return std::make_unique<FacesCount>(); }
}  // namespace rs::findings
