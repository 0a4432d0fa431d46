#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_intake into tests/fuzz/corpus/ (python3 standard library only).

Deterministic: the same bases give byte-identical seeds. The crafted files are the hostile headers
of issue 13 (wrapped and huge EXIF IFD offsets, huge IFD entry counts, orientation 0 and 99, empty
and short EXIF, a 65500x65500 frame, PNG of 0x0 and 2^31 pixels, a chunk length near 2^32,
truncations) built around small valid images, so that a fuzzer mutating them starts one byte away
from the parsers' edges.

The JPEG bases are committed in the corpus (valid-*.jpg, valid-*.png made from them would be too
big): small, low-quality copies of two public-domain portraits that Debian ships (astronaut.png from
python3-skimage, grace_hopper.jpg from python-matplotlib-data), made with ImageMagick by the commands
in BASES when missing. The PNGs are written here with zlib. Files named crash-* are inputs the
fuzzer once crashed on, found-* small inputs a fuzzing run found new paths with; this script never
writes or deletes them.

    python3 tests/fuzz/make_seeds.py [CORPUS_DIR]
"""
import os
import struct
import subprocess
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
HOPPER = "/usr/share/matplotlib/mpl-data/sample_data/grace_hopper.jpg"
ASTRONAUT = "/usr/lib/python3/dist-packages/skimage/data/astronaut.png"

# name -> ImageMagick arguments (only run when the committed base is missing).
BASES = {
    "valid-hopper-64.jpg": [HOPPER, "-resize", "64x", "-quality", "50", "-strip"],
    "valid-hopper-358x441.jpg": [HOPPER, "-resize", "358x441^", "-gravity", "center",
                                 "-extent", "358x441", "-quality", "30", "-strip"],
    "valid-astronaut-358x441.jpg": [ASTRONAUT, "-resize", "358x441^", "-gravity", "north",
                                    "-extent", "358x441", "-quality", "30", "-strip"],
}


def base(corpus, name):
    path = os.path.join(corpus, name)
    if not os.path.exists(path):
        subprocess.run(["convert", *BASES[name], path], check=True)
    with open(path, "rb") as f:
        return f.read()


# ---- JPEG ----

def jpeg_segments(data):
    """(marker, payload) for each header segment up to and including SOS, then the rest."""
    assert data[:2] == b"\xff\xd8"
    at, segs = 2, []
    while True:
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        segs.append((marker, data[at + 4:at + 2 + length]))
        at += 2 + length
        if marker == 0xDA:
            return segs, data[at:]


def jpeg_join(segs, scan):
    out = bytearray(b"\xff\xd8")
    for marker, payload in segs:
        out += bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload
    return bytes(out + scan)


def with_app1(jpeg, payload):
    """The JPEG with an APP1 segment holding payload right after SOI."""
    segs, scan = jpeg_segments(jpeg)
    return jpeg_join([(0xE1, payload)] + segs, scan)


def tiff(le, ifd_offset, entries=b"", count=None, tail=b""):
    """A TIFF header with IFD0 at ifd_offset; at offset 8 an IFD of `count` entries (given bytes)."""
    e = "<" if le else ">"
    head = (b"II*\x00" if le else b"MM\x00*") + struct.pack(e + "I", ifd_offset)
    n = len(entries) // 12 if count is None else count
    return head + struct.pack(e + "H", n) + entries + struct.pack(e + "I", 0) + tail


def ifd_entry(le, tag, typ, count, value):
    e = "<" if le else ">"
    if typ == 3:  # SHORT: value left-justified in the 4-byte field
        return struct.pack(e + "HHIHH", tag, typ, count, value, 0)
    return struct.pack(e + "HHII", tag, typ, count, value)


def exif(tiff_bytes):
    return b"Exif\x00\x00" + tiff_bytes


def with_sof(jpeg, width=None, height=None, precision=None, components=None):
    segs, scan = jpeg_segments(jpeg)
    out = []
    for marker, p in segs:
        if marker == 0xC0:
            p = bytearray(p)
            if precision is not None:
                p[0] = precision
            if height is not None:
                p[1:3] = struct.pack(">H", height)
            if width is not None:
                p[3:5] = struct.pack(">H", width)
            if components is not None:
                p[5] = components
            p = bytes(p)
        out.append((marker, p))
    return jpeg_join(out, scan)


def jpeg_seeds(small):
    s = {}
    for le, tag in ((True, "le"), (False, "be")):
        # The wrapped bounds check of issue 13: ifd + 2 overflows 32 bits.
        s[f"exif-ifd-fffffffe-{tag}.jpg"] = with_app1(small, exif(tiff(le, 0xFFFFFFFE, tail=b"\0" * 8)))
        s[f"exif-ifd-ffffffff-{tag}.jpg"] = with_app1(small, exif(tiff(le, 0xFFFFFFFF, tail=b"\0" * 8)))
        s[f"exif-ifd-huge-80000000-{tag}.jpg"] = with_app1(small, exif(tiff(le, 0x80000000, tail=b"\0" * 8)))
        s[f"exif-ifd-huge-fff0-{tag}.jpg"] = with_app1(small, exif(tiff(le, 0xFFF0, tail=b"\0" * 8)))
        # IFD offset on the last byte: its 2-byte count runs one byte past the end.
        t = tiff(le, 0, tail=b"")
        s[f"exif-ifd-at-end-{tag}.jpg"] = with_app1(small, exif(t[:4] + struct.pack("<I" if le else ">I", len(t) - 1) + t[8:]))
        # 0xFFFF entries announced, one present.
        one = ifd_entry(le, 0x0112, 3, 1, 1)
        s[f"exif-entries-ffff-{tag}.jpg"] = with_app1(small, exif(tiff(le, 8, one, count=0xFFFF)))
        for value in (0, 99, 6, 1):
            s[f"exif-orientation-{value}-{tag}.jpg"] = with_app1(small, exif(tiff(le, 8, ifd_entry(le, 0x0112, 3, 1, value))))
        # Orientation tag with a wrong type (LONG) and a huge count.
        s[f"exif-orientation-long-{tag}.jpg"] = with_app1(small, exif(tiff(le, 8, ifd_entry(le, 0x0112, 4, 0xFFFFFFFF, 3))))
        # A next-IFD offset (IFD1) that wraps, after a normal IFD0.
        t = tiff(le, 8, ifd_entry(le, 0x0112, 3, 1, 1))
        s[f"exif-next-ifd-wrapped-{tag}.jpg"] = with_app1(small, exif(t[:-4] + struct.pack("<I" if le else ">I", 0xFFFFFFFE)))
    s["exif-empty.jpg"] = with_app1(small, b"Exif\x00\x00")
    s["exif-no-payload.jpg"] = with_app1(small, b"")
    s["exif-short-10.jpg"] = with_app1(small, b"Exif\x00\x00II*\x00")
    s["exif-short-13.jpg"] = with_app1(small, b"Exif\x00\x00II*\x00\x08\x00\x00")
    s["exif-bad-byte-order.jpg"] = with_app1(small, exif(b"XX*\x00\x08\x00\x00\x00\x00\x00\x00\x00\x00\x00"))
    s["sof-65500x65500.jpg"] = with_sof(small, 65500, 65500)
    s["sof-0x0.jpg"] = with_sof(small, 0, 0)
    s["sof-12000x12001.jpg"] = with_sof(small, 12000, 12001)
    s["sof-16bit.jpg"] = with_sof(small, precision=16)
    s["sof-cmyk-claim.jpg"] = with_sof(small, components=4)
    s["sof-0-components.jpg"] = with_sof(small, components=0)
    segs, scan = jpeg_segments(small)
    # A segment whose length runs past the end, and lengths 0 and 1 (below the length field's own 2).
    s["segment-past-end.jpg"] = b"\xff\xd8\xff\xe0\xff\xf0JFIF\x00" + b"\0" * 16
    s["segment-length-0.jpg"] = b"\xff\xd8\xff\xe0\x00\x00" + small[2:]
    s["segment-length-1.jpg"] = b"\xff\xd8\xff\xe0\x00\x01" + small[2:]
    s["fill-bytes-only.jpg"] = b"\xff\xd8" + b"\xff" * 64
    # DQT: a 16-bit table, and a table cut short.
    dqt16 = bytes([0x10]) + b"".join(struct.pack(">H", 0xFFFF - i) for i in range(64))
    s["dqt-16bit.jpg"] = jpeg_join([(0xDB, dqt16)] + segs, scan)
    s["dqt-short.jpg"] = jpeg_join([(0xDB, b"\x00" + b"\x01" * 10)] + segs, scan)
    s["sof-twice.jpg"] = jpeg_join(segs[:1] + [seg for seg in segs if seg[0] == 0xC0] + segs[1:], scan)
    s["no-eoi.jpg"] = small[:-2]
    # Truncations of the small valid JPEG: inside SOI, inside headers, before and inside the scan.
    header_end = len(small) - len(scan)
    for cut in (2, 3, 4, 11, 20, header_end - 1, header_end, header_end + 16, len(small) // 2, len(small) - 1):
        s[f"truncated-jpeg-{cut:05d}.jpg"] = small[:cut]
    return s


# ---- PNG ----

def chunk(kind, data, length=None):
    n = len(data) if length is None else length
    return struct.pack(">I", n) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def ihdr(width, height, depth=8, colour=2, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, interlace))


SIG = b"\x89PNG\r\n\x1a\n"


def png(width, height, rows, depth=8, colour=2, extra=b"", interlace=0):
    """rows: raw scanlines, each already prefixed with its filter byte."""
    return SIG + ihdr(width, height, depth, colour, interlace) + extra + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def rgb_rows(width, height):
    """A colourful gradient (a grey picture is refused, and the fuzzer should reach the engine)."""
    out = bytearray()
    for y in range(height):
        out.append(0)
        for x in range(width):
            out += bytes(((x * 4) & 255, (y * 4) & 255, ((x + y) * 2) & 255))
    return bytes(out)


def png_seeds():
    s = {}
    w, h = 48, 40
    rows = rgb_rows(w, h)
    valid = png(w, h, rows)
    s["valid-gradient-48x40.png"] = valid
    s["png-0x0.png"] = SIG + ihdr(0, 0) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    s["png-2p31x1.png"] = SIG + ihdr(2**31, 1) + chunk(b"IDAT", zlib.compress(rows[:1 + 3 * w])) + chunk(b"IEND", b"")
    s["png-1x2p31.png"] = SIG + ihdr(1, 2**31) + chunk(b"IDAT", zlib.compress(b"\0\1\2\3")) + chunk(b"IEND", b"")
    s["png-2p31x2p31.png"] = SIG + ihdr(2**31, 2**31) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")
    s["png-ffffffff-wide.png"] = SIG + ihdr(0xFFFFFFFF, 1) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")
    s["png-50000x50000.png"] = SIG + ihdr(50000, 50000) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    for le, tag in ((True, "le"), (False, "be")):
        exif_ifd = tiff(le, 0xFFFFFFFE, tail=b"\0" * 8)
        s[f"png-exif-ifd-fffffffe-{tag}.png"] = png(w, h, rows, extra=chunk(b"eXIf", exif_ifd))
        s[f"png-exif-entries-ffff-{tag}.png"] = png(w, h, rows, extra=chunk(b"eXIf", tiff(le, 8, ifd_entry(le, 0x0112, 3, 1, 1), count=0xFFFF)))
        s[f"png-exif-orientation-99-{tag}.png"] = png(w, h, rows, extra=chunk(b"eXIf", tiff(le, 8, ifd_entry(le, 0x0112, 3, 1, 99))))
    s["png-exif-empty.png"] = png(w, h, rows, extra=chunk(b"eXIf", b""))
    s["png-exif-short.png"] = png(w, h, rows, extra=chunk(b"eXIf", b"II*\x00"))
    # A chunk whose length field is near 2^32 (offset + 12 + length wraps a 32-bit sum).
    idat = chunk(b"IDAT", zlib.compress(rows, 9))
    for n in (0xFFFFFFF4, 0xFFFFFFFF, 0x7FFFFFFF):
        s[f"png-chunk-length-{n:08x}.png"] = SIG + ihdr(w, h) + chunk(b"tEXt", b"a\0b", length=n) + idat + chunk(b"IEND", b"")
    s["png-exif-length-fffffff4.png"] = SIG + ihdr(w, h) + chunk(b"eXIf", b"II*\x00", length=0xFFFFFFF4) + idat + chunk(b"IEND", b"")
    s["png-bad-crc.png"] = valid[:29] + b"\0\0\0\0" + valid[33:]
    s["png-ihdr-not-first.png"] = SIG + chunk(b"tEXt", b"k\0v") + valid[8:]
    s["png-no-ihdr.png"] = SIG + idat + chunk(b"IEND", b"")
    s["png-idat-garbage.png"] = SIG + ihdr(w, h) + chunk(b"IDAT", b"\x78\x9c" + bytes(range(256))) + chunk(b"IEND", b"")
    # Valid but unusual formats: every one must decode or be refused with a cause, never crash.
    grey = bytes(b for y in range(h) for b in [0] + [(x * 5) & 255 for x in range(w)])
    s["png-grey.png"] = png(w, h, grey, colour=0)
    s["png-16bit.png"] = png(w, h, bytes(b for y in range(h) for b in [0] + [(x * 7) & 255 for x in range(6 * w)]), depth=16)
    rgba = bytes(b for y in range(h) for b in [0] + [v for x in range(w) for v in ((x * 4) & 255, (y * 6) & 255, 90, 200)])
    s["png-rgba.png"] = png(w, h, rgba, colour=6)
    palette = chunk(b"PLTE", bytes(v for i in range(16) for v in (i * 16, 255 - i * 16, (i * 40) & 255)))
    pal_rows = bytes(b for y in range(h) for b in [0] + [((x + y) // 3) & 15 for x in range(w)])
    s["png-palette.png"] = png(w, h, pal_rows, colour=3, extra=palette)
    s["png-palette-missing-plte.png"] = png(w, h, pal_rows, colour=3)
    s["png-1bit-rgb-claim.png"] = png(w, h, rows, depth=1)
    s["png-interlaced.png"] = png(w, h, rows, interlace=1)
    s["png-filters.png"] = png(w, h, bytes(b for y in range(h) for b in [y % 5] + list(rows[y * (1 + 3 * w) + 1:(y + 1) * (1 + 3 * w)])))
    s["png-no-iend.png"] = valid[:-12]
    for cut in (8, 16, 29, 33, 45, len(valid) // 2, len(valid) - 13, len(valid) - 1):
        s[f"truncated-png-{cut:05d}.png"] = valid[:cut]
    return s


def other_seeds():
    return {
        "empty.jpg": b"",
        "text-named-jpg.jpg": "order_no,name\nA-0001,张三\nA-0002,李四\n".encode("utf-8"),
        "gif-header.jpg": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",
        "bmp-header.png": b"BM" + b"\0" * 52,
        "tiff-header.jpg": tiff(True, 8, ifd_entry(True, 0x0100, 3, 1, 64)),
        "webp-header.jpg": b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\0" * 24,
        "pdf-header.png": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        "jpeg-soi-only.jpg": b"\xff\xd8\xff",
        "png-signature-only.png": SIG,
    }


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "corpus")
    os.makedirs(corpus, exist_ok=True)
    small = base(corpus, "valid-hopper-64.jpg")
    for name in BASES:
        base(corpus, name)
    seeds = {**jpeg_seeds(small), **png_seeds(), **other_seeds()}
    for name, data in sorted(seeds.items()):
        with open(os.path.join(corpus, name), "wb") as f:
            f.write(data)
    total = sum(len(d) for d in seeds.values())
    print(f"make_seeds: {len(seeds)} crafted seeds ({total} bytes) + {len(BASES)} bases in {corpus}")


if __name__ == "__main__":
    main()
