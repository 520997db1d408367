// Helpers of the server tests: a tigris server on a free loopback port over its own
// index, and raw sockets for what an HTTP client library will not send.
#pragma once

#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <httplib.h>

namespace tigris::server_test {

namespace fs = std::filesystem;

/// An index to serve as it is (a stub of remote shards, say), rather than one built.
struct ExistingIndex {
    std::string path;
};

/// Indexes @p corpus into its own folder and starts "tigris serve --port 0 ARGS";
/// stops it (SIGTERM) at the end.
class Server {
  public:
    explicit Server(const std::string& name, const std::string& corpus = std::string(TIGRIS_FIXTURES) + "/variants.jsonl",
                    const std::vector<std::string>& args = {"--threads", "4"}) {
        make_dir(name);
        index_ = dir_ + "/index";
        const std::string cmd = std::string(TIGRIS_BINARY) + " index --quiet --index " + index_ + " " + corpus + " 2>/dev/null";
        REQUIRE(std::system(cmd.c_str()) == 0);
        launch(args);
    }
    /// Serves @p index as it is: "tigris serve --index PATH --port 0 ARGS".
    Server(const std::string& name, const ExistingIndex& index, const std::vector<std::string>& args) {
        make_dir(name);
        index_ = index.path;
        launch(args);
    }
    ~Server() {
        if (pid_ > 0) stop();
        fs::remove_all(dir_);
    }
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    int stop() {
        if (pid_ <= 0) return -1;  // never kill(-1): that signals every process
        kill(pid_, SIGTERM);
        int st = 0;
        waitpid(pid_, &st, 0);
        pid_ = -1;
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    httplib::Client client() const { return httplib::Client("127.0.0.1", port_); }
    int port() const { return port_; }
    const std::string& index() const { return index_; }
    const std::string& dir() const { return dir_; }

  private:
    void make_dir(const std::string& name) {
        dir_ = std::string(TIGRIS_TEST_DIR) + "/" + name + "-" + std::to_string(getpid());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }

    // Starts the server and reads its port from the line it prints when it listens; a
    // server that prints none is stopped before the test fails.
    void launch(const std::vector<std::string>& args) {
        int out[2];
        REQUIRE(pipe(out) == 0);
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM);  // the test process died: stop too
            dup2(out[1], STDOUT_FILENO);
            close(out[0]);
            std::vector<const char*> argv = {TIGRIS_BINARY, "serve", "--index", index_.c_str(), "--port", "0"};
            for (const auto& a : args) argv.push_back(a.c_str());
            argv.push_back(nullptr);
            execv(TIGRIS_BINARY, const_cast<char* const*>(argv.data()));
            _exit(127);
        }
        close(out[1]);
        FILE* f = fdopen(out[0], "r");
        char line[256] = {};
        const bool listening = fgets(line, sizeof line, f) != nullptr;  // "listening on http://127.0.0.1:PORT/"
        fclose(f);
        if (!listening) stop();
        REQUIRE(listening);
        const std::string text(line);
        port_ = std::stoi(text.substr(text.rfind(':') + 1));
    }

    std::string dir_, index_;
    pid_t pid_ = -1;
    int port_ = 0;
};

/// A raw TCP connection to the server, closed at the end.
class Connection {
  public:
    explicit Connection(int port) {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    }
    ~Connection() {
        if (fd_ >= 0) close(fd_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    Connection(Connection&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }

    bool send(const std::string& data) {
        std::size_t done = 0;
        while (done < data.size()) {
            const ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
            if (n <= 0) return false;
            done += static_cast<std::size_t>(n);
        }
        return true;
    }

    /// What arrives within @p timeout_ms, until the server closes (closed() is then true)
    /// or until @p enough bytes have come.
    std::string receive(int timeout_ms, std::size_t enough = static_cast<std::size_t>(-1)) {
        std::string got;
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        while (got.size() < enough) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now());
            if (left.count() <= 0) break;
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
            char buf[65536];
            const ssize_t n = recv(fd_, buf, sizeof buf, 0);
            if (n <= 0) {
                closed_ = true;
                break;
            }
            got.append(buf, static_cast<std::size_t>(n));
        }
        return got;
    }

    /// One whole response (headers and a Content-Length body).
    std::string response(int timeout_ms) {
        std::string got;
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        while (std::chrono::steady_clock::now() < end && !closed_) {
            const std::size_t head = got.find("\r\n\r\n");
            if (head != std::string::npos) {
                const std::size_t cl = got.find("Content-Length: ");
                const std::size_t length = cl < head ? std::stoul(got.substr(cl + 16)) : 0;
                if (got.size() >= head + 4 + length) {
                    pending_ = got.substr(head + 4 + length);
                    return got.substr(0, head + 4 + length);
                }
            }
            got += pending_ + receive(50);
            pending_.clear();
        }
        return got;
    }

    bool closed() const { return closed_; }

  private:
    int fd_ = -1;
    bool closed_ = false;
    std::string pending_;
};

/// "GET PATH HTTP/1.1" with a Host header and @p extra header lines.
inline std::string get_request(const std::string& path, const std::string& extra = "") {
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

}  // namespace tigris::server_test
