#include "ui/photo/photo_textures.hpp"

#include <algorithm>

namespace rs::ui {

void PhotoTextureSet::keep(std::initializer_list<Image> wanted) {
  auto is_wanted = [&](const Image& img) { return std::find(wanted.begin(), wanted.end(), img) != wanted.end(); };
  std::erase_if(entries_, [&](const Entry& e) { return !is_wanted(e.image); });
  for (const Image& img : wanted) {
    if (!img) continue;
    bool have = std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.image == img; });
    if (have) continue;
    entries_.push_back({img, gfx::GlTexture::from_rgba(img->width, img->height, img->pixels.data())});
    ++uploads_;
  }
}

const gfx::GlTexture& PhotoTextureSet::of(const Image& image) const {
  if (!image) return empty_;
  for (const Entry& e : entries_)
    if (e.image == image) return e.texture;
  return empty_;
}

}  // namespace rs::ui
