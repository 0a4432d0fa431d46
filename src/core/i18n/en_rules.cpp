// English table, section "rules": the same keys as zh_cn_rules.cpp (the name of every rule the
// engine reports, and the causes of "cannot assess"). A rule added there needs its English here;
// tests/unit/test_i18n.cpp says which one is missing.
#include <string_view>
#include <utility>
#include <vector>

namespace rs::detail {
const std::vector<std::pair<std::string_view, std::string_view>>& en_rules_table() {
  static const std::vector<std::pair<std::string_view, std::string_view>> t = {
      // ---- faces and geometry (GA 461) ----
      {"rule.faces.count", "Number of faces"},
      {"rule.faces.second_ratio", "Second face size ratio"},
      {"rule.file.pixel_size", "Pixel size deviation"},
      {"rule.geometry.face_width", "Face width"},
      {"rule.geometry.eye_line", "Eye line above bottom edge"},
      {"rule.geometry.head_top", "Head top below top edge"},
      {"rule.geometry.centring", "Horizontal centring"},
      {"rule.geometry.in_frame", "Whole head in frame"},
      {"rule.geometry.head_cut", "Head cut by the top edge"},
      {"rule.geometry.inter_eye", "Distance between the eyes"},
      {"rule.geometry.head_size", "Head size"},
      // ---- pose, eyes, mouth ----
      {"rule.pose.roll", "Head tilt (roll)"},
      {"rule.pose.yaw", "Head turn (yaw)"},
      {"rule.pose.pitch", "Head up/down (pitch)"},
      {"rule.eyes.open", "Both eyes open"},
      {"rule.eyes.visible", "Eyes visible"},
      {"rule.eyes.red", "Red eye"},
      {"rule.mouth.closed", "Mouth closed"},
      {"rule.mouth.teeth", "Teeth showing"},
      // ---- hair, accessories, occlusion ----
      {"rule.hair.eyebrows", "Hair covers the eyebrows"},
      {"rule.hair.ears", "Hair covers the ears"},
      {"rule.hair.shoulders", "Hair covers the shoulders"},
      {"rule.accessory.earrings", "Earrings or jewellery"},
      {"rule.accessory.head_covering", "Hat or head covering"},
      {"rule.accessory.hat_edge", "Hat brim or headscarf edge"},
      {"rule.accessory.hair_band", "Hair band or hair clip"},
      {"rule.accessory.necklace", "Necklace or chain"},
      {"rule.glasses.present", "Glasses worn"},
      {"rule.glasses.glare", "Glare on lenses"},
      {"rule.face.occlusion", "Face covered"},
      // ---- lighting and colour ----
      {"rule.lighting.face_mean", "Face brightness"},
      {"rule.lighting.underexposed", "Face under-exposed"},
      {"rule.lighting.overexposed", "Face over-exposed"},
      {"rule.lighting.uniformity", "Even lighting, left and right"},
      {"rule.lighting.face_shadow", "Shadow on the face"},
      {"rule.lighting.glare", "Reflection on the face"},
      {"rule.lighting.dynamic_range", "Dynamic range"},
      {"rule.colour.skin_natural", "Natural skin tone"},
      {"rule.colour.cast", "Colour cast"},
      // ---- background ----
      {"rule.background.uniformity", "Background uniformity"},
      {"rule.background.spread", "Uneven background colour (gradient)"},
      {"rule.background.structure", "Objects or scenery in the background"},
      {"rule.background.colour", "Background colour"},
      {"rule.background.shadow", "Shadow on the background"},
      // ---- image quality and retouching ----
      {"rule.quality.sharpness", "Sharpness"},
      {"rule.quality.noise", "Noise"},
      {"rule.quality.blockiness", "Compression blocks"},
      {"rule.quality.pixelation", "Pixelation (upscaled)"},
      {"rule.retouch.skin_texture", "Over-beautified (skin texture)"},
      // ---- file ----
      {"rule.file.format", "File format"},
      {"rule.file.jpeg_quality", "JPEG quality"},
      {"rule.file.size", "File size"},
      {"rule.file.colour_depth", "Colour depth"},
      // ---- resubmission ----
      {"rule.resubmission.duplicate", "Same as the previous photo"},
      {"rule.resubmission.mirrored", "Mirror image of the previous photo"},
      // ---- cannot assess ----
      {"rule.photo.cannot_assess", "Cannot assess"},
      {"cannot_assess.empty", "Empty file (0 bytes)"},
      {"cannot_assess.not_image", "Not an image file"},
      {"cannot_assess.format", "Unsupported image format (JPEG and PNG only)"},
      {"cannot_assess.truncated", "Incomplete file (truncated)"},
      {"cannot_assess.corrupt", "File is corrupt"},
      {"cannot_assess.cmyk", "CMYK colour mode (must be 24-bit RGB)"},
      {"cannot_assess.bit_depth", "Wrong bit depth (must be 8 bits per channel)"},
      {"cannot_assess.greyscale", "Greyscale photo (must be in colour)"},
      {"cannot_assess.exif_rotated", "EXIF rotation flag set: the pixels are not upright"},
      {"cannot_assess.too_large", "Image dimensions too large (possible decompression bomb)"},
      {"cannot_assess.doc_type", "Unknown document type"},
      {"cannot_assess.other", "Cannot assess"},
      // what a measure could not judge (findings/cause.hpp)
      {"cannot_assess.not_in_spec_frame", "Not in the spec frame; crop the photo first"},
      {"cannot_assess.face_too_small", "Face too small"},
      {"cannot_assess.no_skin_reference", "Cheeks not visible, no skin reference"},
      {"cannot_assess.cheeks_hidden", "Cheeks not visible"},
      {"cannot_assess.no_skin_colour", "No skin colour to compare with"},
      {"cannot_assess.skin_or_eyes_hidden", "Skin or eyes not visible"},
      {"cannot_assess.half_face_hidden", "One half of the face is not visible"},
      {"cannot_assess.eyes_too_close", "Eyes too close together to measure"},
      {"cannot_assess.eyes_too_small", "Eyes too small"},
      {"cannot_assess.crown_too_small", "Crown too small"},
      {"cannot_assess.too_little_neck", "Too little neck below the chin"},
      {"cannot_assess.no_background_around_head", "No background visible around the head"},
      {"cannot_assess.too_little_background", "Too little background beside the head"},
      {"cannot_assess.no_clean_background", "No clean background to judge the colour balance"},
      {"cannot_assess.background_too_dark", "Background too dark to judge the colour balance"},
      {"cannot_assess.no_flat_area", "No flat area to measure noise on"},
      {"cannot_assess.pose_fit_failed", "Pose fit failed"},
      {"cannot_assess.not_jpeg", "Not a JPEG"},
      {"cannot_assess.dark_face_lit_photo", "The rest of the photo is exposed normally: dark skin or a back light?"},
      {"cannot_assess.hair_or_dark_cap", "Dark and grainy above the edge: a hairline or a dark cap?"},
      {"cannot_assess.flat_bright_skin",
       "Large flat bright patches on the skin: blown out, or smoothed (make-up, a filter)?"},
      {"cannot_assess.hair_touches_top", "Hair reaches the top edge: cut off or only touching it?"},
      {"cannot_assess.no_hair_colour", "No hair to read its colour from"},
      {"cannot_assess.hair_like_skin", "The hair is the colour of the skin: ears and hair cannot be told apart"},
      {"cannot_assess.hair_like_background", "The hair is the colour of the background: where it ends cannot be seen"},
      {"cannot_assess.no_ears_seen", "Neither ears nor hair over them can be seen beside the face"},
      {"cannot_assess.head_tilted", "The head leans too far to read beside it"},
      {"cannot_assess.head_turned", "The head is turned too far to measure by the face"},
      {"cannot_assess.dark_cover_or_beard", "The lower face is dark: a full beard, a shadow or a dark cover?"},
      {"cannot_assess.skin_past_jaw", "Skin runs on past the jaw line: a hand on the cheek, or the neck?"},
  };
  return t;
}
}  // namespace rs::detail
