// faces.second_ratio: area of the second largest face over the largest (OFIQ "single face present").
#include "core/findings/measure.hpp"

namespace rs::findings {
namespace {
double box_area(const FaceGeometry& f) { return double(f.box[1].x - f.box[0].x) * (f.box[1].y - f.box[0].y); }

class FacesSecondRatio final : public Measure {
 public:
  std::string_view id() const override { return "faces.second_ratio"; }
  std::string_view unit() const override { return "ratio"; }
  std::string_view reason() const override { return "BACKGROUND"; }
  Finding run(const PhotoContext& ctx, const RuleSpec& rule) const override {
    const auto& faces = ctx.faces();
    const double ratio = faces.size() > 1 ? box_area(faces[1]) / std::max(1.0, box_area(faces[0])) : 0.0;
    Finding f = judged(rule, ratio);
    if (faces.size() > 1) f.geometry.push_back({ShapeKind::Rect, {faces[1].box[0], faces[1].box[1]}, fmt(ratio, 2)});
    return f;
  }
};
}  // namespace
std::unique_ptr<Measure> make_faces_second_ratio() { return std::make_unique<FacesSecondRatio>(); }
}  // namespace rs::findings
