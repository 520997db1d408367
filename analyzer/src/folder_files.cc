#include "tigris/folder_files.h"

#include <algorithm>

#include "tigris/error.h"

namespace tigris {

namespace fs = std::filesystem;

std::vector<fs::path> files_below(const fs::path& dir, const std::function<bool(const fs::path&)>& accept,
                                  std::vector<FolderProblem>* problems) {
    std::vector<fs::path> files;
    std::vector<fs::path> todo{dir};
    while (!todo.empty()) {
        const fs::path folder = todo.back();
        todo.pop_back();
        std::error_code ec;
        fs::directory_iterator it(folder, ec), end;
        for (; !ec && it != end; it.increment(ec)) {
            std::error_code type_ec;
            if (fs::is_directory(it->symlink_status(type_ec))) {
                todo.push_back(it->path());
            } else if (it->is_regular_file(type_ec) && accept(it->path())) {
                files.push_back(it->path());
            }
        }
        if (ec) {
            if (!problems) throw IoError("cannot read folder " + folder.string() + ": " + ec.message());
            problems->push_back({folder.string(), "cannot read folder: " + ec.message()});
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace tigris
