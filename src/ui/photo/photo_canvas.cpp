#include "ui/photo/photo_canvas.hpp"

#include <algorithm>
#include <cstdint>

namespace rs::ui {

void PhotoCanvas::callback(const ImDrawList*, const ImDrawCmd* cmd) {
  auto* slot = static_cast<Slot*>(cmd->UserCallbackData);
  const ImDrawData* dd = ImGui::GetDrawData();
  if (!dd || !slot) return;
  gfx::PhotoDrawParams p = slot->params;
  ImVec2 pos = dd->DisplayPos, sc = dd->FramebufferScale;
  float fb_h = dd->DisplaySize.y * sc.y;
  float x0 = (cmd->ClipRect.x - pos.x) * sc.x, y0 = (cmd->ClipRect.y - pos.y) * sc.y;
  float x1 = (cmd->ClipRect.z - pos.x) * sc.x, y1 = (cmd->ClipRect.w - pos.y) * sc.y;
  if (x1 <= x0 || y1 <= y0) return;
  p.scissor[0] = int(x0);
  p.scissor[1] = int(fb_h - y1);  // GL's scissor origin is bottom-left
  p.scissor[2] = int(x1 - x0);
  p.scissor[3] = int(y1 - y0);
  p.display_pos[0] = pos.x;
  p.display_pos[1] = pos.y;
  p.display_size[0] = dd->DisplaySize.x;
  p.display_size[1] = dd->DisplaySize.y;
  slot->renderer->draw(p);
}

void PhotoCanvas::draw(ImDrawList* dl, const gfx::GlTexture& tex, const review::ViewTransform& xf, ImVec2 origin,
                       ImVec2 clip_min, ImVec2 clip_max, gfx::PhotoDrawParams params) {
  if (!tex) return;
  dl->PushClipRect(clip_min, clip_max, true);
  if (renderer_.ok() && used_ < int(slots_.size())) {
    params.texture = tex.id();
    params.photo_w = tex.width();
    params.photo_h = tex.height();
    params.screen_from_photo = review::to_matrix(xf, {origin.x, origin.y});
    params.pixelated = xf.scale >= 3.0;
    params.minified = xf.scale < 1.0;
    if (params.minified) tex.ensure_mipmaps();  // before the draw list runs: GL state, main thread
    params.pixel_grid_alpha = xf.scale >= 14.0 ? float(std::min(0.6, (xf.scale - 14.0) / 20.0 + 0.3)) : 0.0f;
    slots_[std::size_t(used_)] = {&renderer_, params};
    dl->AddCallback(&PhotoCanvas::callback, &slots_[std::size_t(used_)]);
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    ++used_;
  } else {
    // Fallback without layers: ImGui's textured quad, UVs swapped when mirrored.
    review::Vec2 a = review::photo_to_view(xf, {0, 0}),
                 b = review::photo_to_view(xf, {double(tex.width()), double(tex.height())});
    ImVec2 pmin{origin.x + float(std::min(a.x, b.x)), origin.y + float(a.y)};
    ImVec2 pmax{origin.x + float(std::max(a.x, b.x)), origin.y + float(b.y)};
    ImVec2 uv0 = xf.mirrored ? ImVec2(1, 0) : ImVec2(0, 0), uv1 = xf.mirrored ? ImVec2(0, 1) : ImVec2(1, 1);
    dl->AddImage(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex.id())), pmin, pmax, uv0, uv1);
  }
  dl->PopClipRect();
}

}  // namespace rs::ui
