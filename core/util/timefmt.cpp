#include "util/timefmt.h"

#include <cstdio>
#include <cctype>

namespace podplay {
namespace {

// Howard Hinnant's civil-from-days / days-from-civil.
void civilFromDays(int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}

int64_t daysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int year;
  unsigned month, day, hour, minute, second, weekday;
};

Civil toCivil(Time t) {
  int64_t secs = kEpochUnixSeconds + (t >= 0 ? t / 1000 : (t - 999) / 1000);
  int64_t days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  int64_t rem = secs - days * 86400;
  Civil c{};
  civilFromDays(days, c.year, c.month, c.day);
  c.hour = static_cast<unsigned>(rem / 3600);
  c.minute = static_cast<unsigned>(rem % 3600 / 60);
  c.second = static_cast<unsigned>(rem % 60);
  c.weekday = static_cast<unsigned>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
  return c;
}

}  // namespace

std::string humanDuration(Time d) {
  int64_t s = d / 1000;
  if (d < -1000) return "<invalid>";
  if (d < 0) return "0s";
  char buf[64];
  if (s < 120) {
    snprintf(buf, sizeof buf, "%llds", (long long)s);
  } else if (int64_t m = s / 60; m < 10) {
    int64_t sec = s % 60;
    if (sec == 0) snprintf(buf, sizeof buf, "%lldm", (long long)m);
    else snprintf(buf, sizeof buf, "%lldm%llds", (long long)m, (long long)sec);
  } else if (m < 60 * 3) {
    snprintf(buf, sizeof buf, "%lldm", (long long)m);
  } else if (int64_t h = s / 3600; h < 8) {
    int64_t mm = (s % 3600) / 60;
    if (mm == 0) snprintf(buf, sizeof buf, "%lldh", (long long)h);
    else snprintf(buf, sizeof buf, "%lldh%lldm", (long long)h, (long long)mm);
  } else if (h < 48) {
    snprintf(buf, sizeof buf, "%lldh", (long long)h);
  } else if (h < 24 * 8) {
    int64_t hh = h % 24;
    if (hh == 0) snprintf(buf, sizeof buf, "%lldd", (long long)(h / 24));
    else snprintf(buf, sizeof buf, "%lldd%lldh", (long long)(h / 24), (long long)hh);
  } else if (h < 24 * 365 * 2) {
    snprintf(buf, sizeof buf, "%lldd", (long long)(h / 24));
  } else if (h < 24 * 365 * 8) {
    int64_t dy = (h / 24) % 365;
    if (dy == 0) snprintf(buf, sizeof buf, "%lldy", (long long)(h / 24 / 365));
    else snprintf(buf, sizeof buf, "%lldy%lldd", (long long)(h / 24 / 365), (long long)dy);
  } else {
    snprintf(buf, sizeof buf, "%lldy", (long long)(h / 24 / 365));
  }
  return buf;
}

std::string goDuration(Time d) {
  if (d == 0) return "0s";
  std::string sign;
  if (d < 0) {
    sign = "-";
    d = -d;
  }
  char buf[64];
  if (d < 1000) {
    snprintf(buf, sizeof buf, "%lldms", (long long)d);
    return sign + buf;
  }
  int64_t h = d / kHour, m = d % kHour / kMinute, s = d % kMinute / 1000, ms = d % 1000;
  std::string secs = std::to_string(s);
  if (ms) {
    char frac[8];
    snprintf(frac, sizeof frac, "%03lld", (long long)ms);
    std::string f = frac;
    while (!f.empty() && f.back() == '0') f.pop_back();
    secs += "." + f;
  }
  std::string out = sign;
  if (h) out += std::to_string(h) + "h";
  if (h || m) out += std::to_string(m) + "m";
  return out + secs + "s";
}

std::string rfc3339(Time t) {
  Civil c = toCivil(t);
  char buf[32];
  snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02uZ", c.year, c.month, c.day, c.hour, c.minute,
           c.second);
  return buf;
}

std::string rfc1123z(Time t) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  Civil c = toCivil(t);
  char buf[48];
  snprintf(buf, sizeof buf, "%s, %02u %s %04d %02u:%02u:%02u +0000", kDays[c.weekday], c.day,
           kMonths[c.month - 1], c.year, c.hour, c.minute, c.second);
  return buf;
}

bool parseRfc3339(const std::string& s, Time& out) {
  int y;
  unsigned mo, d, h, mi, se;
  if (sscanf(s.c_str(), "%d-%u-%uT%u:%u:%u", &y, &mo, &d, &h, &mi, &se) != 6) return false;
  int64_t secs = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
  out = (secs - kEpochUnixSeconds) * 1000;
  return true;
}

bool parseDuration(const std::string& s, Time& out) {
  if (s.empty()) return false;
  // Bare number = seconds.
  bool bare = true;
  for (char c : s)
    if (!isdigit(static_cast<unsigned char>(c)) && c != '.') bare = false;
  if (bare) {
    char* end = nullptr;
    double v = strtod(s.c_str(), &end);
    if (*end) return false;
    out = static_cast<Time>(v * 1000 + 0.5);
    return true;
  }
  size_t i = 0;
  double total = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && (isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
    if (j == i) return false;
    double v = strtod(s.substr(i, j - i).c_str(), nullptr);
    size_t k = j;
    while (k < s.size() && isalpha(static_cast<unsigned char>(s[k]))) ++k;
    std::string unit = s.substr(j, k - j);
    if (unit == "ms") total += v;
    else if (unit == "s") total += v * 1000;
    else if (unit == "m") total += v * 60000;
    else if (unit == "h") total += v * 3600000;
    else if (unit == "d") total += v * 86400000;
    else return false;
    i = k;
  }
  out = static_cast<Time>(total + 0.5);
  return true;
}

}  // namespace podplay
