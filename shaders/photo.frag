#version 330 core
// The photo plus switchable analysis layers, all computed per pixel on the GPU:
//   zebra       diagonal stripes on clipped pixels (near black or near white)
//   background  heat map of how far background pixels are from the reference background colour
//   face_light  inside the face: blue where it is much darker than the face mean (shadow),
//               red where it is near white (glare / specular reflection)
//   ga461       the GA 461 template of the photo's document type, from its spec (the renderer
//               passes it scaled to the photo, in photo pixels): the head-top band, the two bands
//               where the face edges must fall (the face-width band), the eye-line limit and the
//               vertical centre line
// The renderer builds two programs from this file: RS_LAYERS 0 is the plain photo (one texture
// fetch and the dimming), used whenever no layer and no pixel grid is on; RS_LAYERS 1 has it all.
#ifndef RS_LAYERS
#define RS_LAYERS 1
#endif
in vec2 v_px;
in vec2 v_uv;
out vec4 frag_color;

uniform sampler2D u_photo;
uniform vec2 u_photo_size;
uniform float u_grid_alpha;
uniform int u_zebra;
uniform int u_background;
uniform int u_face_light;
uniform int u_ga461;
uniform vec3 u_bg_ref;
uniform int u_has_face;
uniform vec4 u_face_box;   // min.xy, max.xy in photo pixels
uniform float u_face_luma;
uniform float u_dim;
uniform vec2 u_frame_scale;    // photo px per spec frame px
uniform vec2 u_head_top_band;  // rows: the top of the head must fall between them
uniform vec2 u_face_edges;     // offsets from the centre line: each face edge must fall between them
uniform float u_eye_limit;     // row: the eyes must be above it

#if RS_LAYERS
const vec3 LUMA = vec3(0.299, 0.587, 0.114);

// 0..1: how far (in ellipse radii) a pixel is from the face centre.
float face_ellipse(vec2 px, vec2 grow) {
  vec2 c = 0.5 * (u_face_box.xy + u_face_box.zw);
  vec2 r = 0.5 * (u_face_box.zw - u_face_box.xy) * grow;
  vec2 d = (px - c) / max(r, vec2(1.0));
  return length(d);
}

// A band of `width` screen pixels around photo coordinate `at` along one axis.
float line_mask(float coord, float at, float px_per_screen, float width) {
  return 1.0 - smoothstep(0.0, width * px_per_screen, abs(coord - at));
}

vec3 heat(float t) {  // yellow -> orange -> red
  return mix(vec3(1.0, 0.95, 0.2), vec3(0.95, 0.1, 0.05), clamp(t, 0.0, 1.0));
}

vec3 apply_template(vec3 c, vec2 px, vec2 fw) {
  vec3 green = vec3(0.15, 0.85, 0.35);
  vec3 cyan = vec3(0.1, 0.8, 1.0);
  // Head-top band: the top of the head must fall between its rows.
  if (px.y >= u_head_top_band.x && px.y <= u_head_top_band.y) c = mix(c, green, 0.28);
  // Face edge bands: each edge of a centred face of the face-width band's width.
  float dx = abs(px.x - 0.5 * u_photo_size.x);
  if (dx >= u_face_edges.x && dx <= u_face_edges.y) c = mix(c, green, 0.22);
  float edges = max(line_mask(dx, u_face_edges.x, fw.x, 1.0), line_mask(dx, u_face_edges.y, fw.x, 1.0));
  edges = max(edges, max(line_mask(px.y, u_head_top_band.x, fw.y, 1.0), line_mask(px.y, u_head_top_band.y, fw.y, 1.0)));
  c = mix(c, green, edges * 0.9);
  // Eye-line limit: the eyes must be above this line.
  c = mix(c, cyan, line_mask(px.y, u_eye_limit, fw.y, 1.5) * 0.95);
  // Centre line, dashed every 8 frame pixels.
  if (mod(px.y, 8.0 * u_frame_scale.y) < 4.0 * u_frame_scale.y) c = mix(c, cyan, line_mask(px.x, 0.5 * u_photo_size.x, fw.x, 1.0) * 0.8);
  return c;
}

#endif

void main() {
  vec3 c = texture(u_photo, v_uv).rgb;
#if RS_LAYERS
  vec2 fw = fwidth(v_px);  // photo pixels per screen pixel, for constant-width lines
  float y = dot(c, LUMA);

  if (u_background == 1) {
    bool is_bg = true;
    if (u_has_face == 1) {
      // Background = outside an enlarged head ellipse and above the chin (below it: shoulders).
      vec2 head_c = vec2(0.5 * (u_face_box.x + u_face_box.z), u_face_box.y + 0.25 * (u_face_box.w - u_face_box.y));
      vec2 head_r = vec2(0.85, 1.15) * (u_face_box.zw - u_face_box.xy);
      is_bg = length((v_px - head_c) / max(head_r, vec2(1.0))) > 1.0 && v_px.y < u_face_box.w;
    }
    if (is_bg) {
      float d = length(c - u_bg_ref) / 1.732;
      float a = smoothstep(0.03, 0.25, d);
      c = mix(c, heat(d * 3.0), 0.75 * a);
    }
  }

  if (u_face_light == 1 && u_has_face == 1 && face_ellipse(v_px, vec2(0.9, 1.0)) < 1.0) {
    float rel = y - u_face_luma;
    float shadow = smoothstep(0.10, 0.30, -rel);
    float glare = smoothstep(0.88, 0.97, y);
    c = mix(c, vec3(0.1, 0.35, 1.0), 0.7 * shadow);
    c = mix(c, vec3(1.0, 0.15, 0.1), 0.8 * glare);
  }

  if (u_ga461 == 1) c = apply_template(c, v_px, fw);

  if (u_zebra == 1) {
    bool stripe = mod(gl_FragCoord.x + gl_FragCoord.y, 10.0) < 5.0;
    if (y >= 0.98 && stripe) c = vec3(1.0, 0.0, 0.6);       // blown highlights: magenta
    else if (y <= 0.02 && stripe) c = vec3(0.0, 0.6, 1.0);  // crushed shadows: blue
  }

  if (u_grid_alpha > 0.0) {
    vec2 f = fract(v_px);
    vec2 g = step(f, fw);  // one screen pixel at each pixel's left/top edge
    c = mix(c, vec3(0.5), u_grid_alpha * max(g.x, g.y));
  }
#endif

  c *= 1.0 - u_dim;
  frag_color = vec4(c, 1.0);
}
