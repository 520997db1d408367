#include "tigris/dates.h"

namespace tigris {

namespace {

bool digits(std::string_view s) {
    for (const char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return !s.empty();
}

int number(std::string_view s) {
    int n = 0;
    for (const char c : s) n = n * 10 + (c - '0');
    return n;
}

int days_in_month(int year, int month) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string two_digits(int n) { return std::string(1, static_cast<char>('0' + n / 10)) + static_cast<char>('0' + n % 10); }

}  // namespace

std::string period_bound(std::string_view text, bool last_day) {
    const std::size_t n = text.size();
    if (n != 4 && n != 7 && n != 10) return "";
    if (!digits(text.substr(0, 4))) return "";
    const int year = number(text.substr(0, 4));
    int month = last_day ? 12 : 1;
    if (n >= 7) {
        if (text[4] != '-' || !digits(text.substr(5, 2))) return "";
        month = number(text.substr(5, 2));
        if (month < 1 || month > 12) return "";
    }
    int day = last_day ? days_in_month(year, month) : 1;
    if (n == 10) {
        if (text[7] != '-' || !digits(text.substr(8, 2))) return "";
        day = number(text.substr(8, 2));
        if (day < 1 || day > days_in_month(year, month)) return "";
    }
    return std::string(text.substr(0, 4)) + two_digits(month) + two_digits(day);
}

bool valid_day(std::string_view text) { return text.size() == 10 && !period_bound(text, false).empty(); }

}  // namespace tigris
