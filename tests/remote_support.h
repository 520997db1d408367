// Helpers of the tests of remote shards: xapian-tcpsrv on a free loopback port, stopped,
// paused and restarted at will, and killed with its whole process group at the end, also
// when a test fails (destructors) or the test process dies (the parent-death signal).
#pragma once

#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

namespace tigris::remote_test {

/// True when xapian-tcpsrv is on the PATH (Debian: xapian-tools).
inline bool have_tcpsrv() { return std::system("command -v xapian-tcpsrv >/dev/null 2>&1") == 0; }

/// A free TCP port on 127.0.0.1 (the kernel's pick; free again once closed).
inline int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    close(fd);
    return ntohs(addr.sin_port);
}

/// Whether something accepts connections on 127.0.0.1:@p port.
inline bool accepts(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return ok;
}

/// xapian-tcpsrv serving one shard on 127.0.0.1, in a process group of its own (it
/// forks a child per connection); the group is killed when this goes.
class ShardServer {
  public:
    explicit ShardServer(std::string shard) : shard_(std::move(shard)) {
        // Another process may take the kernel's free port first: try a few.
        for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) launch(free_port());
        REQUIRE(pid_ > 0);
    }
    ~ShardServer() { stop(); }
    ShardServer(const ShardServer&) = delete;
    ShardServer& operator=(const ShardServer&) = delete;

    int port() const { return port_; }
    bool running() const { return pid_ > 0 && accepts(port_); }
    /// "127.0.0.1:PORT".
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

    /// Kills the server and every connection it serves.
    void stop() {
        if (pid_ <= 0) return;  // never kill(-1) or kill(0)
        resume();
        kill(-pid_, SIGTERM);
        waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
    /// Starts it again on the same port.
    void restart() {
        stop();
        launch(port_);
        REQUIRE(pid_ > 0);
    }
    /// Freezes the server and its connections (SIGSTOP): a shard that does not answer.
    void pause() {
        if (pid_ > 0 && !paused_) paused_ = kill(-pid_, SIGSTOP) == 0;
    }
    void resume() {
        if (pid_ > 0 && paused_) kill(-pid_, SIGCONT);
        paused_ = false;
    }

  private:
    // Starts xapian-tcpsrv on @p port; pid_ stays -1 when it does not listen.
    void launch(int port) {
        port_ = port;
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            setpgid(0, 0);
            prctl(PR_SET_PDEATHSIG, SIGTERM);  // the test process died: stop too
            // Its messages (a broken pipe when stopped mid-answer) are not the test's.
            const int null = open("/dev/null", O_WRONLY);
            dup2(null, STDOUT_FILENO);
            dup2(null, STDERR_FILENO);
            const std::string p = std::to_string(port);
            execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", p.c_str(),
                   shard_.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        setpgid(pid, pid);  // also here: the group exists before any kill(-pid)
        for (int i = 0; i < 200; ++i) {
            if (waitpid(pid, nullptr, WNOHANG) == pid) return;  // could not bind: exited
            if (accepts(port)) {
                pid_ = pid;
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
        kill(-pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }

    std::string shard_;
    int port_ = 0;
    pid_t pid_ = -1;
    bool paused_ = false;
};

}  // namespace tigris::remote_test
