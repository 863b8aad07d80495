// podplay core: seeded, portable randomness (splitmix64). std:: distributions are not portable
// across standard libraries, so every draw goes through these helpers.
#pragma once
#include <cstdint>
#include <string>

namespace podplay {

class Rng {
 public:
  explicit Rng(uint64_t seed = 1) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n).
  uint64_t below(uint64_t n) { return n == 0 ? 0 : next() % n; }
  // Kubernetes' utilrand.String alphabet (no vowels, no confusable digits).
  std::string suffix(int n) {
    static const char* kAlpha = "bcdfghjklmnpqrstvwxz2456789";
    std::string s;
    for (int i = 0; i < n; ++i) s += kAlpha[below(27)];
    return s;
  }
  std::string hex(int n) {
    static const char* kHex = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < n; ++i) s += kHex[below(16)];
    return s;
  }
  std::string uuid() { return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-a" + hex(3) + "-" + hex(12); }

 private:
  uint64_t s_;
};

}  // namespace podplay
