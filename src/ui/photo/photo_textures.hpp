#pragma once
// GL textures for the decoded photos: the order on screen (and its rejected attempt) and the
// prefetched order behind it, keyed by the decoded image they were made from. The prefetched
// order's photos are uploaded while the reviewer still looks at the current one, so the frame
// after a decision swaps textures instead of uploading. Main (GL) thread only.
#include <initializer_list>
#include <memory>
#include <vector>

#include "core/review/display_image.hpp"
#include "gfx/gl_texture.hpp"

namespace rs::ui {

class PhotoTextureSet {
 public:
  using Image = std::shared_ptr<const review::RgbaImage>;

  // Uploads the wanted images that have no texture yet and frees the textures of images no
  // longer wanted (null entries are ignored).
  void keep(std::initializer_list<Image> wanted);
  // The texture made from `image`; an empty texture when there is none.
  const gfx::GlTexture& of(const Image& image) const;
  int uploads() const { return uploads_; }  // textures created so far (tests, bench notes)

 private:
  struct Entry {
    Image image;  // held, so a freed image's address is never mistaken for an uploaded one
    gfx::GlTexture texture;
  };
  std::vector<Entry> entries_;
  gfx::GlTexture empty_;
  int uploads_ = 0;
};

}  // namespace rs::ui
