// Fault injection for tests: a disk that fills up. Preloaded (LD_PRELOAD) into a
// process, it lets writes to regular files (not the standard streams) through until
// TIGRIS_WRITE_LIMIT_BYTES bytes in all have been written, then writes part of the
// next request, as a full disk does, and fails every later one with ENOSPC.
#include <dlfcn.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>

namespace {

std::atomic<long long> g_written{0};  // a preloaded shim has only process state to keep

long long limit() {
    static const long long value = [] {
        const char* v = std::getenv("TIGRIS_WRITE_LIMIT_BYTES");
        return v ? std::atoll(v) : -1;
    }();
    return value;
}

bool counted(int fd) {
    if (fd <= 2 || limit() < 0) return false;
    struct stat st;
    return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

// How many of @p n bytes may go to disk now; -1 (errno ENOSPC) when none.
ssize_t allowance(int fd, size_t n) {
    if (!counted(fd)) return static_cast<ssize_t>(n);
    const long long before = g_written.fetch_add(static_cast<long long>(n));
    const long long room = limit() - before;
    if (room >= static_cast<long long>(n)) return static_cast<ssize_t>(n);
    if (room > 0) {
        g_written.fetch_sub(static_cast<long long>(n) - room);
        return static_cast<ssize_t>(room);
    }
    g_written.fetch_sub(static_cast<long long>(n));
    errno = ENOSPC;
    return -1;
}

template <typename F>
F next(const char* name) {
    return reinterpret_cast<F>(dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

ssize_t write(int fd, const void* buf, size_t n) {
    static const auto real = next<ssize_t (*)(int, const void*, size_t)>("write");
    const ssize_t ok = allowance(fd, n);
    return ok < 0 ? -1 : real(fd, buf, static_cast<size_t>(ok));
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t at) {
    static const auto real = next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
    const ssize_t ok = allowance(fd, n);
    return ok < 0 ? -1 : real(fd, buf, static_cast<size_t>(ok), at);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t at) {
    static const auto real = next<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
    const ssize_t ok = allowance(fd, n);
    return ok < 0 ? -1 : real(fd, buf, static_cast<size_t>(ok), at);
}

ssize_t writev(int fd, const struct iovec* iov, int count) {
    static const auto real = next<ssize_t (*)(int, const struct iovec*, int)>("writev");
    size_t n = 0;
    for (int i = 0; i < count; ++i) n += iov[i].iov_len;
    if (counted(fd) && allowance(fd, n) != static_cast<ssize_t>(n)) {
        errno = ENOSPC;  // all or nothing: simpler, and rare (Xapian does not use it)
        return -1;
    }
    return real(fd, iov, count);
}

}  // extern "C"
