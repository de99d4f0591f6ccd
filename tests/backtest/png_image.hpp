#pragma once
// Decodes the PNG screenshots headless Chromium writes (8-bit RGB or RGBA, not interlaced), so a
// test can look at the pixels of a rendered page. zlib's inflate is loaded at run time from
// libz.so.1 (always present on Debian): the test executables are not linked against zlib.
#include <dlfcn.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

struct png_image {
  std::uint32_t width = 0;
  std::uint32_t height = 0;
  std::vector<std::array<std::uint8_t, 3>> pixels;  // RGB, row by row

  const std::array<std::uint8_t, 3>& at(std::uint32_t x, std::uint32_t y) const {
    return pixels[static_cast<std::size_t>(y) * width + x];
  }
};

namespace png_detail {

inline std::uint32_t big_endian(const std::string& s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<std::uint8_t>(s[at])) << 24 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(s[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(s[at + 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<std::uint8_t>(s[at + 3]));
}

/// zlib's uncompress(): the concatenated IDAT chunks are one zlib stream.
inline std::vector<std::uint8_t> inflate(const std::string& stream, std::size_t size) {
  using uncompress_fn =
      int (*)(unsigned char*, unsigned long*, const unsigned char*, unsigned long);
  void* zlib = ::dlopen("libz.so.1", RTLD_NOW);
  if (!zlib) throw std::runtime_error("png: cannot load libz.so.1");
  const auto uncompress = reinterpret_cast<uncompress_fn>(::dlsym(zlib, "uncompress"));
  if (!uncompress) throw std::runtime_error("png: libz.so.1 has no uncompress");
  std::vector<std::uint8_t> out(size);
  unsigned long out_size = size;
  const int rc = uncompress(out.data(), &out_size,
                            reinterpret_cast<const unsigned char*>(stream.data()), stream.size());
  ::dlclose(zlib);
  if (rc != 0 || out_size != size) throw std::runtime_error("png: corrupt image data");
  return out;
}

/// The Paeth predictor of the PNG specification (filter type 4).
inline std::uint8_t paeth(int a, int b, int c) {
  const int p = a + b - c;
  const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  return static_cast<std::uint8_t>(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

}  // namespace png_detail

/// Reads `path`; throws std::runtime_error on anything but an 8-bit RGB/RGBA, non-interlaced PNG.
inline png_image read_png(const std::string& path) {
  using namespace png_detail;
  std::ifstream in(path, std::ios::binary);
  const std::string file{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (file.size() < 33 || file.compare(0, 8, "\x89PNG\r\n\x1a\n") != 0)
    throw std::runtime_error("png: " + path + " is not a PNG file");
  png_image img;
  int channels = 0;
  std::string idat;
  for (std::size_t at = 8; at + 8 <= file.size();) {
    const std::uint32_t length = big_endian(file, at);
    const std::string type = file.substr(at + 4, 4);
    if (at + 12 + length > file.size()) throw std::runtime_error("png: truncated chunk " + type);
    const std::size_t data = at + 8;
    if (type == "IHDR") {
      img.width = big_endian(file, data);
      img.height = big_endian(file, data + 4);
      const int depth = file[data + 8], colour = file[data + 9], interlace = file[data + 12];
      if (depth != 8 || (colour != 2 && colour != 6) || interlace != 0)
        throw std::runtime_error("png: only 8-bit RGB/RGBA non-interlaced images are read");
      channels = colour == 2 ? 3 : 4;
    } else if (type == "IDAT") {
      idat += file.substr(data, length);
    }
    at += 12 + length;
  }
  if (channels == 0 || img.width == 0 || img.height == 0)
    throw std::runtime_error("png: no image header");
  const std::size_t stride = static_cast<std::size_t>(img.width) * channels;
  std::vector<std::uint8_t> raw = inflate(idat, (stride + 1) * img.height);
  std::vector<std::uint8_t> prev(stride, 0), row(stride);
  img.pixels.reserve(static_cast<std::size_t>(img.width) * img.height);
  for (std::uint32_t y = 0; y < img.height; ++y) {
    const std::uint8_t filter = raw[y * (stride + 1)];
    const std::uint8_t* line = &raw[y * (stride + 1) + 1];
    for (std::size_t i = 0; i < stride; ++i) {
      const int a = i >= static_cast<std::size_t>(channels) ? row[i - channels] : 0;
      const int b = prev[i];
      const int c = i >= static_cast<std::size_t>(channels) ? prev[i - channels] : 0;
      const int predictor = filter == 0   ? 0
                            : filter == 1 ? a
                            : filter == 2 ? b
                            : filter == 3 ? (a + b) / 2
                                          : paeth(a, b, c);
      if (filter > 4) throw std::runtime_error("png: unknown filter type");
      row[i] = static_cast<std::uint8_t>(line[i] + predictor);
    }
    for (std::size_t x = 0; x < img.width; ++x)
      img.pixels.push_back({row[x * channels], row[x * channels + 1], row[x * channels + 2]});
    prev.swap(row);
  }
  return img;
}
