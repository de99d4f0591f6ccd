#pragma once
// A scratch directory removed at the end of the test, with a helper to write files into it.
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

struct temp_dir {
  std::filesystem::path path;

  temp_dir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() /
           ("smartcopy-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string write(const std::string& name, const std::string& content) const {
    const auto file = path / name;
    std::ofstream(file) << content;
    return file.string();
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};
